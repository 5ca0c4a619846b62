#!/usr/bin/env python3
"""Walk PyPI for a fresh precision corpus and write its table (stdlib only).

This is the code that produced ``corpus_r_packages.tsv`` (corpus R); the table it
writes is read back by ``build_pypi_corpus.py``, which rebuilds the corpus from it.

Candidates, in this order, each row recording which source it came from:

``q-failed``
    every row of corpus Q's table (``corpus_q_packages.tsv``) whose file is "-":
    packages Q walked but could not download (so never extracted nor linted),
    in Q's walk order, at the version Q recorded.
``new``
    packages of the registry list (``pypi.tsv``: name, version, month, rank,
    summary) whose name or summary matches ``TOPIC_RE`` (case-insensitive)::

        keras|tensorflow|\\btf[-_. ]?(?:2|keras|lite|js|hub|agents|probability)\\b
        |deep[-_ ]?learn|deep[-_ ]?neural|neural[-_ ]?net|convolutional|recurrent
        |autoencoder|transformer|dropout
        |\\b(?:cnn|rnn|lstm|gru|dnn|gan|vae|bert|gpt)s?\\b

    whose walk hash sha256("q:" + normalised name) is above the highest walk
    hash of any row of Q's table (beyond Q's walk frontier), walked in that hash
    order, at the registry list's (latest) version.  Left out: every name of Q's
    table; every name that occurs anywhere in the repository's tracked files
    (case-insensitive substring of their text, as ``git grep -il NAME`` would
    find it, tried as written, normalised, and with "_" for "-"); the TensorFlow
    team's own packages (``TF_TEAM_RE`` on the normalised name); PyTorch-only
    packages (name or summary mentions torch and the summary mentions neither
    keras nor tensorflow).

``v-wide`` (only with ``--wide``; after all the others)
    packages of the registry list whose name or summary matches none of
    ``TOPIC_RE`` but ``WIDE_RE`` (case-insensitive), a broader machine-learning
    topic::

        machine[-_ ]?learn|\\bml\\b|neural|\\bai\\b|classif|segment|detect|speech
        |recogni|reinforcement|recommend|forecast|time[-_ ]?series|image|vision
        |nlp|embedding|predict

    walked in the same sha256("q:" + normalised name) order, at the registry
    list's version, with the same exclusions as ``new`` (names of Q's table or of
    the repository's tracked files, the TensorFlow team's, PyTorch-only ones) but
    no hash frontier: no earlier walk had any of them as a candidate.

For a ``q-failed`` candidate the repository test leaves out Q's own table (every
one of them is named there); the other tracked files still count.

Each candidate is fetched with ``pip download --no-deps --no-build-isolation
--ignore-requires-python NAME==VERSION`` by the Python given as ``--python`` (a
venv with ``wheel`` and ``setuptools``, so that old sdists can build their
metadata; pip prefers a wheel for this platform when one exists), up to
``--jobs`` at once, 120 s each.  An archive over 40 MB is recorded with its file
and sha256, kept=no and "-" for the counts (not extracted).  A failed download is
recorded with file "-".  Otherwise the archive is extracted with
``build_pypi_corpus.extract`` and kept when ``build_pypi_corpus.selected`` holds
(a .py/.ipynb file contains "dropout" and "keras" or "tensorflow", plain text);
kept packages go to OUT/<half>/<name>/ with half from
sha256(SPLIT_PREFIX + normalised name) (name only, never contents).

Corpora T (``corpus_t_packages.tsv``, ``--split-prefix t-split:``) and U
(``corpus_u_packages.tsv``, ``--split-prefix u-split:``) were walked by this same
code, unchanged: a later walk continues beyond the earlier ones by itself,
because every name of the earlier tables is then in the repository's tracked
files and so left out (for U: 0 candidates at or below T's highest walk hash,
0 ``q-failed`` ones; 3,068 candidates, all ``new``).  The download venv needs a
recent ``setuptools`` (``pip install -U``; a venv's bundled 65.x rejects PEP 639
``license`` strings, so such sdists fail: U was walked with 84.2.1).

Corpus V (``corpus_v_packages.tsv``, ``--split-prefix v-split:``) continued beyond
U with this code: first unchanged (525 candidates, all ``new``; all walked, 81
kept), then resumed with ``--wide`` (82,785 ``v-wide`` candidates), stopped by
``--stop``: 6,694 walked (525 ``new`` + 6,169 ``v-wide``), 177 kept (81 ``new`` +
96 ``v-wide``; tune 83, validate 94), 179 failed downloads, 62 over 40 MB or
unreadable.  Download venv: setuptools 84.2.1.

``--resume`` reuses the rows of an existing table (and the kept packages already
under OUT) for candidates it names, downloading only the others; rows of
packages no longer candidates are dropped and their directories removed.

The walk stops once ``--target`` packages are kept or at ``--stop`` (UTC HH:MM);
the table holds a contiguous prefix of the candidate order (downloads still in
flight when the target was reached are dropped, not recorded).  No linter is run.
"""

