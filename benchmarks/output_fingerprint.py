"""Fingerprint textfix's outputs, to prove that a speed change altered nothing.

    python benchmarks/output_fingerprint.py OUT.json [--inputs INPUTS.pickle.gz]
    python benchmarks/output_fingerprint.py --compare A.json B.json

The inputs are every document of the corpus (``load_corpus().documents``, ``.text()``) and
simulated damage (every channel of :data:`textfix.simulate.CHANNELS`, seeds ``SEEDS``) on the
clean texts. ``OUT.json`` gets one SHA-256 over everything plus per-document hashes, in sections:

- ``chain``: ``textfix.repair`` (text and edits). This also changes when someone edits a layout
  fixer, so it does not isolate a speed change on its own.
- ``frozen_chain``: the same, but every fixer not under test (:data:`FROZEN`) replays the changes
  it proposed when ``INPUTS`` was captured, so only the fixers under test, the edit log and the
  pipeline can make a difference. A document whose frozen fixer sees an input it has no
  recording for is reported as ``diverged`` (an upstream output changed).
- ``fixer:NAME``: each fixer under test run directly, ``propose(text, Document(doc_text))``, on
  the exact inputs it received in the chain when ``INPUTS`` was captured.
- ``direct:NAME``: each word fixer run on the raw document, ``propose(text, Document(text))``.

``--only SECTIONS``: compute only these sections (comma-separated), for a quick check.

``--inputs FILE``: the recorded inputs; captured from the current code when the file does not
exist (take it once, before a change, and reuse it afterwards). Without it, only ``chain`` and
``direct:*`` are computed.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import textfix  # noqa: E402
from textfix.corpus import load_corpus  # noqa: E402
from textfix.document import Document  # noqa: E402
from textfix.fixers import FIXER_NAMES, fixer_module  # noqa: E402
from textfix.simulate import CHANNELS, simulate_channel  # noqa: E402

SEEDS = (0, 1, 2)
UNDER_TEST = ("unicode", "broken_ligatures", "split_merged_words", "ocr_confusions")
FROZEN = tuple(name for name in FIXER_NAMES if name not in UNDER_TEST)
WORD_FIXERS = ("broken_ligatures", "split_merged_words", "ocr_confusions")


def inputs() -> list[tuple[str, str]]:
    """(name, text) of every input, in a stable order."""
    corpus = load_corpus()
    out = [(d.name, d.text()) for d in corpus.documents]
    for document in corpus.clean():
        clean = document.text()
        for channel in sorted(CHANNELS):
            for seed in SEEDS:
                out.append((f"sim/{channel}/{seed}/{document.name}", simulate_channel(clean, channel, seed=seed)))
    return out


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode("utf-8")).hexdigest()


def _repair_digest(result) -> str:
    return _digest([result.text, [e.as_dict() for e in result.edits]])


def _changes_digest(changes) -> str:
    return _digest([list(c) for c in changes])


def capture(docs) -> dict:
    """For every document: each fixer's (input text, document text, proposed changes)."""
    recorded: dict[str, dict[str, tuple]] = {}
    originals = {name: fixer_module(name).propose for name in FIXER_NAMES}
    current: dict[str, tuple] = {}

    def recorder(name):
        def propose(text, document, **options):
            changes = originals[name](text, document, **options)
            current[name] = (text, document.text if document is not None else None, list(map(tuple, changes)))
            return changes

        return propose

    try:
        for name in FIXER_NAMES:
            fixer_module(name).propose = recorder(name)
        for doc_name, text in docs:
            current = {}
            textfix.repair(text)
            recorded[doc_name] = current
    finally:
        for name, propose in originals.items():
            fixer_module(name).propose = propose
    return recorded


class _Diverged(Exception):
    pass


def frozen_chain(docs, recorded) -> dict[str, str]:
    """``textfix.repair`` with the FROZEN fixers replaying their recorded changes."""
    from textfix.edits import Change

    originals = {name: fixer_module(name).propose for name in FROZEN}

    def replay(name, doc_name):
        def propose(text, document, **options):
            entry = recorded[doc_name].get(name)
            if entry is None or entry[0] != text:
                raise _Diverged(name)
            return [Change(*c) for c in entry[2]]

        return propose

    out = {}
    try:
        for doc_name, text in docs:
            for name in FROZEN:
                fixer_module(name).propose = replay(name, doc_name)
            try:
                out[doc_name] = _repair_digest(textfix.repair(text))
            except _Diverged as error:
                out[doc_name] = f"diverged at {error}"
    finally:
        for name, propose in originals.items():
            fixer_module(name).propose = propose
    return out


