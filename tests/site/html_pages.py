"""Reading a built site's HTML with the standard library: links, anchors, images, headings."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Page:
    """What one HTML file holds that the tests look at."""

    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # <a href>
    assets: list[tuple[str, str]] = field(default_factory=list)  # (tag, src/href) loaded
    images: list[dict[str, str | None]] = field(default_factory=list)
    headings: list[int] = field(default_factory=list)  # in the article, in order


class _Parser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for key in ("id", "name"):
            if attributes.get(key) and (key == "id" or tag == "a"):
                self.page.ids.add(attributes[key])
        if tag == "article":
            self.in_article += 1
        if tag == "a" and attributes.get("href"):
            self.page.links.append(attributes["href"])
        if tag == "link" and attributes.get("href") and attributes.get("rel") != "canonical":
            self.page.assets.append((tag, attributes["href"]))
        loads = ("script", "img", "iframe", "source", "audio", "video", "embed")
        if tag in loads and attributes.get("src"):
            self.page.assets.append((tag, attributes["src"]))
        if tag == "img":
            self.page.images.append(attributes)
        if self.in_article and len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.page.headings.append(int(tag[1]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article -= 1


def read_page(path: Path) -> Page:
    page = Page(path)
    _Parser(page).feed(path.read_text(encoding="utf-8"))
    return page


def read_site(root: Path) -> dict[Path, Page]:
    """Every page of the site (not the theme's templates under ``_static``)."""
    return {
        path: read_page(path)
        for path in sorted(root.rglob("*.html"))
        if path.relative_to(root).parts[0] not in ("_static", "_sources")
    }


def is_external(url: str) -> bool:
    """Whether loading ``url`` leaves the site. A ``data:`` URL is part of the page itself,
    unless what it holds (an SVG picture, say) refers to something outside."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        head, _, body = url.partition(",")
        text = (
            base64.b64decode(body).decode("utf-8", "replace")
            if head.endswith(";base64")
            else unquote(body)
        )
        return (
            re.search(r"""(?:href|src)=["']?(?:https?:)?//|url\(["']?(?:https?:)?//""", text)
            is not None
        )
    return bool(parts.scheme and parts.scheme not in ("file",)) or url.startswith("//")


def resolve(page: Path, url: str) -> tuple[Path, str]:
    """The file a relative URL on ``page`` names, and its fragment."""
    parts = urlsplit(url)
    target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)
