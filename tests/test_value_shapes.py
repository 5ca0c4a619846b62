"""Value shapes real code uses (issue 14), each followed by the interpreter / resolver."""

from __future__ import annotations

from dl_testkit import code_rows


def test_tuple_unpacking_loop_over_rows_of_a_literal():
    assert code_rows(
        """
        import keras
        from keras import layers
        m = keras.Sequential()
        for units, rate in [(64, .5), (10, .95)]:
            m.add(layers.Dense(units))
            m.add(layers.Dropout(rate))
        m.add(layers.Dense(1))
    """,
        {"DL202"},
    ) == [("DL202", 7)]


def test_zip_and_enumerate_loop_targets():
    src = """
        from keras import layers
        RATES = [0.5, 0.95]
        for units, rate in zip([64, 10], RATES):
            a = layers.Dropout(rate)
        for i, r in enumerate(RATES):
            b = layers.Dropout(r)
    """
    assert code_rows(src, {"DL202"}) == [("DL202", 5), ("DL202", 7)]
    # a list changed in place is not a constant any more
    assert code_rows(src + "RATES.append(0.1)\n", {"DL202"}) == []


def test_list_concatenation_as_the_sequential_argument():
    assert code_rows(
        """
        import keras
        from keras.layers import Flatten, Dense, Dropout
        hidden = [Dense(64), Dropout(0.3)]
        head = [Dense(10, activation="softmax"), Dropout(0.5)]
        m = keras.Sequential([Flatten()] + hidden + head)
    """,
        {"DL101"},
    ) == [("DL101", 5)]


def test_functools_partial_keyword_and_positional():
    assert code_rows(
        """
        import functools
        from functools import partial
        from keras import layers
        HighDrop = functools.partial(layers.Dropout, rate=0.9)
        PosDrop = partial(layers.Dropout, 0.95)
        Conv = partial(layers.Conv2D, padding="same")
        a = HighDrop()
        b = PosDrop(noise_shape=None)
        c = Conv(8, 3)
        d = HighDrop(rate=0.3)
    """,
        {"DL202"},
    ) == [("DL202", 8), ("DL202", 9)]


def test_rate_passed_through_kwargs():
    src = """
        from keras import layers
        def block(x, **kwargs):
            rate = kwargs.get("dropout", 0.1)
            return layers.Dropout(rate)(x)
        y = block(inp, dropout=0.9)
        z = block(inp)
    """
    assert code_rows(src, {"DL202"}) == [("DL202", 5)]
    # kwargs changed before the read: unknown
    assert (
        code_rows(src.replace("    rate = kwargs", '    kwargs["dropout"] = 0.2\n    rate = kwargs'), {"DL202"}) == []
    )


def test_nested_comprehension_unrolls_blocks():
    assert code_rows(
        """
        import keras
        from keras.layers import BatchNormalization, Dense, Dropout
        SIZES = [64, 32]
        m = keras.Sequential([l for u in SIZES for l in (BatchNormalization(), Dense(u), Dropout(.5))] + [Dense(1)])
    """,
        {"DL102"},
    ) == [("DL102", 5)]


def test_model_bound_in_both_arms_of_an_if_keeps_growing():
    assert code_rows(
        """
        import keras
        if wide:
            m = keras.Sequential([keras.layers.Dense(64)])
        else:
            m = keras.Sequential([keras.layers.Dense(8)])
        m.add(keras.layers.Dense(10, activation="softmax"))
        m.add(keras.layers.Dropout(0.5))
    """,
        {"DL101"},
    ) == [("DL101", 8)]


def test_concatenation_of_list_variables_and_long_sums_stay_linear():
    assert code_rows(
        """
        import keras
        from keras.layers import Dense, Dropout
        hidden = [Dense(64)]
        head = [Dense(10, activation="softmax"), Dropout(0.5)]
        m = keras.Sequential(hidden + head)
    """,
        {"DL101"},
    ) == [("DL101", 5)]
    # a 2,000-term sum of names (tensor arithmetic): evaluated once per term
    long_sum = "x = " + " + ".join(["a"] * 2000) + "\n"
    assert code_rows("import keras\n" + long_sum, {"DL101"}) == []