import argparse
import concurrent.futures
import datetime
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import build_pypi_corpus as bpc  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TOPIC_RE = re.compile(
    r"keras|tensorflow|\btf[-_. ]?(?:2|keras|lite|js|hub|agents|probability)\b"
    r"|deep[-_ ]?learn|deep[-_ ]?neural|neural[-_ ]?net|convolutional|recurrent"
    r"|autoencoder|transformer|dropout"
    r"|\b(?:cnn|rnn|lstm|gru|dnn|gan|vae|bert|gpt)s?\b",
    re.I,
)
TF_TEAM_RE = re.compile(
    r"^(?:tensorflow|tf-nightly|tf-keras|tf-models|tf-estimator|tf-agents|tf-slim|tf-hub"
    r"|tfa-nightly|tfds-nightly|tb-nightly|tfx|tensorboard|tflite|keras$|keras-"
    r"|mesh-tensorflow|ai-edge-)"
)
WIDE_RE = re.compile(
    r"machine[-_ ]?learn|\bml\b|neural|\bai\b|classif|segment|detect|speech|recogni"
    r"|reinforcement|recommend|forecast|time[-_ ]?series|image|vision|nlp|embedding|predict",
    re.I,
)
TORCH_RE = re.compile(r"torch", re.I)
KERAS_TF_RE = re.compile(r"keras|tensorflow", re.I)
MAX_BYTES = 40 * 1024 * 1024


def walk_hash(name):
    return hashlib.sha256(("q:" + bpc.normalise(name)).encode()).hexdigest()


def repo_text(repo, skip=()):
    """Lower-cased text of the repository's tracked files, joined by NULs."""
    out = subprocess.run(["git", "-C", repo, "ls-files", "-z"], check=True, capture_output=True)
    parts = []
    for path in out.stdout.decode().split("\0"):
        if not path or path in skip:
            continue
        try:
            with open(os.path.join(repo, path), "rb") as fh:
                parts.append(fh.read().decode("utf-8", "replace").lower())
        except OSError:
            continue
    return "\0".join(parts)


def named_in(name, text):
    low = name.lower()
    norm = bpc.normalise(name)
    return any(v in text for v in {low, norm, norm.replace("-", "_")})


