"""JSON Lines (https://jsonlines.org): one finding object per line, the same objects as the
``json`` format (docs/json-schema.json describes one), UTF-8, each line ending in ``\\n``."""

from __future__ import annotations

import json


def render(findings, run) -> str:
    return "".join(json.dumps(f.as_json(), ensure_ascii=False) + "\n" for f in findings)
