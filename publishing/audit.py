"""`invoke audit`, the pure part: which pages, reading Lighthouse JSON reports, the French report.

No browser and no subprocess here (publishing/lighthouse.py runs Lighthouse): everything is
tested on small handcrafted reports (tests/test_audit.py).

A category passes at 100, or when every audit that lowers its score is an accepted exception of
that page (ACCEPTED: a principled reason, documented in docs/mainteneurs/benchmarks.md, e.g. the embed page is noindex on
purpose). The report still shows the real score, marked with an asterisk.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

# Lighthouse category ids and their French headings, in the order of the table.
CATEGORIES = (
    ("performance", "Performance"),
    ("accessibility", "Accessibilité"),
    ("best-practices", "Bonnes pratiques"),
    ("seo", "SEO"),
)
PASSING_SCORE = 100


@dataclass(frozen=True)
class PageKind:
    """One page audited: its French label, where to find it in the built site (glob patterns,
    the first match in sorted order), and the audits allowed to fail on it, with the reason."""

    label: str
    patterns: tuple[str, ...]
    accepted: dict[str, str] = field(default_factory=dict)


def page_kinds(settings: dict) -> tuple[PageKind, ...]:
    """The pages audited on a site with these settings: the home page, an article of the findings'
    sections, an axis page and the partners' embed."""
    sections = settings["FINDINGS_SECTIONS"]
    return (
        PageKind("Accueil", ("index.html",)),
        PageKind("Article du diagnostic", tuple(
            settings["ARTICLE_SAVE_AS"].format(category=section, slug="*") for section in sections)),
        PageKind("Page d'axe", (settings["AXIS_SAVE_AS"].format(id="*"),)),
        PageKind("Frise à intégrer", (settings["EMBED_URLS"]["page_fr"] + "index.html",),
                 accepted={"is-crawlable": "page faite pour les iframes des partenaires, "
                                           "volontairement exclue des moteurs de recherche (noindex)"}),
    )


@dataclass(frozen=True)
class FailingAudit:
    id: str
    title: str
    score: float
    display: str = ""


@dataclass
class PageResult:
    label: str
    path: str
    scores: dict[str, int | None]  # category id -> score out of 100 (None: not measured)
    failing: dict[str, list[FailingAudit]]  # category id -> audits that lower its score
    accepted: dict[str, str] = field(default_factory=dict)
    error: str = ""  # Lighthouse's runtime error, if any
    errored: list[str] = field(default_factory=list)  # audits Lighthouse could not compute

    def passes(self, category: str) -> bool:
        score = self.scores.get(category)
        if score is None:
            return False
        if score >= PASSING_SCORE:
            return True
        return all(audit.id in self.accepted for audit in self.failing.get(category, ()))

    @property
    def ok(self) -> bool:
        return not self.error and all(self.passes(category) for category, _ in CATEGORIES)


# --- Pages ---------------------------------------------------------------------------------------

def slug(label: str) -> str:
    """An ASCII file name for a French label: "Page d'axe" -> "page-d-axe"."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def url_path(relative_file: str) -> str:
    """The address of a built file: `axes/x/index.html` -> `/axes/x/`."""
    path = "/" + relative_file
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def pick_pages(output: Path, kinds: tuple[PageKind, ...]) -> tuple[list[tuple[PageKind, str]], list[str]]:
    """(kind, address) of each kind of page found in the built site, and French problems for the
    kinds with no page."""
    found, problems = [], []
    for kind in kinds:
        matches = sorted(match for pattern in kind.patterns for match in output.glob(pattern))
        if matches:
            found.append((kind, url_path(matches[0].relative_to(output).as_posix())))
        else:
            problems.append(f"Aucune page « {kind.label} » dans le site construit "
                            f"(cherchée : {', '.join(kind.patterns)}).")
    return found, problems


# --- Reading a Lighthouse report -----------------------------------------------------------------

def lighthouse_score(score: float | None) -> int | None:
    """A category score out of 100, rounded as Lighthouse shows it (half up, not half to even)."""
    return None if score is None else math.floor(score * 100 + 0.5)


def failing_audits(report: dict, category: str) -> list[FailingAudit]:
    """The audits that weigh in the category's score and did not get full marks, in report order."""
    audits = report.get("audits", {})
    failing = []
    for ref in report.get("categories", {}).get(category, {}).get("auditRefs", []):
        audit = audits.get(ref["id"], {})
        score = audit.get("score")
        if ref.get("weight", 0) > 0 and score is not None and score < 1:
            failing.append(FailingAudit(ref["id"], audit.get("title", ref["id"]), score,
                                        audit.get("displayValue", "")))
    return failing