def test_function_local_layer_aliases_and_partials():
    assert code_rows(
        """
        import functools
        import tensorflow as tf
        def make_classifier(n_outputs=1):
            Conv2D = functools.partial(tf.keras.layers.Conv2D, padding="same", activation="relu")
            BatchNormalization = tf.keras.layers.BatchNormalization
            return tf.keras.Sequential([Conv2D(filters=12, kernel_size=5), BatchNormalization(),
                                        tf.keras.layers.Flatten(), tf.keras.layers.Dense(n_outputs)])
        clf = make_classifier()
        @tf.function
        def step(x, y):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(clf(x))
            opt.apply_gradients(zip(tape.gradient(loss, clf.trainable_variables), clf.trainable_variables))
    """,
        {"DL302"},
    ) == [("DL302", 13)]


# ---- literal arguments decide a helper's ``if`` at each call site (issue 13) ---------------------
_FC = """
    import tensorflow as tf

    def fc(x, n, use_relu=True, dropout=False, keep_prob=0.8):
        layer = tf.matmul(x, w) + b
        if use_relu:
            layer = tf.nn.relu(layer)
        if dropout:
            layer = tf.nn.dropout(layer, rate=1 - keep_prob)
        return layer

    h = fc(x, 64, dropout=True)
    out = fc(h, 10, {last})
    y_pred = tf.nn.softmax(out)
"""


def test_a_parameter_default_decides_the_call_sites_if():
    assert code_rows(_FC.format(last="use_relu=False"), {"DL101"}) == []


def test_a_literal_argument_decides_the_call_sites_if():
    assert code_rows(_FC.format(last="use_relu=False, dropout=True"), {"DL101"}) == [("DL101", 9)]


def test_an_unknown_argument_keeps_both_arms():
    assert code_rows(_FC.format(last="use_relu=False, dropout=flags.drop"), {"DL101"}) == [("DL101", 9)]


def test_not_is_none_and_comparisons_are_decided():
    src = """
        import keras
        from keras import layers

        def block(x, norm=None, act="relu", drop=True):
            x = layers.Dense(8)(x)
            if not drop or act != "relu":
                return x
            x = layers.Dropout(0.5)(x)
            if norm is not None and norm == "bn":
                x = layers.BatchNormalization()(x)
            return x

        i = keras.Input((4,))
        a = block(i)
        c = block(i, act="gelu", norm="bn")
        {more}
        model = keras.Model(i, layers.Dense(1)(layers.concatenate([a, c])))
    """
    assert code_rows(src.format(more=""), {"DL102"}) == []
    assert code_rows(src.format(more='b = block(i, norm="bn")'), {"DL102"}) == [("DL102", 9)]


def test_a_comparison_every_call_site_makes_false_is_not_taken():
    src = """
        from keras import layers, Model, Input

        def encoder(shape, dropout_rate=None):
            inp = Input(shape)
            z = layers.Dense(2)(layers.Dense(64, activation="relu")(inp))
            if dropout_rate is not None:
                z = layers.Dropout(dropout_rate)(z)
            return Model(inp, z)

        a = encoder((8,))
        {more}
    """
    assert code_rows(src.format(more="b = encoder((8,), dropout_rate=None)"), {"DL101"}) == []
    assert code_rows(src.format(more="b = encoder((8,), dropout_rate=0.2)"), {"DL101"}) == [("DL101", 8)]
    # no call site in the file: the knob's default (None) leaves the Dropout out, and nothing in
    # the file shows it built (session 7: such a knob no longer makes a DL101 / DL102 / DL103)
    assert code_rows(src.format(more="").replace("a = encoder((8,))", ""), {"DL101"}) == []


