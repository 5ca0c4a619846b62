"""--confirm reruns a DL306 op whose surrounding code cannot be built with the rate the linter
resolved for it (``dropout_rate = 0.25`` above the call), not a guessed 0.5. Real TensorFlow."""

from __future__ import annotations

import importlib.util
import textwrap

import pytest

if importlib.util.find_spec("tensorflow") is None:  # pragma: no cover - CI installs it
    pytest.fail("the runtime checker's tests need TensorFlow (pip install -e '.[tensorflow,test]')")

from dropout_lint.confirm import confirm_findings  # noqa: E402
from dl_testkit import lint_source  # noqa: E402

SOURCE = """
    import tensorflow as tf


    def tower(features, spec):
        dropout_rate = {rate}
        x = tf.compat.v1.layers.dense(features, units=spec.width)
        return tf.compat.v1.layers.dropout(x, rate=dropout_rate)
"""


def _verdict(tmp_path, rate: str):
    path = tmp_path / "tower.py"
    src = textwrap.dedent(SOURCE.format(rate=rate))
    path.write_text(src)
    findings = [f for f in lint_source(src, {"DL306"}, filename=str(path)) if f.code == "DL306"]
    assert len(findings) == 1, findings
    confirm_findings(findings, timeout=120, max_rate=0.8)
    return findings[0].confirmation


def test_the_resolved_rate_is_the_one_rerun(tmp_path):
    c = _verdict(tmp_path, "0.25")
    assert c.status == "confirmed", c
    assert "rate=0.25" in c.detail, c.detail
    assert "rate=0.5" not in c.detail, c.detail
    assert "built with" not in c.detail, c.detail  # nothing was guessed