def errored_audits(report: dict) -> list[str]:
    """Audits Lighthouse could not compute. One that weighs in a category leaves that category
    without a score (so the page fails); the others are only listed."""
    return [audit_id for audit_id, found in report.get("audits", {}).items()
            if found.get("scoreDisplayMode") == "error"]


def read_report(report: dict, label: str, path: str, accepted: dict[str, str] | None = None) -> PageResult:
    """The scores and failing audits of one page from Lighthouse's JSON report (`--output=json`)."""
    categories = report.get("categories", {})
    scores = {category: lighthouse_score(categories.get(category, {}).get("score"))
              for category, _ in CATEGORIES}
    failing = {category: failing_audits(report, category) for category, _ in CATEGORIES}
    error = report.get("runtimeError", {}).get("message", "")
    return PageResult(label, path, scores, failing, dict(accepted or {}), error, errored_audits(report))


def missing_report(label: str, path: str, reason: str) -> PageResult:
    """A page Lighthouse could not audit at all."""
    return PageResult(label, path, {category: None for category, _ in CATEGORIES},
                      {category: [] for category, _ in CATEGORIES}, error=reason)


# --- The French report ---------------------------------------------------------------------------

def cell(result: PageResult, category: str) -> str:
    score = result.scores.get(category)
    if score is None:
        return "—"
    marked = score < PASSING_SCORE and result.passes(category)
    return f"{score}*" if marked else str(score)


def scores_table(results: list[PageResult]) -> str:
    """A Markdown table, one row per page, the four scores (an asterisk: accepted exception)."""
    headings = ["page", "adresse", *(title for _, title in CATEGORIES)]
    lines = ["| " + " | ".join(headings) + " |",
             "|---|---|" + "---:|" * len(CATEGORIES)]
    for result in results:
        cells = [result.label, f"`{result.path}`", *(cell(result, category) for category, _ in CATEGORIES)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def percent(score: float) -> str:
    return f"{lighthouse_score(score)} %"


def audit_line(audit: FailingAudit, accepted: dict[str, str]) -> str:
    detail = f" ({audit.display})" if audit.display else ""
    line = f"    - {audit.id} : {audit.title}{detail}, note {percent(audit.score)}"
    if audit.id in accepted:
        line += f" — exception admise : {accepted[audit.id]}"
    return line


def details(results: list[PageResult]) -> list[str]:
    """French lines: for each page, the audits Lighthouse could not compute, and for each
    category under 100, the audits that lower the score."""
    titles = dict(CATEGORIES)
    lines = []
    for result in results:
        if result.error:
            lines.append(f"{result.label} ({result.path}) : Lighthouse a échoué : {result.error}")
        if result.errored:
            lines.append(f"{result.label} ({result.path}) : sans résultat (erreur de Lighthouse) : "
                         f"{', '.join(result.errored)}")
        for category, _ in CATEGORIES:
            score = result.scores.get(category)
            if score is None or score >= PASSING_SCORE:
                continue
            lines.append(f"{result.label} ({result.path}), {titles[category]} {score} :")
            lines.extend(audit_line(audit, result.accepted) for audit in result.failing[category])
    return lines


def summary(results: list[PageResult]) -> str:
    """The closing French sentence."""
    failed = [result.label for result in results if not result.ok]
    if failed:
        return f"Audit en échec : {', '.join(failed)}."
    excepted = any(result.scores[category] < PASSING_SCORE for result in results for category, _ in CATEGORIES)
    return (f"Audit réussi : {len(results)} pages à 100 dans les quatre catégories"
            + (", hors exceptions admises (*)." if excepted else "."))


def report_text(results: list[PageResult]) -> str:
    parts = [scores_table(results)]
    lines = details(results)
    if lines:
        parts.append("\n".join(lines))
    parts.append(summary(results))
    return "\n\n".join(parts)


def exit_code(results: list[PageResult]) -> int:
    return 0 if results and all(result.ok for result in results) else 1
