"""Patterns met in real-world Keras / TensorFlow code (benchmarks/realworld_results.md), each
written here as a small example of our own: false positives and false negatives found there."""

from __future__ import annotations

import textwrap


from dl_testkit import lint_source


def lint(code: str, rule: str):
    return [f for f in lint_source(textwrap.dedent(code).lstrip("\n"), {rule}, filename="rw.py") if f.code == rule]


def rows(code: str, rule: str) -> list[int]:
    return [f.start.row for f in lint(code, rule)]


# ---- if / elif branches that assign ``self.x`` are alternatives, not a sequence ---------------


def test_self_attribute_dropout_in_exclusive_branches_is_not_consecutive():
    code = """
        import tensorflow as tf
        class Net:
            def build(self, x, mode=None):
                self.h = tf.nn.relu(x)
                if mode is not None:
                    self.h = tf.cond(mode, lambda: tf.nn.dropout(self.h, 0.5), lambda: self.h)
                elif self.trainable:
                    self.h = tf.nn.dropout(self.h, 0.5)
                self.out = tf.layers.dense(self.h, 10)
    """
    assert rows(code, "DL103") == []


def test_self_attribute_dropout_twice_in_one_branch_is_consecutive():
    code = """
        import tensorflow as tf
        class Net:
            def build(self, x, train):
                self.h = tf.nn.relu(x)
                if train:
                    self.h = tf.nn.dropout(self.h, rate=0.5)
                    self.h = tf.nn.dropout(self.h, rate=0.5)
                self.out = tf.layers.dense(self.h, 10)
    """
    assert rows(code, "DL103") == [7]


def test_self_attribute_after_branches_sees_both_alternatives():
    code = """
        import tensorflow as tf
        class Net:
            def build(self, x, train):
                self.h = tf.nn.relu(x)
                if train:
                    self.h = tf.nn.dropout(self.h, rate=0.5)
                else:
                    self.h = tf.identity(self.h)
                self.h = tf.nn.dropout(self.h, rate=0.5)
    """
    assert rows(code, "DL103") == [9]


# ---- a Model subclass built inside another Keras class is one of its blocks --------------------

BLOCKS = """
    import tensorflow as tf
    class ConvBlock(tf.keras.Model):
        def __init__(self, filters, rate=0.2):
            super().__init__()
            self.conv = tf.keras.layers.Conv2D(filters, 3)
            self.drop = tf.keras.layers.Dropout(rate)
        def call(self, x, training=True):
            return self.drop(self.conv(x), training=training)
    {user}
"""


def test_model_subclass_used_as_block_through_indexed_list_is_not_output():
    user = """
    class DenseBlock(tf.keras.Model):
        def __init__(self, n):
            super().__init__()
            self.blocks = []
            for _ in range(n):
                self.blocks.append(ConvBlock(12))
        def call(self, x, training=True):
            for i in range(len(self.blocks)):
                x = tf.concat([x, self.blocks[i](x, training=training)], axis=-1)
            return x
    """
    assert rows(BLOCKS.format(user=textwrap.dedent(user).replace("\n", "\n    ")), "DL101") == []


def test_model_subclass_stored_in_keras_layer_is_not_output():
    user = """
    class Stage(tf.keras.layers.Layer):
        def __init__(self):
            super().__init__()
            self.block = ConvBlock(8)
    """
    assert rows(BLOCKS.format(user=textwrap.dedent(user).replace("\n", "\n    ")), "DL101") == []


def test_model_subclass_used_by_a_plain_trainer_is_still_a_model():
    user = """
    class Trainer:
        def __init__(self):
            self.model = ConvBlock(8)
    """
    assert rows(BLOCKS.format(user=textwrap.dedent(user).replace("\n", "\n    ")), "DL101") == [6]


def test_indexed_layer_list_reaches_the_output():
    code = """
        import keras
        class Net(keras.Model):
            def __init__(self):
                super().__init__()
                self.head = keras.layers.Dense(10, activation="softmax")
                self.drops = [keras.layers.Dropout(0.5) for _ in range(3)]
            def call(self, x, i=0):
                return self.drops[i](self.head(x))
    """
    assert rows(code, "DL101") == [6]


# ---- functions defined below their callers ----------------------------------------------------


def test_method_calling_helpers_defined_below_it():
    code = """
        import tensorflow as tf
        class Net:
            def build(self, x, y):
                h = self.fc(x)
                self.logits = self.drop(self.fc(h))
                self.loss = tf.losses.softmax_cross_entropy(y, self.logits)
            def fc(self, x):
                return tf.layers.dense(x, 10)
            def drop(self, x):
                return tf.layers.dropout(x, rate=0.5, training=True)
    """
    assert rows(code, "DL101") == [10]


def test_module_function_without_call_site_uses_functions_defined_below():
    code = """
        import tensorflow as tf
        def train(x, y):
            logits = inference(x)
            return tf.losses.softmax_cross_entropy(y, logits)
        def inference(x):
            h = tf.layers.dense(x, 10)
            return tf.layers.dropout(h, rate=0.5, training=True)
    """
    assert rows(code, "DL101") == [7]


def test_helper_below_feeds_batchnorm():
    code = """
        import tensorflow as tf
        class Net:
            def build(self, x, t):
                h = self.drop(tf.layers.dense(x, 10), t)
                return tf.layers.batch_normalization(h, training=t)
            def drop(self, x, t):
                return tf.layers.dropout(x, rate=0.3, training=t)
    """
    assert rows(code, "DL102") == [7]


def test_parameter_shadows_a_function_defined_below():
    code = """
        import tensorflow as tf
        def train(x, y, inference):
            logits = inference(x)
            return tf.losses.softmax_cross_entropy(y, logits)
        def inference(x):
            return tf.layers.dropout(tf.layers.dense(x, 10), rate=0.5, training=True)
    """
    assert rows(code, "DL101") == []
