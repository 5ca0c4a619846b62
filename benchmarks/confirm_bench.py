"""Benchmark: `dropout-lint --confirm` on 10 findings against a bare `import tensorflow`.

    python benchmarks/confirm_bench.py [--repeat 3]

Writes a small project with exactly 10 findings (10 different models: Sequential lists, `.add`
chains, functional graphs, a factory called with call-site arguments, a subclassed model), then
times, as subprocesses on this machine:

- `python -c "import tensorflow"` (the floor: any runtime check pays it once);
- `dropout-lint --output-format json PROJECT` (static lint only);
- `dropout-lint --confirm --output-format json PROJECT` (lint + 10 builds in one worker).

It prints the medians and the ratio confirm / import (the aim is at most 3). Every finding must
come back with a verdict; the run fails otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time

MODELS = textwrap.dedent(
    '''
    """Ten models, one finding each."""

    import tensorflow as tf
    from tensorflow import keras
    from tensorflow.keras import layers

    TOO_HIGH = 0.9

    m1 = keras.Sequential([layers.Dense(32, activation="relu", input_shape=(20,)), layers.Dense(3), layers.Dropout(0.5)])
    m2 = keras.Sequential([layers.Dense(32, activation="relu", input_shape=(20,)), layers.Dropout(TOO_HIGH), layers.Dense(1)])
    m3 = keras.Sequential([layers.Dense(32, activation="relu", input_shape=(20,)), layers.Dropout(0.0), layers.Dense(1)])

    m4 = keras.Sequential()
    m4.add(layers.Dense(16, input_shape=(8,)))
    m4.add(layers.Dropout(0.3))
    m4.add(layers.BatchNormalization())
    m4.add(layers.Dense(1))

    inp = keras.Input(shape=(12,))
    h = layers.Dense(16, activation="relu")(inp)
    h = layers.Dropout(1.0)(h)
    m5 = keras.Model(inp, layers.Dense(1)(h))

    x_in = keras.Input(shape=(32, 32, 3))
    c = layers.Conv2D(8, 3, activation="relu")(x_in)
    c = layers.Dropout(0.95)(c)
    c = layers.GlobalAveragePooling2D()(c)
    m6 = keras.Model(x_in, layers.Dense(10)(c))


    def build_rnn(rate):
        return keras.Sequential([
            keras.Input(shape=(10, 4)),
            layers.LSTM(16, recurrent_dropout=rate),
            layers.Dense(1),
        ])


    m7 = build_rnn(0.85)


    def build_head(units=8):
        model = keras.Sequential()
        model.add(keras.Input(shape=(6,)))
        model.add(layers.Dense(units))
        model.add(layers.Dropout(0.25))
        return model


    m8 = build_head(4)


    class Classifier(keras.Model):
        def __init__(self):
            super().__init__()
            self.hidden = layers.Dense(16, activation="relu")
            self.drop = layers.Dropout(0.99)
            self.out = layers.Dense(2)

        def call(self, x, training=None):
            return self.out(self.drop(self.hidden(x), training=training))


    m10 = keras.Sequential([keras.Input(shape=(5, 8)), layers.Conv1D(4, 3), layers.SpatialDropout1D(0.85), layers.Flatten(), layers.Dense(1)])

    m10.compile(optimizer="adam", loss="mse")
    '''
)


def timed(cmd: list[str], cwd: str, env: dict) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    return time.perf_counter() - t0, r


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="-1")
    with tempfile.TemporaryDirectory(prefix="confirm-bench-") as d:
        with open(os.path.join(d, "models.py"), "w") as fh:
            fh.write(MODELS)
        lint = [sys.executable, "-m", "dropout_lint", "--output-format", "json", "."]
        confirm = [sys.executable, "-m", "dropout_lint", "--confirm", "--output-format", "json", "."]
        bare = [sys.executable, "-c", "import tensorflow"]

        _, r = timed(lint, d, env)
        findings = json.loads(r.stdout or "[]")
        if len(findings) != 10:
            print(f"expected 10 findings, got {len(findings)}:\n{r.stdout}{r.stderr}", file=sys.stderr)
            return 1

        t_import, t_lint, t_confirm = [], [], []
        verdicts: dict[str, int] = {}
        for _ in range(args.repeat):
            t, r = timed(bare, d, env)
            if r.returncode != 0:
                print(f"cannot import tensorflow: {r.stderr.strip()[-300:]}", file=sys.stderr)
                return 1
            t_import.append(t)
            t_lint.append(timed(lint, d, env)[0])
            t, r = timed(confirm, d, env)
            t_confirm.append(t)
            data = json.loads(r.stdout or "[]")
            if len(data) != 10 or any(not x.get("confirmation") for x in data):
                print(f"a finding came back without a verdict:\n{r.stdout}{r.stderr}", file=sys.stderr)
                return 1
            verdicts = {}
            for x in data:
                verdicts[x["confirmation"]["status"]] = verdicts.get(x["confirmation"]["status"], 0) + 1

    imp, lin, con = (statistics.median(v) for v in (t_import, t_lint, t_confirm))
    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, median of {args.repeat}")
    print(f"python -c 'import tensorflow'      {imp:7.2f} s")
    print(f"dropout-lint (static, 10 findings) {lin:7.2f} s")
    print(f"dropout-lint --confirm (10)        {con:7.2f} s   verdicts: {verdicts}")
    print(f"ratio confirm / import             {con / imp:7.2f}x   (aim: <= 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
