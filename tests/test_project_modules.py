"""DL302 reads a model class the training file imports from its own project
(``dropout_lint/analysis/project_modules.py``): found on disk next to the file, parsed, never
run, one level deep; the cache key follows the modules read."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

from dropout_lint import config as config_mod
from dropout_lint.cache import Cache
from dropout_lint.runner import lint_files
from dl_testkit import lint_source

RANKER = """
    import tensorflow as tf


    class Ranker(tf.keras.Model):
        def __init__(self, units):
            super().__init__()
            self.norm = tf.keras.layers.BatchNormalization()
            self.hidden = tf.keras.layers.Dense(units)
            self.out = tf.keras.layers.Dense(1)

        def call(self, user, item):
            x = self.norm(tf.concat([user, item], axis=-1))
            return tf.sigmoid(self.out(self.hidden(x)))
"""

TRAINER = """
    import tensorflow as tf
    from {module} import Ranker


    class Trainer:
        def __init__(self):
            self.{attr} = Ranker(32)
            self.opt = tf.keras.optimizers.Adam(1e-3)

        def step(self, user, item, label):
            with tf.GradientTape() as tape:
                pred = self.{attr}(user, item)
                loss = tf.reduce_mean(tf.square(label - pred))
            grads = tape.gradient(loss, self.{attr}.trainable_variables)
            self.opt.apply_gradients(zip(grads, self.{attr}.trainable_variables))
            return loss
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def dl302(path: Path) -> list:
    return [f for f in lint_source(path.read_text(), {"DL302"}, filename=str(path)) if f.code == "DL302"]


def test_a_model_class_of_a_sibling_module_is_read_there(tmp_path):
    write(tmp_path / "model.py", RANKER)
    trainer = write(tmp_path / "trainer.py", TRAINER.format(module="model", attr="model"))
    found = dl302(trainer)
    assert [f.start.row for f in found] == [13]
    assert "`Ranker` of model.py" in found[0].message


def test_without_the_module_on_disk_nothing_is_shown(tmp_path):
    trainer = write(tmp_path / "trainer.py", TRAINER.format(module="model", attr="model"))
    assert dl302(trainer) == []


def test_a_relative_import_in_a_package_and_a_name_that_says_nothing(tmp_path):
    (tmp_path / "pkg").mkdir()
    write(tmp_path / "pkg" / "__init__.py", "")
    write(tmp_path / "pkg" / "nets.py", RANKER)
    # ``self.scorer`` is no model word: the class read in nets.py makes it a model
    trainer = write(tmp_path / "pkg" / "train.py", TRAINER.format(module=".nets", attr="scorer"))
    assert [f.start.row for f in dl302(trainer)] == [13]


def test_an_absolute_import_found_in_a_folder_above(tmp_path):
    write(tmp_path / "models" / "ranker.py", RANKER)
    trainer = write(tmp_path / "scripts" / "train.py", TRAINER.format(module="models.ranker", attr="model"))
    assert [f.start.row for f in dl302(trainer)] == [13]


def test_premises_are_read_in_the_other_module(tmp_path):
    # no layer reads the flag there: passing it would change nothing
    write(tmp_path / "model.py", RANKER.replace("tf.keras.layers.BatchNormalization()", "tf.keras.layers.Dense(4)"))
    trainer = write(tmp_path / "trainer.py", TRAINER.format(module="model", attr="model"))
    assert dl302(trainer) == []
    # call() already defaults to training=True there
    write(
        tmp_path / "model.py",
        RANKER.replace("def call(self, user, item):", "def call(self, user, item, training=True):").replace(
            "self.norm(tf.concat([user, item], axis=-1))",
            "self.norm(tf.concat([user, item], axis=-1), training=training)",
        ),
    )
    assert dl302(trainer) == []


def test_one_level_only_a_base_class_of_a_third_module_stays_unknown(tmp_path):
    write(tmp_path / "base.py", RANKER.replace("class Ranker", "class BaseRanker"))
    write(
        tmp_path / "model.py",
        """
        from base import BaseRanker


        class Ranker(BaseRanker):
            pass
        """,
    )
    trainer = write(tmp_path / "trainer.py", TRAINER.format(module="model", attr="model"))
    assert dl302(trainer) == []


def test_a_broken_or_giant_module_is_unknown_and_the_run_goes_on(tmp_path):
    trainer = write(tmp_path / "trainer.py", TRAINER.format(module="model", attr="model"))
    write(tmp_path / "model.py", "class Ranker(:\n")
    assert dl302(trainer) == []
    (tmp_path / "model.py").write_text(textwrap.dedent(RANKER) + "#" * (600 * 1024) + "\n", encoding="utf-8")
    assert dl302(trainer) == []


def test_a_local_definition_shadows_the_import(tmp_path):
    write(tmp_path / "model.py", RANKER)
    text = TRAINER.format(module="model", attr="scorer") + "\n\ndef Ranker(units):\n    return None\n"
    trainer = write(tmp_path / "trainer.py", text)
    assert dl302(trainer) == []


def test_a_notebook_imports_the_model_module(tmp_path, cli):
    write(tmp_path / "model.py", RANKER)
    source = textwrap.dedent(TRAINER.format(module="model", attr="model")).splitlines(keepends=True)
    nb = {
        "cells": [{"cell_type": "code", "metadata": {}, "source": source, "outputs": [], "execution_count": None}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / "train.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    r = cli("--no-cache", "--select", "DL302", "train.ipynb", cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "DL302" in r.stdout and "`Ranker` of model.py" in r.stdout


def test_the_cache_follows_the_module_read(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.dropout-lint]\n", encoding="utf-8")
    model = write(tmp_path / "model.py", RANKER)
    trainer = write(tmp_path / "trainer.py", TRAINER.format(module="model", attr="model"))

    def run():
        cache = Cache(tmp_path)
        stats: dict = {}
        found = lint_files([trainer], config_mod.effective(config_mod.Config(root=tmp_path)), stats, cache=cache)
        cache.save()
        return [f.code for f in found if f.code == "DL302"], stats

    assert run()[0] == ["DL302"]
    codes, stats = run()
    assert codes == ["DL302"] and stats["cached"] == 1
    # the model module loses its BatchNormalization: the trainer's cached finding is not served
    write(model, RANKER.replace("tf.keras.layers.BatchNormalization()", "tf.keras.layers.Dense(4)"))
    st = os.stat(model)
    os.utime(model, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    codes, stats = run()
    assert codes == [] and stats["cached"] == 0
