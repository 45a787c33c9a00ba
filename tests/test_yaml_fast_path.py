"""libyaml's fast path (site_data/loader.py) reads exactly what PyYAML's pure-Python parser reads.

The loader asks libyaml first and falls back to the pure-Python parser on any failure, so its
problems are those of the pure parser by construction. What must hold is the other half:
whenever libyaml reads a document, the pure parser reads it too, into the same tree (tags,
values, styles, line and column where every node starts, and where every scalar ends). The end
of a collection is left out: at the end of a file without a final line break the two parsers
place it differently, and nothing reads it (schema.py and the messages use start marks). So is a
collection's flow style: an indentless sequence (a list under a key, not indented) is « block »
for libyaml and « unknown » for PyYAML, and only the scalars' style is read.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from plugins.site_data import loader

from conftest import OFFICE_SITE
from test_fuzzing import DATA_SAMPLES, YAML_TOKENS, mutated


def tree(node):
    """Everything the schemas and messages use of a node, recursively."""
    if node is None:
        return None
    marks = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, ScalarNode):
        return ("scalar", node.tag, node.value, node.style, marks, (node.end_mark.line, node.end_mark.column))
    if isinstance(node, SequenceNode):
        return ("sequence", node.tag, marks, [tree(item) for item in node.value])
    assert isinstance(node, MappingNode)
    return ("mapping", node.tag, marks, [(tree(k), tree(v)) for k, v in node.value])


def pure(text: str):
    return tree(loader._StrictComposer(text, "f.yml").get_single_node())


def check_same(text: str) -> bool:
    """True if libyaml answered (and then the same as the pure parser)."""
    fast = loader.fast_compose(text, "f.yml")
    if fast is loader.UNREAD:  # the loader falls back to the pure parser: nothing to compare
        return False
    assert pure(text) == tree(fast), text
    return True


def test_libyaml_is_there():
    """The wheels of PyYAML carry libyaml: without it the fast path is silently off."""
    assert loader._FastComposer is not None


@pytest.mark.parametrize("path", sorted((OFFICE_SITE / "data").rglob("*.yml")), ids=lambda p: p.name)
def test_the_site_data_files_read_the_same(path):
    text = path.read_text(encoding="utf-8")
    assert check_same(text)  # the fast path does read them


@pytest.mark.parametrize("text", [
    "a: b\n", "titre: « Été » 😀 ok\n", "k: 'q'\nl: \"d\\u00e9\"\nm: ~\n", "- [1, {a: b}]\n- >-\n  plié\n  ici\n",
    "a: |\n  ligne\n\n  autre\n", "", "# rien\n", "a:\n  - 1\n  -\n", "x: \"\"\n", "\"é\": \"ü\"\n",
])
def test_hand_picked_documents_read_the_same(text):
    assert check_same(text)


def test_a_byte_order_mark_inside_the_text_goes_to_the_pure_parser():
    text = "priority: \ufeffprioritaire\n"
    assert loader.fast_compose(text, "f.yml") is loader.UNREAD
    assert loader.compose(text, "f.yml").value[0][1].value == "\ufeffprioritaire"


@pytest.mark.parametrize("text, message", [
    ("a: &x b\n", "f.yml:1:4: ancre YAML « &x » refusée"),
    ("a: !!str b\n", "f.yml:1:4: étiquette YAML « tag:yaml.org,2002:str » refusée"),
    ("a: b: c\n", "f.yml:1:5: deux-points inattendu"),
    ("a:\n\t- b\n", "f.yml:2:1: tabulation interdite"),
    ("[" * 40 + "]" * 40 + "\n", "f.yml:1:33: imbrication trop profonde"),
])
def test_problems_are_the_pure_parsers(text, message):
    with pytest.raises(loader.ProblemError) as caught:
        loader.parse("f.yml", text.encode("utf-8"), max_bytes=10_000)
    assert str(caught.value.problem).startswith(message)


@given(st.one_of(*(mutated(sample, YAML_TOKENS) for sample in DATA_SAMPLES.values()), st.text(max_size=200)))
def test_any_text_reads_the_same(text):
    check_same(text)
