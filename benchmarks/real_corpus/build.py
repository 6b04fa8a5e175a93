#!/usr/bin/env python3
"""Build corpus/real: clean texts typeset to PDF by groff, extracted again by real tools.

    python benchmarks/real_corpus/build.py                 # everything, into corpus/real
    python benchmarks/real_corpus/build.py --only kjv-ruth # one source (the manifest is merged)
    python benchmarks/real_corpus/build.py --out /tmp/x    # somewhere else

Each source is normalised into the reference format (one paragraph per line, a blank line
between paragraphs) and written to sources/NAME.txt; the same blocks are set with groff -ms
into pdf/NAME.pdf (settings from the fixed table SOURCES below, groff source beside it as
pdf/NAME.ms); every channel (pdftotext, pdfminer, pypdf, tesseract at some resolutions)
extracts the PDF and its text is written, exactly as the tool gave it, to CHANNEL/NAME.txt.
manifest.json (the schema of corpus/manifest.json) and VERSIONS.json describe the result.

The build is deterministic: the same tool versions give byte-identical files.
See README.md beside this script.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import loaders  # noqa: E402
import typeset  # noqa: E402

REPO = HERE.parents[1]
DEFAULT_OUT = REPO / "corpus" / "real"
SOURCE_DATE_EPOCH = "946684800"  # 2000-01-01T00:00:00Z: the PDFs' CreationDate

# --------------------------------------------------------------------------- the sources
# name, genre, origin, loader, typesetting settings (see typeset.py for the keys).

SOURCES: list[dict] = [
    {
        "name": "news-globaltimes",
        "genre": "news",
        "origin": "textfix seed corpus/002_3086c8488f3bd921.txt (Global Times editorial, 2025)",
        "description": "Editorial: curly quotes, en dashes, '$250 billion'; no title.",
        "load": lambda: loaders.load_seed("002_3086c8488f3bd921.txt"),
        "settings": {
            "family": "T", "size": 11, "vs": 13, "ll": 3.8, "paper": "a5", "columns": 1,
            "header": ("Global Times", "", "Editorial"), "footer": ("", "Page %", ""),
        },
    },
    {
        "name": "news-chinadaily",
        "genre": "news",
        "origin": "textfix seed corpus/003_a4b204e386b93760.txt (China Daily report, 2025-05-09)",
        "description": "Report with a leading 'date 2025-05-09 MOSCOW —' field, em dashes, curly quotes.",
        "load": lambda: loaders.load_seed("003_a4b204e386b93760.txt"),
        "settings": {
            "family": "H", "size": 10, "vs": 12, "ll": 4.8, "paper": "5.8x6.5", "columns": 2,
            "header": ("", "China Daily", ""), "footer": ("", "- % -", ""),
        },
    },
    {
        "name": "news-cgtn",
        "genre": "news",
        "origin": "textfix seed corpus/004_2f2129dd3d24a781.txt (CGTN report, 2023-03-22)",
        "description": "Report with a title, an 'Updated' line, three no-break spaces, a 'Search Trends' widget.",
        "load": lambda: loaders.load_seed("004_2f2129dd3d24a781.txt", title_first_line=True),
        "settings": {
            "family": "P", "size": 12, "vs": 14, "ll": 3.8, "paper": "5x7", "columns": 1,
            "header": ("CGTN", "", "World"), "footer": ("", "", "%"),
        },
    },
    {
        "name": "kjv-ruth",
        "genre": "scripture",
        "origin": "Debian package bible-kjv-text (/usr/lib/bible.data) read with bible-kjv's 'bible -f Ruth1:1-3:18'",
        "description": "The Book of Ruth, chapters 1-3, King James Version; one paragraph per verse.",
        "load": lambda: loaders.load_bible("Ruth1:1-3:18", "The Book of Ruth"),
        "settings": {
            "family": "T", "size": 11, "vs": 13, "ll": 6.3, "paper": "a4", "columns": 2,
            "header": ("The Holy Bible", "", "Ruth"), "footer": ("", "%", ""), "numbers": "inline",
        },
    },
    {
        "name": "kjv-ecclesiastes",
        "genre": "scripture",
        "origin": "Debian package bible-kjv-text (/usr/lib/bible.data) read with bible-kjv's 'bible -f Eccl1:1-3:22'",
        "description": "Ecclesiastes, chapters 1-3, King James Version; verse numbers hang in the margin.",
        "load": lambda: loaders.load_bible("Eccl1:1-3:22", "Ecclesiastes, or The Preacher"),
        "settings": {
            "family": "N", "size": 10, "vs": 12, "ll": 4.2, "paper": "a5", "columns": 1,
            "header": ("", "Ecclesiastes", ""), "footer": ("King James Version", "", "Page %"), "numbers": "hang",
        },
    },
    {
        "name": "fortunes-literature",
        "genre": "aphorism",
        "origin": "Debian package fortunes-min: /usr/share/games/fortunes/literature (long prose cookies only)",
        "description": "Literary quotations (Twain, Dickens, Melville, Doyle ...) with '-- Author' lines.",
        "load": lambda: loaders.load_fortunes("literature", "Fortunes from literature"),
        "settings": {
            "family": "P", "size": 10, "vs": 12, "ll": 4.4, "paper": "6x9", "columns": 1,
            "header": ("Fortunes", "", "Literature"), "footer": ("", "- % -", ""),
        },
    },
    {
        "name": "fortunes-wisdom",
        "genre": "aphorism",
        "origin": "Debian package fortunes: /usr/share/games/fortunes/wisdom (long prose cookies only)",
        "description": "Sayings and short prose (Nasrudin tales, Donne, Nietzsche ...), ragged right.",
        "load": lambda: loaders.load_fortunes("wisdom", "Fortunes of wisdom"),
        "settings": {
            "family": "BM", "size": 10, "vs": 12, "ll": 4.5, "paper": "letter", "columns": 1,
            "header": ("", "", "Wisdom"), "footer": ("Selected fortunes", "", "%"), "adjust": "l",
        },
    },
    {
        "name": "man-intro.1",
        "genre": "technical",
        "origin": "Debian package manpages: /usr/share/man/man1/intro.1.gz rendered with groff -man -Tutf8",
        "description": "intro(1), a tutorial for new users, with a terminal session as a code block.",
        "load": lambda: loaders.load_man("1", "intro"),
        "settings": {
            "family": "H", "size": 10, "vs": 12, "ll": 5.5, "paper": "a4", "columns": 1,
            "header": ("INTRO(1)", "User Commands", "INTRO(1)"),
            "footer": ("Linux man-pages 6.03", "2023-02-05", "Page %"),
        },
    },
    {
        "name": "man-glob.7",
        "genre": "technical",
        "origin": "Debian package manpages: /usr/share/man/man7/glob.7.gz rendered with groff -man -Tutf8",
        "description": "glob(7): wildcard rules, many quoted brackets and punctuation.",
        "load": lambda: loaders.load_man("7", "glob"),
        "settings": {
            "family": "A", "size": 10, "vs": 12, "ll": 4.0, "paper": "a5", "columns": 1,
            "header": ("GLOB(7)", "", "GLOB(7)"), "footer": ("", "%", ""),
        },
    },
    {
        "name": "man-pipe.7",
        "genre": "technical",
        "origin": "Debian package manpages: /usr/share/man/man7/pipe.7.gz rendered with groff -man -Tutf8",
        "description": "pipe(7): overview of pipes and FIFOs, tagged paragraphs, constants.",
        "load": lambda: loaders.load_man("7", "pipe"),
        "settings": {
            "family": "T", "size": 9, "vs": 11, "ll": 4.9, "paper": "a5", "columns": 2,
            "header": ("PIPE(7)", "Overview", "PIPE(7)"), "footer": ("", "Page %", ""),
        },
    },
    {
        "name": "py-heapq",
        "genre": "docstring",
        "origin": f"Python {platform.python_version()} standard library: heapq.__doc__ and heapq.__about__",
        "description": "heapq's module docstring and Francois Pinard's essay on heaps: code, a tree diagram.",
        "load": lambda: loaders.load_docstrings([("heapq", "__doc__", None), ("heapq", "__about__", None)]),
        "settings": {
            "family": "P", "size": 10, "vs": 12, "ll": 4.2, "paper": "a5", "columns": 1,
            "header": ("Heap queues", "", "heapq"), "footer": ("", "Page %", ""),
        },
    },
    {
        "name": "py-socketserver",
        "genre": "docstring",
        "origin": f"Python {platform.python_version()} standard library: socketserver.__doc__ (up to 'XXX Open problems')",
        "description": "socketserver's module docstring: nested lists, an ASCII class diagram, prose.",
        "load": lambda: loaders.load_docstrings([("socketserver", "__doc__", "XXX Open problems")]),
        "settings": {
            "family": "N", "size": 11, "vs": 13, "ll": 4.0, "paper": "5.5x8.5", "columns": 1,
            "header": ("socketserver", "", "Python 3.11"), "footer": ("", "- % -", ""),
        },
    },
]

# --------------------------------------------------------------------------- the channels

OCR_DPIS = (300, 150, 100)
CHANNELS = ["pdftotext", "pdftotext-layout", "pdfminer", "pypdf"] + [f"tesseract-{dpi}" for dpi in OCR_DPIS]
CHANNEL_ABOUT = {
    "pdftotext": {"tool": "poppler pdftotext", "command": "pdftotext -enc UTF-8 NAME.pdf -"},
    "pdftotext-layout": {"tool": "poppler pdftotext", "command": "pdftotext -layout -enc UTF-8 NAME.pdf -"},
    "pdfminer": {"tool": "pdfminer.six", "command": "pdfminer.high_level.extract_text('NAME.pdf')"},
    "pypdf": {"tool": "pypdf", "command": "'\\n'.join(page.extract_text() for page in pypdf.PdfReader('NAME.pdf').pages)"},
}
for _dpi in OCR_DPIS:
    CHANNEL_ABOUT[f"tesseract-{_dpi}"] = {
        "tool": "tesseract OCR (poppler pdftoppm renders the pages)",
        "command": f"pdftoppm -r {_dpi} -gray -png NAME.pdf page; tesseract page-N.png stdout -l eng (per page, in order)",
        "dpi": _dpi,
    }

# --------------------------------------------------------------------------- tools

NEEDED_COMMANDS = [
    ("groff", "apt-get install -y groff"),
    ("gropdf", "apt-get install -y groff  (groff-base alone has no PDF output)"),
    ("pdftotext", "apt-get install -y poppler-utils"),
    ("pdftoppm", "apt-get install -y poppler-utils"),
    ("pdfinfo", "apt-get install -y poppler-utils"),
    ("tesseract", "apt-get install -y tesseract-ocr tesseract-ocr-eng"),
    ("bible", "apt-get install -y bible-kjv bible-kjv-text"),
]
NEEDED_FILES = [
    ("/usr/lib/bible.data", "apt-get install -y bible-kjv-text"),
    ("/usr/share/games/fortunes/literature", "apt-get install -y fortunes-min"),
    ("/usr/share/games/fortunes/wisdom", "apt-get install -y fortunes"),
    ("/usr/share/man/man1/intro.1.gz", "apt-get install -y manpages"),
    ("/usr/share/man/man7/glob.7.gz", "apt-get install -y manpages"),
    ("/usr/share/man/man7/pipe.7.gz", "apt-get install -y manpages"),
]
NEEDED_MODULES = [("pdfminer", "pip install pdfminer.six"), ("pypdf", "pip install pypdf")]
DEBIAN_PACKAGES = [
    "groff", "groff-base", "ghostscript", "fonts-urw-base35", "poppler-utils", "libpoppler126",
    "tesseract-ocr", "tesseract-ocr-eng", "libtesseract5", "liblept5", "bible-kjv", "bible-kjv-text",
    "fortunes", "fortunes-min", "manpages",
]


class MissingTool(SystemExit):
    pass


def check_tools() -> None:
    problems = []
    for command, fix in NEEDED_COMMANDS:
        if shutil.which(command) is None:
            problems.append(f"the command '{command}' is missing: {fix}")
    for path, fix in NEEDED_FILES:
        if not Path(path).exists():
            problems.append(f"the file {path} is missing: {fix}")
    for module, fix in NEEDED_MODULES:
        try:
            importlib.import_module(module)
        except ImportError:
            problems.append(f"the Python module '{module}' is missing: {fix}")
    if shutil.which("tesseract"):
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
        if "eng" not in langs:
            problems.append("tesseract has no English model 'eng': apt-get install -y tesseract-ocr-eng")
    download = Path("/usr/share/groff/current/font/devpdf/download")
    if shutil.which("gropdf") and download.is_file():
        for line in download.read_text().splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[2].startswith(("/", "*/")) and not Path(parts[2].lstrip("*")).exists():
                problems.append(f"groff's PDF font file {parts[2].lstrip('*')} is missing: apt-get install -y fonts-urw-base35 ghostscript")
                break
    if problems:
        raise MissingTool("build.py cannot run:\n  " + "\n  ".join(problems)
                          + "\n(run 'apt-get update' once first; see benchmarks/real_corpus/README.md)")


def tool_env() -> dict:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "TMPDIR")}
    env.update(
        LC_ALL="C.UTF-8",
        TZ="UTC",
        SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH,
        OMP_THREAD_LIMIT="1",  # tesseract: one thread per process, same result every run
    )
    return env


def run(command: list[str], env: dict) -> bytes:
    result = subprocess.run(command, capture_output=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.decode(errors='replace')}")
    return result.stdout


def versions() -> dict:
    def first_line(command: list[str], pick: str | None = None) -> str | None:
        try:
            result = subprocess.run(command, capture_output=True, text=True)
        except OSError:
            return None
        lines = (result.stdout + result.stderr).splitlines()
        for line in lines:
            if pick is None or pick in line:
                return line.strip()
        return None

    def deb(package: str) -> str | None:
        result = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package], capture_output=True, text=True)
        return result.stdout.strip() or None

    def dist(name: str) -> str | None:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return None

    return {
        "groff": first_line(["groff", "--version"]),
        "poppler (pdftotext)": first_line(["pdftotext", "-v"], "pdftotext version"),
        "pdfminer.six": dist("pdfminer.six"),
        "pypdf": dist("pypdf"),
        "tesseract": first_line(["tesseract", "--version"], "tesseract"),
        "leptonica": first_line(["tesseract", "--version"], "leptonica"),
        "python": platform.python_version(),
        "debian_packages": {package: deb(package) for package in DEBIAN_PACKAGES},
    }


# --------------------------------------------------------------------------- one source


def extract_all(pdf: Path, env: dict) -> dict[str, str]:
    """Every channel's text of one PDF, decoded from UTF-8 and otherwise as the tool gave it."""
    from pdfminer.high_level import extract_text
    from pypdf import PdfReader

    texts = {
        "pdftotext": run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], env).decode("utf-8"),
        "pdftotext-layout": run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], env).decode("utf-8"),
        "pdfminer": extract_text(str(pdf)),
        "pypdf": "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages),
    }
    for dpi in OCR_DPIS:
        with tempfile.TemporaryDirectory(prefix="real-corpus-ocr-") as tmp:
            run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), f"{tmp}/page"], env)
            pages = sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
            parts = []
            for page in pages:
                text = run(["tesseract", str(page), "stdout", "-l", "eng"], env).decode("utf-8")
                parts.append(text if text.endswith("\f") else text + "\f")  # tesseract ends a page with \f
            texts[f"tesseract-{dpi}"] = "".join(parts)
    return texts


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def build_one(name: str, out: Path) -> dict:
    source = next(s for s in SOURCES if s["name"] == name)
    env = tool_env()

    def say(message: str) -> None:
        sys.stdout.write(f"[{name}] {message}\n")  # one write: the parallel builds' lines stay whole
        sys.stdout.flush()

    blocks = source["load"]()
    reference = loaders.reference_text(blocks)
    write_text(out / "sources" / f"{name}.txt", reference)
    say(f"reference sources/{name}.txt: {len(reference.split())} words")

    settings = source["settings"]
    ms = typeset.to_ms(blocks, settings)
    write_text(out / "pdf" / f"{name}.ms", ms)
    say("typesetting: " + " ".join(typeset.groff_command(settings)) + f" < pdf/{name}.ms")
    pdf = out / "pdf" / f"{name}.pdf"
    pdf.write_bytes(typeset.run_groff(ms, settings, env))
    pages = typeset.pdf_pages(str(pdf), env)
    say(f"pdf/{name}.pdf: {pages} pages")
    if pages < 3:
        say(f"WARNING: only {pages} pages")

    texts = extract_all(pdf, env)
    for channel in CHANNELS:
        write_text(out / channel / f"{name}.txt", texts[channel])
        say(f"{channel}/{name}.txt: {len(texts[channel])} characters")
    return {"name": name, "pages": pages}