def candidates(registry, q_table, repo, wide=False):
    q_rows = bpc.read_table(q_table)
    q_names = {bpc.normalise(r["name"]) for r in q_rows}
    frontier = max(walk_hash(r["name"]) for r in q_rows)
    q_rel = os.path.relpath(os.path.abspath(q_table), os.path.abspath(repo))
    text_all = repo_text(repo)
    text_no_q = repo_text(repo, skip={q_rel})
    stats = {"frontier": frontier, "q_failed_named_in_repo": []}
    failed = sorted((r for r in q_rows if r["file"] == "-"), key=lambda r: walk_hash(r["name"]))
    out = []
    for r in failed:
        if named_in(r["name"], text_no_q):
            stats["q_failed_named_in_repo"].append(r["name"])
            continue
        out.append((r["name"], r["version"], "q-failed"))
    new = []
    counted = dict.fromkeys(("topic", "beyond", "in_q", "in_repo", "tf_team", "torch"), 0)
    wide_rows = []
    counted_wide = dict.fromkeys(("topic", "in_q", "in_repo", "tf_team", "torch"), 0)
    with open(registry, encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            name, version, _month, _rank, summary = line.rstrip("\n").split("\t")
            if not (TOPIC_RE.search(name) or TOPIC_RE.search(summary)):
                if wide and (WIDE_RE.search(name) or WIDE_RE.search(summary)):
                    counted_wide["topic"] += 1
                    reason = _excluded(name, summary, q_names, text_all)
                    if reason:
                        counted_wide[reason] += 1
                    else:
                        wide_rows.append((walk_hash(name), name, version))
                continue
            counted["topic"] += 1
            h = walk_hash(name)
            if h <= frontier:
                continue
            counted["beyond"] += 1
            reason = _excluded(name, summary, q_names, text_all)
            if reason:
                counted[reason] += 1
            else:
                new.append((h, name, version))
    new.sort()
    out.extend((name, version, "new") for _h, name, version in new)
    stats.update(counted)
    stats["new"] = len(new)
    if wide:
        wide_rows.sort()
        out.extend((name, version, "v-wide") for _h, name, version in wide_rows)
        stats["wide"] = counted_wide
        stats["v-wide"] = len(wide_rows)
    return out, stats


def _excluded(name, summary, q_names, text_all):
    """Why a registry-list package is left out (a key of the stats), or None."""
    norm = bpc.normalise(name)
    if norm in q_names:
        return "in_q"
    if TF_TEAM_RE.search(norm):
        return "tf_team"
    if (TORCH_RE.search(name) or TORCH_RE.search(summary)) and not KERAS_TF_RE.search(summary):
        return "torch"
    if named_in(name, text_all):
        return "in_repo"
    return None


def fetch(name, version, python, split_prefix, out, timeout):
    """Download, test and (when kept) extract one package; return its table row."""
    row = dict(name=name, version=version, file="-", sha256="-", kept="no", half="-", n_py="0", n_ipynb="0")
    with tempfile.TemporaryDirectory(prefix="walkR-") as workdir:
        dl = os.path.join(workdir, "dl")
        os.mkdir(dl)
        cmd = [python, "-m", "pip", "download", "-q", "--no-deps", "--no-build-isolation"]
        cmd += ["--ignore-requires-python", "-d", dl, f"{name}=={version}"]
        try:
            subprocess.run(cmd, check=True, timeout=timeout, capture_output=True)
        except (subprocess.SubprocessError, OSError) as exc:
            tail = (getattr(exc, "stderr", None) or b"").decode("utf-8", "replace").strip()
            row["error"] = exc.__class__.__name__ + ": " + (tail.splitlines() or [""])[-1][:160]
            return row
        files = os.listdir(dl)
        if len(files) != 1:
            row["error"] = f"files {files}"
            return row
        archive = os.path.join(dl, files[0])
        row["file"], row["sha256"] = files[0], bpc.sha256_file(archive)
        if os.path.getsize(archive) > MAX_BYTES:
            row["n_py"] = row["n_ipynb"] = "-"
            row["error"] = "over 40 MB"
            return row
        dest = os.path.join(workdir, "x")
        try:
            paths = bpc.extract(archive, dest)
        except Exception as exc:  # a broken archive: record it as not kept
            row["n_py"] = row["n_ipynb"] = "-"
            row["error"] = f"extract: {exc.__class__.__name__}"
            return row
        n_py, n_ipynb = bpc.counts(paths)
        row["n_py"], row["n_ipynb"] = str(n_py), str(n_ipynb)
        if bpc.selected(dest, paths):
            half = bpc.half_of(name, split_prefix)
            row["kept"], row["half"] = "yes", half
            target = os.path.join(out, half, name)
            shutil.rmtree(target, ignore_errors=True)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if os.path.isdir(dest):
                shutil.move(dest, target)
            else:
                os.makedirs(target)
    return row


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--registry", default="/work/.library/env/packages/pypi.tsv")
    ap.add_argument("--q-table", default=os.path.join(HERE, "corpus_q_packages.tsv"))
    ap.add_argument("--repo", default=os.path.dirname(os.path.dirname(HERE)))
    ap.add_argument("--table", default=os.path.join(HERE, "corpus_r_packages.tsv"))
    ap.add_argument("--out", required=True, help="corpus directory (tune/, validate/)")
    ap.add_argument("--python", default=sys.executable, help="Python whose pip downloads")
    ap.add_argument("--split-prefix", default="r-split:")
    ap.add_argument("--target", type=int, default=150)
    ap.add_argument("--stop", default=None, help="UTC HH:MM after which no download starts")
    ap.add_argument("--jobs", type=int, default=6)
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--resume", action="store_true", help="reuse the rows of --table")
    ap.add_argument("--wide", action="store_true", help="add the v-wide candidates after the others")
    args = ap.parse_args(argv)
    previous = {}
    if args.resume and os.path.exists(args.table):
        previous = {r["name"]: r for r in bpc.read_table(args.table)}

    todo, stats = candidates(args.registry, args.q_table, args.repo, wide=args.wide)
    names = {name for name, _v, _s in todo}
    for name, row in previous.items():
        if name not in names and row["kept"] == "yes":
            shutil.rmtree(os.path.join(args.out, row["half"], name), ignore_errors=True)
    stats["resumed_dropped"] = sorted(set(previous) - names)
    print(f"stats {stats}", file=sys.stderr, flush=True)
    stop = None
    if args.stop:
        hh, mm = map(int, args.stop.split(":"))
        now = datetime.datetime.now(datetime.timezone.utc)
        stop = now.replace(hour=hh, minute=mm, second=0, microsecond=0)
    columns = bpc.COLUMNS + ("source",)
    kept = 0
    done = 0
    with (
        open(args.table, "w", encoding="utf-8") as table,
        concurrent.futures.ThreadPoolExecutor(args.jobs) as pool,
    ):
        table.write("\t".join(columns) + "\n")
        pending = []
        it = iter(todo)
        finished = False

        def submit():
            if stop and datetime.datetime.now(datetime.timezone.utc) >= stop:
                return False
            item = next(it, None)
            if item is None:
                return False
            name, version, source = item
            old = previous.get(name)
            if old and old["version"] == version and old["source"] == source:
                kept_dir = os.path.join(args.out, old["half"], name)
                if old["kept"] != "yes" or os.path.isdir(kept_dir):
                    fut = concurrent.futures.Future()
                    fut.set_result({k: v for k, v in old.items() if k != "source"})
                    pending.append((fut, source))
                    return True
            fut = pool.submit(fetch, name, version, args.python, args.split_prefix, args.out, args.timeout)
            pending.append((fut, source))
            return True

        for _ in range(args.jobs * 2):
            if not submit():
                break
        while pending and not finished:
            fut, source = pending.pop(0)
            row = fut.result()
            row["source"] = source
            table.write("\t".join(row[c] for c in columns) + "\n")
            table.flush()
            done += 1
            kept += row["kept"] == "yes"
            print(
                f"{done} {row['name']} {source} {row['kept']} {row.get('error', '')} kept={kept}",
                file=sys.stderr,
                flush=True,
            )
            if kept >= args.target:
                finished = True
                break
            submit()
        for fut, _source in pending:  # beyond the target: not recorded
            fut.cancel()
    dropped = [f.result()["name"] for f, _s in pending if not f.cancelled()]
    for name in dropped:  # extracted beyond the prefix: remove again
        for half in ("tune", "validate"):
            shutil.rmtree(os.path.join(args.out, half, name), ignore_errors=True)
    print(f"walked {done}, kept {kept}, dropped in flight {len(dropped)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
