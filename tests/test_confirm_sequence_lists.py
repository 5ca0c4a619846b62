"""--confirm on a cause that left fresh set 13's real findings unbuildable (issue 15, session 13;
benchmarks/confirm_realworld.md), against real TensorFlow, on a project the test writes:

- a layer whose ``call()`` unpacks queries, keys and values from its input and treats each as a
  sequence (``tf.transpose(keys, [0, 2, 1])``): one input, a list of (batch, width) inputs and a
  (batch, steps, width) input all fail; a list of three sequence inputs builds it, said.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.tensorflow

from dropout_lint.confirm import confirm_findings  # noqa: E402
from confirm_cases import at, check, lay_out  # noqa: E402

FILES = {
    "attend.py": """
        import tensorflow as tf
        from tensorflow import keras


        class ScaledAttention(keras.layers.Layer):
            def __init__(self, rate=0.3):
                super().__init__()
                self.rate = rate

            def call(self, inputs):
                queries, keys, values = inputs
                score = tf.matmul(queries, tf.transpose(keys, [0, 2, 1]))
                score = tf.nn.softmax(score / 4.0)
                score = tf.nn.dropout(score, self.rate)
                return tf.matmul(score, values)
    """,
}


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    root = tmp_path_factory.mktemp("session13")
    lay_out(root, FILES)
    cases = {"qkv": at(root, "attend.py", "DL303", "tf.nn.dropout(score")}
    confirm_findings(list(cases.values()), timeout=90, max_rate=0.8)
    return {k: f.confirmation for k, f in cases.items()}


def test_a_layer_unpacking_three_sequences_is_called_with_three_and_says_so(verdicts):
    # Before: "unbuildable: calling the built object failed: ValueError: not enough values to
    # unpack (expected 3, got 2)".
    check(verdicts, "qkv", "confirmed", "dropout stays on at inference", "assumed a list of 3 inputs of shapes")
