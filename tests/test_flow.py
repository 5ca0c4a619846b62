"""The shared model-structure extraction: branches and loops follow every path, not line order."""

from __future__ import annotations

import textwrap


from dl_testkit import code_rows


def codes(src: str) -> list[tuple[str, int]]:
    return code_rows(src)


def test_if_else_branches_are_alternatives_not_a_sequence():
    assert (
        codes("""
        from keras import layers
        def f(x, cond):
            if cond:
                x = layers.Dropout(0.5)(x)
            else:
                x = layers.BatchNormalization()(x)
            return layers.Dense(1)(x)
    """)
        == []
    )


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
    assert (
        codes("""
        import keras
        m = keras.Sequential()
        m.add(keras.layers.Dense(4))
        if use_dropout:
            m.add(keras.layers.Dropout(0.5))
        else:
            m.add(keras.layers.BatchNormalization())
        m.add(keras.layers.Dense(1))
    """)
        == []
    )


def test_sequential_optional_trailing_dropout_is_reported():
    assert codes("""
        import keras
        m = keras.Sequential([keras.layers.Dense(4), keras.layers.Dense(1)])
        if regularise:
            m.add(keras.layers.Dropout(0.5))
    """) == [("DL101", 5)]


def test_loop_body_blocks_and_final_layer():
    assert (
        codes("""
        import keras
        model = keras.Sequential()
        for units in [64, 32]:
            model.add(keras.layers.Dense(units, activation="relu"))
            model.add(keras.layers.Dropout(0.5))
        model.add(keras.layers.Dense(10, activation="softmax"))
    """)
        == []
    )


def test_a_for_loop_over_an_unknown_iterable_runs_at_least_once():
    # issue 13: the code is written for the iterations it takes; the zero-iteration path is not
    # shown to happen, so the Dropout feeds a Dense, not the BatchNormalization
    src = """
        import keras
        model = keras.Sequential([keras.layers.Dense(8), keras.layers.Dropout(0.3)])
        for _ in range(n_blocks):
            model.add(keras.layers.Dense(8))
        model.add(keras.layers.BatchNormalization())
    """
    assert codes(src) == []
    # a loop known to run no iteration leaves the previous tail
    assert codes(src.replace("range(n_blocks)", "[]")) == [("DL102", 3)]
    assert codes(src.replace("range(n_blocks)", "range(0)")) == [("DL102", 3)]
    # a while loop may run none or several times: the two meet only where it runs none, which
    # the code does not show (session 9: the premise "on the paths the code takes")
    assert codes(src.replace("for _ in range(n_blocks)", "while more()")) == []


def test_dropout_followed_by_a_loop_of_layers_is_not_the_output():
    assert (
        codes("""
        import tensorflow as tf
        from tensorflow.keras.layers import Dropout, Dense
        num_blocks = 3
        class Net(tf.keras.Model):
            def __init__(self):
                super().__init__()
                self.blocks = [Dense(4) for _ in range(num_blocks)]
                self.dropout = Dropout(0.3)
            def call(self, inputs, training=None):
                h = self.dropout(inputs, training=training)
                for i in range(num_blocks):
                    h = self.blocks[i](h)
                return h
        def head(x, n):
            x = Dropout(0.1)(x)
            for _ in range(n):
                x = Dense(3)(x)
            return x
        inp = tf.keras.Input((3,))
        m = tf.keras.Model(inp, head(inp, 2))
    """)
        == []
    )


def test_model_returned_by_factory_then_extended():
    assert (
        codes("""
        import keras
        def trunk():
            m = keras.Sequential([keras.layers.Dense(8), keras.layers.Dropout(0.3)])
            return m
        model = trunk()
        model.add(keras.layers.Dense(1))
    """)
        == []
    )


def test_functional_residual_branch():
    assert (
        codes("""
        import keras
        from keras import layers
        inp = keras.Input((8,))
        a = layers.Dense(8)(inp)
        b = layers.Dropout(0.3)(a)
        s = layers.Add()([a, b])
        out = layers.Dense(1)(s)
        model = keras.Model(inp, out)
    """)
        == []
    )


def test_loop_iteration_end_feeds_the_next_iteration():
    # The Dropout closing one block feeds the BatchNormalization opening the next one.
    assert codes("""
        from tensorflow import keras
        from tensorflow.keras import layers
        inputs = keras.Input(shape=(32,))
        x = inputs
        for units in [128, 64, 32]:
            x = layers.BatchNormalization()(x)
            x = layers.Dense(units, activation="relu")(x)
            x = layers.Dropout(0.3)(x)
        model = keras.Model(inputs, layers.Dense(1)(x))
    """) == [("DL102", 9)]


