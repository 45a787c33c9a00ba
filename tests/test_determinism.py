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


def test_builds_in_processes_with_other_hash_seeds_are_byte_identical(site, tmp_path):
    """Python orders sets of strings by a hash seeded anew in each process (Pelican lists the
    source files in a set): two articles of the same day, built with two seeds, give the same
    bytes (listings, feeds, the search index fed in Pelican's writing order)."""
    import os
    import subprocess
    import sys

    from conftest import OFFICE_SITE

    for name in ("meme-jour-a", "meme-jour-b", "meme-jour-c"):
        site.write(f"content/articles/nouvelles/{name}.md",
                   f"Title: Même jour {name[-1]}\nDate: 2016-03-15\n\nUn texte du même jour.\n")
    script = ("import sys; from site_build import build; "
              "result = build(sys.argv[1], sys.argv[2], {'PATH': sys.argv[3], 'DATA_PATH': sys.argv[4]}); "
              "sys.exit(0 if result.ok else [print(p) for p in result.problems] and 1)")
    snapshots = []
    for seed in ("1", "2"):
        output = tmp_path / f"graine-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script, str(OFFICE_SITE / "pelicanconf.py"), str(output),
                               str(site.base / "content"), str(site.base / "data")], env=env, capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stdout + done.stderr
        snapshots.append(snapshot(output))
    assert list(snapshots[0]) == list(snapshots[1])
    assert [name for name in snapshots[0] if snapshots[0][name] != snapshots[1][name]] == []
