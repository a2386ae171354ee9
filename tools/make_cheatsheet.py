"""Render ``docs/cheatsheet.md`` as a printable page: ``docs/cheatsheet.html`` and ``.pdf``.

    python tools/make_cheatsheet.py          # write docs/cheatsheet.html, print it to PDF
    python tools/make_cheatsheet.py --check  # fail if either is not made from the markdown

The HTML is the markdown (mistune, with tables) in a page styled for one A4 sheet in
landscape; it is the same bytes on every run. The PDF is that page printed by headless
Chromium (``/usr/bin/chromium``). A PDF's bytes differ from print to print (dates, ids), so
the page's title carries the first 12 hex digits of the markdown's SHA-256: the PDF's
``/Title`` then says which markdown it was printed from, and ``--check`` compares that.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import mistune

ROOT = Path(__file__).resolve().parents[1]
MARKDOWN = ROOT / "docs" / "cheatsheet.md"
HTML = MARKDOWN.with_suffix(".html")
PDF = MARKDOWN.with_suffix(".pdf")
CHROMIUM = Path("/usr/bin/chromium")

STYLE = """
@page { size: A4 landscape; margin: 8mm; }
body { font: 8pt/1.2 "DejaVu Sans", Arial, sans-serif; color: #000; margin: 0; }
h1 { font-size: 14pt; margin: 0 0 3pt; }
h2 { font-size: 10.5pt; margin: 7pt 0 2pt; border-bottom: 1.5pt solid #0072B2; }
h3 { font-size: 9pt; margin: 5pt 0 2pt; }
p, ul { margin: 2pt 0; }
ul { padding-left: 14pt; }
table { border-collapse: collapse; width: 100%; margin: 3pt 0; }
th, td { border: 0.6pt solid #777; padding: 1.5pt 4pt; vertical-align: top; text-align: left; }
th { background: #e8f1f8; }
code { font: 7.2pt "DejaVu Sans Mono", monospace; }
pre { background: #f4f4f4; border-left: 2pt solid #E69F00; padding: 2pt 5pt; margin: 2pt 0;
      white-space: pre-wrap; }
a { color: #0072B2; }
"""


def digest(text: str) -> str:
    """The first 12 hex digits of the text's SHA-256."""
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def page(markdown: str) -> str:
    """The cheat sheet as one HTML page (same input, same bytes)."""
    body = mistune.create_markdown(plugins=["table"])(markdown)
    heading = re.search(r"^# (.+)$", markdown, re.M)
    title = f"{heading[1] if heading else 'Cheat sheet'} [{digest(markdown)}]"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )


def pdf_title(data: bytes) -> str | None:
    """The ``/Title`` of a PDF's document information (literal or UTF-16 hex string)."""
    match = re.search(rb"/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)", data)
    if not match:
        return None
    raw = match[1]
    if raw.startswith(b"<"):
        hexdigits = re.sub(rb"\s", b"", raw[1:-1])
        value = bytes.fromhex(hexdigits.decode())
        return (
            value[2:].decode("utf-16-be") if value[:2] == b"\xfe\xff" else value.decode("latin-1")
        )
    return re.sub(rb"\\(.)", rb"\1", raw[1:-1]).decode("latin-1")


def pdf_pages(data: bytes) -> int:
    """How many pages a PDF has (its ``/Type /Page`` objects)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def print_pdf(source: Path, target: Path, chromium: Path = CHROMIUM) -> None:
    """Print an HTML file to PDF with headless Chromium."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                str(chromium),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={target}",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def problems(markdown_path: Path = MARKDOWN) -> list[str]:
    """What is out of date: the HTML, the PDF (by its title), the PDF's page count."""
    markdown = markdown_path.read_text(encoding="utf-8")
    html_path, pdf_path = markdown_path.with_suffix(".html"), markdown_path.with_suffix(".pdf")
    found = []
    if not html_path.exists() or html_path.read_text(encoding="utf-8") != page(markdown):
        found.append(f"{html_path.name} is not made from {markdown_path.name}")
    if not pdf_path.exists():
        found.append(f"{pdf_path.name} is missing")
    else:
        data = pdf_path.read_bytes()
        title = pdf_title(data) or ""
        if f"[{digest(markdown)}]" not in title:
            found.append(f"{pdf_path.name} was printed from another {markdown_path.name}")
        if pdf_pages(data) != 1:
            found.append(f"{pdf_path.name} has {pdf_pages(data)} pages, not 1")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; fail if stale")
    args = parser.parse_args(argv)
    if not args.check:
        HTML.write_text(page(MARKDOWN.read_text(encoding="utf-8")), encoding="utf-8")
        print_pdf(HTML, PDF)
    found = problems()
    for problem in found:
        print(problem)
    if not found:
        print(f"{HTML.relative_to(ROOT)} and {PDF.relative_to(ROOT)} are current")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
