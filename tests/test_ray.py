"""textfix.ray: the TextRepairer batch class, and a Dataset on a local Ray cluster."""

from __future__ import annotations

import pytest

import textfix
from textfix.ray import TextRepairer

TEXTS = ["The econo-\nmic ties of the US-\nMexico partners.", "A hard-wrapped\nline of text.", "Clean text.\n"]


def test_a_dict_of_numpy_arrays_gains_the_output_columns():
    numpy = pytest.importorskip("numpy")
    batch = {"id": numpy.arange(4), "body": numpy.array([*TEXTS, None], dtype=object)}
    out = TextRepairer(text_column="body", output_column="fixed")(batch)
    assert list(out["body"][:3]) == TEXTS  # the input column is kept
    assert list(out["fixed"]) == [*(textfix.fix(text) for text in TEXTS), None]
    assert list(out["textfix_edits"]) == [*(len(textfix.repair(t).edits) for t in TEXTS), None]
    assessment = textfix.assess(TEXTS[0]).as_dict()
    assert out["textfix_wrapped_lines_before"][0] == assessment["wrapped_lines_before"]
    assert out["textfix_unknown_share_after"][3] is None
    assert list(out["id"]) == [0, 1, 2, 3]


def test_a_pandas_frame_is_repaired_in_place_by_default():
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame({"text": [*TEXTS, None]})
    out = TextRepairer(assessment_prefix=None, edits_column="n")(frame)
    assert list(out.columns) == ["text", "n"]
    assert out["text"].tolist()[:3] == [textfix.fix(text) for text in TEXTS]
    assert out["text"].isna().tolist() == [False, False, False, True]


def test_a_pyarrow_table():
    pyarrow = pytest.importorskip("pyarrow")
    out = TextRepairer(output_column="fixed", assessment_prefix="a_")(pyarrow.table({"text": TEXTS}))
    assert out.column("fixed").to_pylist() == [textfix.fix(text) for text in TEXTS]
    assert "a_merged_words_after" in out.column_names


def test_a_wrong_column_or_type_is_a_clear_error():
    with pytest.raises(KeyError, match="no column 'body'"):
        TextRepairer(text_column="body")({"text": ["x"]})
    with pytest.raises(TypeError, match="column 'text' holds int at row 1"):
        TextRepairer()({"text": ["x", 3]})


def test_configuration_reaches_the_repair():
    out = TextRepairer(profile="layout", assessment_prefix=None)({"text": ["Merkel spoke. Merkelnoted it."]})
    assert list(out["text"]) == ["Merkel spoke. Merkelnoted it.\n"]  # layout: no word is split


@pytest.fixture(scope="module")
def ray_cluster():
    ray = pytest.importorskip("ray")
    pytest.importorskip("ray.data")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    yield ray
    ray.shutdown()


def test_a_dataset_on_a_local_ray_cluster(ray_cluster):
    from textfix.ray import repair_dataset

    dataset = ray_cluster.data.from_items([{"id": i, "text": text} for i, text in enumerate(TEXTS * 10)])
    repaired = repair_dataset(dataset, text_column="text", output_column="repaired", workers=2, batch_size=7)
    rows = sorted(repaired.take_all(), key=lambda row: row["id"])
    assert [row["repaired"] for row in rows] == [textfix.fix(text) for text in TEXTS * 10]
    assert [row["text"] for row in rows] == TEXTS * 10
    assert rows[0]["textfix_edits"] == len(textfix.repair(TEXTS[0]).edits)
    assert rows[1]["textfix_wrapped_lines_before"] == 1 and rows[1]["textfix_wrapped_lines_after"] == 0


def test_map_batches_with_the_class_and_numpy_batches(ray_cluster):
    dataset = ray_cluster.data.from_items([{"text": text} for text in TEXTS])
    repaired = dataset.map_batches(TextRepairer, fn_constructor_kwargs={"assessment_prefix": None},
                                   compute=ray_cluster.data.ActorPoolStrategy(size=1), batch_format="numpy")
    assert sorted(row["text"] for row in repaired.take_all()) == sorted(textfix.fix(text) for text in TEXTS)
