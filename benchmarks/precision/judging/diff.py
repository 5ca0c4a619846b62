#!/usr/bin/env python3
"""diff.py A.json B.json : findings (DL000 left out) only in A, only in B, counts per code."""

import json, sys, collections


def load(p):
    return {
        (f["filename"], f["location"]["row"], f.get("cell") or "", f["code"]): f["message"]
        for f in json.load(open(p))
        if f["code"] != "DL000"
    }


a, b = load(sys.argv[1]), load(sys.argv[2])
print(f"A {len(a)}  B {len(b)}  both {len(set(a) & set(b))}")
print("A per code", dict(collections.Counter(k[3] for k in a)))
print("B per code", dict(collections.Counter(k[3] for k in b)))
for k in sorted(set(a) - set(b)):
    print("only A:", k, a[k][:150])
for k in sorted(set(b) - set(a)):
    print("only B:", k, b[k][:150])
