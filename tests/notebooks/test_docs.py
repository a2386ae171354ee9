"""The glossary defines the course's words; the printable cheat sheet is made from its markdown."""

import os
import re
import shutil
from pathlib import Path

import make_cheatsheet
import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
TERMS = [
    "$LATEST",
    "Version",
    "Alias",
    "Weighted alias",
    "Qualifier",
    "Unqualified ARN",
    "Qualified ARN",
    "Resource policy",
    "Notification configuration",
    "Event source mapping",
    "RevisionId",
    "Canary",
    "Linear",
]


def test_the_glossary_defines_every_word_the_course_relies_on():
    defined = re.findall(r"^\*\*(.+?)\*\*$", (DOCS / "glossary.md").read_text(), re.M)
    defined = [term.strip("`").split(" (")[0] for term in defined]
    assert [term for term in TERMS if term not in defined] == []


def test_the_cheat_sheet_shows_both_wirings_with_their_release_and_rollback_calls():
    text = (DOCS / "cheatsheet.md").read_text()
    for call in (
        "UpdateAlias",
        "PutBucketNotificationConfiguration",
        "AddPermission",
        "UpdateEventSourceMapping",
        "aws lambda update-alias",
        "aws s3api put-bucket-notification-configuration",
    ):
        assert call in text, call


def test_the_committed_cheat_sheet_html_and_pdf_are_made_from_the_markdown():
    assert make_cheatsheet.problems() == []


def test_a_pdf_printed_from_other_markdown_is_reported(tmp_path):
    for name in ("cheatsheet.md", "cheatsheet.html", "cheatsheet.pdf"):
        shutil.copy(DOCS / name, tmp_path / name)
    (tmp_path / "cheatsheet.md").write_text("# Changed\n")
    assert make_cheatsheet.problems(tmp_path / "cheatsheet.md") == [
        "cheatsheet.html is not made from cheatsheet.md",
        "cheatsheet.pdf was printed from another cheatsheet.md",
    ]


def test_the_cheat_sheet_prints_again_on_one_page(tmp_path):
    if not make_cheatsheet.CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is missing (CI must print the cheat sheet)")
        pytest.skip("/usr/bin/chromium is missing: apt-get install -y chromium")
    markdown = (DOCS / "cheatsheet.md").read_text()
    source = tmp_path / "cheatsheet.html"
    source.write_text(make_cheatsheet.page(markdown))
    make_cheatsheet.print_pdf(source, tmp_path / "cheatsheet.pdf")
    data = (tmp_path / "cheatsheet.pdf").read_bytes()
    assert make_cheatsheet.pdf_pages(data) == 1
    assert f"[{make_cheatsheet.digest(markdown)}]" in make_cheatsheet.pdf_title(data)


@pytest.mark.parametrize("page", ["README.md", "outline.md"])
def test_the_glossary_and_cheat_sheet_are_linked_from(page):
    text = (ROOT / page).read_text()
    assert "docs/glossary.md" in text and "docs/cheatsheet.md" in text
