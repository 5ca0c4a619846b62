"""--confirm on Keras 1 / Keras 2 code that Keras 3 refuses, against real TensorFlow (issue 15):
the build is served with Keras 3's names for what those versions called otherwise, and every
substitution is said in the verdict. Each project is written by the test into ``tmp_path``;
one worker judges them all.

- Keras 1 constructor keywords (``Dense(output_dim=)``, ``Dropout(p=)``, ``border_mode=``,
  ``init=``, ``W_regularizer=``, ``BatchNormalization(mode=)``, ``LSTM(dropout_U=)``) and
  ``Convolution2D(filters, rows, cols)``;
- ``Model(input=, output=)``;
- Keras 2 backend functions Keras 3 dropped from ``keras.backend`` (``K.image_dim_ordering()``,
  ``K.int_shape``, ``K.random_normal``, ``K.concatenate``...);
- TF 2.3-2.5's ``layers.experimental.preprocessing`` and Keras 2's ``CuDNNLSTM``.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.tensorflow

from dropout_lint.confirm import confirm_findings  # noqa: E402
from confirm_cases import at, check, lay_out  # noqa: E402

FILES = {
    "keras1_cnn.py": """
        from keras.models import Sequential
        from keras.layers import Convolution2D, Dense, Dropout, Flatten
        from keras.layers.normalization import BatchNormalization

        model = Sequential()
        model.add(Convolution2D(8, 3, 3, border_mode="same", init="he_normal", input_shape=(16, 16, 3)))
        model.add(Flatten())
        model.add(Dense(output_dim=32, W_regularizer=None))
        model.add(Dropout(p=0.5))
        model.add(BatchNormalization(mode=0))
        model.add(Dense(output_dim=10))
        model.compile(loss="categorical_crossentropy", optimizer="adam")
    """,
    "keras1_functional.py": """
        from keras.layers import Input, Dense, Dropout
        from keras.models import Model

        inp = Input(shape=(12,))
        h = Dense(16, activation="relu")(inp)
        out = Dropout(0.3)(h)
        model = Model(input=inp, output=out)
    """,
    "keras1_rnn.py": """
        from keras.models import Sequential
        from keras.layers import LSTM, Dense

        model = Sequential()
        model.add(LSTM(8, dropout_W=0.2, dropout_U=0.95, input_shape=(10, 4)))
        model.add(Dense(1))
    """,
    "keras2_backend.py": """
        from keras import backend as K
        from keras.layers import Input, Dense, Dropout, Lambda, Concatenate
        from keras.models import Model

        if K.image_dim_ordering() == "th":
            shape = (1, 28, 28)
        else:
            shape = (784,)


        def sampling(args):
            mean, log_var = args
            eps = K.random_normal(shape=(K.shape(mean)[0], K.int_shape(mean)[1]), mean=0.0, stddev=1.0)
            return mean + K.exp(0.5 * log_var) * eps


        x = Input(shape=shape)
        h = Dropout(0.9)(Dense(32, activation="relu")(x))
        z_mean = Dense(2)(h)
        z_log_var = Dense(2)(h)
        z = Lambda(sampling)([z_mean, z_log_var])
        both = Lambda(lambda t: K.concatenate(t, axis=-1))([z, z_mean])
        encoder = Model(x, both)
    """,
    "keras1_merge.py": """
        import keras.backend as K
        from keras.engine import Layer
        from keras.layers import Input, Dense, Dropout, merge
        from keras.models import Model


        class Scale(Layer):
            def build(self, input_shape):
                self.gamma = K.variable(K.constant(1.0, shape=(input_shape[-1],)), name="gamma")

            def call(self, x):
                return self.gamma * x


        a = Input(shape=(8,))
        b = Dense(8)(a)
        x = merge([a, b], mode="concat", concat_axis=-1)
        x = Scale()(x)
        x = Dropout(0.92)(x)
        model = Model(a, Dense(1)(x))
    """,
    "opt_defaults.py": """
        import tensorflow as tf

        # Read when the module is imported (a package's defaults).
        DEFAULT_OPT = tf.keras.optimizers.legacy.Adam(lr=1e-3)
        UNITS = 4
    """,
    "optimizers.py": """
        import tensorflow as tf

        from opt_defaults import UNITS


        def build():
            return tf.keras.Sequential([tf.keras.layers.Dense(UNITS, input_shape=(3,)), tf.keras.layers.Dropout(0.93)])


        model = build()
    """,
    "experimental_layers.py": """
        import tensorflow as tf
        from tensorflow.keras import layers
        from tensorflow.keras.layers.experimental import preprocessing

        model = tf.keras.Sequential([
            preprocessing.Rescaling(1.0 / 255, input_shape=(32, 32, 3)),
            layers.experimental.preprocessing.RandomFlip("horizontal"),
            layers.Conv2D(8, 3, activation="relu"),
            layers.Flatten(),
            layers.Dropout(0.9),
            layers.Dense(10),
        ])
    """,
    "cudnn.py": """
        from keras.models import Sequential
        from keras.layers import CuDNNLSTM, Dense, Dropout

        model = Sequential()
        model.add(CuDNNLSTM(16, input_shape=(20, 3)))
        model.add(Dropout(0.85))
        model.add(Dense(1))
    """,
}


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    root = tmp_path_factory.mktemp("keras2")
    lay_out(root, FILES)
    cases = {
        "keras1-cnn": at(root, "keras1_cnn.py", "DL102", "Dropout(p=0.5)"),
        "keras1-functional": at(root, "keras1_functional.py", "DL101", "Dropout(0.3)"),
        "keras1-rnn": at(root, "keras1_rnn.py", "DL202", "LSTM(8"),
        "backend": at(root, "keras2_backend.py", "DL202", "Dropout(0.9)"),
        "merge": at(root, "keras1_merge.py", "DL202", "Dropout(0.92)"),
        "optimizers": at(root, "optimizers.py", "DL202", "tf.keras.layers.Dropout(0.93)"),
        "experimental": at(root, "experimental_layers.py", "DL202", "layers.Dropout(0.9)"),
        "cudnn": at(root, "cudnn.py", "DL202", "Dropout(0.85)"),
    }
    confirm_findings(list(cases.values()), timeout=90, max_rate=0.8)
    return {k: f.confirmation for k, f in cases.items()}


def test_keras_1_layer_keywords_and_convolution_sides_are_read_as_keras_3s(verdicts):
    check(
        verdicts,
        "keras1-cnn",
        "confirmed",
        "feeds",
        "BatchNormalization",
        "`Dropout(p=)` read as `rate=`",
        "`Dense(output_dim=)` read as `units=`",
        "`Convolution2D(border_mode=)` read as `padding=`",
        "read as kernel_size=(3, 3)",
        "`BatchNormalization(mode=)` ignored",
    )


def test_keras_1_model_input_output_keywords(verdicts):
    check(verdicts, "keras1-functional", "confirmed", "comes from", "Dropout", "`Model(input=)` read as `inputs=`")


def test_keras_1_rnn_dropout_keywords_give_the_rates_judged(verdicts):
    check(verdicts, "keras1-rnn", "confirmed", "0.95", "`LSTM(dropout_U=)` read as `recurrent_dropout=`")


def test_keras_2_backend_functions_are_served_by_keras_ops(verdicts):
    check(
        verdicts,
        "backend",
        "confirmed",
        "rate=0.9",
        "`backend.image_dim_ordering`",
        "`backend.random_normal`",
        "`backend.concatenate` served by Keras 3 (keras.ops)",
    )


def test_experimental_preprocessing_layers_are_the_plain_layers(verdicts):
    check(verdicts, "experimental", "confirmed", "rate=0.9")


def test_cudnn_lstm_is_built_as_lstm(verdicts):
    check(verdicts, "cudnn", "confirmed", "rate=0.85", "CuDNNLSTM as LSTM")


def test_keras_1_merge_and_backend_variables(verdicts):
    check(
        verdicts,
        "merge",
        "confirmed",
        "rate=0.92",
        "`merge(mode='concat')` built as `Concatenate`",
        "`backend.variable`",
    )


def test_keras_2_optimizers_are_built_as_keras_3s(verdicts):
    # Before: "Keras 2 code: `keras.optimizers.legacy` (Keras 3 has none)".
    check(
        verdicts,
        "optimizers",
        "confirmed",
        "rate=0.93",
        "`keras.optimizers.legacy.Adam` built as Keras 3's",
        "`Adam(lr=)` read as `learning_rate=`",
    )
