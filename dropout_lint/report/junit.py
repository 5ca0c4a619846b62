"""JUnit XML, as CI systems read test reports (GitLab ``artifacts:reports:junit``, Jenkins, Azure):
``<testsuites>`` holding one ``<testsuite>`` per file, one ``<testcase>`` per finding with a
``<failure>``, in the layout Ruff's ``junit`` output uses.

- ``testsuites``: ``name="dropout-lint"``, ``tests``, ``failures``, ``errors="0"``;
- ``testsuite``: ``name`` = the file, ``tests``, ``failures``, ``errors="0"``, ``skipped="0"``;
- ``testcase``: ``name`` = ``CODE name`` (``DL101 dropout-after-output``), ``classname`` = the file,
  ``file``, ``line``, ``column``; its ``failure`` has ``message`` = the message and ``type`` = the
  rule code, with ``path:row:col: message`` as text (``path:cell N:row:col:`` in a notebook).

A run with no finding is one passing test case (``No findings``), so a CI job shows a green
report instead of an empty one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

# Characters XML 1.0 cannot hold at all (escaping does not help): shown as \xNN instead.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def document(findings) -> ET.Element:
    root = ET.Element(
        "testsuites", name="dropout-lint", tests=str(max(len(findings), 1)), failures=str(len(findings)), errors="0"
    )
    if not findings:
        suite = ET.SubElement(root, "testsuite", name="dropout-lint", tests="1", failures="0", errors="0", skipped="0")
        ET.SubElement(suite, "testcase", name="No findings", classname="dropout-lint")
        return root
    by_file: dict[str, list] = {}
    for f in findings:
        by_file.setdefault(f.filename, []).append(f)
    for name, items in by_file.items():
        name = _xml(name)
        suite = ET.SubElement(
            root, "testsuite", name=name, tests=str(len(items)), failures=str(len(items)), errors="0", skipped="0"
        )
        for f in items:
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{f.code} {f.name}",
                classname=name,
                file=name,
                line=str(f.start.row),
                column=str(f.start.column),
            )
            message = _xml(f.message)
            where = f"{name}:" + (f"cell {f.cell}:" if f.cell is not None else "") + f"{f.start.row}:{f.start.column}"
            failure = ET.SubElement(case, "failure", message=message, type=f.code)
            failure.text = f"{where}: {message}"
    return root


def render(findings, run) -> str:
    root = document(findings)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
