"""Repair quality on the corpus: per damaged document and per channel, WER, CER and
paragraph-boundary F1 before and after ``textfix.fix``; and word edits made on clean texts.

    python benchmarks/corpus_scores.py                 # the whole corpus (manifest and includes)
    python benchmarks/corpus_scores.py --corpus corpus/real --by-channel
    python benchmarks/corpus_scores.py --profile layout

Prints Markdown tables (paste into benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import textfix  # noqa: E402
from textfix.corpus import load_corpus  # noqa: E402
from textfix.score import score, word_edits  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", help="corpus folder (default: the repository's corpus/)")
    parser.add_argument("--profile", default="default", choices=sorted(textfix.PROFILES))
    parser.add_argument("--by-channel", action="store_true", help="one row per channel instead of per document")
    args = parser.parse_args(argv)
    corpus = load_corpus(args.corpus)
    config = textfix.Config(profile=args.profile)

    rows = []
    for damaged, reference in corpus.pairs():
        text, clean = damaged.text(), reference.text()
        before, after = score(text, clean), score(textfix.fix(text, config), clean)
        rows.append((damaged.channel or "-", damaged.name, len(clean.split()), before, after))
    print(f"## Damaged inputs (profile {args.profile})\n")
    print("| channel | input | ref. words | WER before | WER after | CER before | CER after | para F1 before | para F1 after |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for channel, name, words, before, after in _group(rows) if args.by_channel else rows:
        print(f"| {channel} | {name} | {words} | {before.wer:.4f} | {after.wer:.4f} | {before.cer:.4f} | {after.cer:.4f} "
              f"| {before.paragraph_f1:.3f} | {after.paragraph_f1:.3f} |")

    print(f"\n## Clean texts: word edits (profile {args.profile})\n")
    print("| text | words | word edits | per 10,000 words |")
    print("|---|---:|---:|---:|")
    total_words = total_edits = 0
    for document in corpus.clean():
        text = document.text()
        edits = word_edits(text, textfix.fix(text, config))
        words = len(text.split())
        total_words, total_edits = total_words + words, total_edits + edits
        print(f"| {document.name} | {words} | {edits} | {10000 * edits / max(1, words):.2f} |")
    print(f"| **all** | {total_words} | {total_edits} | {10000 * total_edits / max(1, total_words):.2f} |")
    return 0


class _Pooled:
    """Figures of several documents pooled by their reference word counts."""

    def __init__(self, scores_and_weights):
        total = sum(w for _, w in scores_and_weights) or 1
        for field in ("wer", "cer", "paragraph_f1"):
            setattr(self, field, sum(getattr(s, field) * w for s, w in scores_and_weights) / total)


def _group(rows):
    by_channel = defaultdict(list)
    for channel, name, words, before, after in rows:
        by_channel[channel].append((words, before, after))
    for channel, items in sorted(by_channel.items()):
        words = sum(w for w, _, _ in items)
        yield (channel, f"{len(items)} documents", words,
               _Pooled([(b, w) for w, b, _ in items]), _Pooled([(a, w) for w, _, a in items]))


if __name__ == "__main__":
    sys.exit(main())
