"""Benchmark: the pre-commit hooks, in one run.

    python benchmarks/precommit_bench.py [--plain 300] [--keras 300] [--repeat 3] [--confirm-env]

Snapshots this checkout twice as local hook repositories: as shipped (``require_serial: true``)
and with ``require_serial: false`` for the ``dropout-lint`` hook (pre-commit then splits the
files over one run per core, each run starting its own ``--jobs`` workers). A scratch git
repository gets the corpus of ``benchmarks/bench.py`` (``--plain`` ordinary modules and
``--keras`` model files) and, with a fresh ``PRE_COMMIT_HOME``, this measures:

- building the hook's environment (``pre-commit install-hooks``: virtualenv + pip install of
  the package and its dependencies);
- one changed file (the usual commit): ``pre-commit run --files FILE`` against ``dropout-lint FILE``;
- ``pre-commit run --all-files`` with each manifest, with the findings cache off
  (``DROPOUT_LINT_NO_CACHE=1``) and on (a second run over unchanged files), against the baseline
  ``dropout-lint --no-cache .`` run directly (no pre-commit) in the same run;
- with ``--confirm-env``: building the ``dropout-lint-confirm`` environment for real
  (``additional_dependencies``: TensorFlow from the package index) and one run of that hook on
  three files. Slow (minutes) and needs the index; off by default.

Medians over ``--repeat`` runs of wall time; the machine may be shared, so the ratios, measured in
the same run, are what counts.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from bench import make_corpus  # noqa: E402

IGNORE = shutil.ignore_patterns(
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
)


def sh(cmd, cwd, env, check=True, cpu=None) -> tuple[float, subprocess.CompletedProcess]:
    """Wall time and result; ``cpu`` (a list) gets the CPU time of the process tree appended."""
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append((ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime))
    if check and r.returncode not in (0, 1):
        raise SystemExit(f"{cmd}: exit {r.returncode}\n{r.stdout}\n{r.stderr}")
    return dt, r


def hook_repo(dest: Path, env, serial: bool) -> str:
    shutil.copytree(ROOT, dest, ignore=IGNORE)
    manifest = dest / ".pre-commit-hooks.yaml"
    hooks = yaml.safe_load(manifest.read_text())
    for h in hooks:
        if h["id"] == "dropout-lint":
            h["require_serial"] = serial
    manifest.write_text(yaml.safe_dump(hooks, sort_keys=False))
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "--no-verify", "-m", "snapshot"]):
        sh(cmd, dest, env)
    return sh(["git", "rev-parse", "HEAD"], dest, env)[1].stdout.strip()


def config(path: Path, repo: Path, rev: str, hook_id: str) -> Path:
    path.write_text(yaml.safe_dump({"repos": [{"repo": str(repo), "rev": rev, "hooks": [{"id": hook_id}]}]}))
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plain", type=int, default=300)
    ap.add_argument("--keras", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--confirm-env", action="store_true", help="also build the TensorFlow hook environment (slow)")
    a = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="precommit-bench-"))
    ident = {"GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@b", "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@b"}
    env = {**os.environ, **ident, "PRE_COMMIT_HOME": str(tmp / "home"), "PRE_COMMIT_COLOR": "never"}
    env.pop("PYTHONPATH", None)
    env.pop("DROPOUT_LINT_NO_CACHE", None)
    nocache = {**env, "DROPOUT_LINT_NO_CACHE": "1"}
    pre_commit = [sys.executable, "-m", "pre_commit"]
    try:
        serial_rev = hook_repo(tmp / "serial", env, True)
        parallel_rev = hook_repo(tmp / "parallel", env, False)
        work = tmp / "work"
        work.mkdir()
        files = make_corpus(work, a.plain, a.keras)
        for cmd in (["git", "init", "-q"], ["git", "add", "-A"]):
            sh(cmd, work, env)
        cfg_serial = config(tmp / "serial.yaml", tmp / "serial", serial_rev, "dropout-lint")
        cfg_parallel = config(tmp / "parallel.yaml", tmp / "parallel", parallel_rev, "dropout-lint")
        print(f"corpus: {len(files)} files ({a.plain} plain, {a.keras} Keras); {os.cpu_count()} CPUs")

        t_env, _ = sh([*pre_commit, "install-hooks", "-c", str(cfg_serial)], work, env)
        sh([*pre_commit, "install-hooks", "-c", str(cfg_parallel)], work, env)
        print(f"hook environment build (dropout-lint): {t_env:.1f} s")

        direct = [sys.executable, "-m", "dropout_lint"]
        runs = {
            "dropout-lint --no-cache . (baseline)": (
                [*direct, "--no-cache", "."],
                {**nocache, "PYTHONPATH": str(ROOT)},
                False,
            ),
            "pre-commit, require_serial: true,  no cache": (
                [*pre_commit, "run", "-c", str(cfg_serial), "--all-files"],
                nocache,
                False,
            ),
            "pre-commit, require_serial: false, no cache": (
                [*pre_commit, "run", "-c", str(cfg_parallel), "--all-files"],
                nocache,
                False,
            ),
            "pre-commit, require_serial: true,  cache warm": (
                [*pre_commit, "run", "-c", str(cfg_serial), "--all-files"],
                env,
                True,
            ),
            "pre-commit, require_serial: false, cache warm": (
                [*pre_commit, "run", "-c", str(cfg_parallel), "--all-files"],
                env,
                True,
            ),
        }
        walls: dict[str, list[float]] = {k: [] for k in runs}
        cpus: dict[str, list[float]] = {k: [] for k in runs}
        counts: dict[str, int] = {}
        for _ in range(a.repeat):  # interleaved, so a change in the machine's load hits every variant
            for label, (cmd, e, warm) in runs.items():
                if warm:
                    sh(cmd, work, e)
                dt, r = sh(cmd, work, e, cpu=cpus[label])
                walls[label].append(dt)
                counts[label] = r.stdout.count(": DL")
        assert len(set(counts.values())) == 1, f"the runs disagree on the findings: {counts}"
        print(f"findings: {next(iter(counts.values()))}")
        base_wall = statistics.median(walls["dropout-lint --no-cache . (baseline)"])
        base_cpu = statistics.median(cpus["dropout-lint --no-cache . (baseline)"])
        print(f"{'':46} {'wall':>8} {'x base':>7} {'CPU':>8} {'x base':>7}")
        for label in runs:
            w, c = statistics.median(walls[label]), statistics.median(cpus[label])
            print(f"{label:46} {w:7.2f}s {w / base_wall:6.2f}x {c:7.2f}s {c / base_cpu:6.2f}x")

        def median(cmd, e):
            return statistics.median(sh(cmd, work, e)[0] for _ in range(a.repeat))

        one = str(next(p for p in files if "models" in p.parts).relative_to(work))
        t_one_base = median([*direct, "--no-cache", one], {**nocache, "PYTHONPATH": str(ROOT)})
        t_one = median([*pre_commit, "run", "-c", str(cfg_serial), "--files", one], nocache)
        print(
            f"one file: dropout-lint {t_one_base:.2f} s, pre-commit run --files {t_one:.2f} s ({t_one / t_one_base:.2f} x)"
        )

        if a.confirm_env:
            cfg_confirm = config(tmp / "confirm.yaml", tmp / "serial", serial_rev, "dropout-lint-confirm")
            t_tf, r = sh([*pre_commit, "install-hooks", "-c", str(cfg_confirm)], work, env)
            print(f"hook environment build (dropout-lint-confirm, TensorFlow): {t_tf:.1f} s")
            some = [str(p.relative_to(work)) for p in files if "models" in p.parts][:3]
            t_run, r = sh([*pre_commit, "run", "-c", str(cfg_confirm), "--files", *some], work, env)
            print(f"dropout-lint-confirm on {len(some)} files: {t_run:.1f} s (exit {r.returncode})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
