#!/usr/bin/env python3
"""prep_judge.py DIR HALF_DIR : now.json + prev.json (in DIR) -> to_judge.tsv (blind) + key.tsv.
Findings are keyed by (filename, row, cell, code); the judge sees file, row, cell, code, message only."""

import json, os, sys, hashlib

d, half = sys.argv[1:]


def load(n):
    out = {}
    for f in json.load(open(os.path.join(d, n))):
        if f["code"] == "DL000":
            continue
        k = (f["filename"], f["location"]["row"], f.get("cell") or "", f["code"])
        out[k] = f["message"]
    return out


now, prev = load("now.json"), load("prev.json")
keys = sorted(set(now) | set(prev), key=lambda k: hashlib.sha256(repr(k).encode()).hexdigest())
with open(os.path.join(d, "to_judge.tsv"), "w") as tj, open(os.path.join(d, "key.tsv"), "w") as kf:
    tj.write("id\tcode\tfile\tcell\trow\tmessage\n")
    kf.write("id\tcode\tfile\tcell\trow\tprevious_main\tnow\n")
    for i, k in enumerate(keys, 1):
        msg = now.get(k) or prev.get(k)
        tj.write(f"{i}\t{k[3]}\t{k[0]}\t{k[2]}\t{k[1]}\t{msg}\n")
        kf.write(
            f"{i}\t{k[3]}\t{k[0]}\t{k[2]}\t{k[1]}\t{'yes' if k in prev else 'no'}\t{'yes' if k in now else 'no'}\n"
        )
print(len(now), "now;", len(prev), "prev;", len(keys), "union;", len(set(now) & set(prev)), "both")
