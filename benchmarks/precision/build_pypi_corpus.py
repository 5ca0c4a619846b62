#!/usr/bin/env python3
"""Rebuild a PyPI precision corpus, Q or R, from its table (stdlib only).

Each row of a table (TSV: name, version, file, sha256, kept, half, n_py, n_ipynb
and, in tables written by ``walk_pypi_corpus.py``, a final ``source``) is one PyPI
package walked when the corpus was built.  For every row with kept=yes this script
runs ``pip download --no-deps --no-build-isolation --ignore-requires-python
NAME==VERSION`` with ``--python`` (default: this Python; it needs ``wheel`` and
a recent ``setuptools`` for rows whose file is an sdist: 65.x, a venv's bundled
one, fails on PEP 639 ``license`` strings, e.g. R's spherical-deepkriging),
checks that the downloaded file has the recorded name and sha256, extracts from
the wheel/zip/tarball only *.py and *.ipynb files plus setup.py, pyproject.toml
and requirements*.txt, and writes them to OUT/<half>/<name>/<path in archive>,
checking the recorded file counts.

Selection rule (applied when a corpus was built): a package was kept when at
least one of its .py/.ipynb files contains "dropout" and "keras" or "tensorflow"
(case-insensitive, plain text).  Split rule: int(sha256(SPLIT_PREFIX + normalised
name), 16) % 2 == 0 -> "tune", else "validate"; the normalised name is the name
lower-cased with runs of "-", "_" and "." replaced by "-".

Corpus Q (session 8, ``corpus_q_packages.tsv``, split prefix "q-split:", the
default): candidates from the registry list whose name or summary mentions
Keras / TensorFlow / deep-learning words, walked in sha256("q:" + normalised
name) order; 3,101 rows, 221 kept.  Its download venv lacked ``wheel``, so 686
rows (mostly old sdists) failed and have file "-".

Corpus R (session 9, ``corpus_r_packages.tsv``, ``--split-prefix r-split:``):
written by ``walk_pypi_corpus.py`` (see its docstring), with a ``source``
column: ``q-failed`` (Q's failed rows, retried with ``wheel`` and ``setuptools``
in the download venv) or ``new`` (candidates beyond Q's walk frontier, i.e. walk
hash above Q's highest).  Rows over 40 MB have kept=no and counts "-".

    python build_pypi_corpus.py --table corpus_r_packages.tsv --split-prefix r-split:
        --python VENV/bin/python --out DIR

Exit status 1 when any kept package could not be rebuilt as recorded (or the
table is malformed).
"""

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile

EXTRA_NAMES = ("setup.py", "pyproject.toml")
COLUMNS = ("name", "version", "file", "sha256", "kept", "half", "n_py", "n_ipynb")
SOURCES = ("q-failed", "new", "v-wide")


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def half_of(name, prefix="q-split:"):
    digest = hashlib.sha256((prefix + normalise(name)).encode()).hexdigest()
    return "tune" if int(digest, 16) % 2 == 0 else "validate"


def wanted(path):
    base = path.rsplit("/", 1)[-1]
    return (
        base.endswith((".py", ".ipynb"))
        or base in EXTRA_NAMES
        or (base.startswith("requirements") and base.endswith(".txt"))
    )


def _members(archive):
    """Yield (path, read()) for the regular files of a wheel, zip or tarball."""
    if zipfile.is_zipfile(archive):
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                if not info.is_dir():
                    yield info.filename, lambda info=info: zf.read(info)
    else:
        with tarfile.open(archive) as tf:
            for info in tf.getmembers():
                if info.isfile():
                    yield info.name, lambda info=info: tf.extractfile(info).read()


def extract(archive, dest):
    """Write the wanted files of ``archive`` under ``dest``; return their paths."""
    written = []
    for path, read in _members(archive):
        parts = [p for p in path.replace("\\", "/").split("/") if p not in ("", ".")]
        if not parts or ".." in parts or not wanted(parts[-1]):
            continue
        target = os.path.join(dest, *parts)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as fh:
            fh.write(read())
        written.append("/".join(parts))
    return written


