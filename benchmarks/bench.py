"""Benchmark: dropout-lint against the naive parse-everything approach, in one run.

    python benchmarks/bench.py [--plain 400] [--keras 300] [--big 2000] [--repeat 3] [--jobs N]

Generates, in a temporary folder, a corpus of ``--plain`` ordinary Python modules (utilities,
data classes, parsers, CLI code; about one in ten mentions "training" in a docstring, as ML
repositories do) and ``--keras`` Keras model files (Sequential lists, ``.add`` chains,
functional graphs, subclassed models with ``train_step`` and ``GradientTape``; some with
dropout bugs). Then times, as subprocesses of this Python:

- naive: ``libcst.parse_module`` on every file, one process (import included);
- dropout-lint cold: ``--no-cache``;
- dropout-lint warm: a second run with the cache filled by a first one;
- one file: dropout-lint (``--no-cache``) on one model file, against the floor
  ``python -c "import libcst; libcst.parse_module(<that file>)"``;
- peak memory of a cold run on ``--big`` files (same generator), as the peak of the sum of the
  resident sizes of the process tree (the CLI and its workers), sampled every 10 ms, and as the
  largest single process (``getrusage``);
- 1,000 plain modules with no Keras at all: time, and that there is no finding and no crash.

It prints medians over ``--repeat`` runs of the wall time and of the CPU time of the process tree
(the CLI and its workers), the ratios and the targets of issue 7:
cold <= 0.35 x naive, warm <= 0.08 x naive, one file <= 1.5 x floor, peak <= 250 MB (2,000 files).
The machine may be shared: the ratios, measured in the same run, are what counts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

# ---- corpus -------------------------------------------------------------------------------------

WORDS = "alpha beta gamma delta record entry item node value key name path size count index batch chunk".split()


def _plain_module(rng: random.Random, i: int) -> str:
    w = lambda: rng.choice(WORDS)  # noqa: E731
    parts = [
        f'"""Utilities for {w()} {w()} handling (module {i})."""\n',
        "from __future__ import annotations\n\nimport json\nimport os\nimport re\nfrom dataclasses import dataclass, field\nfrom typing import Any, Iterable\n",
        f'PATTERN = re.compile(r"(\\w+)=(\\d+)")\nLIMIT = {rng.randint(10, 999)}\n',
    ]
    if rng.random() < 0.1:
        parts.append("\n# Helpers shared with the training data pipeline.\n")
    for c in range(rng.randint(2, 4)):
        cname = f"{w().title()}{w().title()}{c}"
        methods = []
        for m in range(rng.randint(3, 6)):
            a, b = w(), w()
            methods.append(
                textwrap.indent(
                    textwrap.dedent(
                        f'''
                        def {a}_{b}_{m}(self, items: Iterable[Any], limit: int = {rng.randint(1, 50)}) -> list:
                            """Return the {a} of each {b}, at most ``limit``."""
                            out = []
                            for n, item in enumerate(items):
                                if n >= limit:
                                    break
                                if isinstance(item, dict) and "{a}" in item:
                                    out.append(item["{a}"])
                                elif hasattr(item, "{b}"):
                                    out.append(getattr(item, "{b}"))
                                else:
                                    out.append(str(item).strip().lower())
                            self.seen += len(out)
                            return [x for x in out if x is not None]
                        '''
                    ),
                    "    ",
                )
            )
        parts.append(
            f"\n\n@dataclass\nclass {cname}:\n    name: str\n    seen: int = 0\n    tags: list = field(default_factory=list)\n"
            + "".join(methods)
        )
    for f in range(rng.randint(3, 6)):
        a = w()
        parts.append(
            textwrap.dedent(
                f'''


                def load_{a}_{f}(path: str) -> dict:
                    """Read a {a} file: JSON, or ``key=value`` lines."""
                    if not os.path.exists(path):
                        raise FileNotFoundError(path)
                    with open(path, encoding="utf-8") as fh:
                        text = fh.read()
                    try:
                        return json.loads(text)
                    except ValueError:
                        result = {{}}
                        for line in text.splitlines():
                            m = PATTERN.match(line)
                            if m:
                                result[m.group(1)] = int(m.group(2)) % LIMIT
                        return {{k: v for k, v in sorted(result.items()) if v}}
                '''
            )
        )
    parts.append(f'\n\nif __name__ == "__main__":\n    print(load_{a}_{f}(os.environ.get("INPUT", "{w()}.json")))\n')
    return "".join(parts)


KERAS_TEMPLATE = textwrap.dedent(
    '''\
        """Model {i}: a classifier and its training step."""

        import tensorflow as tf
        from tensorflow import keras
        from tensorflow.keras import layers

        HIDDEN = {units}
        DROP = {r1}


        def build_mlp(num_classes={classes}, rate=DROP):
            model = keras.Sequential([
                layers.Input(shape=({features},)),
                layers.Dense(HIDDEN, activation="relu"),
                layers.Dropout(rate),
                layers.Dense(HIDDEN // 2, activation="relu"),
                layers.BatchNormalization(),
                layers.Dropout({high}),
                layers.Dense(num_classes, activation="softmax"),
        {tail}    ])
            model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
            return model


        def build_cnn(input_shape=(32, 32, 3)):
            model = keras.Sequential()
            model.add(layers.Conv2D({u4}, 3, activation="relu", input_shape=input_shape))
            model.add(layers.MaxPooling2D())
            model.add(layers.Conv2D({u2}, 3, activation="relu"))
            model.add(layers.BatchNormalization())
            model.add(layers.SpatialDropout2D({r2}))
            model.add(layers.Flatten())
            model.add(layers.Dense(HIDDEN, activation="relu"))
            model.add(layers.Dropout({r3}))
            model.add(layers.Dense(10))
            return model


        def build_functional(vocab={vocab}):
            inputs = keras.Input(shape=(None,), dtype="int32")
            x = layers.Embedding(vocab, HIDDEN)(inputs)
            x = layers.Bidirectional(layers.LSTM(HIDDEN // 2, dropout={r4}, return_sequences=True))(x)
            x = layers.GlobalMaxPooling1D()(x)
            x = layers.Dense(HIDDEN, activation="relu")(x)
            x = layers.Dropout({r5})(x)
            outputs = layers.Dense(1, activation="sigmoid")(x)
            return keras.Model(inputs, outputs, name="functional_{i}")


        class Classifier{i}(keras.Model):
            def __init__(self, units=HIDDEN):
                super().__init__()
                self.dense = layers.Dense(units, activation="relu")
                self.drop = layers.Dropout({r6})
                self.out = layers.Dense(10)

            def call(self, x, training=False):
                x = self.dense(x)
                x = self.drop(x, training=training)
                return self.out(x)

            def train_step(self, data):
                x, y = data
                with tf.GradientTape() as tape:
                    y_pred = self(x, training=True)
                    loss = self.compute_loss(y=y, y_pred=y_pred)
                grads = tape.gradient(loss, self.trainable_variables)
                self.optimizer.apply_gradients(zip(grads, self.trainable_variables))
                return {{"loss": loss}}


        def make_dataset(features, labels, batch_size=32, shuffle=True):
            """A tf.data pipeline: shuffle, batch, prefetch."""
            ds = tf.data.Dataset.from_tensor_slices((features, labels))
            if shuffle:
                ds = ds.shuffle(buffer_size=len(features), seed={i})
            ds = ds.map(lambda x, y: (tf.cast(x, tf.float32) / 255.0, y), num_parallel_calls=tf.data.AUTOTUNE)
            return ds.batch(batch_size).prefetch(tf.data.AUTOTUNE)


        def fit_custom(model, dataset, epochs={epochs}, learning_rate=1e-3):
            """A hand-written training loop with a gradient tape and a running mean of the loss."""
            optimizer = keras.optimizers.Adam(learning_rate)
            loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
            mean_loss = keras.metrics.Mean()
            history = []
            for epoch in range(epochs):
                mean_loss.reset_state()
                for step, (x, y) in enumerate(dataset):
                    with tf.GradientTape() as tape:
                        logits = model(x, training=True)
                        loss = loss_fn(y, logits)
                    grads = tape.gradient(loss, model.trainable_weights)
                    optimizer.apply_gradients(zip(grads, model.trainable_weights))
                    mean_loss.update_state(loss)
                    if step % 100 == 0:
                        print(f"epoch {{epoch}} step {{step}}: loss {{float(mean_loss.result()):.4f}}")
                history.append(float(mean_loss.result()))
            return history


        def evaluate(model, dataset):
            accuracy = keras.metrics.SparseCategoricalAccuracy()
            for x, y in dataset:
                accuracy.update_state(y, model(x, training=False))
            return float(accuracy.result())


        if __name__ == "__main__":
            (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
            train = make_dataset(x_train.reshape(-1, 784), y_train)
            test = make_dataset(x_test.reshape(-1, 784), y_test, shuffle=False)
            for build in (build_mlp, build_functional):
                net = build()
                fit_custom(net, train)
                print(build.__name__, evaluate(net, test))
    '''
)


def _keras_module(rng: random.Random, i: int) -> str:
    rate = lambda: rng.choice([0.1, 0.2, 0.25, 0.3, 0.4, 0.5])  # noqa: E731
    bug = rng.random()
    units = rng.choice([32, 64, 128, 256])
    values = {f"r{k}": rate() for k in range(1, 7)}
    values.update(
        i=i,
        units=units,
        u4=units // 4,
        u2=units // 2,
        classes=rng.randint(2, 20),
        features=rng.randint(8, 512),
        vocab=rng.randint(1000, 30000),
        epochs=rng.randint(2, 50),
        # Some files have a bug: a Dropout after the output layer, or a rate above 0.8.
        tail=f"        layers.Dropout({rate()}),\n" if bug < 0.15 else "",
        high=0.9 if 0.15 <= bug < 0.25 else rate(),
    )
    return KERAS_TEMPLATE.format(**values)


def make_corpus(root: Path, n_plain: int, n_keras: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    files = []
    for i in range(n_plain):
        p = root / "pkg" / f"sub{i % 10}" / f"util_{i:04d}.py"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(_plain_module(rng, i), encoding="utf-8")
        files.append(p)
    for i in range(n_keras):
        p = root / "models" / f"sub{i % 10}" / f"model_{i:04d}.py"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(_keras_module(rng, i), encoding="utf-8")
        files.append(p)
    (root / "pyproject.toml").write_text('[project]\nname = "corpus"\n\n[tool.dropout-lint]\n', encoding="utf-8")
    return files


# ---- measuring ----------------------------------------------------------------------------------


def _tree_rss_kb(pid: int) -> int:
    total = 0
    stack = [pid]
    seen = set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            with open(f"/proc/{p}/task/{p}/children") as fh:
                stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def run(cmd: list[str], cwd: Path, env=None, sample=False) -> dict:
    """Wall time, exit code, stdout; with ``sample`` the peak RSS of the process tree (MB)."""
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    peak = [0]
    if sample and os.path.isdir("/proc"):

        def watch():
            while p.poll() is None:
                peak[0] = max(peak[0], _tree_rss_kb(p.pid))
                time.sleep(0.01)

        th = threading.Thread(target=watch, daemon=True)
        th.start()
    out, err = p.communicate()
    dt = time.perf_counter() - t0
    if sample and os.path.isdir("/proc"):
        th.join()
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)  # the process and its workers
    return {
        "time": dt,
        "cpu": cpu,
        "rc": p.returncode,
        "out": out.decode(),
        "err": err.decode(),
        "peak_mb": peak[0] / 1024,
    }


def median_time(cmd, cwd, repeat, env=None, before=None, check=None) -> tuple[float, float, dict]:
    """(median wall time, median CPU time of the process tree, last run)."""
    times = []
    cpus = []
    last = None
    for _ in range(repeat):
        if before:
            before()
        last = run(cmd, cwd, env)
        if check:
            check(last)
        times.append(last["time"])
        cpus.append(last["cpu"])
    return statistics.median(times), statistics.median(cpus), last


def max_child_rss_mb(cmd, cwd, env=None) -> float:
    """The largest resident size of any single process of the run (getrusage of a wrapper)."""
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    r = subprocess.run([sys.executable, "-c", code, *cmd], cwd=cwd, capture_output=True, text=True, env=env)
    return int(r.stdout.strip() or 0) / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plain", type=int, default=400)
    ap.add_argument("--keras", type=int, default=300)
    ap.add_argument("--big", type=int, default=2000, help="files in the peak-memory corpus (half plain, half Keras)")
    ap.add_argument("--plain-only", type=int, default=1000, help="plain modules for the no-Keras check")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=None, help="passed to dropout-lint (default: its own, the cores)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary corpus")
    args = ap.parse_args()

    py = sys.executable
    env = dict(os.environ)
    env["PYTHONPATH"] = str(HERE) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("DROPOUT_LINT_NO_CACHE", None)
    lint = [py, "-m", "dropout_lint"] + (["--jobs", str(args.jobs)] if args.jobs else [])
    tmp = Path(tempfile.mkdtemp(prefix="dl-bench-"))
    results: dict = {}
    try:
        corpus = tmp / "corpus"
        files = make_corpus(corpus, args.plain, args.keras)
        size = sum(p.stat().st_size for p in files)
        print(f"corpus: {args.plain} plain + {args.keras} Keras files, {size / 1e6:.1f} MB, in {corpus}")
        print(
            f"python {sys.version.split()[0]}, {os.cpu_count()} cores, jobs={args.jobs or 'default'}, repeat={args.repeat}\n"
        )
        listing = tmp / "files.txt"
        listing.write_text("\n".join(str(p) for p in files), encoding="utf-8")
        naive_code = (
            "import sys, libcst\n"
            "for p in open(sys.argv[1], encoding='utf-8').read().splitlines():\n"
            "    libcst.parse_module(open(p, encoding='utf-8').read())\n"
        )

        def ok(r):
            if r["rc"] not in (0, 1) or "Traceback" in r["err"]:
                raise SystemExit(f"dropout-lint failed (exit {r['rc']}):\n{r['err'][-2000:]}")

        naive, naive_cpu_s, _ = median_time([py, "-c", naive_code, str(listing)], corpus, args.repeat, env)
        cache_dir = corpus / ".dropout_lint_cache"
        clear = lambda: shutil.rmtree(cache_dir, ignore_errors=True)  # noqa: E731
        cold, cold_cpu_s, cold_run = median_time(lint + ["--no-cache", "."], corpus, args.repeat, env, check=ok)
        n_findings = len(cold_run["out"].splitlines()) - 1
        clear()
        ok(run(lint + ["."], corpus, env))  # fill the cache
        warm, warm_cpu_s, warm_run = median_time(lint + ["."], corpus, args.repeat, env, check=ok)
        assert warm_run["out"] == cold_run["out"], "warm output differs from cold"
        one = sorted((p for p in files if "models" in p.parts), key=lambda p: p.stat().st_size)[len(files) // 4]
        floor_code = f"import libcst; libcst.parse_module(open({str(one)!r}, encoding='utf-8').read())"
        floor, floor_cpu_s, _ = median_time([py, "-c", floor_code], corpus, max(args.repeat, 5), env)
        single, single_cpu_s, _ = median_time(
            lint + ["--no-cache", str(one)], corpus, max(args.repeat, 5), env, check=ok
        )

        print(f"{'measure':<36}{'wall s':>8}{'cpu s':>8}{'ratio':>8}{'cpu r.':>8}{'target':>9}")
        rows = [
            ("naive (libcst parse every file)", naive, naive_cpu_s, None, None),
            ("dropout-lint cold (--no-cache)", cold, cold_cpu_s, cold / naive, 0.35),
            ("dropout-lint warm", warm, warm_cpu_s, warm / naive, 0.08),
            ("floor: import libcst + parse 1 file", floor, floor_cpu_s, None, None),
            ("dropout-lint on that 1 file", single, single_cpu_s, single / floor, 1.5),
        ]
        base = {"naive": (naive, naive_cpu_s), "floor": (floor, floor_cpu_s)}
        for name, med, cpu, ratio, target in rows:
            ref = base["floor"] if "1 file" in name else base["naive"]
            r = f"{ratio:>8.3f}" if ratio is not None else " " * 8
            rc = f"{cpu / ref[1]:>8.3f}" if ratio is not None else " " * 8
            t = f"{'<= ' + str(target):>9}" if target else ""
            flag = "" if ratio is None else ("  ok" if ratio <= target else "  MISSED")
            print(f"{name:<36}{med:>8.3f}{cpu:>8.3f}{r}{rc}{t}{flag}")
        print("(ratio: wall time / baseline wall time, the target measure; cpu r.: CPU time of the process and its")
        print(" workers / baseline CPU time, which a busy machine distorts less)")
        print(f"(cold found {n_findings} findings; warm output identical)")
        results.update(
            naive=naive,
            cold=cold,
            warm=warm,
            floor=floor,
            single=single,
            naive_cpu=naive_cpu_s,
            cold_cpu=cold_cpu_s,
            warm_cpu=warm_cpu_s,
            floor_cpu=floor_cpu_s,
            single_cpu=single_cpu_s,
        )

        # Peak memory on the big corpus.
        big = tmp / "big"
        make_corpus(big, args.big // 2, args.big - args.big // 2, seed=11)
        t = run(lint + ["--no-cache", "."], big, env, sample=True)
        ok(t)
        single_max = max_child_rss_mb(lint + ["--no-cache", "."], big, env)
        print(
            f"\n{args.big} files cold: {t['time']:.2f} s; peak RSS of the process tree {t['peak_mb']:.0f} MB "
            f"(target <= 250 MB: {'ok' if t['peak_mb'] <= 250 else 'MISSED'}); largest single process {single_max:.0f} MB"
        )
        results.update(big_time=t["time"], big_peak_mb=t["peak_mb"], big_single_mb=single_max)

        # No Keras at all.
        plain = tmp / "plain"
        make_corpus(plain, args.plain_only, 0, seed=13)
        p_med, p_cpu_s, p_run = median_time(lint + ["--no-cache", "."], plain, args.repeat, env)
        status = (
            "no finding, no crash"
            if p_run["rc"] == 0 and "Traceback" not in p_run["err"]
            else f"exit {p_run['rc']}: {p_run['out'][:200]} {p_run['err'][:500]}"
        )
        print(f"{args.plain_only} plain modules, no Keras: {p_med:.3f} s median ({status})")
        results.update(plain_only=p_med, plain_only_ok=p_run["rc"] == 0)
        print("\n" + json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in results.items()}))
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
