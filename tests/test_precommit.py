"""The pre-commit hook, for real: `pre-commit try-repo` against this checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

BAD = "import keras\nm = keras.Sequential([keras.layers.Dense(3), keras.layers.Dense(1), keras.layers.Dropout(0.5)])\n"
GOOD = "import keras\nm = keras.Sequential([keras.layers.Dense(3), keras.layers.Dropout(0.5), keras.layers.Dense(1)])\n"


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})


@pytest.mark.timeout(900)
def test_pre_commit_try_repo(tmp_path):
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    # try-repo needs a git repository to clone: snapshot this checkout (with uncommitted edits).
    repo = tmp_path / "hookrepo"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(".git", ".ci-venv", "*.egg-info", "__pycache__", ".dropout_lint_cache", ".pytest_cache", ".hypothesis"))
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "snapshot")

    work = tmp_path / "work"
    work.mkdir()
    git(work, "init", "-q")
    (work / "bad.py").write_text(BAD)
    (work / "good.py").write_text(GOOD)
    git(work, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    r = subprocess.run([pre_commit, "try-repo", str(repo), "dropout-lint", "--files", "bad.py", "good.py"],
                       cwd=work, capture_output=True, text=True, env=env, timeout=800)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "bad.py:2:" in r.stdout and "DL101" in r.stdout

    (work / "bad.py").write_text(GOOD)
    git(work, "add", "-A")
    r = subprocess.run([pre_commit, "try-repo", str(repo), "dropout-lint", "--files", "bad.py", "good.py"],
                       cwd=work, capture_output=True, text=True, env=env, timeout=800)
    assert r.returncode == 0, r.stdout + r.stderr
