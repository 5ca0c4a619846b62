"""--confirm serves the common layers of TensorFlow Addons (end of life: no release for Keras 3,
not installed here) from Keras 3: ``tfa.layers.InstanceNormalization`` as
``keras.layers.GroupNormalization(groups=-1)``, said in the verdict; anything else of it stays a
placeholder that says the package is not installed. Real TensorFlow."""

from __future__ import annotations

import importlib.util
import textwrap

import pytest

if importlib.util.find_spec("tensorflow") is None:  # pragma: no cover - CI installs it
    pytest.fail("the runtime checker's tests need TensorFlow (pip install -e '.[tensorflow,test]')")

from dropout_lint.confirm import confirm_findings  # noqa: E402
from confirm_cases import at  # noqa: E402

GENERATOR = """
    import tensorflow as tf
    import tensorflow_addons as tfa
    from tensorflow.keras import layers


    def generator():
        return tf.keras.Sequential([
            layers.Input((16, 16, 3)),
            layers.Conv2D(8, 3, padding="same"),
            tfa.layers.InstanceNormalization(),
            layers.ReLU(),
            {extra}
            layers.Conv2D(3, 3, padding="same"),
        ])


    gen = generator()
    opt = tf.keras.optimizers.Adam()


    def step(x):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.abs(gen(x) - x))
        grads = tape.gradient(loss, gen.trainable_variables)
        opt.apply_gradients(zip(grads, gen.trainable_variables))
"""


def _verdict(tmp_path, extra: str, code: str):
    if importlib.util.find_spec("tensorflow_addons") is not None:  # pragma: no cover
        pytest.fail("this test is about a machine without tensorflow_addons")
    (tmp_path / "gan.py").write_text(textwrap.dedent(GENERATOR.format(extra=extra)))
    finding = at(tmp_path, "gan.py", code, "gen(x)")
    confirm_findings([finding], timeout=120, max_rate=0.8)
    return finding.confirmation


def test_instance_normalization_is_served_and_dropout_confirmed(tmp_path):
    c = _verdict(tmp_path, "layers.Dropout(0.5),", "DL302")
    assert c.status == "confirmed", c
    assert "Dropout" in c.detail, c.detail
    assert "served as `keras.layers.GroupNormalization(groups=-1)`" in c.detail, c.detail


def test_a_generator_of_convolutions_and_instance_norm_is_refuted(tmp_path):
    # Instance normalisation normalises each example by itself: it reads no training flag.
    c = _verdict(tmp_path, "", "DL312")
    assert c.status == "refuted", c
    assert "flag changes nothing" in c.detail, c.detail


def test_an_addons_name_not_served_says_the_package_is_missing(tmp_path):
    c = _verdict(tmp_path, "tfa.layers.WeightNormalization(layers.Conv2D(8, 1)),", "DL312")
    assert c.status == "unbuildable", c
    assert "tensorflow_addons" in c.detail and "not installed" in c.detail, c.detail
