"""DL101 / DL102 need the project to run its models in training mode somewhere: a project (the
file's package or folder of scripts) that trains only in custom steps that never ask for it runs
every model in inference mode, so its Dropout never drops (corpus O validate: four DL102 on an
RL actor / critic judged false by both judges for that reason). Through the command line, as a
user runs it: the fact is read from the other files of the project."""

from __future__ import annotations

import json
import textwrap

import pytest

from dropout_lint.project import training_mode_never

MODEL = """
    from keras import layers, Sequential


    def actor():
        return Sequential([layers.Input((4,)), layers.Dense(8), layers.Dropout(0.3),
                           layers.BatchNormalization(), layers.Dense(2), layers.Dropout(0.2)])
"""

BUFFER = """
    import tensorflow as tf


    def learn(model, opt, states, targets):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model({call}) - targets))
        grads = tape.gradient(loss, model.trainable_variables)
        opt.apply_gradients(zip(grads, model.trainable_variables))
"""


def _project(tmp_path, call: str | None):
    (tmp_path / "model.py").write_text(textwrap.dedent(MODEL))
    if call is not None:
        (tmp_path / "buffer.py").write_text(textwrap.dedent(BUFFER.format(call=call)))


def _codes(cli, tmp_path) -> list[str]:
    r = cli("--no-cache", "--output-format", "json", "model.py", cwd=tmp_path)
    assert r.returncode in (0, 1), r.stderr
    return sorted(f["code"] for f in json.loads(r.stdout))


def test_a_project_that_trains_only_without_training_mode_gets_no_dl101_dl102(cli, tmp_path):
    _project(tmp_path, "states")
    assert training_mode_never(str(tmp_path)) == ("buffer.py",)
    assert _codes(cli, tmp_path) == []


@pytest.mark.parametrize("call", ["states, training=True", "states, training=is_training"])
def test_a_training_flag_anywhere_keeps_them(cli, tmp_path, call):
    _project(tmp_path, call)
    assert training_mode_never(str(tmp_path)) == ()
    assert _codes(cli, tmp_path) == ["DL101", "DL102"]


def test_a_library_without_a_training_step_keeps_them(cli, tmp_path):
    # Its users train the models: nothing in the project shows they never run in training mode.
    _project(tmp_path, None)
    assert training_mode_never(str(tmp_path)) == ()
    assert _codes(cli, tmp_path) == ["DL101", "DL102"]


def test_fit_anywhere_keeps_them(cli, tmp_path):
    _project(tmp_path, "states")
    (tmp_path / "train.py").write_text("from model import actor\nm = actor()\nm.compile('adam', 'mse')\nm.fit(x, y)\n")
    assert _codes(cli, tmp_path) == ["DL101", "DL102"]


def test_a_file_too_large_to_read_keeps_them(tmp_path, monkeypatch):
    # The unread file may be where the project asks for training mode: the premise is not shown.
    from dropout_lint import project

    _project(tmp_path, "states")
    (tmp_path / "big.py").write_text("x = 1\n" * 1000)
    monkeypatch.setattr(project, "MAX_SCAN_BYTES", 2000)
    assert training_mode_never(str(tmp_path)) == ()
