"""The README as a new user meets it: short before the reference, opening with the two set-up
commands (the second is what .ci/run runs), and an install line that works before a release."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_is_short_before_the_reference():
    lines = README.splitlines()
    ref = lines.index("## Reference")
    assert ref <= 150, f"{ref} lines before '## Reference'"
    head = "\n".join(lines[:ref])
    for topic in (
        "## What it finds",
        "## Install",
        "### Configuration",
        "### pre-commit",
        "### GitHub Actions",
        "### Editors",
    ):
        assert topic in head, topic
    for moved in ("Fuzzing", "What each anti-pattern costs", "How it works", "Speed: prefilter"):
        assert moved not in README, moved  # in docs/ now
    for doc in ("benchmarks.md", "internals.md", "confirm.md", "editors.md", "json-schema.json"):
        assert (ROOT / "docs" / doc).is_file() and f"docs/{doc}" in README, doc


def test_readme_opens_with_the_two_commands_ci_runs():
    block = re.match(r"# dropout-lint\n\n[^\n]+\n\n```bash\n(.*?)```", README, re.S)
    assert block, "the README must open with the set-up commands"
    commands = [ln for ln in block.group(1).splitlines() if ln and not ln.startswith("#")]
    assert len(commands) == 2
    lint, suite = commands
    assert "pip install '.[tensorflow]'" in lint and lint.endswith("dropout-lint --confirm fixtures/")
    ci = (ROOT / ".ci" / "run").read_text()
    extras = re.search(r"pip install (?:-q )?-e \"?'?\.\[([\w,]+)\]", ci).group(1)
    assert f"pip install -e '.[{extras}]'" in suite
    assert suite.endswith("python -m pytest -q") and "python -m pytest -q" in ci


def test_install_line_works_before_a_release():
    head = README.split("## Reference", 1)[0]
    assert "not on PyPI" in head
    # every pip install in the part people copy installs from a clone or the git URL
    found = re.findall(r"pip install ((?:-e |-q )*)('[^']*'|\S+)", head)
    assert found
    for _, target in found:
        target = target.strip("'\"")
        assert target.startswith(".") or "@ git+https://" in target, target  # never the bare registry name


def test_pyproject_metadata():
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert meta["license"] == "MIT" and meta["license-files"] == ["LICENSE"]
    assert "MIT License" in (ROOT / "LICENSE").read_text()
    assert any(c.startswith("Programming Language :: Python :: 3.1") for c in meta["classifiers"])
    assert not any(c.startswith("License ::") for c in meta["classifiers"])  # the SPDX expression says it
    assert {"Homepage", "Repository", "Issues", "Changelog"} <= set(meta["urls"])
    assert (ROOT / "dropout_lint" / "py.typed").is_file()
    from dropout_lint import __version__

    assert meta["version"] == __version__
    assert "jsonschema" in " ".join(meta["optional-dependencies"]["test"])
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text()
