"""Imports bind in the scope they are written in (issue 14: names follow Python's scopes)."""

from __future__ import annotations

from dl_testkit import code_rows


def test_function_local_import_does_not_leak_into_another_function():
    src = """
        from tensorflow.keras.layers import Dense, Dropout
        from tensorflow.keras.models import Sequential

        def torch_part():
            from torch.nn import Dropout
            return Dropout(0.5)

        def build():
            return Sequential([Dense(10, activation="softmax"), Dropout(0.95)])
    """
    assert code_rows(src) == [("DL101", 10), ("DL202", 10)]


def test_function_local_import_decides_inside_its_function():
    src = """
        from tensorflow.keras.layers import Dense, Dropout
        from tensorflow.keras.models import Sequential

        def torch_part():
            from torch.nn import Dropout, Linear, Sequential
            return Sequential(Linear(4, 2), Dropout(0.95))
    """
    assert code_rows(src) == []


def test_a_keras_import_inside_a_function_is_keras_there_only():
    src = """
        from torch.nn import Dropout

        def build():
            from keras import layers, Sequential
            from keras.layers import Dropout
            return Sequential([layers.Dense(3), Dropout(0.95)])

        def torch_part():
            return Dropout(0.95)
    """
    assert code_rows(src) == [("DL101", 7), ("DL202", 7)]


def test_nested_function_sees_the_enclosing_functions_import():
    src = """
        def outer():
            from torch.nn import Dropout

            def inner():
                return Dropout(0.95)
            return inner
    """
    assert code_rows(src) == []


def test_method_does_not_see_its_class_bodys_import():
    # Python: a class body's names are not visible from its methods.
    src = """
        from keras.layers import Dropout

        class Holder:
            from torch.nn import Dropout as D2
            Dropout = None

            def build(self):
                from keras import Sequential, layers
                return Sequential([layers.Dense(2), Dropout(0.95)])
    """
    assert code_rows(src, {"DL202"}) == [("DL202", 10)]


# ---- comprehension scopes: a comprehension's targets are its own -----------------------------


def test_a_comprehension_target_does_not_hide_the_functions_binding():
    # Python 3: ``rate`` inside the list is the loop's; after it, the function's 0.9 again
    src = """
        from keras import layers

        def build(x):
            rate = 0.9
            extra = [layers.Dense(8) for rate in ("a", "b")]
            return layers.Dropout(rate)(x)
    """
    assert code_rows(src) == [("DL202", 7)]


def test_a_comprehension_target_runs_over_its_iterable():
    src = """
        from keras import layers

        def build():
            return [layers.Dropout(r) for r in (0.1, 0.95)]
    """
    assert code_rows(src) == [("DL202", 5)]


def test_a_comprehension_target_is_not_an_outer_binding_of_the_same_name():
    # the comprehension's ``rate`` (0.1 and 0.2) is not the module's 0.97
    src = """
        from keras import layers

        rate = 0.97
        drops = [layers.Dropout(rate) for rate in (0.1, 0.2)]
    """
    assert code_rows(src) == []


def test_a_walrus_in_a_comprehension_binds_in_the_function():
    from dropout_lint.analysis import analyze
    import libcst as cst

    src = "def f(xs):\n    ys = [(last := x) for x in xs]\n    return last\n"
    facts = analyze(cst.parse_module(src), src)
    kinds = {s.kind: s for s in facts.scopes}
    assert set(kinds["function"].assigns) >= {"ys", "last"}
    assert set(kinds["comprehension"].assigns) == {"x"}
    assert kinds["comprehension"].owner() is kinds["function"]


def test_a_comprehension_in_a_class_body_does_not_see_the_class_attributes():
    # Python: names in a class body are not visible inside its comprehensions
    src = """
        from keras import layers

        rate = 0.2

        class Head:
            rate = 0.95
            drops = [layers.Dropout(rate) for _ in range(2)]
    """
    assert code_rows(src) == []
