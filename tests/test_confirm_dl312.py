"""--confirm settles the opt-in DL312 (a suspected missing ``training=``) with DL302's check: the
built model shows whether a layer of it reads the flag. Real TensorFlow. The layers are picked by
name at run time, so the static analysis cannot see them (that is why DL312, not DL302, reports)."""

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
    from tensorflow import keras

    KINDS = ({kinds})


    def make(kind):
        return getattr(keras.layers, kind)(0.4 if kind == "Dropout" else 4)


    class Trainer:
        def __init__(self):
            self.encoder = keras.Sequential([keras.Input((8,))] + [make(k) for k in KINDS])
            self.opt = keras.optimizers.Adam()

        def step(self, x):
            with tf.GradientTape() as tape:
                z = self.encoder(x)
                loss = tf.reduce_mean(z)
            self.opt.minimize(loss, self.encoder.trainable_variables, tape=tape)
"""


def _verdicts(tmp_path, kinds: str):
    path = tmp_path / "trainer.py"
    src = textwrap.dedent(SOURCE.format(kinds=kinds))
    path.write_text(src)
    findings = lint_source(src, {"DL302", "DL312"}, filename=str(path))
    assert [f.code for f in findings] == ["DL312"], findings  # DL302 cannot show it
    confirm_findings(findings, timeout=120, max_rate=0.8)
    return findings[0].confirmation


def test_a_dropout_the_file_does_not_show_is_confirmed(tmp_path):
    c = _verdicts(tmp_path, '"Dense", "Dropout"')
    assert c.status == "confirmed", c
    assert "Dropout `dropout`" in c.detail, c.detail  # names the layer that shows it


def test_a_model_without_flag_readers_is_refuted(tmp_path):
    c = _verdicts(tmp_path, '"Dense", "Dense"')
    assert c.status == "refuted", c
    assert "flag changes nothing" in c.detail, c.detail


def test_the_global_learning_phase_rule_needs_no_build(tmp_path):
    src = "import tensorflow as tf\ntf.keras.backend.set_learning_phase(1)\n"
    path = tmp_path / "phase.py"
    path.write_text(src)
    findings = [f for f in lint_source(src, {"DL314"}, filename=str(path)) if f.code == "DL314"]
    assert findings, "DL314 should report set_learning_phase"
    confirm_findings(findings, timeout=60, max_rate=0.8)
    c = findings[0].confirmation
    assert c.status == "not-applicable", c
    assert "no runtime check" not in c.detail, c.detail
