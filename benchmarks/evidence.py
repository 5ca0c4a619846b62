"""What each anti-pattern costs, measured against its corrected twin.

    python benchmarks/evidence.py            # 3 seeds, about 2-4 minutes on a laptop CPU
    python benchmarks/evidence.py --seeds 1  # quicker
    python benchmarks/evidence.py --json out.json

Trains small Keras models on scikit-learn's bundled digits data (``load_digits``: 1797 8x8
images, 10 classes, no download) on the CPU with fixed seeds, and prints one markdown table
row per measurement, as mean ± standard deviation over the seeds:

- DL101 dropout-after-output: an MLP with `Dropout(0.5)` after its softmax layer against the
  same MLP with the Dropout before the output layer: test accuracy, expected calibration error
  (ECE, 15 bins) and how far the training-mode output is from a probability vector.
- DL102 dropout-before-batchnorm: Dropout -> BatchNormalization against BatchNormalization ->
  Dropout: the variance shift (variance of the BN input at inference, dropout off, divided by
  its variance in training mode, which BN's moving variance learns; median over units, on the
  training images) and test accuracy.
- DL202 dropout-rate-too-high: rate 0.9 against 0.5 in the same MLP: test accuracy.
- DL301 training-true-at-inference: 20 repeated `model(x, training=True)` calls on the test set
  against `training=False`: spread of the predicted probability, share of test images whose
  predicted class changes between calls, accuracy range over the calls.
- DL302 missing-training-flag: a custom `tf.GradientTape` loop calling a model with Dropout and
  BatchNormalization as `model(x)` against `model(x, training=True)`: the test-accuracy curve,
  the train/test gap, and whether BatchNormalization's moving statistics ever move.

Everything runs in this process; TensorFlow is needed (``pip install dropout-lint[tensorflow]``).
The numbers in README.md and in the rules' "Why is this bad?" sections come from this script.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402


def data(seed: int = 0):
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    x, y = load_digits(return_X_y=True)
    x = (x / 16.0).astype("float32")
    return train_test_split(x, y.astype("int32"), test_size=0.3, random_state=seed, stratify=y)


def ece(probs: np.ndarray, y: np.ndarray, bins: int = 15) -> float:
    """Expected calibration error: |accuracy - confidence| per confidence bin, weighted."""
    conf = probs.max(axis=1)
    pred = probs.argmax(axis=1)
    edges = np.linspace(0.0, 1.0, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            total += m.mean() * abs((pred[m] == y[m]).mean() - conf[m].mean())
    return float(total)


def seeded(seed: int):
    import keras

    keras.utils.set_random_seed(seed)


def mlp(layers_after_input, seed: int):
    import keras

    seeded(seed)
    model = keras.Sequential([keras.Input((64,)), *layers_after_input])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def fit(model, xtr, ytr, epochs: int):
    model.fit(xtr, ytr, epochs=epochs, batch_size=32, verbose=0, shuffle=True)
    return model


def accuracy(model, x, y) -> float:
    p = np.asarray(model(x, training=False))
    return float((p.argmax(axis=1) == y).mean())


# -- experiments ---------------------------------------------------------------------------
def dl101(seed, split, epochs):
    from keras import layers as L

    xtr, xte, ytr, yte = split
    out = {}
    for name, stack in (
        ("after-output", [L.Dense(64, activation="relu"), L.Dense(10, activation="softmax"), L.Dropout(0.5)]),
        ("fixed", [L.Dense(64, activation="relu"), L.Dropout(0.5), L.Dense(10, activation="softmax")]),
    ):
        m = fit(mlp(stack, seed), xtr, ytr, epochs)
        p = np.asarray(m(xte, training=False))
        ptrain = np.asarray(m(xte, training=True))
        out[name] = {
            "accuracy": float((p.argmax(1) == yte).mean()),
            "ece": ece(p, yte),
            # training-mode outputs: mean |sum of probabilities - 1|
            "train_mode_sum_error": float(np.abs(ptrain.sum(axis=1) - 1.0).mean()),
        }
    return out


def dl202(seed, split, epochs):
    from keras import layers as L

    xtr, xte, ytr, yte = split
    out = {}
    for rate in (0.9, 0.5):
        stack = [
            L.Dense(128, activation="relu"),
            L.Dropout(rate),
            L.Dense(128, activation="relu"),
            L.Dropout(rate),
            L.Dense(10, activation="softmax"),
        ]
        m = fit(mlp(stack, seed), xtr, ytr, epochs)
        out[f"rate {rate}"] = {"accuracy": accuracy(m, xte, yte)}
    return out


def dl301(seed, split, epochs, calls: int = 20):
    from keras import layers as L

    xtr, xte, ytr, yte = split
    stack = [
        L.Dense(64, activation="relu"),
        L.Dropout(0.5),
        L.Dense(64, activation="relu"),
        L.Dropout(0.5),
        L.Dense(10, activation="softmax"),
    ]
    m = fit(mlp(stack, seed), xtr, ytr, epochs)
    out = {}
    for flag in (True, False):
        runs = np.stack([np.asarray(m(xte, training=flag)) for _ in range(calls)])  # (calls, n, 10)
        preds = runs.argmax(axis=2)
        accs = (preds == yte[None, :]).mean(axis=1)
        top = runs.mean(axis=0).argmax(axis=1)
        out[f"training={flag}"] = {
            # std over the calls of the probability of the (mean) predicted class, averaged over images
            "prob_std": float(runs[:, np.arange(len(yte)), top].std(axis=0).mean()),
            "class_flips": float((preds != preds[0:1]).any(axis=0).mean()),
            "accuracy_range": float(accs.max() - accs.min()),
            "accuracy": float(accs.mean()),
        }
    return out


def dl102(seed, split, epochs):
    import keras
    from keras import layers as L

    xtr, xte, ytr, yte = split
    out = {}
    for name, order in (("dropout-before-bn", "dropout_bn"), ("bn-before-dropout", "bn_dropout")):
        seeded(seed)
        inp = keras.Input((64,))
        h = L.Dense(128, activation="relu")(inp)
        if order == "dropout_bn":
            h = L.Dropout(0.5)(h)
            bn = L.BatchNormalization()
            h = bn(h)
        else:
            bn = L.BatchNormalization()
            h = bn(h)
            h = L.Dropout(0.5)(h)
        h = L.Dense(64, activation="relu")(h)
        model = keras.Model(inp, L.Dense(10, activation="softmax")(h))
        model.compile(
            optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"]
        )
        fit(model, xtr, ytr, epochs)
        # Li et al. 2019: the variance of BN's input in training mode (dropout on), which its
        # moving variance learns, against at inference (dropout off), on the same images.
        probe = keras.Model(inp, bn.input)
        v_train = np.asarray(probe(xtr, training=True)).var(axis=0)
        v_infer = np.asarray(probe(xtr, training=False)).var(axis=0)
        live = v_train > 1e-6
        shift = v_infer[live] / v_train[live]
        out[name] = {"variance_shift": float(np.median(shift)), "accuracy": accuracy(model, xte, yte)}
    return out


def dl302(seed, split, epochs):
    import keras
    import tensorflow as tf
    from keras import layers as L

    xtr, xte, ytr, yte = split
    out = {}
    for name, flag in (("model(x)", None), ("model(x, training=True)", True)):
        seeded(seed)
        model = keras.Sequential(
            [
                keras.Input((64,)),
                L.Dense(128),
                L.BatchNormalization(),
                L.Activation("relu"),
                L.Dropout(0.5),
                L.Dense(128),
                L.BatchNormalization(),
                L.Activation("relu"),
                L.Dropout(0.5),
                L.Dense(10, activation="softmax"),
            ]
        )
        opt = keras.optimizers.Adam(1e-3)
        loss_fn = keras.losses.SparseCategoricalCrossentropy()

        @tf.function
        def step(x, y):
            with tf.GradientTape() as tape:
                p = model(x) if flag is None else model(x, training=True)
                loss = loss_fn(y, p)
            grads = tape.gradient(loss, model.trainable_variables)
            opt.apply_gradients(zip(grads, model.trainable_variables))
            return loss

        ds = tf.data.Dataset.from_tensor_slices((xtr, ytr)).shuffle(len(xtr), seed=seed).batch(32)
        curve = []
        for _ in range(epochs):
            for xb, yb in ds:
                step(xb, yb)
            curve.append(accuracy(model, xte, yte))
        bn = [lyr for lyr in model.layers if isinstance(lyr, L.BatchNormalization)][0]
        out[name] = {
            "curve": curve,
            "accuracy": curve[-1],
            "train_accuracy": accuracy(model, xtr, ytr),
            "bn_moving_mean_moved": float(np.abs(np.asarray(bn.moving_mean)).max()),
        }
        out[name]["gap"] = out[name]["train_accuracy"] - out[name]["accuracy"]
    return out


EXPERIMENTS = {"DL101": dl101, "DL102": dl102, "DL202": dl202, "DL301": dl301, "DL302": dl302}


def _agg(values):
    vals = [v for v in values if v is not None]
    if not vals:
        return None, None
    return statistics.fmean(vals), (statistics.stdev(vals) if len(vals) > 1 else 0.0)


def _fmt(mean, sd, pct=False, digits=3):
    if mean is None:
        return "-"
    if pct:
        return f"{100 * mean:.1f}% ± {100 * sd:.1f}"
    return f"{mean:.{digits}f} ± {sd:.{digits}f}"


ROWS = [
    # (code, variant key, metric, label, as percent)
    ("DL101", "after-output", "accuracy", "test accuracy, Dropout(0.5) after softmax", True),
    ("DL101", "fixed", "accuracy", "test accuracy, Dropout before the output layer", True),
    ("DL101", "after-output", "ece", "calibration error (ECE), Dropout after softmax", False),
    ("DL101", "fixed", "ece", "calibration error (ECE), fixed", False),
    (
        "DL101",
        "after-output",
        "train_mode_sum_error",
        "training-mode output: mean abs(sum of probabilities - 1)",
        False,
    ),
    (
        "DL102",
        "dropout-before-bn",
        "variance_shift",
        "BN input variance at inference / in training (median unit), Dropout -> BN",
        False,
    ),
    ("DL102", "bn-before-dropout", "variance_shift", "same ratio, BN -> Dropout", False),
    ("DL102", "dropout-before-bn", "accuracy", "test accuracy, Dropout -> BN", True),
    ("DL102", "bn-before-dropout", "accuracy", "test accuracy, BN -> Dropout", True),
    ("DL202", "rate 0.9", "accuracy", "test accuracy, two Dropout(0.9)", True),
    ("DL202", "rate 0.5", "accuracy", "test accuracy, two Dropout(0.5)", True),
    ("DL301", "training=True", "prob_std", "std of the predicted probability over 20 calls, training=True", False),
    ("DL301", "training=False", "prob_std", "same, training=False", False),
    (
        "DL301",
        "training=True",
        "class_flips",
        "test images whose predicted class changes over 20 calls, training=True",
        True,
    ),
    ("DL301", "training=True", "accuracy_range", "accuracy range (max - min) over 20 calls, training=True", True),
    ("DL302", "model(x)", "accuracy", "test accuracy after training, GradientTape with model(x)", True),
    ("DL302", "model(x, training=True)", "accuracy", "test accuracy after training, model(x, training=True)", True),
    ("DL302", "model(x)", "gap", "train - test accuracy gap, model(x)", True),
    ("DL302", "model(x, training=True)", "gap", "train - test accuracy gap, training=True", True),
    ("DL302", "model(x)", "bn_moving_mean_moved", "max abs BN moving mean after training, model(x)", False),
    (
        "DL302",
        "model(x, training=True)",
        "bn_moving_mean_moved",
        "max abs BN moving mean after training, training=True",
        False,
    ),
]


def table(results: dict) -> str:
    lines = ["| rule | measurement | value |", "|---|---|---|"]
    for code, variant, metric, label, pct in ROWS:
        runs = results.get(code) or []
        mean, sd = _agg([r[variant][metric] for r in runs])
        lines.append(f"| {code} | {label} | {_fmt(mean, sd, pct)} |")
    if results.get("DL302"):
        lines.append("")
        lines.append("DL302 test-accuracy curve (mean over seeds), by epoch:")
        lines.append("")
        for variant in ("model(x)", "model(x, training=True)"):
            curves = np.array([r[variant]["curve"] for r in results["DL302"]])
            pts = ", ".join(f"{100 * v:.1f}" for v in curves.mean(axis=0))
            lines.append(f"- `{variant}`: {pts}")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--only", help="comma-separated rule codes (default: all)")
    ap.add_argument("--json", help="also write the raw results here")
    args = ap.parse_args(argv)
    try:
        import tensorflow as tf
    except ImportError:
        print("evidence.py needs TensorFlow: pip install 'dropout-lint[tensorflow]'", file=sys.stderr)
        return 2
    tf.config.threading.set_inter_op_parallelism_threads(1)
    codes = [c.strip().upper() for c in args.only.split(",")] if args.only else list(EXPERIMENTS)
    results: dict[str, list] = {c: [] for c in codes}
    t0 = time.perf_counter()
    for seed in range(args.seeds):
        split = data(seed)
        for code in codes:
            t = time.perf_counter()
            results[code].append(EXPERIMENTS[code](seed, split, args.epochs))
            print(f"seed {seed} {code}: {time.perf_counter() - t:.1f}s", file=sys.stderr)
    print(
        f"# dropout-lint evidence: digits (sklearn), {args.seeds} seed(s), {args.epochs} epochs, "
        f"TensorFlow {tf.__version__}, {time.perf_counter() - t0:.0f}s\n"
    )
    print(table(results))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