# --------------------------------------------------------------------------- manifest


def typesetting_record(source: dict, pages: int) -> dict:
    s = source["settings"]
    width, height = typeset.paper_size(s["paper"])
    return {
        "typesetter": "groff -ms -Tpdf (gropdf)",
        "command": " ".join(typeset.groff_command(s)) + f" < pdf/{source['name']}.ms",
        "pdf": f"pdf/{source['name']}.pdf",
        "pages": pages,
        "font_family": typeset.FAMILIES[s["family"]],
        "point_size": s["size"],
        "baseline_skip_pt": s["vs"],
        "line_length_in": s["ll"],
        "paper_in": [width, height],
        "paper": s["paper"],
        "columns": s.get("columns", 1),
        "adjust": {"b": "justified", "l": "ragged right"}[s.get("adjust", "b")],
        "hyphenation": s.get("hyphenate", True),
        "running_header": list(s.get("header", ("", "", ""))),
        "running_footer": list(s.get("footer", ("", "", ""))),
        "header_footer_note": "ms prints no running header on page 1; '%' is the page number",
        **({"verse_numbers": s["numbers"]} if "numbers" in s else {}),
    }


def manifest_entries(source: dict, pages: int) -> list[dict]:
    name = source["name"]
    entries = [{
        "file": f"sources/{name}.txt",
        "role": "clean",
        "format": "text",
        "genre": source["genre"],
        "origin": source["origin"],
        "description": source["description"],
    }]
    record = typesetting_record(source, pages)
    for channel in CHANNELS:
        entries.append({
            "file": f"{channel}/{name}.txt",
            "role": "damaged",
            "format": "text",
            "reference": f"sources/{name}.txt",
            "channel": channel,
            "genre": source["genre"],
            "extraction": {k: v.replace("NAME", f"pdf/{name}") if isinstance(v, str) else v
                           for k, v in CHANNEL_ABOUT[channel].items()},
            "typesetting": record,
        })
    return entries


