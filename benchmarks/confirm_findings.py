"""`--confirm` verdicts for a given list of findings over exported repositories.

    python benchmarks/confirm_findings.py FINDINGS.tsv [MORE.tsv ...] --root DIR [--out VERDICTS.tsv]
        [--exclude REPOSITORY:FILE:ROW ...] [--timeout S]

FINDINGS.tsv: tab-separated, one finding a line, lines starting with `#` skipped; its columns
are named by the last `# repository\t...` comment line (as in benchmarks/confirm_fresh_set_6.tsv),
else taken as `repository file row cell code`. `cell` is `-` for a .py file. Each repository
`owner/name` is read from DIR/owner+name (else DIR/owner/name, else DIR/name): an export of its
snapshot (every .py / .ipynb). Nothing of it is kept.

Each file is linted in this process with every rule of this checkout enabled, so the finding
gets the column and the facts the rule attaches for --confirm; a listed finding this checkout's
rules no longer report is judged at its row anyway (at the first `Dropout` / call on the line)
and marked `rebuilt` in the output. The findings of one repository are judged by one worker,
as `dropout-lint --confirm` does. Writes the input's columns plus `status` and `detail` (to
`--out`, else stdout) and prints C / R / U / NA per repository and in all to stderr.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import os
import re
import sys
from pathlib import Path

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from dropout_lint.config import Config, effective  # noqa: E402
from dropout_lint.confirm import confirm_findings  # noqa: E402
from dropout_lint.engine import lint_bytes  # noqa: E402
from dropout_lint.finding import Finding, Pos  # noqa: E402
from dropout_lint.rule import all_rules  # noqa: E402

STATUSES = ("confirmed", "refuted", "unbuildable", "not-applicable")


def read_list(path: str) -> tuple[list[str], list[dict]]:
    columns = ["repository", "file", "row", "cell", "code"]
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh.read().splitlines():
            if line.startswith("# repository\t"):
                columns = line[2:].split("\t")
            elif line.strip() and not line.startswith("#"):
                rows.append(dict(zip(columns, line.split("\t"))))
    return columns, rows


def repo_dir(root: str, repo: str) -> str | None:
    for d in (repo.replace("/", "+"), repo, repo.split("/")[-1]):
        if os.path.isdir(os.path.join(root, d)):
            return os.path.join(root, d)
    return None


def _rebuilt(path: str, row: dict) -> Finding:
    """The listed finding at its row, for a rule that no longer reports it: at the line's first
    (dotted) Dropout / dropout / BatchNormalization, else its first call after an ``=``."""
    cell = None if row.get("cell", "-") in ("-", "") else int(row["cell"])
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    if cell is not None:
        source = json.loads(text)["cells"][cell - 1].get("source", "")
        text = "".join(source) if isinstance(source, list) else source
    lines = text.splitlines()
    line = lines[int(row["row"]) - 1] if 0 < int(row["row"]) <= len(lines) else ""
    m = re.search(r"[\w.]*\b(Dropout|dropout|BatchNormalization)\b", line)
    if m:
        col = m.start()
    else:
        eq = line.find("=") + 1 if re.search(r"[^=!<>]=[^=]", line) else 0
        call = re.search(r"[\w.]+\(", line[eq:])
        col = eq + call.start() if call else len(line) - len(line.lstrip())
    pos = Pos(int(row["row"]), col + 1)
    f = Finding(row["code"], "listed", "warning", "listed finding", path, pos, pos, cell=cell)
    f.data["rebuilt"] = True
    return f


def findings_of(base: str, rows: list[dict]) -> list[tuple[dict, Finding]]:
    settings_of = effective(Config(root=Path(base)), select=set(all_rules()))
    out, linted = [], {}
    for row in rows:
        path = os.path.join(base, row["file"])
        if path not in linted:
            try:
                data = Path(path).read_bytes()
            except OSError:
                linted[path] = None
                continue
            linted[path] = lint_bytes(data, path, settings_of.for_file(Path(path)))
        if linted[path] is None:
            continue
        cell = None if row.get("cell", "-") in ("-", "") else int(row["cell"])
        match = [
            f
            for f in linted[path]
            if f.code == row["code"] and f.start.row == int(row["row"]) and (cell is None or f.cell == cell)
        ]
        out.append((row, match[0] if match else _rebuilt(path, row)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("findings", nargs="+")
    ap.add_argument("--root", required=True, help="folder of the exported repositories")
    ap.add_argument("--out", help="write the verdicts here (TSV); default: stdout")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds one build may take")
    ap.add_argument("--package", action="append", default=[], help="a confirm-packages entry (name or name==version)")
    ap.add_argument("--exclude", action="append", default=[], help="REPOSITORY:FILE:ROW of a finding to leave out")
    opts = ap.parse_args()
    if importlib.util.find_spec("tensorflow") is None:
        sys.exit("TensorFlow is not installed for this Python: run it from a venv with `.[tensorflow]`")
    columns, rows = [], []
    for path in opts.findings:
        cols, more = read_list(path)
        columns = columns or cols
        rows += [r for r in more if f"{r['repository']}:{r['file']}:{r['row']}" not in opts.exclude]
    by_repo: dict[str, list[dict]] = collections.defaultdict(list)
    for row in rows:
        by_repo[row["repository"]].append(row)
    out_lines = ["\t".join(columns + ["status", "detail"])]
    total: collections.Counter = collections.Counter()
    for repo, its in by_repo.items():
        base = repo_dir(opts.root, repo)
        pairs = findings_of(base, its) if base else []
        confirm_findings([f for _, f in pairs], timeout=opts.timeout, max_rate=0.8, packages=opts.package)
        got = {id(r): f for r, f in pairs}
        counts: collections.Counter = collections.Counter()
        for row in its:
            f = got.get(id(row))
            c = f.confirmation if f is not None else None
            status = c.status if c is not None else "unbuildable"
            detail = c.detail if c is not None else "the file is not in the export"
            if f is not None and f.data.get("rebuilt"):
                detail = f"(rebuilt) {detail}"
            counts[status] += 1
            out_lines.append("\t".join([row.get(k, "") for k in columns] + [status, detail.replace("\t", " ")]))
        total += counts
        print(f"{repo}: {' / '.join(str(counts[s]) for s in STATUSES)}", file=sys.stderr, flush=True)
    print(f"total C / R / U / NA: {' / '.join(str(total[s]) for s in STATUSES)}", file=sys.stderr)
    text = "\n".join(out_lines) + "\n"
    if opts.out:
        Path(opts.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
