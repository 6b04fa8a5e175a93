"""The one loader through which tests and benchmarks read the corpus.

The corpus is described by ``corpus/manifest.json`` (see its ``about`` field); a manifest may
``include`` further manifests of the same schema (paths relative to each manifest's folder).

>>> corpus = load_corpus()                                  # doctest: +SKIP
>>> [d.name for d in corpus.clean()]                        # doctest: +SKIP
['001_b6afe49ff503ef9c.txt', '002_3086c8488f3bd921.txt', ...]
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

ROLES = ("damaged", "clean")
FORMATS = ("text", "markdown")


class CorpusError(ValueError):
    """A manifest that cannot be read or does not describe the corpus correctly."""


@dataclass(frozen=True)
class CorpusDocument:
    """One file of the corpus, as its manifest entry describes it."""

    name: str  # path relative to the corpus root, with '/' separators
    path: Path
    role: str
    format: str = "text"
    reference: str | None = None  # name of the clean reference of a damaged document
    channel: str | None = None  # how the damage was made (extractor, OCR, simulator ...)
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    def raw_text(self) -> str:
        """The file's exact contents."""
        return self.path.read_text(encoding="utf-8")

    def text(self) -> str:
        """The text the document stands for: Markdown is read as the text it renders to, and a
        text written one paragraph per line (``"paragraphs": "lines"``) gets blank lines between."""
        raw = self.raw_text()
        if self.format == "markdown":
            from textfix.markdown_text import markdown_to_text

            return markdown_to_text(raw, double_escaped=self.meta.get("markdown_escapes") == "double")
        if self.meta.get("paragraphs") == "lines":
            from textfix.score import lines_as_paragraphs

            return lines_as_paragraphs(raw)
        return raw


@dataclass(frozen=True)
class Corpus:
    root: Path
    documents: tuple[CorpusDocument, ...]

    def get(self, name: str) -> CorpusDocument:
        for document in self.documents:
            if document.name == name:
                return document
        raise KeyError(f"{name!r} is not in the corpus at {self.root}")

    def clean(self) -> list[CorpusDocument]:
        return [d for d in self.documents if d.role == "clean"]

    def damaged(self) -> list[CorpusDocument]:
        return [d for d in self.documents if d.role == "damaged"]

    def pairs(self) -> list[tuple[CorpusDocument, CorpusDocument]]:
        """(damaged input, its clean reference) for every damaged document."""
        return [(d, self.get(d.reference)) for d in self.damaged()]


def default_root() -> Path:
    """``$TEXTFIX_CORPUS``, else the ``corpus/`` folder of the source checkout, else ``./corpus``."""
    if env := os.environ.get("TEXTFIX_CORPUS"):
        return Path(env)
    beside_package = Path(__file__).resolve().parent.parent / "corpus"
    if (beside_package / "manifest.json").is_file():
        return beside_package
    return Path.cwd() / "corpus"


def load_corpus(root: str | os.PathLike | None = None) -> Corpus:
    root = Path(root) if root is not None else default_root()
    documents: list[CorpusDocument] = []
    _read_manifest(root / "manifest.json", root, documents, seen=set())
    corpus = Corpus(root, tuple(documents))
    for document in corpus.damaged():
        if document.reference is None:
            raise CorpusError(f"{document.name}: a damaged document needs a 'reference'")
        try:
            corpus.get(document.reference)
        except KeyError:
            raise CorpusError(f"{document.name}: its reference {document.reference!r} is not in the corpus") from None
    return corpus


def _read_manifest(manifest: Path, root: Path, out: list[CorpusDocument], seen: set[Path]) -> None:
    manifest = manifest.resolve()
    if manifest in seen:
        raise CorpusError(f"{manifest}: included twice")
    seen.add(manifest)
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise CorpusError(f"{manifest}: cannot read the manifest: {error}") from None
    folder = manifest.parent
    prefix = folder.relative_to(root.resolve()).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    for entry in data.get("documents", []):
        out.append(_document(entry, folder, prefix, manifest))
    for included in data.get("include", []):
        _read_manifest(folder / included, root, out, seen)


def _document(entry: dict, folder: Path, prefix: str, manifest: Path) -> CorpusDocument:
    try:
        file, role = entry["file"], entry["role"]
    except KeyError as missing:
        raise CorpusError(f"{manifest}: an entry lacks {missing}: {entry}") from None
    fmt = entry.get("format", "text")
    if role not in ROLES or fmt not in FORMATS:
        raise CorpusError(f"{manifest}: {file}: role must be one of {ROLES} and format one of {FORMATS}")
    path = folder / file
    if not path.is_file():
        raise CorpusError(f"{manifest}: {file}: no such file")
    reference = entry.get("reference")
    known = {"file", "role", "format", "reference", "channel"}
    return CorpusDocument(
        name=prefix + file,
        path=path,
        role=role,
        format=fmt,
        reference=(prefix + reference) if reference else None,
        channel=entry.get("channel"),
        meta={k: v for k, v in entry.items() if k not in known},
    )
