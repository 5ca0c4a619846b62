"""Runtime confirmation against real TensorFlow: every verdict kind of every judged rule.

One ``confirm_findings`` call (one worker, TensorFlow imported once) judges all the findings of
this module; the tests read its verdicts. The timeout case has its own short-timeout pool.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.tensorflow

from dropout_lint.confirm import confirm_findings, make_request  # noqa: E402
from dropout_lint.confirm.pool import Pool  # noqa: E402
from dropout_lint.finding import Finding, Pos  # noqa: E402

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "confirm"


def at(name: str, code: str, needle: str, nth: int = 0) -> Finding:
    """A finding of ``code`` at the ``nth`` occurrence of ``needle`` in fixture ``name``."""
    lines = (FIX / name).read_text().splitlines()
    hits = [(i, line.index(needle)) for i, line in enumerate(lines) if needle in line]
    row, col = hits[nth]
    pos = Pos(row + 1, col + 1)
    return Finding(code, "test", "warning", "test", str(FIX / name), pos, pos)


CASES = {
    # DL101
    "101-sequential": at("stacks.py", "DL101", "layers.Dropout(0.5)"),
    "101-factory": at("factory.py", "DL101", "layers.Dropout(rate)"),
    "101-subclassed": at("subclassed.py", "DL101", "tf.keras.layers.Dropout(0.3)"),
    "101-logits": at("stacks.py", "DL101", "layers.Dropout(0.25)"),
    "101-submodel": at("submodel.py", "DL101", "layers.Dropout(0.4)"),
    "101-registry": at("registry.py", "DL101", "layers.Dropout(0.4)"),
    "101-trains-at-top": at("trains_at_top.py", "DL101", "tf.keras.layers.Dropout(0.2)"),
    # DL102
    "102-functional": at("stacks.py", "DL102", "layers.Dropout(0.3)"),
    # DL103 and other rules without a runtime check
    "103": at("stacks.py", "DL103", "layers.Dropout(0.3)"),
    # DL105
    "105-flatten": at("rank.py", "DL105", "keras.layers.SpatialDropout2D"),
    # DL201 / DL202 / DL203
    "201-one": at("stacks.py", "DL201", "layers.Dropout(1.0)"),
    "202-add-chain": at("stacks.py", "DL202", "layers.Dropout(TOO_HIGH)"),
    "202-call-site": at("factory.py", "DL202", "layers.Dropout(rate)"),
    "203-zero": at("stacks.py", "DL203", "layers.Dropout(0.0)"),
    "202-op": at("subclassed.py", "DL202", "tf.nn.dropout(self.dense"),
    # DL301
    "301-predict": at("loops.py", "DL301", "model(x, training=True)"),
    "301-hardwired": at("loops.py", "DL301", "layers.Dropout(0.5)(h, training=True)"),
    # DL302
    "302-loop": at("loops.py", "DL302", "model(x)"),
    "302-no-dropout": at("loops.py", "DL302", "linear(x)"),
    "302-train-step": at("subclassed.py", "DL302", "self(x)"),
    # DL303
    "303-unguarded": at("subclassed.py", "DL303", "tf.nn.dropout(self.dense"),
    "303-guarded": at("subclassed.py", "DL303", "tf.nn.dropout(x, rate=0.5)"),
    # DL401
    "401-relu": at("alpha.py", "DL401", "layers.AlphaDropout", 0),
    "401-selu": at("alpha.py", "DL401", "layers.AlphaDropout", 1),
    # attribution: the verdict names what shows it
    "302-noise": at("attribution.py", "DL302", "noisy(x)", 1),
    "302-noise-dropout": at("attribution.py", "DL302", "noisy_dropout(x)", 1),
    "302-default-true": at("attribution.py", "DL302", "trainer(x)"),
    "301-noise": at("attribution.py", "DL301", "noisy(x, training=True)"),
    "103-double": at("attribution.py", "DL103", "layers.Dropout(0.5)", 1),
    "303-weight-width": at("attribution.py", "DL303", "tf.nn.dropout(tf.matmul", 0),
    "303-built-width": at("attribution.py", "DL303", "tf.nn.dropout(tf.matmul", 1),
    # unbuildable
    "data-shape": at("unbuildable.py", "DL101", "layers.Dropout(0.5)", 0),
    "data-file": at("unbuildable.py", "DL101", "layers.Dropout(0.5)", 3),
    "data-helper": at("unbuildable.py", "DL101", "layers.Dropout(0.5)", 1),
    "needs-args": at("unbuildable.py", "DL202", "layers.Dropout(0.95)"),
    "no-shape": at("unbuildable.py", "DL101", "layers.Dropout(0.99)"),
    "writes": at("unbuildable.py", "DL101", "layers.Dropout(0.5)", 2),
    # a notebook: code cells in order, magics blanked, data loading and training left out
    "notebook": Finding("DL202", "test", "warning", "test", str(FIX / "mnist.ipynb"), Pos(5, 5), Pos(5, 24), cell=3),
    # Last, so that the replacement worker it costs is never needed.
    "exits": at("hazards.py", "DL202", "layers.Dropout(0.95)", 1),
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


# -- DL101 ---------------------------------------------------------------------------------------
def test_dl101_confirmed_sequential(verdicts):
    check(verdicts, "101-sequential", "confirmed", "Dropout", "output")


def test_dl101_confirmed_through_the_output_activation(verdicts):
    check(verdicts, "101-logits", "confirmed", "Dropout", "through Activation")


def test_dl101_confirmed_factory_with_call_site(verdicts):
    check(verdicts, "101-factory", "confirmed", "Dropout")


def test_dl101_confirmed_subclassed_call(verdicts):
    check(verdicts, "101-subclassed", "confirmed", "Dropout")


def test_dl101_refuted_submodel(verdicts):
    check(verdicts, "101-submodel", "refuted", "not at the output", "Dense")


def test_dl101_refuted_submodel_in_registry(verdicts):
    check(verdicts, "101-registry", "refuted", "Dense")


def test_dl101_top_level_training_script(verdicts):
    check(verdicts, "101-trains-at-top", "confirmed")


# -- DL102 / DL103 / DL105 -------------------------------------------------------------------------
def test_dl102_confirmed_through_relu(verdicts):
    check(verdicts, "102-functional", "confirmed", "BatchNormalization", "ReLU")


def test_dl103_refuted_where_no_dropout_feeds_another(verdicts):
    # The position is the Dropout -> ReLU -> BatchNormalization model: no two Dropouts in a row.
    check(verdicts, "103", "refuted", "no Dropout feeds another Dropout")


def test_dl103_confirmed_names_both_layers_and_rates(verdicts):
    check(verdicts, "103-double", "confirmed", "(rate=0.3) feeds Dropout", "(rate=0.5) directly", "0.65")


def test_dl105_confirmed_quotes_rank_error(verdicts):
    check(verdicts, "105-flatten", "confirmed", "expected ndim=4, found ndim=2")


# -- rates ---------------------------------------------------------------------------------------
def test_dl201_confirmed_rate_one(verdicts):
    check(verdicts, "201-one", "confirmed", "rate=1")


def test_dl202_confirmed_add_chain_constant(verdicts):
    check(verdicts, "202-add-chain", "confirmed", "rate=0.9", "max-rate 0.8")


def test_dl202_confirmed_rate_from_call_site(verdicts):
    check(verdicts, "202-call-site", "confirmed", "rate=0.95")


def test_dl203_confirmed_zero(verdicts):
    check(verdicts, "203-zero", "confirmed", "rate=0")


def test_dl202_op_level_not_applicable(verdicts):
    # The layer is built and called: the op gets rate=0.5 (within max-rate).
    check(verdicts, "202-op", "not-applicable", "`tf.nn.dropout` ran with rate=0.5")


# -- training flag ---------------------------------------------------------------------------------
def test_dl301_confirmed_predict_function(verdicts):
    check(verdicts, "301-predict", "confirmed", "training=True")


def test_dl301_confirmed_hardwired_functional(verdicts):
    check(verdicts, "301-hardwired", "confirmed", "inference")


def test_dl302_confirmed_model_with_dropout(verdicts):
    check(verdicts, "302-loop", "confirmed", "Dropout")


def test_dl302_refuted_model_without_dropout_or_bn(verdicts):
    check(verdicts, "302-no-dropout", "refuted", "no Dropout or BatchNormalization")


def test_dl302_confirmed_train_step_self(verdicts):
    check(verdicts, "302-train-step", "confirmed", "Dropout")


def test_dl302_noise_that_ignores_the_flag_is_not_evidence(verdicts):
    # The VAE's sampling layer draws new noise on every call; nothing in the model reads training.
    check(verdicts, "302-noise", "refuted", "no layer of the built", "no Dropout or BatchNormalization")


def test_dl302_confirmed_names_the_layer_that_reads_training(verdicts):
    check(verdicts, "302-noise-dropout", "confirmed", "Dropout `dropout", "inference mode")
    assert "Sampling" not in verdicts["302-noise-dropout"].detail


def test_dl302_call_defaulting_to_training_true_is_refuted(verdicts):
    check(verdicts, "302-default-true", "refuted", "already runs in training mode")


def test_dl301_noise_that_ignores_the_flag_is_not_evidence(verdicts):
    check(verdicts, "301-noise", "not-applicable", "no layer of the built")


def test_every_confirmed_names_a_layer_or_op(verdicts):
    for key, c in verdicts.items():
        if c is not None and c.status == "confirmed":
            assert "`" in c.detail or "layer '" in c.detail or "Keras refuses" in c.detail, (key, c.detail)


def test_dl303_input_width_from_the_layers_weight(verdicts):
    check(verdicts, "303-weight-width", "confirmed", "differ", "assumed input shape (None, 12)", "weight")


def test_dl303_input_width_for_a_layer_that_builds_its_weights(verdicts):
    check(verdicts, "303-built-width", "confirmed", "differ", "assumed input shape (None, 16)", "builds its weights")


def test_dl303_confirmed_unguarded(verdicts):
    check(verdicts, "303-unguarded", "confirmed", "training=False", "differ")


def test_dl303_guarded_not_confirmed(verdicts):
    check(verdicts, "303-guarded", "not-applicable")


def test_dl401_confirmed_relu_stack(verdicts):
    check(verdicts, "401-relu", "confirmed", "relu")


def test_dl401_selu_stack_not_confirmed(verdicts):
    check(verdicts, "401-selu", "not-applicable", "selu")


# -- unbuildable ---------------------------------------------------------------------------------
def test_unbuildable_factory_reads_data_file(verdicts):
    check(verdicts, "data-file", "unbuildable", "loadtxt")


def test_input_shape_from_data_is_assumed_and_said(verdicts):
    # features.shape[1] comes from a file --confirm never reads: a stand-in, named in the verdict.
    check(verdicts, "data-shape", "confirmed", "Dropout", "assumed features.shape[1] = 16", "comes from data")


def test_unbuildable_helper_reads_file_at_runtime(verdicts):
    check(verdicts, "data-helper", "unbuildable", "width.txt")


def test_unbuildable_needs_arguments(verdicts):
    check(verdicts, "needs-args", "unbuildable", "needs_config")


def test_unbuildable_no_input_shape(verdicts):
    check(verdicts, "no-shape", "unbuildable", "no input shape")


def test_unbuildable_write_outside_the_worker_folder_is_refused(verdicts):
    check(verdicts, "writes", "unbuildable", "does not write files")
    assert not (FIX / "width.json").exists()


def test_worker_that_cannot_import_tensorflow(tmp_path, monkeypatch):
    fake = tmp_path / "fake" / "tensorflow"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('this TensorFlow is broken')\n")
    monkeypatch.setenv("PYTHONPATH", str(fake.parent))
    findings = [at("stacks.py", "DL202", "layers.Dropout(TOO_HIGH)"), at("stacks.py", "DL203", "layers.Dropout(0.0)")]
    t0 = time.monotonic()
    confirm_findings(findings, timeout=30)
    assert time.monotonic() - t0 < 30
    for f in findings:
        assert f.confirmation.status == "unbuildable"
        assert "this TensorFlow is broken" in f.confirmation.detail


def test_unbuildable_os_exit(verdicts):
    check(verdicts, "exits", "unbuildable", "exit code 3")


def test_notebook_cell_is_built_without_its_data_and_training(verdicts):
    check(verdicts, "notebook", "confirmed", "rate=0.9")
    assert not (FIX / "mnist.keras").exists()


def test_every_finding_gets_a_verdict(verdicts):
    assert all(
        v is not None and v.status in {"confirmed", "refuted", "unbuildable", "not-applicable"}
        for v in verdicts.values()
    )


def test_timeout_comes_back_within_the_timeout():
    cache: dict = {}
    quick, _ = make_request(at("stacks.py", "DL202", "layers.Dropout(TOO_HIGH)"), 0.8, cache)
    slow, _ = make_request(at("hazards.py", "DL202", "layers.Dropout(0.95)", 0), 0.8, cache)
    after, _ = make_request(at("stacks.py", "DL203", "layers.Dropout(0.0)"), 0.8, cache)
    pool = Pool()
    try:
        assert pool.build(quick, 60)[0] == "confirmed"  # the worker is up: only the build is timed
        t0 = time.monotonic()
        status, detail = pool.build(slow, 3)
        elapsed = time.monotonic() - t0
        assert status == "unbuildable" and "timed out after 3s" in detail
        assert elapsed < 6, elapsed
        # A new worker takes over.
        assert pool.build(after, 60)[0] == "confirmed"
    finally:
        pool.close()
