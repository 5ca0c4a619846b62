"""The output formats other systems read, each checked against its consumer's documented format:
json (our JSON Schema, docs/json-schema.json), json-lines (jsonlines.org), junit (the JUnit XML
CI systems read), gitlab (GitLab's Code Quality report), pylint (pylint's "parseable" template)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_cli

SCHEMA = ROOT / "docs" / "json-schema.json"


@pytest.fixture(scope="module")
def fixtures_json():
    r = run_cli("--no-cache", "--output-format", "json", "--extend-select", "ALL", ".", cwd=FIXTURES)
    assert r.returncode == 1, r.stderr
    found = json.loads(r.stdout)
    # the fixtures cover what the schema has to describe
    assert any(f["fix"] for f in found) and any(f["cell"] for f in found) and any(f["code"] == "DL000" for f in found)
    assert {f["fix"]["applicability"] for f in found if f["fix"]} == {"safe", "unsafe"}
    return found


def _validator():
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the [test] extra")
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_json_output_validates_against_the_committed_schema(fixtures_json):
    v = _validator()
    errors = list(v.iter_errors(fixtures_json))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_schema_rejects_what_the_output_must_not_be(fixtures_json):
    v = _validator()
    bad = json.loads(json.dumps(fixtures_json[:1]))
    del bad[0]["noqa_row"]
    assert not v.is_valid(bad)
    bad = json.loads(json.dumps([f for f in fixtures_json if f["fix"]][:1]))
    bad[0]["fix"]["applicability"] = "maybe"
    assert not v.is_valid(bad)


def test_confirmation_objects_validate():
    from dropout_lint.finding import Confirmation, Finding, Pos

    f = Finding("DL202", "dropout-rate-too-high", "warning", "m", "a.py", Pos(1, 1), Pos(1, 5), noqa_row=1)
    for status in ("confirmed", "refuted", "unbuildable", "not-applicable"):
        f.confirmation = Confirmation(status, "detail")
        assert _validator().is_valid([f.as_json()])


def test_json_lines_is_one_finding_object_per_line(fixtures_json):
    r = run_cli("--no-cache", "--output-format", "json-lines", "--extend-select", "ALL", ".", cwd=FIXTURES)
    assert r.stdout.endswith("\n") and "\r" not in r.stdout
    lines = r.stdout.split("\n")[:-1]
    objects = [json.loads(ln) for ln in lines]  # each line is one JSON value (jsonlines.org)
    assert objects == fixtures_json
    v = _validator()
    assert all(v.is_valid([o]) for o in objects)
    assert run_cli("--output-format", "json-lines", "broken_does_not_exist.py", cwd=FIXTURES).stdout == ""


# pylint's parseable template: {path}:{line}: [{msg_id}({symbol}), {obj}] {msg}
PYLINT = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+): \[(?P<msg_id>[A-Z]+\d+)\((?P<symbol>[a-z0-9-]+)\), (?P<obj>[^\]]*)\] (?P<msg>.+)$"
)


def test_pylint_parseable(fixtures_json):
    r = run_cli("--no-cache", "--output-format", "pylint", "--extend-select", "ALL", ".", cwd=FIXTURES)
    lines = r.stdout.splitlines()
    assert len(lines) == len(fixtures_json)
    for ln, f in zip(lines, fixtures_json):
        m = PYLINT.match(ln)
        assert m, ln
        assert (m["path"], int(m["line"]), m["msg_id"], m["symbol"]) == (
            f["filename"],
            f["location"]["row"],
            f["code"],
            f["name"],
        )
        assert m["msg"].startswith(f"cell {f['cell']}: ") if f["cell"] else m["msg"] == " ".join(f["message"].split())


GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def test_gitlab_code_quality_report(fixtures_json):
    r = run_cli("--no-cache", "--output-format", "gitlab", "--extend-select", "ALL", ".", cwd=FIXTURES)
    issues = json.loads(r.stdout)
    assert isinstance(issues, list) and len(issues) == len(fixtures_json)
    for issue, f in zip(issues, fixtures_json):
        # GitLab's required fields
        for key in ("description", "check_name", "fingerprint", "severity", "location"):
            assert isinstance(issue[key], (str, dict)) and issue[key], key
        assert issue["severity"] in GITLAB_SEVERITIES
        assert issue["location"]["path"] == f["filename"] and not Path(issue["location"]["path"]).is_absolute()
        assert (FIXTURES / issue["location"]["path"]).is_file()
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
        assert issue["check_name"].startswith(f["code"])
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)  # GitLab keeps one issue per fingerprint
    assert {i["severity"] for i in issues} >= {"major", "minor"}


def test_gitlab_fingerprint_survives_moved_lines(tmp_path):
    src = "from keras import layers\nlayers.Dropout(0.9)\nlayers.Dropout(0.9)\n"
    (tmp_path / "m.py").write_text(src)
    before = [i["fingerprint"] for i in json.loads(run_cli("--output-format", "gitlab", "m.py", cwd=tmp_path).stdout)]
    (tmp_path / "m.py").write_text("# a comment above\n" + src)
    after = [i["fingerprint"] for i in json.loads(run_cli("--output-format", "gitlab", "m.py", cwd=tmp_path).stdout)]
    assert before == after and len(set(before)) == 2


def _junit(args, cwd):
    r = run_cli("--no-cache", "--output-format", "junit", *args, cwd=cwd)
    assert r.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return r, ET.fromstring(r.stdout.encode("utf-8"))


def test_junit_report(fixtures_json):
    r, root = _junit(["--extend-select", "ALL", "."], FIXTURES)
    assert root.tag == "testsuites"
    assert int(root.get("tests")) == int(root.get("failures")) == len(fixtures_json) and root.get("errors") == "0"
    cases = []
    for suite in root:
        assert suite.tag == "testsuite"
        items = list(suite)
        assert {"name", "tests", "failures", "errors"} <= set(suite.attrib)
        assert int(suite.get("tests")) == int(suite.get("failures")) == len(items)
        for case in items:
            assert case.tag == "testcase" and case.get("name") and case.get("classname") == suite.get("name")
            (failure,) = list(case)
            assert failure.tag == "failure" and failure.get("message")
            cases.append(
                (case.get("classname"), int(case.get("line")), case.get("name").split()[0], failure.get("message"))
            )
    assert sorted(cases) == sorted(
        (f["filename"], f["location"]["row"], f["code"], f["message"]) for f in fixtures_json
    )


def test_junit_without_findings_and_with_control_characters(tmp_path):
    (tmp_path / "ok.py").write_text("x = 1\n")
    _, root = _junit(["ok.py"], tmp_path)
    (case,) = root.iter("testcase")
    assert not list(case) and root.get("failures") == "0"  # one passing case
    # a message quoting a control character still gives well-formed XML
    from dropout_lint.finding import Finding, Pos
    from dropout_lint.report import render

    f = Finding("DL000", "parse-error", "error", "cannot decode: \x1b[31m\x00", "a.py", Pos(1, 1), Pos(1, 1))
    root = ET.fromstring(render("junit", [f], {}).split("\n", 1)[1])
    assert "\\x1b[31m\\x00" in next(root.iter("failure")).get("message")


@pytest.mark.parametrize("fmt", ["json-lines", "junit", "gitlab", "pylint"])
def test_formats_from_the_config(tmp_path, fmt):
    (tmp_path / "pyproject.toml").write_text(f'[tool.dropout-lint]\noutput-format = "{fmt}"\n')
    (tmp_path / "m.py").write_text("from keras import layers\nlayers.Dropout(0.9)\n")
    r = run_cli("m.py", cwd=tmp_path)
    assert r.returncode == 1 and "DL202" in r.stdout and "Found 1 finding" not in r.stdout
