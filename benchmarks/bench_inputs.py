"""Benchmark inputs made from the corpus and the damage simulator (shared by speed.py and
test_bench_chain.py).

- ``clean``: the corpus's clean texts;
- ``pdf``: PDF-extraction damage: the corpus's pdftotext, pdfminer and pypdf extractions
  (``corpus``), or the simulator's pdfminer, pdftotext, ligature and mixed channels on the clean
  texts (``simulated``);
- ``ocr``: OCR damage: the corpus's tesseract extractions (``corpus``), or the simulator's ``ocr``
  channel (``simulated``).

Each is the documents one after another (a blank line between), repeated up to the size asked for.
The corpus's clean texts are about 110,000 characters, so at a megabyte they repeat: a cache keyed
by a word or a paragraph gains more on them than on a real document. ``manpages`` and
``manpages-pdf`` are not repeated below 1.4 MB: this machine's manual pages (``heldout.py``; none
of the reserved texts), as ``man`` prints them, and the simulator's pdfminer channel over them.
``foreign``: French, German and Russian prose written for this benchmark (not from any corpus),
hard-wrapped at 70 columns: text the word fixers must leave alone, where their cost is waste.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PDF_CHANNELS = ("pdf-print", "pdftotext", "pdftotext-layout", "pdfminer", "pypdf")
SIMULATED_PDF = ("pdfminer", "pdftotext", "ligature", "mixed")
KINDS = ("clean", "pdf-corpus", "pdf-simulated", "ocr-corpus", "ocr-simulated")
VARIED_KINDS = ("manpages", "manpages-pdf")
FOREIGN_KINDS = ("foreign",)

_FOREIGN = (
    "Le conseil municipal s'est réuni mardi soir pour examiner le rapport définitif sur les crues "
    "de l'hiver dernier. Selon ses auteurs, les digues construites au siècle précédent n'ont pas "
    "résisté à la montée des eaux, et plusieurs quartiers du bas de la ville sont restés inondés "
    "pendant près de deux semaines. Les élus ont approuvé à l'unanimité un programme de travaux "
    "qui s'étendra sur cinq ans ; les habitants pourront consulter les plans à la mairie dès lundi.",
    "Die Bibliothek der Stadt öffnet nach einer zweijährigen Renovierung wieder ihre Türen. Die "
    "Lesesäle wurden vergrößert, die Beleuchtung erneuert und ein neuer Bereich für Kinder "
    "eingerichtet. Besonders stolz ist man auf die Sammlung alter Landkarten, die nun in einem "
    "klimatisierten Raum aufbewahrt wird. Führungen finden jeden Samstag um zehn Uhr statt; eine "
    "Anmeldung ist nicht erforderlich, doch die Zahl der Plätze ist begrenzt.",
    "Весной в долине реки начались работы по восстановлению старой мельницы. Местные жители "
    "собрали средства на ремонт крыши и колеса, а студенты архитектурного факультета помогли "
    "составить чертежи. Руководитель проекта рассказал, что мельница снова будет молоть зерно уже "
    "следующей осенью. Желающие могут присоединиться к работам по субботам и воскресеньям.",
)


def repeat_to(parts: list[str], size: int) -> str:
    """The parts, one after another (a blank line between), repeated up to ``size`` characters."""
    out, total, k = [], 0, 0
    while total < size and parts:
        part = parts[k % len(parts)].strip("\n") + "\n\n"
        out.append(part)
        total += len(part)
        k += 1
    return "".join(out)[:size]


@lru_cache(maxsize=None)
def documents(kind: str) -> tuple[str, ...]:
    """The documents of one kind (see :data:`KINDS`), in corpus order."""
    from textfix.corpus import load_corpus
    from textfix.simulate import simulate_channel

    corpus = load_corpus()
    clean = [d.text() for d in corpus.clean()]
    if kind == "clean":
        return tuple(clean)
    if kind == "pdf-corpus":
        return tuple(d.text() for d in corpus.damaged() if d.channel in PDF_CHANNELS)
    if kind == "ocr-corpus":
        return tuple(d.text() for d in corpus.damaged() if (d.channel or "").startswith("tesseract"))
    if kind == "pdf-simulated":
        return tuple(simulate_channel(t, SIMULATED_PDF[seed % len(SIMULATED_PDF)], seed=seed) for seed, t in enumerate(clean))
    if kind == "ocr-simulated":
        return tuple(simulate_channel(t, "ocr", seed=seed) for seed, t in enumerate(clean))
    if kind in VARIED_KINDS:
        return _manual_pages(damaged=kind == "manpages-pdf")
    if kind == "foreign":
        import textwrap

        return tuple(textwrap.fill(paragraph, 70) + "\n" for paragraph in _FOREIGN)
    raise ValueError(f"unknown input kind {kind!r}; kinds: {', '.join(KINDS + VARIED_KINDS + FOREIGN_KINDS)}")


def _manual_pages(damaged: bool) -> tuple[str, ...]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from heldout import MAN_PAGES, man_page
    from textfix.simulate import simulate_channel

    pages = [page for page in map(man_page, MAN_PAGES) if page]
    if not pages:
        raise ValueError("no manual pages on this machine (install man-db and manpages)")
    return tuple(simulate_channel(p, "pdfminer", seed=seed) for seed, p in enumerate(pages)) if damaged else tuple(pages)


def text(kind: str, size: int) -> str:
    """About ``size`` characters of one kind."""
    return repeat_to(list(documents(kind)), size)


def peak_rss_mib() -> float:
    """This process's peak resident memory, MiB: the kernel's high-water mark of its own address
    space (``VmHWM``). ``getrusage(RUSAGE_SELF).ru_maxrss`` is no good in a worker started by a
    large parent: Linux folds the parent's peak into it at ``execve`` (a worker of a parent that
    held a 50 MB text reported 348 MiB; its own peak was 110)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
