"""The `/// constat | Titre` block for pymdownx.blocks.

It renders only the structure: a <section> whose id is the finding id, two empty
slots, and the finding's Markdown body between them. The slots are filled after
reading (render.py), when the article URL, the consultation window, the
feedback and the projects are known. scan.py has already checked the syntax.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import yaml
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block, type_string

from core.compat import use_block_frontmatter_loader

HEAD, FOOT = "head", "foot"


def slot(finding_id: str, name: str) -> str:
    """The exact HTML of a slot, as Python-Markdown serializes it."""
    return f'<div data-constat="{finding_id}" data-constat-slot="{name}"></div>'


class FindingBlock(Block):
    NAME = "constat"
    ARGUMENT = True
    OPTIONS = {"id": ["", type_string], "theme": ["", type_string]}

    def on_validate(self, parent) -> bool:
        return bool(self.options["id"])

    def on_create(self, parent):
        finding_id = self.options["id"]
        section = etree.SubElement(parent, "section", {"class": "constat", "id": finding_id,
                                                       "aria-labelledby": f"{finding_id}-titre"})
        etree.SubElement(section, "div", {"data-constat": finding_id, "data-constat-slot": HEAD})
        return section

    def on_end(self, block) -> None:
        etree.SubElement(block, "div", {"data-constat": self.options["id"], "data-constat-slot": FOOT})


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# The options of the document being read, as scan.py read them: option text (indent removed,
# final line breaks dropped) → options; set by the strict reader's hook just before Markdown.
_EXPECTED: dict[str, dict] = {}


def expect_options(expected: dict[str, dict]) -> None:
    _EXPECTED.clear()
    _EXPECTED.update(expected)


def libyaml_frontmatter(string: str) -> dict | None:
    """pymdownx.blocks.get_frontmatter through libyaml: the same safe loading, 6 times faster
    (0.05 ms against 0.3 ms a block, 10,000 blocks in benchmarks/build.py). The options it reads
    are only used to render: scan.py checks every block with the strict loader. A block scan.py
    has just read without a problem is not read again: the same text gives the same strings (its
    values are strings, its keys unique), so its options serve as they are."""
    expected = _EXPECTED.get(string.rstrip("\n"))
    if expected is not None:
        return dict(expected)
    try:
        frontmatter = yaml.load(string, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
    except Exception:  # noqa: BLE001 - as pymdownx: unreadable options are no options
        return None
    if frontmatter is None:
        return {}
    return frontmatter if isinstance(frontmatter, dict) else None


class FindingExtension(BlocksExtension):
    def extendMarkdownBlocks(self, md, block_mgr):
        use_block_frontmatter_loader(libyaml_frontmatter)
        block_mgr.register(FindingBlock, self.getConfigs())
