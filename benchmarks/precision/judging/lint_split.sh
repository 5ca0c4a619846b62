#!/usr/bin/env bash
# lint_split.sh BIN DIR OUT.json : lint each package folder of DIR separately (json), merge.
# Filenames in OUT are relative to DIR ("pkg/path/file.py"). Times per package in OUT.times.
set -u
BIN=$1; DIR=$2; OUT=$3
TMP=$(mktemp -d)
: > "$OUT.times"
cd "$DIR"
for pkg in */; do
  pkg=${pkg%/}
  s=$(date +%s.%N)
  timeout 900 "$BIN" --no-cache --exit-zero --output-format json "$pkg" > "$TMP/$pkg.json" 2> "$TMP/$pkg.err"
  rc=$?
  e=$(date +%s.%N)
  echo -e "$pkg\t$rc\t$(echo "$e - $s" | bc)" >> "$OUT.times"
done
python3 - "$TMP" "$OUT" <<'PY'
import json, os, sys
tmp, out = sys.argv[1:]
allf = []
for n in sorted(os.listdir(tmp)):
    if n.endswith(".json"):
        try:
            allf += json.load(open(os.path.join(tmp, n)))
        except Exception as e:
            print("bad json", n, e, file=sys.stderr)
json.dump(allf, open(out, "w"), indent=1)
print(len(allf), "findings")
PY
cat "$TMP"/*.err | grep -v "^$" | sort | uniq -c | sort -rn | head -20 > "$OUT.errs"
rm -rf "$TMP"
