"""``--force-exclude`` / ``force-exclude = true``: paths named on the command line go through
``exclude``, the skipped folders and ``.gitignore`` as the walk would (Ruff's semantics, plus
``.gitignore``), because pre-commit names every changed file explicitly."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

from dropout_lint.discovery import ForceExclude, discover

BAD = "import keras\nm = keras.Sequential([keras.layers.Dense(3), keras.layers.Dense(1), keras.layers.Dropout(0.5)])\n"
GOOD = "import keras\nm = keras.Sequential([keras.layers.Dense(3), keras.layers.Dropout(0.3), keras.layers.Dense(1)])\n"


def write(base: Path, name: str, text: str) -> Path:
    p = base / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(textwrap.dedent(text))
    return p


def notebook(cells: list[str]) -> str:
    return json.dumps(
        {
            "cells": [
                {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": c}
                for c in cells
            ],
            "metadata": {"kernelspec": {"name": "python3", "language": "python"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def reported(stdout: str) -> set[str]:
    return {line.split(":")[0] for line in stdout.splitlines() if ": DL" in line}


def project(tmp_path: Path, extra: str = "") -> Path:
    write(tmp_path, "pyproject.toml", '[tool.dropout-lint]\nexclude = ["generated", "*.gen.py"]\n' + extra)
    write(tmp_path, "src/model.py", BAD)
    write(tmp_path, "src/clean.py", GOOD)
    write(tmp_path, "generated/deep/model.py", BAD)
    write(tmp_path, "src/layers.gen.py", BAD)
    write(tmp_path, "generated/nb.ipynb", notebook(["import keras\n", BAD]))
    return tmp_path


NAMED = ["src/model.py", "src/clean.py", "generated/deep/model.py", "src/layers.gen.py", "generated/nb.ipynb"]


def test_named_files_are_linted_without_the_flag(cli, tmp_path):
    project(tmp_path)
    r = cli(*NAMED, cwd=tmp_path)
    assert r.returncode == 1
    assert reported(r.stdout) == {"src/model.py", "generated/deep/model.py", "src/layers.gen.py", "generated/nb.ipynb"}


def test_force_exclude_flag_filters_named_files(cli, tmp_path):
    project(tmp_path)
    r = cli("--force-exclude", *NAMED, cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert reported(r.stdout) == {"src/model.py"}
    assert r.stderr == ""


def test_only_excluded_files_named_passes(cli, tmp_path):
    project(tmp_path)
    r = cli("--force-exclude", "generated/deep/model.py", "src/layers.gen.py", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "All checks passed" in r.stdout


def test_config_key_and_no_force_exclude(cli, tmp_path):
    project(tmp_path, "force-exclude = true\n")
    r = cli(*NAMED, cwd=tmp_path)
    assert reported(r.stdout) == {"src/model.py"}
    r = cli("--no-force-exclude", *NAMED, cwd=tmp_path)
    assert "generated/deep/model.py" in reported(r.stdout)


def test_named_ignored_folder_is_skipped(cli, tmp_path):
    project(tmp_path)
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".gitignore", "scratch/\n")
    write(tmp_path, "scratch/try.py", BAD)
    assert reported(cli("scratch", cwd=tmp_path).stdout) == {"scratch/try.py"}
    r = cli("--force-exclude", "scratch", "generated", "src", cwd=tmp_path)
    assert reported(r.stdout) == {"src/model.py"}


def test_config_type_error_is_one_line(cli, tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.dropout-lint]\nforce-exclude = "yes"\n')
    write(tmp_path, "a.py", GOOD)
    r = cli("a.py", cwd=tmp_path)
    assert r.returncode == 2
    assert "force-exclude" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert "Traceback" not in r.stderr


def test_gitignore_applies_to_named_files(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".gitignore", "scratch/\n*.tmp.py\n!keep.tmp.py\n/rooted.py\n")
    write(tmp_path, "pkg/.gitignore", "local_*.py\n")
    names = {
        "scratch/a.py": True,  # folder ignored
        "scratch/sub/b.py": True,  # inside an ignored folder
        "pkg/x.tmp.py": True,  # glob on the name, any depth
        "pkg/keep.tmp.py": False,  # re-included
        "rooted.py": True,  # anchored
        "pkg/rooted.py": False,  # anchored to the top folder only
        "pkg/local_conf.py": True,  # nested .gitignore
        "local_conf.py": False,  # ... applies below its own folder only
        "pkg/model.py": False,
    }
    for name in names:
        write(tmp_path, name, GOOD)
    check = ForceExclude(tmp_path, [])
    assert {n: check(tmp_path / n) for n in names} == names
    found = discover([str(tmp_path / n) for n in names], tmp_path, [], force_exclude=True)
    assert sorted(Path(p).relative_to(tmp_path).as_posix() for p in found.files) == sorted(
        n for n, ign in names.items() if not ign
    )


def test_skipped_folders_apply_below_the_project_root_only(tmp_path):
    root = tmp_path / "build" / "proj"  # a project that lives under a folder named like a skipped one
    write(root, "pyproject.toml", "[tool.dropout-lint]\n")
    write(root, "src/model.py", BAD)
    write(root, ".venv/lib/site.py", BAD)
    write(root, "myenv/pyvenv.cfg", "")
    write(root, "myenv/lib/mod.py", BAD)
    write(root, "build/lib/model.py", BAD)
    check = ForceExclude(root, [])
    assert not check(root / "src/model.py")
    assert check(root / ".venv/lib/site.py")
    assert check(root / "myenv/lib/mod.py")
    assert check(root / "build/lib/model.py")
    assert not check(root)  # the root itself is never excluded


def test_relative_names_from_a_subfolder(cli, tmp_path):
    project(tmp_path)
    r = cli("--force-exclude", "../generated/deep/model.py", "model.py", cwd=tmp_path / "src")
    assert reported(r.stdout) == {"model.py"}


def test_files_outside_the_project_root(tmp_path):
    root = tmp_path / "proj"
    write(root, "pyproject.toml", '[tool.dropout-lint]\nexclude = ["generated", "*.gen.py"]\n')
    write(tmp_path, "elsewhere/generated/model.py", BAD)
    write(tmp_path, "elsewhere/layers.gen.py", BAD)
    check = ForceExclude(root, ["generated", "*.gen.py"])
    assert check(tmp_path / "elsewhere/layers.gen.py")  # a name pattern matches anywhere
    assert not check(tmp_path / "elsewhere/generated/model.py")  # folders above/outside the root are not matched
    assert not check(tmp_path / "elsewhere")


def test_named_files_agree_with_the_walk(tmp_path):
    """Naming every file with --force-exclude keeps exactly the files the walk finds."""
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".gitignore", "scratch/\n")
    for i in range(60):
        write(tmp_path, f"pkg/sub{i % 6}/m{i}.py", GOOD)
        write(tmp_path, f"scratch/sub{i % 6}/m{i}.py", GOOD)
        write(tmp_path, f"generated/sub{i % 6}/m{i}.py", GOOD)
    named = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.py"))
    cwd = Path.cwd()
    try:
        os.chdir(tmp_path)
        forced = discover(named, tmp_path.resolve(), ["generated"], force_exclude=True)
        walked = discover(["."], tmp_path.resolve(), ["generated"])
    finally:
        os.chdir(cwd)
    assert sorted(Path(p).as_posix() for p in forced.files) == sorted(Path(p).as_posix() for p in walked.files)
    assert len(forced.files) == 60


def test_config_in_a_subfolder_named_with_config(cli, tmp_path):
    """A monorepo: [tool.dropout-lint] in ml/pyproject.toml; pre-commit names files from the top."""
    write(tmp_path, "ml/pyproject.toml", '[tool.dropout-lint]\nexclude = ["generated"]\n')
    write(tmp_path, "ml/generated/x.py", BAD)
    write(tmp_path, "ml/a.py", BAD)
    write(tmp_path, "docs/conf.py", "x = 1\n")
    files = ["docs/conf.py", "ml/generated/x.py", "ml/a.py"]
    # each file gets its nearest [tool.dropout-lint]: ml/'s exclude applies to ml/generated/x.py
    assert reported(cli("--force-exclude", *files, cwd=tmp_path).stdout) == {"ml/a.py"}
    r = cli("--force-exclude", "--config", "ml/pyproject.toml", *files, cwd=tmp_path)
    assert reported(r.stdout) == {"ml/a.py"}
    r = cli("--force-exclude", "--config", "ml/pyproject.toml", "--no-force-exclude", *files, cwd=tmp_path)
    assert reported(r.stdout) == {"ml/a.py", "ml/generated/x.py"}  # the last of the pair wins, as pre-commit args need
