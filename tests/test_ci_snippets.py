"""The README's GitHub Actions workflow: its `dropout-lint` steps run here, in order, on a
scratch project (with `dropout-lint` replaced by this interpreter's `-m dropout_lint`), and
its `upload-sarif` step only uses inputs the action has and uploads the file the step before
wrote."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import yaml

from conftest import ROOT

BAD = "import keras\nm = keras.Sequential([keras.layers.Dense(3), keras.layers.Dense(1), keras.layers.Dropout(0.5)])\n"
GOOD = "import keras\nm = keras.Sequential([keras.layers.Dense(3), keras.layers.Dropout(0.3), keras.layers.Dense(1)])\n"
# The inputs of github/codeql-action/upload-sarif (its action.yml).
UPLOAD_SARIF_INPUTS = {
    "sarif_file",
    "checkout_path",
    "ref",
    "sha",
    "token",
    "matrix",
    "category",
    "wait-for-processing",
}


def workflow() -> dict:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n### GitHub Actions: code scanning (SARIF) and annotations\n", 1)[1]
    section = re.split(r"\n##+ ", section, maxsplit=1)[0]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block, "no workflow in the README's GitHub Actions section"
    return yaml.safe_load(block.group(1))


def test_readme_workflow_steps(tmp_path):
    wf = workflow()
    assert wf["permissions"]["security-events"] == "write"
    steps = wf["jobs"]["dropout-lint"]["steps"]
    lint_steps = [s for s in steps if s.get("run", "").startswith("dropout-lint ")]
    formats = [re.search(r"--output-format (\w+)", s["run"]).group(1) for s in lint_steps]
    assert formats == ["github", "sarif"]

    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "model.py").write_text(BAD)
    (tmp_path / "pkg" / "ok.py").write_text(GOOD)
    (tmp_path / "pyproject.toml").write_text("[tool.dropout-lint]\n")
    env = {k: v for k, v in os.environ.items() if k != "DROPOUT_LINT_NO_CACHE"}
    results = []
    for s in lint_steps:
        cmd = s["run"].replace("dropout-lint", f'"{sys.executable}" -m dropout_lint', 1)
        results.append(
            subprocess.run(["bash", "-c", cmd], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
        )
    github, sarif_step = results

    # Annotations: one workflow command per finding, and the job fails.
    assert github.returncode == 1, github.stderr
    (line,) = github.stdout.splitlines()
    assert re.fullmatch(
        r"::error file=pkg/model\.py,line=2,col=69,endLine=2,endColumn=\d+,title=DL101 \(dropout-after-output\)::Dropout .+",
        line,
    ), line

    # SARIF: written where the upload step reads it, and the step itself succeeds.
    assert sarif_step.returncode == 0, sarif_step.stderr
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert set(upload["with"]) <= UPLOAD_SARIF_INPUTS
    out = re.search(r">\s*(\S+)\s*$", next(s["run"] for s in lint_steps if "sarif" in s["run"])).group(1)
    assert upload["with"]["sarif_file"] == out
    sarif = json.loads((tmp_path / out).read_text())
    assert sarif["version"] == "2.1.0"
    (run,) = sarif["runs"]
    assert [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in run["results"]
    ] == [("DL101", "pkg/model.py")]
    # The SARIF and upload steps run after a failed annotation step.
    assert all("!cancelled()" in str(s.get("if", "")) for s in steps[steps.index(lint_steps[1]) :])
