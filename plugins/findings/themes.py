"""The themes findings can be filed under (data/themes.yml)."""

from plugins.site_data.schema import Field, Id, ListOf, Mapping, Text, check_unique

THEMES_SCHEMA = ListOf(Mapping({
    "id": Field(Id()),
    "title": Field(Text(max_length=80)),
    "description": Field(Text(max_length=400), required=False),
}), min_items=1)


def check_themes(themes, checker) -> None:
    check_unique(themes, "id", checker, "identifiant de thème")


def group_by_theme(findings, themes) -> list[dict]:
    """Themes in their declared order with their findings; findings without theme last."""
    groups = [{"id": t["id"], "title": t["title"], "description": t["description"],
               "findings": [f for f in findings if f.theme == t["id"]]} for t in themes]
    unthemed = [f for f in findings if f.theme is None]
    if unthemed:
        groups.append({"id": "sans-theme", "title": "Sans thème", "description": None, "findings": unthemed})
    return groups
