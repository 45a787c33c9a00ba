"""`invoke audit`: reading Lighthouse reports and the French report (publishing/audit.py).

Small handcrafted reports shaped like Lighthouse 12's JSON (`categories[id].score` and
`auditRefs`, `audits[id]`); the real Lighthouse run is an audit, not a test (docs/mainteneurs/benchmarks.md).
"""

from __future__ import annotations

import pytest

from core.plugin_settings import read_site_settings
from publishing import audit
from publishing.lighthouse import CHROME_FLAGS, lighthouse_args

from conftest import OFFICE_SITE, ROOT

KINDS = audit.page_kinds(read_site_settings(str(OFFICE_SITE / "pelicanconf.py")))
EMBED = KINDS[3]


def category(score, *refs):
    return {"score": score, "auditRefs": [{"id": ref, "weight": weight} for ref, weight in refs]}


def lighthouse_report(seo_score=1, seo_failures=(), performance_score=1):
    """Four categories; seo_failures: ids of the SEO audits scored 0."""
    audits = {
        "largest-contentful-paint": {"title": "Largest Contentful Paint", "score": 1, "displayValue": "0,8 s"},
        "uses-text-compression": {"title": "Activer la compression", "score": 0.5,
                                  "displayValue": "Économies potentielles de 15 Kio"},
        "color-contrast": {"title": "Contraste suffisant", "score": 1},
        "valid-source-maps": {"title": "Source maps", "score": None},
        "is-crawlable": {"title": "La page n'est pas bloquée", "score": 1},
        "meta-description": {"title": "Le document contient une meta description", "score": 1},
    }
    for failure in seo_failures:
        audits[failure]["score"] = 0
    if performance_score < 1:
        audits["largest-contentful-paint"].update(score=0.9, displayValue="2,6 s")
    return {
        "lighthouseVersion": "12.2.3",
        "categories": {
            "performance": category(performance_score, ("largest-contentful-paint", 25),
                                    ("uses-text-compression", 0)),
            "accessibility": category(1, ("color-contrast", 7)),
            "best-practices": category(1, ("valid-source-maps", 0)),
            "seo": category(seo_score, ("is-crawlable", 4.043478260869565), ("meta-description", 1)),
        },
        "audits": audits,
    }


def test_read_report_gives_scores_out_of_100():
    result = audit.read_report(lighthouse_report(), "Accueil", "/")
    assert result.scores == {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100}
    assert result.failing == {"performance": [], "accessibility": [], "best-practices": [], "seo": []}
    assert result.ok


@pytest.mark.parametrize("score, expected", [(1, 100), (0.58, 58), (0.625, 63), (0.995, 100), (0, 0),
                                             (None, None)])
def test_scores_are_rounded_half_up_as_lighthouse_shows_them(score, expected):
    assert audit.lighthouse_score(score) == expected


def test_failing_audits_are_the_weighted_ones_without_full_marks():
    report = lighthouse_report(seo_score=0.58, seo_failures=("is-crawlable", "meta-description"),
                               performance_score=0.97)
    assert audit.failing_audits(report, "performance") == [
        audit.FailingAudit("largest-contentful-paint", "Largest Contentful Paint", 0.9, "2,6 s")]
    assert [found.id for found in audit.failing_audits(report, "seo")] == ["is-crawlable", "meta-description"]
    assert audit.failing_audits(report, "best-practices") == []  # weight 0, score None: ignored
    assert audit.failing_audits(report, "absent") == []


def test_a_page_below_100_fails_with_its_audits_listed():
    results = [audit.read_report(lighthouse_report(), "Accueil", "/"),
               audit.read_report(lighthouse_report(performance_score=0.97), "Page d'axe", "/axes/x/")]
    assert audit.exit_code(results) == 1
    assert audit.report_text(results) == "\n".join([
        "| page | adresse | Performance | Accessibilité | Bonnes pratiques | SEO |",
        "|---|---|---:|---:|---:|---:|",
        "| Accueil | `/` | 100 | 100 | 100 | 100 |",
        "| Page d'axe | `/axes/x/` | 97 | 100 | 100 | 100 |",
        "",
        "Page d'axe (/axes/x/), Performance 97 :",
        "    - largest-contentful-paint : Largest Contentful Paint (2,6 s), note 90 %",
        "",
        "Audit en échec : Page d'axe.",
    ])


def test_all_at_100_passes():
    results = [audit.read_report(lighthouse_report(), "Accueil", "/")]
    assert audit.exit_code(results) == 0
    assert audit.summary(results) == "Audit réussi : 1 pages à 100 dans les quatre catégories."


