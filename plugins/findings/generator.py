"""FindingsGenerator: gathers the findings after the articles are read, fills their
slots, and writes the findings index /constats/, the workshop sheets /constats/atelier/
and the open data /donnees/constats.json|csv."""

from __future__ import annotations

import os

from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url

from core.open_data import publish, write_files
from core.problems import BuildAborted, abort_on
from site_build.incremental import reuse

from .block import FOOT, HEAD, slot
from .hooks import findings_ready
from .open_data import findings_dataset
from .registry import check_registry
from .theme_ids import theme_ids
from .themes import group_by_theme
from .workshop import (
    body_between_slots,
    by_theme,
    fits_one_part,
    part_address,
    sheets,
    start_codes,
    theme_parts,
)


class FindingsGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Pelican creates every generator before reading: the QR codes of the workshop sheets are
        # drawn in the background as the articles are read (workshop.add_codes).
        self.qr_codes = start_codes(self.settings)

    def generate_context(self):
        if None in self.context["generated_content"].values():
            # A source could not be read (already reported): the registry would be incomplete and
            # every reference to its findings would add a misleading error.
            raise BuildAborted("contenus illisibles")
        articles = self.context.get("articles", []) + self.context.get("drafts", [])
        reserved = theme_ids(os.path.join(self.settings["THEME"], "templates"))
        findings, problems = check_registry(articles, self.settings["FINDINGS_SECTIONS"], reserved)
        abort_on(problems, "constats invalides")
        themes = self.context["DATA"]["themes"]
        titles = {theme["id"]: theme["title"] for theme in themes}
        for finding in findings:
            finding.extra["theme_title"] = titles.get(finding.theme)
            # Its text, in the registry from now on, as other pages show it (the preview's digests)
            finding.body = body_between_slots(finding.article._content, finding.id)
        self.context["FINDINGS"] = findings
        self.context["FINDINGS_BY_ID"] = {finding.id: finding for finding in findings}
        self.context["FINDING_THEMES"] = group_by_theme(findings, themes)
        findings_ready.send(self)

    def fill_slots(self):
        """Header and footer of each finding, rendered once everything about it is known (the
        preview's previous renders when the registry did not change: they depend on nothing else)."""
        slots = reuse("findings:slots", self._render_slots)
        for article, findings in _by_article(self.context["FINDINGS"]):
            article._content = _filled(article._content, findings, slots)

    def _render_slots(self) -> dict[str, tuple[str, str]]:
        """Each finding's header and footer, by its id.

        5 findings an article make thousands of renders: they share one set of values (the
        templates' globals and the context, as `Template.render` would merge them) instead of two
        copies of the whole context per render; only `finding` (and, with relative URLs, SITEURL)
        changes from one render to the next."""
        head, foot = self.get_template("finding_head"), self.get_template("finding_foot")
        values = {**head.globals, **self.context}
        relative = self.settings["RELATIVE_URLS"]
        slots = {}
        for article, findings in _by_article(self.context["FINDINGS"]):
            if relative:  # as Pelican's writer does for each page
                values["SITEURL"] = get_relative_path(article.save_as)
            for finding in findings:
                values["finding"] = finding
                slots[finding.id] = (_render(head, values), _render(foot, values))
        return slots

    def _siteurl(self, save_as: str) -> str:
        """SITEURL as Pelican's writer gives it to a page written at `save_as`."""
        relative = self.settings["RELATIVE_URLS"]
        return path_to_url(get_relative_path(save_as)) if relative else self.settings["SITEURL"]

    def write_sheets(self, writer):
        """The workshop sheets: one page while they fit in one part, else a page listing the parts."""
        settings, relative = self.settings, self.settings["RELATIVE_URLS"]
        save_as, url = settings["FINDINGS_WORKSHOP_SAVE_AS"], settings["FINDINGS_WORKSHOP_URL"]
        every_sheet, parts = reuse("findings:sheets", self._sheets)
        if parts is None:
            writer.write_file(save_as, self.get_template("atelier"), self.context, relative_urls=relative,
                              url=url, sheets=every_sheet)
            return
        writer.write_file(save_as, self.get_template("atelier_parties"), self.context, relative_urls=relative,
                          url=url, part_groups=by_theme(parts))
        for part in parts:
            writer.write_file(part.save_as, self.get_template("atelier"), self.context, relative_urls=relative,
                              url=part.url, sheets=part.sheets, part=part)

    def _sheets(self):
        """(every sheet, None) while they fit in one part, else (None, the parts)."""
        settings = self.settings
        save_as = settings["FINDINGS_WORKSHOP_SAVE_AS"]
        findings = self.context["FINDINGS"]
        every_sheet = None
        if len(findings) <= settings["FINDINGS_WORKSHOP_PART_SIZE"]:  # else they cannot fit: not made for that
            every_sheet = sheets(findings, settings, self._siteurl(save_as), self.qr_codes)
            if fits_one_part(every_sheet, settings["FINDINGS_WORKSHOP_PART_SIZE"],
                             settings["FINDINGS_WORKSHOP_PART_BYTES"]):
                return every_sheet, None
        # Every part's page is at the same depth: one SITEURL for all of them.
        siteurl = self._siteurl(part_address(settings["FINDINGS_WORKSHOP_PART_SAVE_AS"], "theme", 1))
        if every_sheet is not None and siteurl == self._siteurl(save_as):  # the sheets made above serve
            made = {sheet.finding.id: sheet for sheet in every_sheet}
            return None, theme_parts(self.context["FINDING_THEMES"], settings,
                                     lambda findings: [made[finding.id] for finding in findings])
        return None, theme_parts(self.context["FINDING_THEMES"], settings,
                                 lambda findings: sheets(findings, settings, siteurl, self.qr_codes))

    def publish_open_data(self):
        """Listed in OPEN_DATA now, for the page /donnees/ that Pelican writes before our files."""
        self.open_data = reuse("findings:open-data", lambda: findings_dataset(self.context["FINDINGS"], self.settings))
        publish(self.context, self.open_data)

    def generate_output(self, writer):
        relative = self.settings["RELATIVE_URLS"]
        writer.write_file(self.settings["FINDINGS_INDEX_SAVE_AS"], self.get_template("constats"),
                          self.context, relative_urls=relative, url=self.settings["FINDINGS_INDEX_URL"])
        self.write_sheets(writer)
        self.qr_codes.save()
        write_files(self.output_path, self.open_data)


