"""--confirm on the shapes real-world code takes (fixtures/confirm/realworld/), against real TensorFlow.

Scripts driven by argparse, builders called in loops, models built under ``if __name__ ==
"__main__":``, notebooks whose model cell reads earlier cells' constants and data, input shapes
taken from data, custom layers, Keras 2 module paths, ``keras.applications`` bases with ImageNet
weights, models used from nested functions. One ``confirm_findings`` call (one worker) judges
them all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.tensorflow

from dropout_lint.confirm import confirm_findings, make_request  # noqa: E402
from dropout_lint.finding import Finding, Pos  # noqa: E402

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "confirm" / "realworld"


def at(name: str, code: str, needle: str, nth: int = 0, cell: int | None = None) -> Finding:
    path = FIX / name
    if cell is None:
        lines = path.read_text().splitlines()
    else:
        import json

        nb = json.loads(path.read_text())
        lines = "".join(nb["cells"][cell - 1]["source"]).splitlines()
    hits = [(i, line.index(needle)) for i, line in enumerate(lines) if needle in line]
    row, col = hits[nth]
    pos = Pos(row + 1, col + 1)
    return Finding(code, "test", "warning", "test", str(path), pos, pos, cell=cell)


CASES = {
    "argparse": at("script_args.py", "DL101", "layers.Dropout(rate)"),
    "argparse-required": at("script_required.py", "DL101", "layers.Dropout(0.3)"),
    "loop": at("sweep.py", "DL101", "layers.Dropout(0.25)"),
    "main-data-shape": at("sweep.py", "DL101", "layers.Dropout(0.5)"),
    "notebook": at("tabular.ipynb", "DL202", "keras.layers.Dropout(DROP)", cell=5),
    "notebook-redefined": at("tabular.ipynb", "DL302", "model(x)", cell=6),
    "imagenet": at("transfer.py", "DL101", "layers.Dropout(0.2)"),
    "legacy": at("legacy_keras2.py", "DL101", "model.add(Dropout(0.5))"),
    "nested-free-variable": at("legacy_keras2.py", "DL302", "critic(x)"),
    "swallowed-error": at("unit_style.py", "DL201", "layers.Dropout(rate=-0.5)"),
    "nested-class": at("unit_style.py", "DL202", "layers.Dropout(0.95)"),
    "ops-only-layer": at("custom_dropout.py", "DL303", "keras.random.dropout"),
    "tf1-rate": at("tf1_graph.py", "DL202", "tf.nn.dropout(L1, rate=DROP)"),
    "tf1-out-of-range": at("tf1_graph.py", "DL201", "tf.nn.dropout(logits, rate=1.0)"),
}


@pytest.fixture(scope="module")
def verdicts():
    findings = list(CASES.values())
    confirm_findings(findings, timeout=60, max_rate=0.8)
    return {k: f.confirmation for k, f in CASES.items()}


def check(verdicts, key, status, *words):
    c = verdicts[key]
    assert c is not None, key
    assert c.status == status, (key, c)
    for w in words:
        assert w in c.detail, (key, c.detail)


def test_builder_called_with_argparse_defaults(verdicts):
    # main() parses the worker's (empty) command line: the defaults build the model; no np.load, no fit.
    check(verdicts, "argparse", "confirmed", "Dropout")


def test_required_command_line_argument_is_unbuildable_with_the_reason(verdicts):
    check(verdicts, "argparse-required", "unbuildable", "needs command-line arguments")


def test_builder_called_in_a_loop_is_built_for_the_loop_values(verdicts):
    check(verdicts, "loop", "confirmed", "Dropout")


def test_model_under_main_with_shape_from_data(verdicts):
    check(verdicts, "main-data-shape", "confirmed", "assumed x_train.shape[1:] = (8, 8)")


def test_notebook_constants_from_earlier_cells_and_shape_from_data(verdicts):
    check(verdicts, "notebook", "confirmed", "rate=0.9", "assumed X_train.shape[1:] = (16,)")


def test_notebook_call_site_of_the_right_definition(verdicts):
    # train_step is defined twice; the call that fits the first definition gives the model.
    check(verdicts, "notebook-redefined", "confirmed", "Dropout")


def test_applications_base_is_built_without_imagenet_weights(verdicts):
    check(verdicts, "imagenet", "confirmed", "weights=None")


def test_keras2_module_paths_and_batch_input_shape(verdicts):
    check(verdicts, "legacy", "confirmed", "keras.layers.core", "batch_input_shape")


def test_model_used_from_a_nested_function_is_found_in_the_enclosing_scope(verdicts):
    check(verdicts, "nested-free-variable", "refuted", "no Dropout or BatchNormalization")


def test_constructor_error_is_seen_even_when_the_code_swallows_it(verdicts):
    # `with self.assertRaises(ValueError): _ = layers.Dropout(rate=-0.5)`: Keras refuses the rate.
    check(verdicts, "swallowed-error", "confirmed", "Keras refuses it", "rate")


def test_layer_class_defined_inside_a_test_method(verdicts):
    check(verdicts, "nested-class", "confirmed", "rate=0.95")


def test_layer_of_ops_only_takes_an_assumed_shape_and_says_so(verdicts):
    check(verdicts, "ops-only-layer", "confirmed", "training=False", "differ", "assumed input shape (None, 16)")


def test_tf1_graph_code_runs_through_compat_v1_and_the_op_rate_is_read(verdicts):
    check(verdicts, "tf1-rate", "confirmed", "`tf.nn.dropout` ran with rate=0.9", "max-rate 0.8", "compat.v1")


def test_tf1_op_rate_out_of_range_is_refused_by_tensorflow(verdicts):
    check(verdicts, "tf1-out-of-range", "confirmed", "TensorFlow refuses", "rate=1")


def test_slices_leave_data_training_and_downloads_out():
    cache: dict = {}
    for key in ("argparse", "main-data-shape", "notebook", "imagenet", "tf1-rate"):
        req, verdict = make_request(CASES[key], 0.8, cache)
        assert verdict is None, (key, verdict)
        code = req["code"]
        for banned in (
            "np.load",
            "read_csv",
            "load_data",
            ".fit(",
            ".compile(",
            ".save(",
            '"imagenet"',
            "Session",
            "minimize",
        ):
            assert banned not in code, (key, banned)
