"""After a build, the worker drops the project's modules it imported. A project's namespace
package (a folder without ``__init__.py``) recomputes its path from its parent's: dropping the
parent first made reading the child's path raise, which ended the worker and lost the verdict
("the build exited the worker (exit code 1)", corpus Z's tsmotifs). Which module comes first
follows the string hash, so the check runs under several hash seeds."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = """
    import sys
    sys.path.insert(0, {root!r})
    from dropout_lint.confirm import worker

    before = set(sys.modules)
    import projx.algos.deep.mod  # noqa: F401
    worker._forget_project_modules(before)
    left = [m for m in sys.modules if m.startswith("projx")]
    assert not left, left
    print("forgotten")
"""


def test_namespace_packages_of_a_project_are_forgotten_in_any_order(tmp_path):
    pkg = tmp_path / "projx"
    (pkg / "algos" / "deep").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "algos" / "deep" / "mod.py").write_text("X = 1\n")  # algos, deep: namespace packages
    script = tmp_path / "run.py"
    script.write_text(textwrap.dedent(SCRIPT.format(root=str(tmp_path))))
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for seed in range(8):
        env = dict(os.environ, PYTHONHASHSEED=str(seed), PYTHONPATH=repo)
        out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120)
        assert out.returncode == 0 and "forgotten" in out.stdout, (seed, out.stderr[-2000:])
