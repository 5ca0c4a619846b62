"""--confirm builds code that imports TensorFlow's internal Keras 2 copy
(``tensorflow.python.keras``, which lacks most layers under TF 2.16+) or Keras 2's
``keras.backend.tensorflow_backend`` as Keras 3, and says so in the verdict. Real TensorFlow."""

from __future__ import annotations

import importlib.util
import textwrap

import pytest

if importlib.util.find_spec("tensorflow") is None:  # pragma: no cover - CI installs it
    pytest.fail("the runtime checker's tests need TensorFlow (pip install -e '.[tensorflow,test]')")

from dropout_lint.confirm import confirm_findings  # noqa: E402
from dl_testkit import lint_source  # noqa: E402

INTERNAL = """
    from tensorflow.python.keras import layers
    from tensorflow.python.keras import models


    def critic():
        inp = layers.Input(shape=(12,))
        x = layers.Dense(16)(inp)
        x = layers.Dropout(rate=0.25)(x)
        x = layers.BatchNormalization(momentum=0.8)(x)
        return models.Model(inp, layers.Dense(1)(x))
"""

# a sibling module of the project, run when the builder imports it
GPU_SETUP = """
    import keras.backend.tensorflow_backend as ktf
    import tensorflow as tf

    config = tf.ConfigProto()
    config.gpu_options.allow_growth = True
    ktf.set_session(tf.Session(config=config))
    WIDTH = 8
"""

TF_BACKEND = """
    import keras.backend.tensorflow_backend as ktf
    from keras.layers import Dense, Dropout, Input
    from keras.models import Model

    from gpu_setup import WIDTH


    def tagger():
        inp = Input(shape=(10,), dtype=ktf.floatx())
        x = Dropout(0.5)(Dense(WIDTH)(inp))
        x = Dropout(0.5)(x)
        return Model(inp, x)
"""


def _verdict(tmp_path, source: str, code: str):
    path = tmp_path / "net.py"
    src = textwrap.dedent(source)
    path.write_text(src)
    findings = [f for f in lint_source(src, {code}, filename=str(path)) if f.code == code]
    assert len(findings) == 1, findings
    confirm_findings(findings, timeout=120, max_rate=0.8)
    return findings[0].confirmation


def test_tensorflow_python_keras_is_read_as_keras_3(tmp_path):
    c = _verdict(tmp_path, INTERNAL, "DL102")
    assert c.status == "confirmed", c
    assert "tensorflow.python.keras" in c.detail, c.detail  # says what it assumed


def test_keras_2_tensorflow_backend_module_is_served(tmp_path):
    (tmp_path / "gpu_setup.py").write_text(textwrap.dedent(GPU_SETUP))
    c = _verdict(tmp_path, TF_BACKEND, "DL103")
    assert c.status == "confirmed", c
    assert "keras.backend.tensorflow_backend" in c.detail, c.detail
    assert "tf.ConfigProto" in c.detail, c.detail  # the TF1 session plumbing, served and said
