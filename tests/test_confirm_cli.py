"""``--confirm`` through the real command: reports, exit codes, safety, and no TensorFlow without it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_cli

CONFIRM = FIXTURES / "confirm"


def _python(code: str, cwd=None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, cwd=cwd, env=env, timeout=300
    )


def test_plain_lint_does_not_import_tensorflow():
    code = f"""
        import sys
        from dropout_lint.cli import main
        try:
            main([{str(CONFIRM)!r}])
        except SystemExit as exc:
            rc = exc.code
        heavy = [m for m in ("tensorflow", "keras", "dropout_lint.confirm.judge", "dropout_lint.confirm.worker") if m in sys.modules]
        print("RC", rc, "HEAVY", heavy, file=sys.stderr)
    """
    r = _python(code)
    assert "RC 1 HEAVY []" in r.stderr, r.stderr


def test_importing_the_confirm_package_does_not_import_tensorflow():
    r = _python("""
        import sys
        import dropout_lint.confirm, dropout_lint.confirm.pool, dropout_lint.confirm.slicer
        print(sorted(m for m in ("tensorflow", "keras") if m in sys.modules))
    """)
    assert r.stdout.strip() == "[]", r.stdout + r.stderr


def test_confirm_without_tensorflow_exits_2_with_install_hint(tmp_path):
    (tmp_path / "m.py").write_text("from keras import layers\nlayers.Dropout(0.9)\n")
    r = _python(f"""
        import sys
        sys.modules["tensorflow"] = None  # as if it were not installed
        from dropout_lint.cli import main
        main(["--confirm", {str(tmp_path / "m.py")!r}])
    """)
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'dropout-lint[tensorflow]'" in lines[0], r.stderr
    assert "Traceback" not in r.stderr


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    d = tmp_path_factory.mktemp("confirm-cli")
    for name in ("trains_at_top.py", "registry.py", "stacks.py"):
        shutil.copy(CONFIRM / name, d / name)
    return d


@pytest.fixture(scope="module")
def json_run(workdir):
    """One --confirm run over three files (one worker), JSON output."""
    r = run_cli("--confirm", "--output-format", "json", ".", cwd=workdir)
    assert r.returncode == 1, r.stderr
    return json.loads(r.stdout), r


@pytest.mark.tensorflow
def test_confirm_json_gives_every_finding_a_verdict(json_run):
    data, _ = json_run
    assert data
    for item in data:
        assert item["confirmation"]["status"] in {"confirmed", "refuted", "unbuildable", "not-applicable"}, item


@pytest.mark.tensorflow
def test_confirm_keeps_refuted_in_json(json_run):
    data, _ = json_run
    refuted = [d for d in data if d["confirmation"]["status"] == "refuted"]
    assert [d["filename"] for d in refuted] == ["registry.py"]
    assert refuted[0]["code"] == "DL101"


@pytest.mark.tensorflow
def test_confirm_neither_trains_nor_writes(json_run, workdir):
    data, _ = json_run
    mine = [d for d in data if d["filename"] == "trains_at_top.py"]
    assert mine and mine[0]["confirmation"]["status"] == "confirmed"
    assert not (workdir / "trained.json").exists()
    assert not (workdir / "trained.weights.h5").exists()
    assert not list(Path.cwd().glob("trained*"))


@pytest.mark.tensorflow
def test_confirm_text_hides_refuted_and_exit_code(workdir):
    r = run_cli("--confirm", "registry.py", cwd=workdir)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "DL101" not in r.stdout
    r = run_cli("--confirm", "--confirm-timeout", "45", "trains_at_top.py", cwd=workdir)
    assert r.returncode == 1
    assert "[confirmed: " in r.stdout, r.stdout


def test_pre_commit_confirm_hook_manifest():
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    hook = hooks["dropout-lint-confirm"]
    assert hook["entry"].split() == ["dropout-lint", "--confirm", "--force-exclude"]
    assert hook["language"] == "python"
    assert hook["require_serial"] is True
    assert any(dep.startswith("tensorflow") for dep in hook["additional_dependencies"])
    assert set(hook["types_or"]) == {"python", "pyi", "jupyter"}
