"""Page-weight budgets, gzip level 9 as a server would send each file.

Every article page (diagnostic and nouvelles), on first view: its HTML and the same-origin
files a browser loads without JavaScript (stylesheets, their @import and fonts; not images,
not scripts) ≤ 30 KB. The embed budgets (/embed/chronologie/ + its script ≤ 10 KB, the host
script /embed/chronologie.js ≤ 1 KB) are tests/test_embed.py's
test_embed_page_and_its_script_fit_in_10_kb_gzipped and test_host_script_fits_in_1_kb_gzipped.
The report by page type is benchmarks/page_weight.py (docs/mainteneurs/benchmarks.md, « Poids des pages »).
"""

from __future__ import annotations

import re

import pytest

from benchmarks.page_weight import first_view, weights

from site_files import params, require_file

ARTICLE_BUDGET = 30 * 1024
ARTICLES = [param for param in params("html")
            if param.values[0] is None or re.fullmatch(r"(etat-des-lieux|nouvelles)/[^/]+/index\.html", param.values[0])]


def test_every_article_is_measured():
    assert len(ARTICLES) >= 2


@pytest.mark.parametrize("relative", ARTICLES)
def test_article_first_view_fits_in_30_kb_gzipped(built_site, relative):
    page = built_site / require_file(relative)
    files = first_view(built_site, page)
    assert files["css"], "no stylesheet found: the measure would be meaningless"
    assert all(path.is_file() for path in files["css"]), files["css"]
    weight = weights({"html": files["html"], "css": files["css"]})
    size = sum(gz for _, gz in weight.values())
    print(f"{relative}: {size} bytes gzipped (HTML {weight['html'][1]}, CSS and fonts {weight['css'][1]})")
    assert size <= ARTICLE_BUDGET, f"{size} bytes gzipped > {ARTICLE_BUDGET}"
