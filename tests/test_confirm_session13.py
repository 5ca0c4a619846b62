"""--confirm on what left fresh set 12's real findings unbuildable (issue 15, session 13; the
cause table in benchmarks/confirm_realworld.md), against real TensorFlow. Every project is written
by the test into ``tmp_path`` (our own small code, none of the packages that showed the causes);
each stand-in is said in the verdict:

- a model whose input leaves its length or image size open (``Input((None, 40))``,
  ``Input((None, None, 3))``), with valid convolutions that need more than the assumed size: built
  again with a larger one, said ("assumed input length 128", "assumed input 128x128");
- a value of a module that is not installed reaching ``Model(outputs=)`` (a CRF layer of an
  add-on package): unbuildable with one line naming the stand-in, not Keras' error about it;
- a project module that subclasses a class of a package that is not installed at its import
  (``class H(PathHandler)``), a module the model code never uses: the build goes on with the
  package stood in for, and the verdict says so.
"""

from __future__ import annotations

import importlib.util

import pytest

pytestmark = pytest.mark.tensorflow

from dropout_lint.confirm import confirm_findings  # noqa: E402
from confirm_cases import at, check, lay_out  # noqa: E402

FILES = {
    # A speech model: the time axis is open, the first convolution's kernel is longer than 8.
    "speech.py": """
        from tensorflow.keras.layers import BatchNormalization, Conv1D, Dense, Dropout, Input
        from tensorflow.keras.models import Model


        def conv_model(input_dim, filters=16, kernel_size=11, conv_stride=2, output_dim=29):
            frames = Input(name="frames", shape=(None, input_dim))
            x = Conv1D(filters, kernel_size, strides=conv_stride, padding="valid")(frames)
            x = Conv1D(filters, kernel_size, strides=conv_stride, padding="valid")(x)
            x = Dropout(0.3)(x)
            x = BatchNormalization()(x)
            y = Dense(output_dim, activation="softmax")(x)
            return Model(inputs=frames, outputs=y)
    """,
    # An image model with an open image size whose strided valid convolutions need more than 96.
    "vision.py": """
        from tensorflow.keras import Model, layers


        def build():
            image = layers.Input((None, None, 3))
            x = layers.Conv2D(8, 7, strides=4, padding="valid")(image)
            x = layers.Conv2D(8, 7, strides=4, padding="valid")(x)
            x = layers.Conv2D(8, 7, strides=1, padding="valid")(x)
            x = layers.Dropout(0.25)(x)
            x = layers.BatchNormalization()(x)
            out = layers.GlobalAveragePooling2D()(x)
            return Model(image, out)
    """,
    # A tagger whose last layer comes from an add-on package that is not installed, through a
    # project module.
    "text_layers.py": """
        from dl_absent_crf_layers import CRF

        __all__ = ["CRF"]
    """,
    "tagger.py": """
        from tensorflow.keras import layers
        from tensorflow.keras.models import Model

        from text_layers import CRF


        def build_tagger(vocab=50, n_tags=5):
            ids = layers.Input((20,))
            x = layers.Embedding(vocab, 8)(ids)
            x = layers.Dropout(0.3)(x)
            x = layers.BatchNormalization()(x)
            crf = CRF(n_tags, sparse_target=True)
            out = crf(x)
            return Model(inputs=ids, outputs=out)
    """,
    # A package whose io module subclasses a class of a package that is not installed.
    "medkit/__init__.py": "",
    "medkit/utils/__init__.py": "",
    "medkit/utils/io_utils.py": """
        from dl_absent_filekit.common.file_io import PathHandler, PathManager


        class DataPathHandler(PathHandler):
            PREFIX = "data://"

            def _get_supported_prefixes(self):
                return [self.PREFIX]


        PathManager.register_handler(DataPathHandler())
    """,
    "medkit/base.py": """
        from tensorflow import keras

        from medkit.utils.io_utils import PathManager


        class SegModel(keras.Model):
            def save_to(self, path):
                self.save_weights(PathManager.get_local_path(path))
    """,
    "medkit/unet.py": """
        from tensorflow.keras import layers

        from medkit.base import SegModel


        def unet(rate=0.4):
            image = layers.Input((16, 16, 1))
            x = layers.Conv2D(4, 3, padding="same")(image)
            x = layers.Dropout(rate)(x)
            x = layers.BatchNormalization()(x)
            out = layers.Conv2D(1, 1)(x)
            return SegModel(image, out)
    """,
}


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    root = tmp_path_factory.mktemp("session13")
    lay_out(root, FILES)
    cases = {
        "length": at(root, "speech.py", "DL102", "Dropout(0.3)"),
        "image": at(root, "vision.py", "DL102", "layers.Dropout(0.25)"),
        "crf": at(root, "tagger.py", "DL102", "layers.Dropout(0.3)"),
        "base": at(root, "medkit/unet.py", "DL102", "layers.Dropout(rate)"),
    }
    confirm_findings(list(cases.values()), timeout=120, max_rate=0.8)
    return {k: f.confirmation for k, f in cases.items()}


def test_an_open_length_too_short_for_the_convolutions_is_built_longer(verdicts):
    # Before: "calling the built model failed: ValueError: The convolution operation resulted in
    # an empty output".
    check(verdicts, "length", "confirmed", "feeds BatchNormalization", "assumed input length 128")


def test_an_open_image_too_small_for_the_convolutions_is_built_larger(verdicts):
    # Before: "calling the built model failed: ValueError: ... negative / empty output".
    check(verdicts, "image", "confirmed", "feeds BatchNormalization", "assumed input 128x128")


def test_a_stand_in_reaching_the_model_outputs_is_one_line(verdicts):
    # Before: "ValueError: All `outputs` values must be KerasTensors. Received: outputs=<...
    # _Placeholder object at 0x...>".
    assert importlib.util.find_spec("dl_absent_crf_layers") is None
    check(
        verdicts,
        "crf",
        "unbuildable",
        "the model's outputs",
        "`dl_absent_crf_layers.CRF(...)(...)`",
        "`dl_absent_crf_layers` is not installed",
    )
    assert "_Placeholder" not in verdicts["crf"].detail
    assert "\n" not in verdicts["crf"].detail


def test_a_base_class_of_a_missing_package_at_another_modules_import_is_stood_in(verdicts):
    # Before: "ModuleNotFoundError: `dl_absent_filekit` is not installed and the import of
    # `medkit.utils.io_utils` uses `dl_absent_filekit.common.file_io.PathHandler`".
    assert importlib.util.find_spec("dl_absent_filekit") is None
    check(
        verdicts,
        "base",
        "confirmed",
        "feeds BatchNormalization",
        "stood in by a placeholder module the build did not use: `dl_absent_filekit`",
        "`dl_absent_filekit.common.file_io.PathHandler` read as a base class at the import of `medkit.utils.io_utils`",
    )
