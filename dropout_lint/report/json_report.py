"""The SPEC's JSON: a list of finding objects with Ruff's field names plus ours."""

from __future__ import annotations

import json


def render(findings, run) -> str:
    return json.dumps([f.as_json() for f in findings], indent=2) + "\n"
