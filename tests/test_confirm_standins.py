"""--confirm stand-ins for what no call site in the file gives (issue 15), against real
TensorFlow, each project written by the test into ``tmp_path``, one worker for all:

- a block function applied to tensors (``def block(x, filters)``) is built on symbolic inputs,
  as the functional model from them to what it returns, and the verdict says so; not for DL101
  (a block's output is not the output of the model it goes into);
- a parameter annotated ``List[int]`` gets a list, not an int;
- a keras-tuner build function's ``hp`` gets each hyperparameter's default (else first choice,
  else minimum);
- absl flags (``FLAGS.rate``) read with their ``DEFINE_*`` defaults, and forgotten after the
  build (the next file may define the same flags);
- a model held on an attribute of a plain class (``self.model.add(...)``) is the model judged,
  not the instance;
- a model a function builds and then loads downloaded weights into is judged as built before
  the download;
- a ``config`` parameter gets the file's configuration class with its defaults;
- a layer whose call takes a list of tensors (queries, keys, values) is called with one;
- initial weights read from a file (``Embedding(..., weights=[glove_matrix])``) are left out,
  and a functional model with an Embedding gets token ids.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.tensorflow

from dropout_lint.confirm import confirm_findings  # noqa: E402
from confirm_cases import at, check, lay_out  # noqa: E402

FILES = {
    "blocks.py": """
        from tensorflow.keras import layers


        def conv_block(x, filters, rate=0.3):
            x = layers.Conv2D(filters, 3, padding="same")(x)
            x = layers.Dropout(rate)(x)
            x = layers.BatchNormalization()(x)
            return layers.Activation("relu")(x)


        def merge_block(x, skip, units):
            h = layers.Dense(units)(x)
            h = layers.Concatenate()([h, skip])
            return layers.Dropout(0.95)(h)
    """,
    "mlp.py": """
        from typing import List

        import tensorflow as tf


        def mlp_block(hidden_units: List[int], name: str = "mlp"):
            block = tf.keras.Sequential(name=name)
            for units in hidden_units:
                block.add(tf.keras.layers.Dense(units, activation="gelu"))
                block.add(tf.keras.layers.Dropout(0.9))
            return block
    """,
    "tuner.py": """
        from tensorflow import keras


        def build_model(hp):
            model = keras.Sequential()
            model.add(keras.layers.Flatten(input_shape=(28, 28)))
            model.add(keras.layers.Dense(hp.Int("units", min_value=32, max_value=512, step=32), activation="relu"))
            model.add(keras.layers.Dropout(hp.Float("dropout", 0.0, 0.5, default=0.25)))
            model.add(keras.layers.BatchNormalization())
            model.add(keras.layers.Dense(10, activation=hp.Choice("act", ["softmax", "sigmoid"])))
            return model
    """,
    "flagged_a.py": """
        from absl import flags
        import tensorflow as tf

        FLAGS = flags.FLAGS
        flags.DEFINE_float("rate", 0.95, "dropout rate")
        flags.DEFINE_integer("width", 32, "units")


        def create_model():
            return tf.keras.Sequential([
                tf.keras.layers.Dense(FLAGS.width, input_shape=(10,)),
                tf.keras.layers.Dropout(FLAGS.rate),
            ])
    """,
    "flagged_b.py": """
        import tensorflow as tf

        FLAGS = tf.compat.v1.flags.FLAGS
        tf.compat.v1.flags.DEFINE_float("rate", 0.85, "dropout rate")

        model = tf.keras.Sequential([tf.keras.layers.Dense(4, input_shape=(3,)), tf.keras.layers.Dropout(FLAGS.rate)])
    """,
    "weight_helpers.py": """
        import urllib.request


        def download_weights_if_necessary(file_name, source_url):
            urllib.request.urlretrieve(source_url, file_name)
            return file_name


        def load_model_weights(model, weight_file):
            model.load_weights(weight_file)
            return model
    """,
    "pretrained.py": """
        from tensorflow.keras.layers import Conv2D, Dense, Dropout, Flatten, Input
        from tensorflow.keras.models import Model

        import weight_helpers


        def load_model(url="https://example.invalid/w.h5"):
            inp = Input(shape=(32, 32, 3))
            x = Conv2D(8, 3, activation="relu")(inp)
            x = Dropout(rate=0.99)(x)
            model = Model(inputs=[inp], outputs=Dense(4)(Flatten()(x)))
            weight_file = weight_helpers.download_weights_if_necessary(file_name="w.h5", source_url=url)
            model = weight_helpers.load_model_weights(model=model, weight_file=weight_file)
            return model
    """,
    "configured.py": """
        from dataclasses import dataclass

        import tensorflow as tf


        @dataclass
        class BlockConfig:
            hidden_size: int = 8
            dropout_rate: float = 0.9


        class Block(tf.keras.layers.Layer):
            def __init__(self, config: BlockConfig, **kwargs):
                super().__init__(**kwargs)
                self.dense = tf.keras.layers.Dense(config.hidden_size)
                self.drop = tf.keras.layers.Dropout(config.dropout_rate)

            def call(self, x, training=None):
                return self.drop(self.dense(x), training=training)


        class Net(tf.keras.Model):
            def __init__(self, config, **kwargs):
                super().__init__(**kwargs)
                self.block = Block(config)
                self.out = tf.keras.layers.Dense(1)
                self.last = tf.keras.layers.Dropout(0.85)

            def call(self, x):
                return self.last(self.out(self.block(x)))
    """,
    "attention.py": """
        import tensorflow as tf


        class NoisyAttention(tf.keras.layers.Layer):
            def __init__(self, rate=0.3, **kwargs):
                super().__init__(**kwargs)
                self.rate = rate

            def call(self, inputs):
                assert isinstance(inputs, list) and len(inputs) == 3, "inputs should be [queries, keys, values]"
                q, k, v = inputs
                w = tf.nn.softmax(tf.matmul(q, k, transpose_b=True))
                return tf.nn.dropout(tf.matmul(w, v), rate=self.rate)
    """,
    "glove.py": """
        import numpy as np
        from keras.layers import Embedding, LSTM, Dense, Dropout, BatchNormalization, Input
        from keras.models import Model

        vectors = {}
        with open("glove.6B.50d.txt") as fh:
            for line in fh:
                word, *values = line.split()
                vectors[word] = np.asarray(values, dtype="float32")
        vocab = 1000
        matrix = np.zeros((vocab, 50))
        for i, word in enumerate(sorted(vectors)[:vocab]):
            matrix[i] = vectors[word]

        inp = Input(shape=(30,))
        x = Embedding(vocab, 50, weights=[matrix], trainable=False)(inp)
        x = LSTM(8)(x)
        x = Dropout(0.4)(x)
        x = BatchNormalization()(x)
        model = Model(inp, Dense(1, activation="sigmoid")(x))
    """,
    "wrapper.py": """
        from keras.models import Sequential
        from keras.layers import Dense, Dropout, BatchNormalization, Flatten


        class Classifier:
            def __init__(self, input_shape, num_classes):
                self.model = Sequential()
                self.model.add(Flatten(input_shape=input_shape))
                self.model.add(Dropout(0.4))
                self.model.add(BatchNormalization())
                self.model.add(Dense(num_classes, activation="softmax"))

            def train(self, x, y):
                self.model.fit(x, y)
    """,
}


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    root = tmp_path_factory.mktemp("standins")
    lay_out(root, FILES)
    cases = {
        "block": at(root, "blocks.py", "DL102", "layers.Dropout(rate)"),
        "two-tensors": at(root, "blocks.py", "DL202", "layers.Dropout(0.95)"),
        "block-output": at(root, "blocks.py", "DL101", "layers.Dropout(0.95)"),
        "list": at(root, "mlp.py", "DL202", "tf.keras.layers.Dropout(0.9)"),
        "hp": at(root, "tuner.py", "DL102", "keras.layers.Dropout("),
        "flags-a": at(root, "flagged_a.py", "DL202", "tf.keras.layers.Dropout(FLAGS.rate)"),
        "flags-b": at(root, "flagged_b.py", "DL202", "tf.keras.layers.Dropout(FLAGS.rate)"),
        "attribute": at(root, "wrapper.py", "DL102", "Dropout(0.4)"),
        "weights": at(root, "pretrained.py", "DL202", "Dropout(rate=0.99)"),
        "config-annotated": at(root, "configured.py", "DL202", "tf.keras.layers.Dropout(config.dropout_rate)"),
        "config-named": at(root, "configured.py", "DL202", "tf.keras.layers.Dropout(0.85)"),
        "list-call": at(root, "attention.py", "DL303", "tf.nn.dropout("),
        "glove": at(root, "glove.py", "DL102", "Dropout(0.4)"),
    }
    confirm_findings(list(cases.values()), timeout=60, max_rate=0.8)
    return {k: f.confirmation for k, f in cases.items()}


def test_a_block_applied_to_a_tensor_is_built_on_a_symbolic_input(verdicts):
    # Before: "`conv_block()` needs arguments and no call site in this file gives them".
    check(verdicts, "block", "confirmed", "feeds", "BatchNormalization", "x=Input((32, 32, 3))", "filters=16")


def test_a_block_of_two_tensors_gets_an_input_for_each(verdicts):
    check(verdicts, "two-tensors", "confirmed", "rate=0.95", "x=Input((16,))", "skip=Input((16,))")


def test_a_blocks_output_is_not_taken_for_the_models_output(verdicts):
    check(verdicts, "block-output", "unbuildable", "`merge_block()` needs arguments")


def test_a_list_annotated_parameter_gets_a_list(verdicts):
    # Before: hidden_units=16 ("'int' object is not iterable").
    check(verdicts, "list", "confirmed", "rate=0.9", "hidden_units=[16, 16] (from its annotation `List[int]`)")


def test_a_keras_tuner_hp_gives_its_defaults(verdicts):
    # Before: "`build_model()` needs arguments and no call site in this file gives them".
    check(
        verdicts, "hp", "confirmed", "feeds", "BatchNormalization", "hp=keras-tuner hyperparameters at their defaults"
    )


def test_absl_flags_are_read_with_their_defaults_and_forgotten_after_the_build(verdicts):
    # Before: "AttributeError: width" (the slice had no DEFINE_* and the flags were not parsed).
    check(verdicts, "flags-a", "confirmed", "rate=0.95", "absl flags read with their defaults: --rate, --width")
    # The second file defines --rate again: no DuplicateFlagError, its own default.
    check(verdicts, "flags-b", "confirmed", "rate=0.85", "--rate")


def test_a_model_on_an_attribute_of_a_plain_class_is_the_model_judged(verdicts):
    # Before: not-applicable, "no Dropout output reaches a BatchNormalization" (the Dropout run alone).
    check(verdicts, "attribute", "confirmed", "feeds", "BatchNormalization")


def test_a_model_built_before_its_weights_are_downloaded_is_judged_as_built_then(verdicts):
    # Before: "building it needs `weight_helpers.download_weights_if_necessary(...)` (line 12)".
    check(verdicts, "weights", "confirmed", "rate=0.99", "judged `model` as built before line 12")


def test_a_config_parameter_gets_the_files_config_class_with_its_defaults(verdicts):
    # Before: "`Block()` needs config and no call site in this file gives them".
    check(verdicts, "config-annotated", "confirmed", "rate=0.9", "config=BlockConfig() (the defaults of BlockConfig)")
    check(verdicts, "config-named", "confirmed", "rate=0.85", "config=BlockConfig()")


def test_a_layer_whose_call_takes_a_list_is_called_with_one(verdicts):
    # Before: "calling the built object failed: AssertionError: inputs should be [queries, keys, values]".
    check(verdicts, "list-call", "confirmed", "dropout stays on at inference", "assumed a list of 3 inputs")


def test_initial_weights_from_a_file_are_left_out(verdicts):
    # Before: "building it needs `open(...)` (line 5): --confirm loads no data and trains nothing".
    check(
        verdicts,
        "glove",
        "confirmed",
        "feeds",
        "BatchNormalization",
        "built without the initial weights `weights=[matrix]`",
    )
