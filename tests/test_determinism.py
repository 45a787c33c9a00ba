"""Same commit + same SOURCE_DATE_EPOCH ⇒ byte-identical output/."""

from __future__ import annotations

from pathlib import Path


def snapshot(output: Path) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(site, tmp_path):
    first = site.build()
    assert first.ok, first.problems
    one = snapshot(site.output)
    site.output = tmp_path / "second"
    second = site.build()
    assert second.ok, second.problems
    two = snapshot(site.output)
    assert list(two) == list(one)
    assert [name for name in one if one[name] != two[name]] == []


def test_published_build_is_deterministic_too(site, tmp_path):
    assert site.build("publishconf.py").ok
    one = snapshot(site.output)
    site.output = tmp_path / "second"
    assert site.build("publishconf.py").ok
    assert snapshot(site.output) == one