ABOUT = (
    "Real PDF-extraction and OCR damage. Each clean source (sources/, role 'clean', one paragraph per line, "
    "paragraphs separated by a blank line, headings and titles as their own paragraph, list items and code "
    "lines one a line) was typeset to PDF with groff -ms (pdf/NAME.pdf, settings in 'typesetting') and "
    "extracted again by real tools; each extraction (role 'damaged', 'channel' names the tool) is written "
    "exactly as the tool gave it. Built by benchmarks/real_corpus/build.py; tool versions in VERSIONS.json. "
    "Paths are relative to this file. role: 'damaged' (an input to repair, scored against 'reference'), "
    "'clean' (must come through textfix with zero word edits). format: 'text' or 'markdown'. "
    "'include' lists further manifests of the same schema."
)


def write_manifest(out: Path, built: dict[str, int]) -> None:
    """built: name -> pages of the sources built now; others are kept from an existing manifest."""
    path = out / "manifest.json"
    old_pages: dict[str, int] = {}
    if path.is_file():
        for entry in json.loads(path.read_text(encoding="utf-8")).get("documents", []):
            if entry.get("role") == "damaged":
                name = Path(entry["file"]).stem
                old_pages[name] = entry.get("typesetting", {}).get("pages")
    documents = []
    for source in sorted(SOURCES, key=lambda s: s["name"]):
        name = source["name"]
        pages = built.get(name, old_pages.get(name))
        if pages is None:
            continue  # never built into this folder
        documents += manifest_entries(source, pages)
    manifest = {"schema": 1, "about": ABOUT, "documents": documents, "include": []}
    write_text(path, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")


def remove_stale(out: Path, names: set[str]) -> None:
    """After a full build: files of sources no longer in the table go (a renamed source, say)."""
    for folder in ["sources", "pdf"] + CHANNELS:
        for path in sorted((out / folder).glob("*")):
            if path.is_file() and path.suffix in (".txt", ".pdf", ".ms") and path.stem not in names:
                print(f"removing stale {path.relative_to(out)}", flush=True)
                path.unlink()


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT.relative_to(REPO)})")
    parser.add_argument("--only", action="append", metavar="NAME", help="build only this source (repeatable): "
                        + ", ".join(s["name"] for s in SOURCES))
    parser.add_argument("--jobs", type=int, default=2, help="sources built in parallel (default 2)")
    args = parser.parse_args(argv)

    check_tools()
    sources = SOURCES
    if args.only:
        known = {s["name"] for s in SOURCES}
        unknown = sorted(set(args.only) - known)
        if unknown:
            parser.error(f"unknown source(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        sources = [s for s in SOURCES if s["name"] in args.only]
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    print(f"building {len(sources)} source(s) x {len(CHANNELS)} channels into {out}", flush=True)
    print("channels: " + ", ".join(CHANNELS), flush=True)

    built: dict[str, int] = {}
    if args.jobs > 1 and len(sources) > 1:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            for result in pool.map(build_one, [s["name"] for s in sources], [out] * len(sources)):
                built[result["name"]] = result["pages"]
    else:
        for source in sources:
            result = build_one(source["name"], out)
            built[result["name"]] = result["pages"]

    if not args.only:
        remove_stale(out, {s["name"] for s in SOURCES})
    write_manifest(out, built)
    write_text(out / "VERSIONS.json", json.dumps(versions(), indent=2, sort_keys=True) + "\n")
    print(f"wrote {out / 'manifest.json'} and {out / 'VERSIONS.json'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