def counts(paths):
    return (sum(p.endswith(".py") for p in paths), sum(p.endswith(".ipynb") for p in paths))


def selected(dest, paths):
    """True when one .py/.ipynb file mentions dropout and keras or tensorflow."""
    for path in paths:
        if not path.endswith((".py", ".ipynb")):
            continue
        with open(os.path.join(dest, *path.split("/")), "rb") as fh:
            text = fh.read().lower()
        if b"dropout" in text and (b"keras" in text or b"tensorflow" in text):
            return True
    return False


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_table(path):
    """Rows of a table as dicts; the optional last column ``source`` is checked."""
    with open(path, encoding="utf-8") as fh:
        lines = [line.rstrip("\n").split("\t") for line in fh if line.strip()]
    columns = COLUMNS
    if lines and tuple(lines[0]) == COLUMNS + ("source",):
        columns = COLUMNS + ("source",)
        lines = lines[1:]
    elif lines and tuple(lines[0]) == COLUMNS:
        lines = lines[1:]
    elif lines and lines[0][0] == "name":
        raise ValueError(f"{path}: unknown header {lines[0]}")
    for number, line in enumerate(lines, 1):
        if len(line) != len(columns):
            raise ValueError(f"{path}: row {number} has {len(line)} columns, not {len(columns)}")
        if "source" in columns and line[-1] not in SOURCES:
            raise ValueError(f"{path}: row {number} has source {line[-1]!r}, not one of {SOURCES}")
    return [dict(zip(columns, line)) for line in lines]


def download(name, version, workdir, timeout=120, python=None):
    subprocess.run(
        [
            python or sys.executable,
            "-m",
            "pip",
            "download",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--ignore-requires-python",
            "-d",
            workdir,
            f"{name}=={version}",
        ],
        check=True,
        timeout=timeout,
        capture_output=True,
    )
    return os.listdir(workdir)


def rebuild(row, out, split_prefix="q-split:", python=None):
    half = half_of(row["name"], split_prefix)
    with tempfile.TemporaryDirectory() as workdir:
        try:
            files = download(row["name"], row["version"], workdir, python=python)
        except (subprocess.SubprocessError, OSError) as exc:
            return f"download failed: {exc.__class__.__name__}"
        if row["file"] not in files:
            return f"got {files}, expected {row['file']}"
        archive = os.path.join(workdir, row["file"])
        if sha256_file(archive) != row["sha256"]:
            return "sha256 differs"
        dest = os.path.join(out, half, row["name"])
        paths = extract(archive, dest)
    if "%d\t%d" % counts(paths) != f"{row['n_py']}\t{row['n_ipynb']}":
        return "file counts differ: %d .py, %d .ipynb" % counts(paths)
    if half != row["half"]:
        return f"half differs: {half}"
    return None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--table", default=os.path.join(os.path.dirname(__file__), "corpus_q_packages.tsv"))
    ap.add_argument("--out", required=True, help="output directory (tune/, validate/)")
    ap.add_argument("--split-prefix", default="q-split:", help='"q-split:" for Q, "r-split:" for R')
    ap.add_argument("--python", default=sys.executable, help="Python whose pip downloads")
    ap.add_argument("--limit", type=int, default=None, help="rebuild only the first N kept rows")
    args = ap.parse_args(argv)
    try:
        table = read_table(args.table)
    except ValueError as exc:
        print(exc, file=sys.stderr)
        return 1
    rows = [row for row in table if row["kept"] == "yes"][: args.limit]
    if "source" in (table[0] if table else {}):
        by_source = {s: sum(r["source"] == s for r in rows) for s in SOURCES}
        print(f"kept rows by source: {by_source}")
    failed = 0
    for row in rows:
        problem = rebuild(row, args.out, args.split_prefix, args.python)
        if problem:
            failed += 1
            print(f"{row['name']}: {problem}", file=sys.stderr)
    print(f"{len(rows) - failed}/{len(rows)} packages rebuilt into {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