def test_tests_for_none_on_one_parameter_stay_paired():
    # ``if inp_q is not None:`` before and after a loop (XLNet's two-stream attention): the
    # path where the first test holds and the loop's does not is not a path the code takes.
    src = """
        import tensorflow as tf

        def transformer(inp_k, n_layer, rate, is_training, inp_q=None):
            output_h = tf.layers.dropout(tf.layers.dense(inp_k, 64), rate, training=is_training)
            if inp_q is not None:
                output_g = tf.layers.dropout(tf.layers.dense(inp_q, 64), rate, training=is_training)
            for i in range(n_layer):
                if inp_q is not None:
                    output_g = tf.layers.dense(output_g, 64)
                output_h = tf.layers.dense(output_h, 64)
            if inp_q is not None:
                return tf.layers.dropout(output_g, rate, training=is_training)
            return tf.layers.dropout(output_h, rate, training=is_training)

        two_stream = transformer(k, 2, 0.1, True, inp_q=q)
    """
    assert code_rows(src, {"DL103"}) == []
    # without the loop's layer the two dropouts do meet, on the inp_q path
    assert code_rows(src.replace("output_g = tf.layers.dense(output_g, 64)", "pass"), {"DL103"}) == [("DL103", 13)]


def test_tuple_assignment_of_a_literal_tuple_binds_each_name():
    # ``p_w, p_dense = 0, 0.95`` as notebooks write their knobs; a swap stays unknown
    src = """
        from keras import layers
        p_w, p_dense, p_emb = 0, 0.95, 0.1
        a = layers.Dropout(p_dense)
        x, y = 0.9, 0.2
        x, y = y, x
        b = layers.Dropout(x)
        first, *rest = 0.97, 0.1
        c = layers.Dropout(first)
    """
    assert code_rows(src, {"DL202"}) == [("DL202", 4)]


def test_a_conditional_expression_resolves_to_the_arm_its_known_test_takes():
    src = """
        from keras import layers
        maxlen = 50
        high = 0.97 if maxlen else 0.1
        low = 0.97 if maxlen > 100 else 0.1
        unknown = 0.97 if flag else 0.1
        a = layers.Dropout(high)
        b = layers.Dropout(low)
        c = layers.Dropout(unknown)
    """
    assert code_rows(src, {"DL202"}) == [("DL202", 7)]


def test_the_last_layers_output_of_a_model_used_to_build_another_makes_it_a_trunk():
    # ``base.layers[-1].output`` feeds another model: the Dropout ending ``base`` is not its output
    src = """
        from keras.layers import Input, Dense, Dropout
        from keras.models import Model

        def trunk():
            inp = Input((8,))
            return Model(inp, Dropout(0.5)(Dense(4)(inp)))

        def full(n):
            base = trunk()
            out = Dense(n, activation="softmax")(base.layers[-1].output)
            return Model(base.input, out)
    """
    assert code_rows(src, {"DL101"}) == []
    alone = src.split("        def full")[0]
    assert code_rows(alone, {"DL101"}) == [("DL101", 7)]


def test_a_rate_passed_to_a_class_constructor_reaches_its_init():
    # ``Block(8, rate=0.95)``: the class's call sites are ``__init__``'s (keyword and positional)
    src = """
        from keras import layers

        class Block(layers.Layer):
            def __init__(self, units, rate=0.1):
                super().__init__()
                self.drop = layers.Dropout(rate)

        class Plain:
            def __init__(self, drop=0.0):
                self.drop = layers.Dropout(drop)

        a = Block(8, rate=0.95)
        b = Block(8, 0.97)
        c = Plain(drop=0.99)
    """
    assert code_rows(src, {"DL202", "DL203"}) == [("DL202", 7), ("DL202", 11)]


def test_a_subclass_hides_the_values_its_constructor_passes():
    src = """
        from keras import layers

        class Block(layers.Layer):
            def __init__(self, rate=0.1):
                super().__init__()
                self.drop = layers.Dropout(rate)

        class Wide(Block):
            pass

        a = Block(rate=0.95)
        b = Wide(rate=0.2)
    """
    assert code_rows(src, {"DL202"}) == []