def test_loop_of_unknown_length_may_repeat_but_a_single_pass_does_not():
    assert codes("""
        from keras import layers, Sequential
        def build(sizes):
            m = Sequential()
            for s in sizes:
                m.add(layers.Dropout(0.2))
                m.add(layers.Dense(s))
                m.add(layers.Dropout(0.2))
            m.add(layers.Dense(1))
            return m
        def once(x):
            for _ in range(1):
                x = layers.Dropout(0.2)(x)
                x = layers.BatchNormalization()(x)
                x = layers.Dense(3)(x)
            return x
    """) == [("DL103", 6), ("DL102", 13)]


def test_deeply_nested_loops_stay_linear():
    # Each nesting level runs its body at most twice up to three levels: no exponential blow-up.
    src = "from keras import layers\ndef f(x):\n"
    for depth in range(12):
        src += "    " * (depth + 1) + f"for i{depth} in range(2):\n"
    src += "    " * 13 + "x = layers.Dropout(0.5)(x)\n" + "    " * 13 + "x = layers.Dense(2)(x)\n"
    src += "    return x\n"
    assert codes(src) == []


def test_repeated_loop_pass_does_not_pair_a_branch_with_itself():
    # A dispatch loop: "d" may not come twice in a row, so no Dropout after Dropout; the
    # unconditional BatchNormalization at the start of the body still sees the Dropout.
    assert codes("""
        import tensorflow as tf
        def process(x, sequence, rate):
            for c in sequence:
                if c == "n":
                    x = tf.keras.layers.LayerNormalization()(x)
                elif c == "d":
                    x = tf.nn.dropout(x, rate=0.1)
            return x
        def blocks(x, n):
            for _ in range(n):
                x = tf.keras.layers.BatchNormalization()(x)
                x = tf.keras.layers.Dense(8)(x)
                if n > 2:
                    x = tf.keras.layers.Dropout(0.2)(x)
            return x
    """) == [("DL102", 15)]


def test_repeated_loop_pass_skips_else_dispatch_too():
    assert (
        codes("""
        import tensorflow as tf
        def process(x, sequence, rate):
            for c in sequence:
                if c == "n":
                    x = tf.keras.layers.LayerNormalization()(x)
                else:
                    x = tf.nn.dropout(x, rate=0.1)
            return x
    """)
        == []
    )


def test_repeated_loop_pass_with_if_else_around_other_layers():
    # Both branches add a Dense: the Dropout never follows the previous iteration's Dropout.
    assert (
        codes("""
        from tensorflow.keras.models import Sequential
        from tensorflow.keras.layers import Dense, Dropout
        def generate(dropout, n, width):
            model = Sequential()
            layer = 0
            while n > 25 and layer < 10:
                if layer == 0:
                    model.add(Dense(n, input_dim=width))
                else:
                    model.add(Dense(n))
                layer += 1
                model.add(Dropout(dropout))
            model.add(Dense(3, activation="softmax"))
            return model
    """)
        == []
    )


def test_model_bound_to_an_attribute_of_a_module_or_object():
    assert codes("""
        import tensorflow as tf
        tf.model = tf.keras.Sequential()
        tf.model.add(tf.keras.layers.Dense(input_dim=784, units=10, activation="softmax"))
        tf.model.add(tf.keras.layers.Dropout(0.5))
        class Holder:
            pass
        h = Holder()
        h.net = tf.keras.Sequential([tf.keras.layers.Dense(4)])
        h.net.add(tf.keras.layers.Dropout(0.3))
    """) == [("DL101", 5), ("DL101", 10)]


def test_keras_reexported_by_another_package():
    assert codes("""
        from keras_tuner.backend import keras
        def build(hp):
            inputs = keras.Input(shape=(2,))
            outputs = keras.layers.Dense(3, activation="softmax")(inputs)
            outputs = keras.layers.Dropout(0.5)(outputs)
            return keras.Model(inputs, outputs)
    """) == [("DL101", 6)]


def test_a_module_named_like_keras_layers_elsewhere_is_not_keras():
    assert (
        codes("""
        from mypkg.nn import layers
        from mypkg import Sequential
        m = Sequential([layers.Dense(3), layers.Dropout(0.5)])
    """)
        == []
    )


def test_keras_applications_submodules_from_kwargs():
    assert codes("""
        from . import get_submodules_from_kwargs
        backend = None
        layers = None
        models = None

        def Net(classes=10, **kwargs):
            global backend, layers, models
            backend, layers, models, keras_utils = get_submodules_from_kwargs(kwargs)
            inp = layers.Input(shape=(32,))
            x = layers.Dense(classes, activation="softmax")(inp)
            x = layers.Dropout(0.5)(x)
            return models.Model(inp, x, name="net")
    """) == [("DL101", 12)]


