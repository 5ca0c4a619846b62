"""The shared model-structure extraction: branches and loops follow every path, not line order."""

from __future__ import annotations

import textwrap

from dropout_lint.engine import FileSettings, lint_bytes
from dropout_lint.rule import all_rules, option_defaults


def codes(src: str) -> list[tuple[str, int]]:
    enabled = frozenset(c for c, r in all_rules().items() if r.default)
    found = lint_bytes(textwrap.dedent(src).encode(), "t.py", FileSettings(enabled, option_defaults()))
    return [(f.code, f.start.row) for f in found]


def test_if_else_branches_are_alternatives_not_a_sequence():
    assert codes("""
        from keras import layers
        def f(x, cond):
            if cond:
                x = layers.Dropout(0.5)(x)
            else:
                x = layers.BatchNormalization()(x)
            return layers.Dense(1)(x)
    """) == []


def test_branch_then_common_successor_is_followed():
    assert codes("""
        from keras import layers
        def f(x, cond):
            if cond:
                x = layers.Dropout(0.5)(x)
            x = layers.BatchNormalization()(x)
            return x
    """) == [("DL102", 5)]


def test_sequential_add_in_exclusive_branches():
    assert codes("""
        import keras
        m = keras.Sequential()
        m.add(keras.layers.Dense(4))
        if use_dropout:
            m.add(keras.layers.Dropout(0.5))
        else:
            m.add(keras.layers.BatchNormalization())
        m.add(keras.layers.Dense(1))
    """) == []


def test_sequential_optional_trailing_dropout_is_reported():
    assert codes("""
        import keras
        m = keras.Sequential([keras.layers.Dense(4), keras.layers.Dense(1)])
        if regularise:
            m.add(keras.layers.Dropout(0.5))
    """) == [("DL101", 5)]


def test_loop_body_blocks_and_final_layer():
    assert codes("""
        import keras
        model = keras.Sequential()
        for units in [64, 32]:
            model.add(keras.layers.Dense(units, activation="relu"))
            model.add(keras.layers.Dropout(0.5))
        model.add(keras.layers.Dense(10, activation="softmax"))
    """) == []


def test_loop_that_may_not_run_keeps_the_previous_tail():
    assert codes("""
        import keras
        model = keras.Sequential([keras.layers.Dense(8), keras.layers.Dropout(0.3)])
        for _ in range(n_blocks):
            model.add(keras.layers.Dense(8))
        model.add(keras.layers.BatchNormalization())
    """) == [("DL102", 3)]


def test_model_returned_by_factory_then_extended():
    assert codes("""
        import keras
        def trunk():
            m = keras.Sequential([keras.layers.Dense(8), keras.layers.Dropout(0.3)])
            return m
        model = trunk()
        model.add(keras.layers.Dense(1))
    """) == []


def test_functional_residual_branch():
    assert codes("""
        import keras
        from keras import layers
        inp = keras.Input((8,))
        a = layers.Dense(8)(inp)
        b = layers.Dropout(0.3)(a)
        s = layers.Add()([a, b])
        out = layers.Dense(1)(s)
        model = keras.Model(inp, out)
    """) == []
