"""Dependencies you can audit: direct ones with their reason in requirements*.in, everything
installed pinned with hashes in requirements*.txt, and the test environment is exactly the lock."""

from __future__ import annotations

import importlib.metadata
import re

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT


def locked(name: str) -> dict[str, tuple[str, list[str], str | None]]:
    """{canonical name: (version, hashes, marker)} of a compiled requirements file."""
    text = (ROOT / name).read_text(encoding="utf-8").replace("\\\n", " ")
    found = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("--hash") else line
        if not line or line.startswith("-"):
            continue
        spec, *options = re.split(r"\s+(?=--)", line)
        requirement = Requirement(spec)
        [pin] = list(requirement.specifier)
        assert pin.operator == "==", line
        hashes = [option.split("=", 1)[1] for option in options if option.startswith("--hash=")]
        found[canonicalize_name(requirement.name)] = (pin.version, hashes, str(requirement.marker or "") or None)
    return found


def direct(name: str) -> list[tuple[str, str]]:
    """(requirement, reason) of each line of a .in file; the reason is the comment line above it."""
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    return [(line, lines[number - 1] if number else "") for number, line in enumerate(lines)
            if line.strip() and not line.startswith(("#", "-"))]


@pytest.mark.parametrize("source, target", [("requirements.in", "requirements.txt"),
                                            ("requirements-test.in", "requirements-test.txt"),
                                            ("requirements-names.in", "requirements-names.txt")])
def test_each_direct_dependency_says_why_and_is_locked_with_hashes(source, target):
    lock = locked(target)
    for requirement, reason in direct(source):
        assert reason.startswith("# ") and len(reason) > 12, f"{source}: {requirement} has no reason above it"
        name = canonicalize_name(Requirement(requirement).name)
        version, _, _ = lock[name]
        assert Requirement(requirement).specifier.contains(version, prereleases=True), (requirement, version)
    for name, (version, hashes, _) in lock.items():
        assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), (target, name)


def test_the_test_lock_installs_the_same_versions_as_the_build_lock():
    build, test = locked("requirements.txt"), locked("requirements-test.txt")
    assert {name: build[name][0] for name in build} == {name: test[name][0] for name in build}


def test_nothing_unused_is_locked():
    assert not {"typogrify", "smartypants"} & set(locked("requirements-test.txt"))


def test_the_environment_is_exactly_the_lock():
    """manage.py installs requirements-test.txt with --require-hashes: what runs the tests is the lock."""
    differences = {}
    for name, (version, _, marker) in locked("requirements-test.txt").items():
        if marker and not Marker(marker).evaluate():
            continue
        installed = importlib.metadata.version(name)
        if installed != version:
            differences[name] = (installed, version)
    assert differences == {}


def test_pyproject_takes_its_dependencies_from_requirements_in():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["dynamic"] == ["dependencies"]
    assert project["tool"]["setuptools"]["dynamic"]["dependencies"] == {"file": ["requirements.in"]}


ENGINE = ("core", "plugins", "site_build", "publishing")


def _imported_top_levels(path) -> set[str]:
    import ast

    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_every_package_the_engine_imports_is_in_the_build_lock():
    """`manage.py build` installs requirements.txt only: a package the engine imports that only the
    test lock holds would break the build of a fresh clone (numpy did)."""
    import sys

    distributions: dict[str, set[str]] = {}  # top-level module → distributions that install it
    for distribution in importlib.metadata.distributions():
        for file in distribution.files or []:
            top = file.parts[0].split(".")[0] if file.parts else ""
            distributions.setdefault(top, set()).add(distribution.metadata["Name"])
    # spaCy and its model: installed by the feedback import when it first needs them, from their own
    # lock (plugins/privacy/names.py ensure_names_model), never by `build`
    engine_lock = set(locked("requirements.txt")) | set(locked("requirements-names.txt"))
    local = {*ENGINE, "tasks", "manage"}
    missing = {}
    for folder in ENGINE:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for name in _imported_top_levels(path) - local - set(sys.stdlib_module_names):
                wanted = {canonicalize_name(d) for d in distributions.get(name, [name])}
                if not wanted & engine_lock:
                    missing.setdefault(name, path.relative_to(ROOT).as_posix())
    assert missing == {}
