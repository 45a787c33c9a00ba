"""The `/// figure | Légende` block: one photo with its caption and, optionally, its credit.

    /// figure | Le lac de l’Oule au printemps
        credit: Office de Tourisme
    ![Le lac, ses eaux vertes entre les mélèzes]({static}/images/lac.jpg)
    ///

renders `<figure class="photo"><img …><figcaption>Le lac… <small class="credit">Photo : Office de
Tourisme</small></figcaption></figure>` (the <img> then becomes a <picture>, markup.py). Python-Markdown
loses line numbers: `scan_figures` reads the blocks line by line first, with pymdownx.blocks'
rules (findings/scan.py), to report each mistake at its line.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block

from core.problems import Problem

BLOCK_NAME = "figure"
OPTION_KEYS = ("credit",)
CREDIT_LABEL = "Photo\u00a0: "
_IMAGE = re.compile(r"!\[")
# Same shapes as pymdownx.blocks' RE_START / RE_END (and plugins/findings/scan.py), and code fences.
_START = re.compile(r"[ ]{0,3}(/{3,})[ ]*([\w-]+)[ ]*(?:\|[ ]*(.*?)[ ]*)?$")
_END = re.compile(r"[ ]{0,3}(/{3,})[ ]*$")
_CODE_FENCE = re.compile(r"[ ]{0,3}(`{3,}|~{3,})")
_EXAMPLE = "/// figure | Le lac de l’Oule au printemps"


def _text(value) -> str:
    return "" if value is None else str(value)


class FigureBlock(Block):
    NAME = BLOCK_NAME
    ARGUMENT = True
    OPTIONS = {"credit": ["", _text]}

    def on_create(self, parent):
        return etree.SubElement(parent, "figure", {"class": "photo"})

    def on_end(self, block) -> None:
        # The image's paragraph (<p><img></p>: inline Markdown is read later) is unwrapped by markup.rewrite.
        caption = etree.SubElement(block, "figcaption")
        caption.text = (self.argument or "").strip()
        credit = self.options["credit"].strip()
        if credit:
            caption.text += " "
            small = etree.SubElement(caption, "small", {"class": "credit"})
            small.text = CREDIT_LABEL + credit


class FigureExtension(BlocksExtension):
    def extendMarkdownBlocks(self, md, block_mgr):
        block_mgr.register(FigureBlock, self.getConfigs())


def scan_figures(path: str, text: str) -> list[Problem]:
    """Every `/// figure` block of a source, checked: a caption, known options, one image and
    nothing else, a closing fence."""
    problems: list[Problem] = []
    lines = text.split("\n")
    index, fence = 0, None
    while index < len(lines):
        line = lines[index]
        code = _CODE_FENCE.match(line)
        if code:  # a code block: its text is shown, never read as a block
            fence = None if fence and line.strip().startswith(fence) else (fence or code.group(1))
            index += 1
            continue
        start = _START.match(line) if fence is None else None
        if not start or start.group(2) != BLOCK_NAME:
            index += 1
            continue
        number, slashes = index + 1, start.group(1)
        if not (start.group(3) or "").strip():
            problems.append(Problem(path, number, 1, (
                f"figure sans légende : écrivez-la après une barre verticale, « {_EXAMPLE} »")))
        index += 1
        while index < len(lines) and lines[index].startswith("    ") and lines[index].strip():
            key, colon, value = lines[index].strip().partition(":")
            if not colon or key.strip() not in OPTION_KEYS:
                problems.append(Problem(path, index + 1, 5, (
                    f"option « {key.strip()} » inconnue dans la figure : seule « credit: Nom de l'auteur » "
                    "est possible, sous la ligne /// figure, en retrait de quatre espaces")))
            elif not value.strip().strip("\"'"):
                problems.append(Problem(path, index + 1, 5, (
                    "crédit vide : écrivez l'auteur de la photo après « credit: », ou retirez la ligne")))
            index += 1
        images, others = [], []
        while index < len(lines):
            end = _END.match(lines[index])
            if end and end.group(1) == slashes:
                break
            if lines[index].strip():
                (images if _IMAGE.search(lines[index]) else others).append(index + 1)
            index += 1
        if index >= len(lines):
            problems.append(Problem(path, number, 1, (
                f"figure non fermée : ajoutez une ligne « {slashes} » après son image")))
            break
        if not images:
            problems.append(Problem(path, number, 1, (
                "figure sans image : écrivez l'image sur la ligne qui suit, "
                "![description de la photo]({static}/images/photo.jpg)")))
        elif len(images) > 1 or len(_IMAGE.findall(lines[images[0] - 1])) > 1:
            problems.append(Problem(path, images[-1] if len(images) > 1 else images[0], 1, (
                "une figure ne montre qu'une image : faites une figure par photo")))
        if others and images:
            problems.append(Problem(path, others[0], 1, (
                "une figure ne contient que son image : la légende s'écrit après la barre verticale, "
                f"« {_EXAMPLE} », le texte hors de la figure")))
        index += 1
    return problems
