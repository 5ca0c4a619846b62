"""--confirm on a trainer whose constructor, through a module it imports, builds an ImageNet
application with its default ``weights="imagenet"`` (a perceptual loss) and opens a summary
writer in the read-only project folder: the application is built with weights=None and the
writer is a no-op, each said in the verdict, instead of "Blocked: --confirm does not use the
network" / "Read-only file system". Real TensorFlow."""

from __future__ import annotations

import importlib.util

import pytest

if importlib.util.find_spec("tensorflow") is None:  # pragma: no cover - CI installs it
    pytest.fail("the runtime checker's tests need TensorFlow (pip install -e '.[tensorflow,test]')")

from dropout_lint.confirm import confirm_findings  # noqa: E402
from confirm_cases import at, lay_out  # noqa: E402

FILES = {
    "losses.py": """
        import tensorflow as tf


        class PerceptualLoss:
            def __init__(self):
                vgg = tf.keras.applications.VGG16(include_top=False, input_shape=(32, 32, 3))
                self.features = tf.keras.Model(vgg.input, vgg.get_layer("block2_conv2").output)

            def __call__(self, a, b):
                return tf.reduce_mean(tf.square(self.features(a) - self.features(b)))
    """,
    "train.py": """
        import tensorflow as tf
        from tensorflow.keras import layers

        from losses import PerceptualLoss


        class Trainer:
            def __init__(self):
                self.generator = tf.keras.Sequential([
                    layers.Input((32, 32, 3)),
                    layers.Conv2D(8, 3, padding="same"),
                    layers.BatchNormalization(),
                    layers.ReLU(),
                    layers.Conv2D(3, 3, padding="same"),
                ])
                self.perceptual = PerceptualLoss()
                self.writer = tf.summary.create_file_writer("./logs/train")
                self.opt = tf.keras.optimizers.Adam()

            def step(self, blurred, sharp):
                with tf.GradientTape() as tape:
                    fake = self.generator(blurred)
                    loss = self.perceptual(fake, sharp)
                grads = tape.gradient(loss, self.generator.trainable_variables)
                self.opt.apply_gradients(zip(grads, self.generator.trainable_variables))
    """,
}


def test_an_imported_imagenet_application_and_a_log_writer_do_not_stop_the_build(tmp_path):
    lay_out(tmp_path, FILES)
    finding = at(tmp_path, "train.py", "DL302", "self.generator(blurred)")
    confirm_findings([finding], timeout=180, max_rate=0.8)
    c = finding.confirmation
    assert c.status == "confirmed", c
    assert "BatchNormalization" in c.detail, c.detail
    assert "`VGG16` built with weights=None" in c.detail, c.detail
    assert "served as a no-op writer" in c.detail, c.detail
