"""Ray Data: repair a text column of a ``ray.data.Dataset`` with ``map_batches``.

    pip install 'textfix[ray]'

    import ray
    from textfix.ray import TextRepairer, repair_dataset

    ds = ray.data.read_parquet("s3://bucket/extracted/")
    ds = repair_dataset(ds, text_column="text", workers=8)
    # the same, spelled out:
    ds = ds.map_batches(TextRepairer, fn_constructor_kwargs={"text_column": "text"},
                        compute=ray.data.ActorPoolStrategy(size=8), batch_format="pandas")

:class:`TextRepairer` is a callable class, so Ray builds one per actor and keeps it: the lexicon
is loaded once per worker, in ``__init__``, not once per batch. It takes a batch in any of Ray's
formats (a dict of NumPy arrays, a pandas DataFrame or a PyArrow Table) and returns it with

- the repaired text in ``output_column`` (default: the text column itself, as a cleaning step
  does; name another column to keep the original),
- the number of edits in ``edits_column`` (None to leave it out),
- the damage assessment (:func:`textfix.assess`), one column per figure named
  ``assessment_prefix + figure`` (``textfix_unknown_share_after`` ...; None to leave it out,
  which saves about a sixth of the time).

A missing text (None, or NaN in pandas) gives a missing repair and figures. This module does not
import Ray itself: the class works on plain batches, and Ray is needed only to run a Dataset.
"""

from __future__ import annotations

import math
from typing import Any

from textfix.assess import Assessment, assess_repair
from textfix.config import Config
from textfix.lexicon import default_lexicon
from textfix.pipeline import repair

_FIGURES = tuple(
    f"{name}_{when}" for name in ("words", "unknown_words", "unknown_share", "wrapped_lines",
                                  "hyphenated_line_ends", "merged_words", "furniture_lines")
    for when in ("before", "after")
)


class TextRepairer:
    """Repair one text column of each batch; see the module docstring for the columns it adds."""

    def __init__(self, text_column: str = "text", output_column: str | None = None,
                 edits_column: str | None = "textfix_edits", assessment_prefix: str | None = "textfix_",
                 profile: str = "default", enable: tuple[str, ...] = (), disable: tuple[str, ...] = ()):
        self.text_column = text_column
        self.output_column = output_column or text_column
        self.edits_column = edits_column
        self.assessment_prefix = assessment_prefix
        self.config = Config.for_profile(profile, enable=enable, disable=disable)
        self.lexicon = default_lexicon()  # once per Ray worker: this object lives as long as its actor

    def __call__(self, batch):
        texts = _column(batch, self.text_column)
        columns = self.repair_texts(texts)
        return _with_columns(batch, columns)

    def repair_texts(self, texts: list) -> dict[str, list]:
        """The output columns, as lists, for a list of texts."""
        repaired, edits, figures = [], [], {name: [] for name in self._figure_columns()}
        for row, text in enumerate(texts):
            if _missing(text):
                repaired.append(None)
                edits.append(None)
                for values in figures.values():
                    values.append(None)
                continue
            if not isinstance(text, str):
                raise TypeError(f"textfix: column {self.text_column!r} holds {type(text).__name__} at row {row}; "
                                "expected text")
            result = repair(text, self.config, lexicon=self.lexicon)
            repaired.append(result.text)
            edits.append(len(result.edits))
            if figures:
                self._add_figures(figures, assess_repair(result, lexicon=self.lexicon))
        columns = {self.output_column: repaired}
        if self.edits_column:
            columns[self.edits_column] = edits
        columns.update(figures)
        return columns

    def _figure_columns(self) -> list[str]:
        return [self.assessment_prefix + name for name in _FIGURES] if self.assessment_prefix else []

    def _add_figures(self, figures: dict[str, list], assessment: Assessment) -> None:
        values = assessment.as_dict()
        for name in _FIGURES:
            figures[self.assessment_prefix + name].append(values[name])


def repair_dataset(dataset, *, workers: int | tuple[int, int] | None = None, batch_size: int | None = 64,
                   **options: Any):
    """``dataset.map_batches`` with a :class:`TextRepairer` built from ``options`` (its keyword
    arguments), on a pool of ``workers`` actors (a number, or a (min, max) range to autoscale;
    Ray's default when None)."""
    from ray.data import ActorPoolStrategy

    if isinstance(workers, tuple):
        compute = ActorPoolStrategy(min_size=workers[0], max_size=workers[1])
    else:
        compute = ActorPoolStrategy(size=workers) if workers else ActorPoolStrategy()
    return dataset.map_batches(TextRepairer, fn_constructor_kwargs=options, compute=compute,
                               batch_size=batch_size, batch_format="pandas")


def _missing(value) -> bool:
    """None, NaN (pandas' gap in an object column) or pandas.NA."""
    if value is None or type(value).__name__ == "NAType":
        return True
    return isinstance(value, float) and math.isnan(value)


def _column(batch, name: str) -> list:
    try:
        if hasattr(batch, "column_names") and hasattr(batch, "column"):  # pyarrow.Table
            return batch.column(name).to_pylist()
        return list(batch[name])  # a pandas DataFrame, or a dict of arrays or lists
    except KeyError:
        raise KeyError(f"textfix: the batch has no column {name!r}") from None


def _with_columns(batch, columns: dict[str, list]):
    if hasattr(batch, "column_names") and hasattr(batch, "set_column"):  # pyarrow.Table
        import pyarrow

        for name, values in columns.items():
            array = pyarrow.array(values)
            if name in batch.column_names:
                batch = batch.set_column(batch.column_names.index(name), name, array)
            else:
                batch = batch.append_column(name, array)
        return batch
    if hasattr(batch, "assign"):  # pandas.DataFrame
        return batch.assign(**columns)
    out = dict(batch)
    for name, values in columns.items():
        out[name] = _array(values)
    return out


def _array(values: list):
    try:
        import numpy
    except ImportError:  # a dict of lists from a caller without numpy (Ray always has it): lists back
        return list(values)
    # Text, or a column with gaps, goes into an object array: a fixed-width '<U..' array would pad
    # every text to the longest, and a float array would turn a missing count into NaN.
    if any(value is None or isinstance(value, str) for value in values):
        return numpy.array(values, dtype=object)
    return numpy.array(values)
