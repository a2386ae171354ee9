"""Sphinx configuration of the course website (myst-nb + sphinx-book-theme: Jupyter Book 1's stack).

``tools/build_site.py`` copies this file into a staging folder beside the staged pages and
writes ``site_settings.json`` next to it (title, repository, Binder and JupyterLite URLs).
Nothing here may make a page load anything from outside the site: no notebook execution, no
CDN scripts (MathJax, require.js for widgets), no web fonts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_site"))
settings = json.loads((HERE / "site_settings.json").read_text(encoding="utf-8"))

project = settings["title"]
author = settings["author"]
copyright = settings["copyright"]
root_doc = "index"
language = "en"

extensions = ["myst_nb", "lambda_site"]
exclude_patterns = ["_build", "_site", "**.ipynb_checkpoints", "site_settings.json"]
suppress_warnings = ["mystnb.unknown_mime_type"]

# Stored outputs only: the site shows what the notebooks hold and never runs a kernel.
nb_execution_mode = "off"
# No ipywidgets manager or require.js from a CDN: stored widgets are plain-text reprs anyway.
nb_ipywidgets_js = {}
nb_merge_streams = True
myst_enable_extensions = ["colon_fence", "deflist", "html_image"]
myst_heading_anchors = 4
# Notebook cells whose input is hidden show this on the fold (a <details> element, no script).
nb_code_prompt_show = "Show helper code"
nb_code_prompt_hide = "Hide helper code"

html_theme = "sphinx_book_theme"
html_title = settings["title"]
html_static_path = ["_site/static"]
# Two of the theme's components, with accessible names that contain their visible text.
templates_path = ["_site/templates"]
# Without it the theme logs "Got invalid theme mode" as a console error on a first visit.
html_context = {"default_mode": "auto"}
html_css_files = ["site.css"]
# A favicon of the site's own: without one, browsers ask for /favicon.ico (a 404 in the console).
html_favicon = "_site/static/favicon.svg"
html_last_updated_fmt = None
html_copy_source = True
html_show_sourcelink = False
html_theme_options = {
    "repository_url": settings["repository_url"],
    "repository_branch": settings["branch"],
    "use_repository_button": True,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    # The theme's own launch menu builds JupyterLite links from the page's path; the course
    # has its own "Launch" bar on each lesson (lambda_site), so this menu stays off.
    "launch_buttons": {},
    "article_header_start": ["toggle-primary-sidebar.html"],
}

# Read by lambda_site.
site_binder_url = settings["binder_url"]
site_lite_url = settings["lite_url"]
site_lessons = settings["lessons"]
