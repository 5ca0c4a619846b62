"""The test-code policy (dropout_lint/testcode.py): which functions count as test code."""

from dl_testkit import code_rows

BODY = """
    import keras

    def {name}():
        keras.backend.set_learning_phase(0)
        return keras.ops.ones(2)
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


STEP = """
    import tensorflow as tf
    from tensorflow import keras

    model = keras.Sequential([keras.layers.Dense(4), keras.layers.Dropout(0.5), keras.layers.Dense(1)])
    opt = keras.optimizers.SGD()

    def {name}(x, y):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean((model(x) - y) ** 2)
        opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
        h = tf.compat.v1.layers.dropout(x, 0.5)
        return loss, h
"""


def test_a_tests_training_step_and_tf1_dropout_default_are_quiet_in_test_code():
    # a framework test runs one step to check gradients, and calls TF1's dropout to test its default
    codes = {"DL302", "DL306"}
    assert code_rows(STEP.format(name="test_gradients"), codes) == []
    assert sorted(c for c, _ in code_rows(STEP.format(name="gradients"), codes)) == ["DL302", "DL306"]
    assert sorted(c for c, _ in code_rows(STEP.format(name="test_gradients"), codes, test_code_ignore=[])) == [
        "DL302",
        "DL306",
    ]


def test_a_notebook_is_never_a_test_file():
    from dropout_lint.testcode import is_test_file

    assert is_test_file("pkg/model_test.py") and is_test_file("tests/helpers.py")
    assert not is_test_file("experiment/mlflow_test.ipynb")
    assert not is_test_file("tests/demo.ipynb")
