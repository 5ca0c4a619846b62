"""The pre-commit hooks, for real.

The README's `.pre-commit-config.yaml` snippet is loaded as it is; only its `repo:` URL is
replaced by a local git clone of this checkout (uncommitted edits included), tagged with the
snippet's `rev:`. `pre-commit install` puts the hook into a scratch repository and real
`git commit`s run it: pre-commit builds the hook's own virtual environment from the clone
(`language: python`, installing the package and its dependencies through pip) and runs
`dropout-lint` from there, with the files pre-commit picks.

`dropout-lint-confirm` runs for real as well, with one documented difference: installing its
`additional_dependencies` (TensorFlow) into a fresh hook environment took 57-100 s on the
2-core CI machine (`benchmarks/precommit_bench.py --confirm-env`), more than this file's budget,
and needs the package index; so here the manifest's hook runs with `language: system` and the entry
pointed at this test's interpreter (which has the [tensorflow] extra); `types_or`,
`require_serial`, the entry's arguments and the snippet's `stages` are the manifest's.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from dropout_lint import __version__

BAD = "import keras\nm = keras.Sequential([keras.layers.Dense(3), keras.layers.Dense(1), keras.layers.Dropout(0.5)])\n"
GOOD = "import keras\nm = keras.Sequential([keras.layers.Dense(3), keras.layers.Dropout(0.3), keras.layers.Dense(1)])\n"
PYPROJECT = '[tool.dropout-lint]\nexclude = ["generated"]\n'
GITIGNORE = "scratch/\n"


def notebook(*cells: str) -> str:
    return json.dumps(
        {
            "cells": [{"cell_type": "markdown", "metadata": {}, "source": "# Model\n"}]
            + [
                {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": c}
                for c in cells
            ],
            "metadata": {"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )


def readme_snippets() -> list[dict]:
    """The YAML blocks of the README's pre-commit section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n### pre-commit\n", 1)[1]
    section = re.split(r"\n##+ ", section, maxsplit=1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
    assert blocks, "no yaml block in the README's pre-commit section"
    return [yaml.safe_load(b) for b in blocks]


def readme_snippet() -> dict:
    """The README's snippet for the released hook repository (the one with a `rev:`)."""
    return next(s for s in readme_snippets() if s["repos"][0]["repo"] != "local")


def readme_local_snippet() -> dict:
    """The README's snippet that works before a release: a local hook, no `rev:`."""
    return next(s for s in readme_snippets() if s["repos"][0]["repo"] == "local")


def manifest() -> dict:
    return {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


class Scratch:
    """A git repository with the README's pre-commit config installed."""

    def __init__(self, path: Path, env: dict) -> None:
        self.path = path
        self.env = env

    def run(self, *args: str, env: dict | None = None, check: bool = False) -> subprocess.CompletedProcess:
        r = subprocess.run(list(args), cwd=self.path, capture_output=True, text=True, env=env or self.env, timeout=600)
        if check and r.returncode != 0:
            raise AssertionError(f"{args}: exit {r.returncode}\n{r.stdout}\n{r.stderr}")
        return r

    def git(self, *args: str) -> subprocess.CompletedProcess:
        return self.run("git", *args, check=True)

    def write(self, files: dict[str, str]) -> None:
        for name, text in files.items():
            p = self.path / name
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")

    def commit(self, files: dict[str, str], force_add: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
        """Stage ``files`` and `git commit` them; pre-commit's hook runs as for a user."""
        self.write(files)
        self.git("add", *[n for n in files if n not in force_add])
        if force_add:
            self.git("add", "-f", *force_add)
        r = self.run("git", "commit", "-m", "change")
        r.output = r.stdout + r.stderr  # type: ignore[attr-defined]
        return r

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").stdout.strip()

    def pre_commit(self, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        r = self.run(sys.executable, "-m", "pre_commit", *args, env=env)
        r.output = r.stdout + r.stderr  # type: ignore[attr-defined]
        return r

    def reset(self) -> None:
        self.git("reset", "-q", "--hard", "HEAD")
        self.git("clean", "-fdxq", "-e", ".dropout_lint_cache")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("precommit")
    snippet = readme_snippet()
    rev = snippet["repos"][0]["rev"]
    assert rev == f"v{__version__}", "the README's rev: should be the current release tag"

    ident = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    env = {**os.environ, **ident, "PRE_COMMIT_HOME": str(tmp / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    # The hook must run the copy pre-commit installed in its own environment, not this checkout.
    env.pop("PYTHONPATH", None)
    env.pop("DROPOUT_LINT_NO_CACHE", None)

    # The hook repository: this checkout (with uncommitted edits) as a git repo tagged `rev`.
    hookrepo = tmp / "dropout-lint"
    shutil.copytree(
        ROOT,
        hookrepo,
        ignore=shutil.ignore_patterns(
            ".git",
            ".ci-venv",
            ".venv",
            "*.egg-info",
            "__pycache__",
            ".dropout_lint_cache",
            ".pytest_cache",
            ".hypothesis",
            "build",
            "dist",
        ),
    )
    hook = Scratch(hookrepo, env)
    hook.git("init", "-q")
    hook.git("add", "-A")
    hook.git("commit", "-q", "--no-verify", "-m", "snapshot")
    hook.git("tag", rev)

    snippet["repos"][0]["repo"] = str(hookrepo)
    work = Scratch(tmp / "work", env)
    work.path.mkdir()
    work.git("init", "-q")
    work.write(
        {
            ".pre-commit-config.yaml": yaml.safe_dump(snippet, sort_keys=False),
            "pyproject.toml": PYPROJECT,
            ".gitignore": GITIGNORE,
        }
    )
    work.git("add", "-A")
    work.git("commit", "-q", "--no-verify", "-m", "setup")
    r = work.pre_commit("install")
    assert r.returncode == 0, r.output
    # The first commit builds the hook's environment (the manual-stage confirm hook is not built).
    r = work.commit({"README.md": "scratch\n"})
    assert r.returncode == 0, r.output
    work.snippet = snippet  # type: ignore[attr-defined]
    work.hookrepo = hookrepo  # type: ignore[attr-defined]
    yield work


@pytest.fixture
def repo(scratch):
    scratch.reset()
    yield scratch
    scratch.reset()


def test_manifest_is_what_pre_commit_needs():
    hooks = manifest()
    assert set(hooks) == {"dropout-lint", "dropout-lint-confirm"}
    for h in hooks.values():
        assert "--force-exclude" in h["entry"].split()
        assert set(h["types_or"]) == {"python", "pyi", "jupyter"}
        assert h["require_serial"] is True
        assert h.get("pass_filenames", True) is True


def test_dl101_fails_the_commit(repo):
    before = repo.head()
    r = repo.commit({"model.py": BAD})
    assert r.returncode == 1, r.output
    assert re.search(r"^dropout-lint\.+Failed$", r.output, re.M), r.output
    assert "model.py:2:69: DL101 " in r.output
    assert repo.head() == before
    assert "--confirm" not in r.output  # the manual-stage hook stays out of commits


def test_clean_file_commits(repo):
    before = repo.head()
    r = repo.commit({"model.py": GOOD, "stubs.pyi": "def f() -> int: ...\n"})
    assert r.returncode == 0, r.output
    assert re.search(r"^dropout-lint\.+Passed$", r.output, re.M), r.output
    assert repo.head() != before


def test_excluded_and_gitignored_files_are_skipped(repo):
    skipped = {"generated/model.py": BAD, "scratch/try.py": BAD}
    # Named by pre-commit, but skipped by the hook's --force-exclude ...
    r = repo.commit({**skipped, "model.py": BAD}, force_add=("scratch/try.py",))
    assert r.returncode == 1, r.output
    assert "model.py:2:69: DL101" in r.output
    assert "generated/" not in r.output and "scratch/" not in r.output
    repo.reset()
    r = repo.commit({**skipped, "clean.py": GOOD}, force_add=("scratch/try.py",))
    assert r.returncode == 0, r.output
    assert "generated/model.py" in repo.git("show", "--name-only", "HEAD").stdout
    # ... while the same files named without --force-exclude are linted and flagged.
    lint = repo.run(sys.executable, "-m", "dropout_lint", *skipped, env={**os.environ, "DROPOUT_LINT_NO_CACHE": "1"})
    assert (
        lint.returncode == 1
        and "generated/model.py:2:69: DL101" in lint.stdout
        and "scratch/try.py:2:69: DL101" in lint.stdout
    )


def test_python_script_without_suffix_is_linted(repo):
    """pre-commit tags an executable with a python shebang as `python` and names it; it is linted as Python."""
    repo.write({"train": "#!/usr/bin/env python\n" + BAD})
    (repo.path / "train").chmod(0o755)
    r = repo.commit({"train": "#!/usr/bin/env python\n" + BAD})
    assert r.returncode == 1, r.output
    assert "train:3:69: DL101 " in r.output


def test_notebook_is_linted(repo):
    nb = notebook(
        "import keras\n", "m = keras.Sequential([\n    keras.layers.Dense(1),\n    keras.layers.Dropout(0.5),\n])\n"
    )
    r = repo.commit({"train.ipynb": nb})
    assert r.returncode == 1, r.output
    assert "train.ipynb:cell 3:3:5: DL101 " in r.output, r.output


def test_fix_args(repo):
    snippet = json.loads(json.dumps(repo.snippet))
    hook = next(h for h in snippet["repos"][0]["hooks"] if h["id"] == "dropout-lint")
    hook["args"] = ["--fix", "--unsafe-fixes"]
    repo.write({"fix-config.yaml": yaml.safe_dump(snippet, sort_keys=False), "model.py": BAD})
    r = repo.pre_commit("run", "-c", "fix-config.yaml", "--files", "model.py")
    assert r.returncode == 1, r.output
    assert "files were modified by this hook" in r.output
    fixed = (repo.path / "model.py").read_text()
    assert "Dropout" not in fixed and "Dense(1)" in fixed
    r = repo.pre_commit("run", "-c", "fix-config.yaml", "--files", "model.py")
    assert r.returncode == 0, r.output


@pytest.mark.tensorflow
def test_confirm_hook(repo):
    """The manifest's confirm hook (language: system, see the module docstring) at the snippet's stage."""
    base = manifest()["dropout-lint-confirm"]
    wanted = next(h for h in repo.snippet["repos"][0]["hooks"] if h["id"] == "dropout-lint-confirm")
    prog, *args = base["entry"].split()
    assert prog == "dropout-lint"
    hook = {k: v for k, v in base.items() if k not in ("additional_dependencies", "language", "entry")}
    hook.update({k: v for k, v in wanted.items() if k != "id"})
    hook.update(language="system", entry=" ".join([sys.executable, "-m", "dropout_lint", *args]))
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    repo.write(
        {
            "confirm-config.yaml": yaml.safe_dump(config, sort_keys=False),
            "model.py": BAD,
            "generated/model.py": BAD,
            "clean.py": GOOD,
        }
    )
    env = {**repo.env, "PYTHONPATH": os.environ.get("PYTHONPATH", "")}  # this checkout, with TensorFlow
    # Not in the commit stage ...
    r = repo.pre_commit("run", "-c", "confirm-config.yaml", "--files", "model.py", env=env)
    assert r.returncode == 0 and "--confirm" not in r.output, r.output
    # ... on demand.
    files = ["model.py", "generated/model.py", "clean.py"]
    r = repo.pre_commit(
        "run", "-c", "confirm-config.yaml", "--hook-stage", "manual", "dropout-lint-confirm", "--files", *files, env=env
    )
    assert r.returncode == 1, r.output
    assert re.search(r"^dropout-lint --confirm\.+Failed$", r.output, re.M), r.output
    assert "model.py:2:69: DL101 " in r.output and "[confirmed: " in r.output, r.output
    assert "generated/" not in r.output


def test_readme_local_hook_works_without_a_release(tmp_path):
    """The snippet that names no revision: pre-commit runs the dropout-lint of the environment."""
    snippet = readme_local_snippet()
    (repo_cfg,) = snippet["repos"]
    assert "rev" not in repo_cfg
    (hook,) = repo_cfg["hooks"]
    base = manifest()["dropout-lint"]
    for key in ("entry", "types_or", "require_serial"):
        assert hook[key] == base[key], key  # the same hook as the manifest's
    ident = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    env = {**os.environ, **ident, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    env["PATH"] = (
        os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    )  # where `pip install` put dropout-lint
    env.pop("DROPOUT_LINT_NO_CACHE", None)
    work = Scratch(tmp_path / "work", env)
    work.path.mkdir()
    work.git("init", "-q")
    work.write({".pre-commit-config.yaml": yaml.safe_dump(snippet, sort_keys=False), "pyproject.toml": PYPROJECT})
    work.git("add", "-A")
    work.git("commit", "-q", "--no-verify", "-m", "setup")
    assert work.pre_commit("install").returncode == 0
    r = work.commit({"model.py": BAD})
    assert r.returncode == 1 and "model.py:2:69: DL101 " in r.output, r.output
    work.reset()
    r = work.commit({"clean.py": GOOD, "generated/model.py": BAD})
    assert r.returncode == 0, r.output


def test_readme_release_rev_is_explained():
    """`rev: v0.1.0` names the release tag, which the README says is created at release (the
    local snippet above it works until then) and the CHANGELOG lists that release."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n### pre-commit\n", 1)[1]
    rev = readme_snippet()["repos"][0]["rev"]
    assert rev == f"v{__version__}"
    assert f"Until the `{rev}` tag is created at the first release" in section
    assert section.index("repo: local") < section.index(f"rev: {rev}")
    assert f"## [{__version__}]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
