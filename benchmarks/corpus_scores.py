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
from textfix.simulate import Damage, simulate  # noqa: E402

LAYOUT_DAMAGE = {
    "wraps at 70, hyphenation, blank-line paragraphs": Damage(wrap_width=70, hyphenate=0.6),
    "wraps at 80, hyphenation, no blank lines, furniture": Damage(wrap_width=80, hyphenate=0.6, paragraph_gap="\n",
                                                                  furniture=True, lines_per_page=40),
    "wraps at 60, stray indents, furniture": Damage(wrap_width=60, hyphenate=0.3, stray_indent=0.1, furniture=True),
}


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

    print(f"\n## Simulated layout-only damage (profile {args.profile})\n")
    print("Every word error here is caused by layout (wraps, line-end hyphens, page furniture, stray")
    print("indents); the clean corpus texts, seeds 0-2 of textfix.simulate.\n")
    print("| damage | WER before | WER after | layout word errors removed | para F1 before | para F1 after |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, damage in LAYOUT_DAMAGE.items():
        before_errors = after_errors = words = 0
        f1_before = f1_after = 0.0
        count = 0
        for document in corpus.clean():
            clean = document.text()
            for seed in range(3):
                damaged = simulate(clean, damage, seed=seed)
                before, after = score(damaged, clean), score(textfix.fix(damaged, config), clean)
                before_errors += round(before.wer * before.reference_words)
                after_errors += round(after.wer * after.reference_words)
                words += before.reference_words
                f1_before, f1_after, count = f1_before + before.paragraph_f1, f1_after + after.paragraph_f1, count + 1
        removed = 1 - after_errors / before_errors if before_errors else 1.0
        print(f"| {label} | {before_errors / words:.4f} | {after_errors / words:.4f} | {removed:.1%} "
              f"| {f1_before / count:.3f} | {f1_after / count:.3f} |")

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
