"""Patterns met in real-world Keras / TensorFlow code (benchmarks/realworld_results.md), each
written here as a small example of our own: false positives and false negatives found there."""

from __future__ import annotations

import textwrap

import pytest

from dropout_lint.engine import FileSettings, lint_bytes
from dropout_lint.rule import option_defaults


def lint(code: str, rule: str):
    settings = FileSettings(frozenset({rule}), dict(option_defaults()))
    return [f for f in lint_bytes(textwrap.dedent(code).lstrip("\n").encode(), "rw.py", settings) if f.code == rule]


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