def test_keras_submodule_reexported_by_another_package():
    assert codes("""
        from keras_tuner.backend.keras import layers
        def head(x, dropout_rate=0.3):
            x = layers.Dense(8)(x)
            x = layers.Dropout(dropout_rate)(x)
            return layers.BatchNormalization()(x)
    """) == [("DL102", 5)]


def test_a_projects_own_keras_package_is_not_keras():
    # ``from proj.keras import efficientdet_keras`` is the project's module, not Keras: its
    # classes are unknown, and an unknown module's ``Dropout`` is not a Keras layer.
    assert (
        codes("""
        from proj.keras import custom
        from proj.keras.custom import Sequential
        m = Sequential([custom.Dense(3), custom.Dropout(0.5)])
    """)
        == []
    )


def test_a_chain_of_method_calls_evaluates_each_link_once(monkeypatch):
    # ``LinearWrap(x).Conv2D(...).MaxPooling(...)...()``: evaluating a link's method looks its
    # owner up again; without one value per call per statement run that is 3^n evaluations (a
    # 30-link chain never finished).
    from dropout_lint.analysis.flow import Flow
    from dropout_lint.engine import _parse_and_analyze

    seen = []
    real = Flow._eval_call
    monkeypatch.setattr(Flow, "_eval_call", lambda self, node, env: seen.append(node) or real(self, node, env))
    links = "".join(f".Conv2D('c{i}', 8, 3)" for i in range(10))
    src = (
        f"import tensorflow as tf\ndef net(image):\n    return (LinearWrap(image){links}.FullyConnected('fc', 10)())\n"
    )
    _parse_and_analyze(src)
    assert len(seen) == len({id(n) for n in seen}) <= 2 * 12 + 4  # each call once per run of its statement


def test_a_call_in_a_helper_run_twice_in_one_statement_is_evaluated_per_run():
    # one value per call per statement *run*: two calls of the same helper in one statement run
    # its body twice, each with its own arguments
    assert code_rows(
        """
        from keras import layers
        def drop(x, rate):
            return layers.Dropout(rate)(x)
        def head(x):
            return layers.Dense(2)(drop(drop(x, 0.1), 0.2))
    """,
        {"DL103"},
    ) == [("DL103", 4)]


def test_a_method_reached_by_an_earlier_call_runs_once():
    """``build_model`` calls ``self.encoder()`` before the class body reaches its ``def``: the
    early run is the encoder's only one, so there is no second, unused copy of its graph."""
    import libcst as cst

    from dropout_lint.analysis import analyze

    src = textwrap.dedent("""
        from keras import layers, Model, Input
        class AE:
            def build_model(self, inputs):
                enc = self.encoder()
                return Model(inputs, layers.Dense(1)(enc(inputs)))
            def encoder(self):
                i = Input((8,))
                return Model(i, layers.Dense(4)(i))
    """)
    facts = analyze(cst.parse_module(src), src)
    encoders = [g for g in facts.graphs if any(n.start is not None and n.start.row == 9 for n in g.nodes)]
    assert len(encoders) == 1 and encoders[0].is_submodel


def test_a_star_import_of_a_project_module_leaves_unimported_names_unknown():
    # ``K`` / ``Dropout`` may be the star-imported module's own; ``tf_utils`` is not TensorFlow
    for star in ("from project_helpers import *", "from tf_utils import *", "from .common import *"):
        src = f"""
            {star}
            K.set_learning_phase(0)
            m = Sequential([Dense(4), Dropout(0.5), BatchNormalization()])
        """
        assert codes(src) == [], star
    src = """
        from keras.layers import *
        K.set_learning_phase(0)
        m = Sequential([Dense(4), Dropout(0.5), BatchNormalization()])
    """
    assert codes(src) == [("DL102", 4)]
    # the switch is still Keras' (a snippet's bare ``K``): only deprecated, so the opt-in DL314's
    assert code_rows(src, {"DL304", "DL314", "DL102"}) == [("DL314", 3), ("DL102", 4)]


def test_merging_branches_keeps_each_possibility_once():
    """A tensor an ``if`` may leave as it was is shared by both arms of the next merge; nested
    alternatives used to double at each of n statements in a row (2**n paths walked, deepmg's
    5,000-line experiment.py ran for minutes). They are flattened and kept once."""
    from dropout_lint.analysis.domain import AltV, TensorV, _merge, _tensors

    before = TensorV(object())
    x = before
    for i in range(40):
        left = _merge(x, TensorV(object()))  # if b: x = Dense(x)
        right = _merge(x, TensorV(object()))  # else: if c: x = Dropout(x)
        x = _merge(left, right)
    assert isinstance(x, AltV)
    assert not any(isinstance(item, AltV) for item in x.items)
    assert len(_tensors(x)) == 1 + 2 * 40
    assert _tensors(x).count(before.node) == 1
