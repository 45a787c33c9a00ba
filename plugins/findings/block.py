"""The `/// constat | Titre` block for pymdownx.blocks.

It renders only the structure: a <section> whose id is the finding id, two empty
slots, and the finding's Markdown body between them. The slots are filled after
reading (render.py), when the article URL, the consultation window, the
feedback and the projects are known. scan.py has already checked the syntax.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block, type_string

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


class FindingExtension(BlocksExtension):
    def extendMarkdownBlocks(self, md, block_mgr):
        block_mgr.register(FindingBlock, self.getConfigs())
