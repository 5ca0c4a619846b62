"""The test-code policy (dropout_lint/testcode.py): which functions count as test code."""

from dl_testkit import code_rows

BODY = """
    from tensorflow import keras

    def {name}():
        keras.backend.set_learning_phase(0)
        return keras.Sequential([keras.layers.Dense(2)])
"""


def test_private_self_check_functions_are_test_code():
    # ``_test()`` at the end of a model-zoo module builds every model once to check it
    for name in ("_test", "_test_models", "test_builds", "test"):
        assert code_rows(BODY.format(name=name)) == [], name


def test_other_functions_are_not_test_code():
    for name in ("build", "_testing", "latest", "run_test", "test_step", "_test_step"):
        assert code_rows(BODY.format(name=name)) == [("DL304", 5)], name


def test_test_code_ignore_empty_lints_test_code_like_any_other():
    assert code_rows(BODY.format(name="_test"), test_code_ignore=[]) == [("DL304", 5)]