def test_an_accepted_exception_passes_but_shows_the_real_score():
    report = lighthouse_report(seo_score=0.664, seo_failures=("is-crawlable",))
    result = audit.read_report(report, EMBED.label, "/embed/chronologie/", EMBED.accepted)
    assert result.scores["seo"] == 66
    assert result.ok
    assert audit.cell(result, "seo") == "66*"
    assert audit.exit_code([result]) == 0
    assert audit.details([result]) == [
        "Frise à intégrer (/embed/chronologie/), SEO 66 :",
        "    - is-crawlable : La page n'est pas bloquée, note 0 % — exception admise : page faite pour "
        "les iframes des partenaires, volontairement exclue des moteurs de recherche (noindex)",
    ]
    assert audit.summary([result]) == ("Audit réussi : 1 pages à 100 dans les quatre catégories, "
                                       "hors exceptions admises (*).")


def test_an_exception_does_not_cover_other_failures_in_its_category():
    report = lighthouse_report(seo_score=0.58, seo_failures=("is-crawlable", "meta-description"))
    result = audit.read_report(report, EMBED.label, "/embed/chronologie/", EMBED.accepted)
    assert not result.ok
    assert audit.cell(result, "seo") == "58"
    assert audit.exit_code([result]) == 1


def test_an_exception_is_only_for_its_page():
    report = lighthouse_report(seo_score=0.664, seo_failures=("is-crawlable",))
    assert not audit.read_report(report, "Accueil", "/").ok


def test_lighthouse_runtime_error_fails():
    report = lighthouse_report()
    report["runtimeError"] = {"code": "NO_FCP", "message": "La page n'a affiché aucun contenu."}
    for category_id in report["categories"]:
        report["categories"][category_id]["score"] = None
    result = audit.read_report(report, "Accueil", "/")
    assert result.scores == dict.fromkeys(result.scores, None)
    assert not result.ok
    assert audit.scores_table([result]).splitlines()[-1] == "| Accueil | `/` | — | — | — | — |"
    assert audit.details([result]) == ["Accueil (/) : Lighthouse a échoué : La page n'a affiché aucun contenu."]


def test_audits_lighthouse_could_not_compute_are_listed():
    report = lighthouse_report()
    report["audits"]["layout-shifts"] = {"title": "Décalages de mise en page", "score": None,
                                         "scoreDisplayMode": "error", "errorMessage": "…"}
    result = audit.read_report(report, "Accueil", "/")
    assert result.errored == ["layout-shifts"]
    assert result.ok  # weighs in no category: every score is there
    assert audit.details([result]) == ["Accueil (/) : sans résultat (erreur de Lighthouse) : layout-shifts"]


def test_a_page_lighthouse_could_not_audit_fails():
    result = audit.missing_report("Accueil", "/", "Lighthouse a échoué (code 1) : …")
    assert not result.ok
    assert audit.exit_code([result]) == 1
    assert audit.exit_code([]) == 1


def test_pick_pages_takes_the_first_page_of_each_kind(tmp_path):
    for relative in ("index.html", "etat-des-lieux/b/index.html", "etat-des-lieux/a/index.html",
                     "embed/chronologie/index.html"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("<!DOCTYPE html>", encoding="utf-8")
    pages, problems = audit.pick_pages(tmp_path, KINDS)
    assert [(kind.label, path) for kind, path in pages] == [
        ("Accueil", "/"), ("Article du diagnostic", "/etat-des-lieux/a/"), ("Frise à intégrer", "/embed/chronologie/")]
    assert problems == ["Aucune page « Page d'axe » dans le site construit (cherchée : axes/*/index.html)."]


@pytest.mark.parametrize("label, expected", [("Accueil", "accueil"), ("Page d'axe", "page-d-axe"),
                                             ("Frise à intégrer", "frise-a-integrer")])
def test_slug(label, expected):
    assert audit.slug(label) == expected


def test_lighthouse_runs_with_its_mobile_defaults_and_the_four_categories(tmp_path):
    args = lighthouse_args("http://127.0.0.1:8000/", tmp_path / "accueil.json")
    assert args == ["http://127.0.0.1:8000/", "--output=json", f"--output-path={tmp_path / 'accueil.json'}",
                    "--only-categories=performance,accessibility,best-practices,seo", "--locale=fr",
                    f"--chrome-flags={' '.join(CHROME_FLAGS)}", "--quiet"]
    assert "--headless=new" in CHROME_FLAGS and "--disable-background-networking" in CHROME_FLAGS


def test_npm_tools_do_not_share_an_npm_prefix():
    """`npm install --no-save` without package.json removes what it does not name."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("manage", ROOT / "manage.py")
    manage = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(manage)
    tools = [tool for tools in manage.NPM_TOOLS.values() for tool in tools]
    assert len({tool.prefix for tool in tools}) == len(tools)
    assert manage.LIGHTHOUSE.version == "12.2.3"