def fingerprint(inputs_path: str | None, only: set[str] | None = None) -> dict:
    docs = inputs()
    sections: dict[str, dict[str, str]] = {}
    timings: dict[str, float] = {}

    def wanted(section: str) -> bool:
        return only is None or section in only

    if wanted("chain"):
        started = time.perf_counter()
        sections["chain"] = {name: _repair_digest(textfix.repair(text)) for name, text in docs}
        timings["chain"] = time.perf_counter() - started

    for fixer in WORD_FIXERS:
        if not wanted(f"direct:{fixer}"):
            continue
        module = fixer_module(fixer)
        started = time.perf_counter()
        sections[f"direct:{fixer}"] = {name: _changes_digest(module.propose(text, Document(text))) for name, text in docs}
        timings[f"direct:{fixer}"] = time.perf_counter() - started

    if inputs_path:
        path = Path(inputs_path)
        if path.exists():
            recorded = pickle.loads(gzip.decompress(path.read_bytes()))
        else:
            recorded = capture(docs)
            path.write_bytes(gzip.compress(pickle.dumps(recorded, protocol=pickle.HIGHEST_PROTOCOL)))
        for fixer in UNDER_TEST:
            if not wanted(f"fixer:{fixer}"):
                continue
            module = fixer_module(fixer)
            started = time.perf_counter()
            section = {}
            for name, _ in docs:
                entry = recorded.get(name, {}).get(fixer)
                if entry is None:
                    section[name] = "not recorded"
                    continue
                text, doc_text, _ = entry
                section[name] = _changes_digest(module.propose(text, Document(doc_text) if doc_text is not None else None))
            sections[f"fixer:{fixer}"] = section
            timings[f"fixer:{fixer}"] = time.perf_counter() - started
        if wanted("frozen_chain"):
            sections["frozen_chain"] = frozen_chain(docs, recorded)

    return {
        "total": _digest(sections),
        "sections": {key: {"total": _digest(value), "documents": value} for key, value in sections.items()},
        "seconds": {key: round(value, 2) for key, value in timings.items()},
        "characters": sum(len(text) for _, text in docs),
    }


def compare(a_path: str, b_path: str) -> int:
    a, b = (json.loads(Path(p).read_text()) for p in (a_path, b_path))
    if a["total"] == b["total"]:
        print("identical:", a["total"])
        return 0
    # (with --only, totals differ because sections are missing: compare the common ones)
    differs = False
    for key in sorted(set(a["sections"]) | set(b["sections"])):
        sa, sb = a["sections"].get(key), b["sections"].get(key)
        if sa is None or sb is None:
            print(f"{key}: only in {'B' if sa is None else 'A'} (not compared)")
            continue
        if sa["total"] == sb["total"]:
            print(f"{key}: identical")
            continue
        differs = True
        names = sorted(n for n in set(sa["documents"]) | set(sb["documents"]) if sa["documents"].get(n) != sb["documents"].get(n))
        print(f"{key}: {len(names)} documents differ")
        for name in names:
            print(f"  {name}: {sa['documents'].get(name)} -> {sb['documents'].get(name)}")
    return 1 if differs else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", help="JSON file to write the fingerprint to")
    parser.add_argument("--inputs", help="recorded fixer inputs (captured now when the file does not exist)")
    parser.add_argument("--only", help="comma-separated sections to compute (e.g. fixer:ocr_confusions,chain)")
    parser.add_argument("--compare", nargs=2, metavar=("A", "B"), help="list the documents whose output differs")
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if not args.out:
        parser.error("give OUT.json or --compare A B")
    result = fingerprint(args.inputs, set(args.only.split(",")) if args.only else None)
    Path(args.out).write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
    print(result["total"], f"({result['characters']:,} characters)", json.dumps(result["seconds"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