def _by_article(findings) -> list[tuple[object, list]]:
    """The findings grouped by article, in reading order (an article's findings follow each other)."""
    groups: list[tuple[object, list]] = []
    for finding in findings:
        if groups and groups[-1][0] is finding.article:
            groups[-1][1].append(finding)
        else:
            groups.append((finding.article, [finding]))
    return groups


def _filled(html: str, findings: list, slots: dict[str, tuple[str, str]]) -> str:
    """`html` with each finding's head and foot slots replaced by its `slots`, its `body` set to what
    lies between them; one pass when the slots follow each other."""
    spans = sorted((html.index(slot(finding.id, HEAD)), finding) for finding in findings)
    parts, position = [], 0
    for start, finding in spans:
        head_slot, foot_slot = slot(finding.id, HEAD), slot(finding.id, FOOT)
        end = html.index(foot_slot, start)
        if start < position:  # slots inside another finding's (not from the block): replace one by one
            return _filled_one_by_one(html, findings, slots)
        finding.body = html[start + len(head_slot):end].strip()
        head, foot = slots[finding.id]
        parts += [html[position:start], head, html[start + len(head_slot):end], foot]
        position = end + len(foot_slot)
    parts.append(html[position:])
    return "".join(parts)


def _filled_one_by_one(html: str, findings: list, slots: dict[str, tuple[str, str]]) -> str:
    for finding in findings:
        finding.body = body_between_slots(html, finding.id)
        head, foot = slots[finding.id]
        html = html.replace(slot(finding.id, HEAD), head).replace(slot(finding.id, FOOT), foot)
    return html


def _render(template, values: dict) -> str:
    """`template.render(values)` without copying `values`: a Jinja context over it, as shared."""
    context = template.new_context(values, shared=True)
    try:
        return template.environment.concat(template.root_render_func(context))
    except Exception:  # noqa: BLE001 - Jinja's own handling, as in Template.render
        return template.environment.handle_exception()
