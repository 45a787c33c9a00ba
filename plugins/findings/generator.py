"""FindingsGenerator: gathers the findings after the articles are read, fills their
slots, and writes the findings index /constats/."""

from __future__ import annotations

from pelican.generators import Generator
from pelican.utils import get_relative_path

from site_data.errors import abort_on

from .block import FOOT, HEAD, slot
from .registry import check_registry
from .themes import group_by_theme


class FindingsGenerator(Generator):
    def generate_context(self):
        articles = self.context.get("articles", []) + self.context.get("drafts", [])
        findings, problems = check_registry(articles, self.settings["FINDINGS_SECTIONS"])
        abort_on(problems, "constats invalides")
        themes = self.context["DATA"]["themes"]
        titles = {theme["id"]: theme["title"] for theme in themes}
        for finding in findings:
            finding.extra["theme_title"] = titles.get(finding.theme)
        self.context["FINDINGS"] = findings
        self.context["FINDINGS_BY_ID"] = {finding.id: finding for finding in findings}
        self.context["FINDING_THEMES"] = group_by_theme(findings, themes)

    def fill_slots(self):
        """Header and footer of each finding, rendered once everything about it is known."""
        head, foot = self.get_template("finding_head"), self.get_template("finding_foot")
        for finding in self.context["FINDINGS"]:
            article = finding.article
            values = dict(self.context, finding=finding)
            if self.settings["RELATIVE_URLS"]:  # as Pelican's writer does for each page
                values["SITEURL"] = get_relative_path(article.save_as)
            article._content = (article._content
                                .replace(slot(finding.id, HEAD), head.render(values))
                                .replace(slot(finding.id, FOOT), foot.render(values)))

    def generate_output(self, writer):
        writer.write_file(self.settings["FINDINGS_INDEX_SAVE_AS"], self.get_template("constats"),
                          self.context, relative_urls=self.settings["RELATIVE_URLS"],
                          url=self.settings["FINDINGS_INDEX_URL"])
