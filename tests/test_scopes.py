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
