"""Jupyter notebooks: cells joined as one module, IPython syntax blanked, findings per cell."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES
from dropout_lint.engine import FileSettings, lint_bytes
from dropout_lint.finding import Edit, Finding, Fix, Pos
from dropout_lint.fixes import apply_edits
from dropout_lint.notebook import blank_ipython, notebook_unit
from dropout_lint.rule import all_rules
from dropout_lint.sources import SourceError, Unit

DEFAULT = FileSettings(frozenset(c for c, r in all_rules().items() if r.default))


def code(src, outputs=None):
    return {
        "cell_type": "code",
        "metadata": {},
        "execution_count": None,
        "outputs": outputs or [],
        "source": src.splitlines(keepends=True),
    }


def md(src):
    return {"cell_type": "markdown", "metadata": {}, "source": src.splitlines(keepends=True)}


def nb_bytes(*cells, metadata=None) -> bytes:
    nb = {
        "cells": list(cells),
        "metadata": metadata or {"language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(nb, indent=1).encode()


def lint_nb(*cells, metadata=None, settings=DEFAULT):
    return lint_bytes(nb_bytes(*cells, metadata=metadata), "nb.ipynb", settings)


IMPORTS = "from keras import layers, Sequential\n"
LAST_DROPOUT = "m = Sequential([layers.Dense(4), layers.Dropout(0.5)])\n"


def where(findings):
    return [(f.code, f.cell, f.start.row, f.start.column) for f in findings]


# -- the fixture through the real command -------------------------------------------------------


def test_fixture_text_output_names_cells(cli):
    r = cli(str(FIXTURES / "notebook_demo.ipynb"), cwd=FIXTURES)
    assert r.returncode == 1, r.stderr
    lines = r.stdout.splitlines()
    # cell 5 is the fifth cell of the file (markdown counted); its Dropout is on its row 7
    assert lines[0].startswith("notebook_demo.ipynb:cell 5:7:5: DL101 ")
    assert lines[1].startswith("notebook_demo.ipynb:cell 8:5:43: DL202 ")
    assert lines[2] == "Found 2 findings."
    assert "Traceback" not in r.stderr


def test_fixture_json_has_cell_and_cell_rows(cli):
    r = cli("--output-format", "json", "notebook_demo.ipynb", cwd=FIXTURES)
    data = json.loads(r.stdout)
    first = data[0]
    assert first["cell"] == 5 and first["location"] == {"row": 7, "column": 5}
    assert first["noqa_row"] == 7
    # the fix is in the cell's rows: applied to that cell's source it removes the Dropout line
    nb = json.loads((FIXTURES / "notebook_demo.ipynb").read_text())
    cell_src = "".join(nb["cells"][4]["source"])
    edits = [Edit(e["content"], Pos(**e["location"]), Pos(**e["end_location"])) for e in first["fix"]["edits"]]
    fixed = apply_edits(cell_src, edits)
    assert "Dropout(0.5)" not in fixed and "Dropout(HIDDEN_RATE)" in fixed
    assert fixed.splitlines()[-2] == "])"


def test_discovery_finds_notebooks(cli, tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.ipynb").write_bytes(nb_bytes(code(IMPORTS + LAST_DROPOUT)))
    (tmp_path / "pkg" / ".ipynb_checkpoints").mkdir()
    (tmp_path / "pkg" / ".ipynb_checkpoints" / "a-checkpoint.ipynb").write_bytes(nb_bytes(code(IMPORTS + LAST_DROPOUT)))
    r = cli(".", cwd=tmp_path)
    assert r.stdout.splitlines()[0].startswith("pkg/a.ipynb:cell 1:2:")
    assert "checkpoint" not in r.stdout


# -- cells ------------------------------------------------------------------------------------


def test_markdown_and_empty_cells_count_in_the_numbering():
    fs = lint_nb(md("# title\n"), code(IMPORTS), code(""), md("text"), code("x = 1\n" + LAST_DROPOUT))
    assert where(fs) == [("DL101", 5, 2, 34)]


def test_names_flow_between_cells():
    fs = lint_nb(
        code(IMPORTS + "RATE = 0.95\n"),
        md("## model"),
        code("m = Sequential([layers.Dense(4), layers.Dropout(RATE), layers.Dense(1)])\n"),
    )
    assert where(fs) == [("DL202", 3, 1, 34)]


def test_outputs_and_markdown_are_not_linted():
    out = [{"output_type": "stream", "name": "stdout", "text": ["layers.Dropout(0.99)\n"]}]
    fs = lint_nb(md("`layers.Dropout(0.99)` is bad"), code(IMPORTS, outputs=out))
    assert fs == []


def test_printed_deprecation_warning_shows_the_tensorflow_version():
    # keep_prob= in TF1 code is right up to TF 1.12: DL204 needs the version; a notebook that ran
    # on 1.13+ printed TensorFlow's deprecation warning, which the saved output still holds.
    src = "import tensorflow as tf\nx = tf.placeholder(tf.float32)\nh = tf.nn.dropout(x, keep_prob=0.8)\n"
    warn = [
        {
            "output_type": "stream",
            "name": "stderr",
            "text": ["WARNING: calling dropout (from tensorflow.python.ops.nn_ops) with keep_prob is deprecated\n"],
        }
    ]
    other = [{"output_type": "execute_result", "data": {"text/plain": ["<tf.Tensor 'x'>"]}, "metadata": {}}]
    assert [f.code for f in lint_nb(code(src, outputs=other))] == []
    found = lint_nb(code(src, outputs=warn))
    assert [f.code for f in found] == ["DL204"] and "deprecation warning" in found[0].message
    assert notebook_unit(nb_bytes(code(src, outputs=warn))).output_text.startswith("WARNING: calling dropout")


def test_source_as_one_string_is_read():
    cell = code("")
    cell["source"] = IMPORTS + LAST_DROPOUT  # nbformat allows a string as well as a list
    assert where(lint_nb(cell)) == [("DL101", 1, 2, 34)]


def test_noqa_inside_a_cell():
    fs = lint_nb(code(IMPORTS), code("m = Sequential([layers.Dense(4), layers.Dropout(0.95)])  # noqa: DL101\n"))
    assert [f.code for f in fs] == ["DL202"]
    assert fs[0].cell == 2 and fs[0].noqa_row == 1
    fs = lint_nb(
        code("# dropout-lint: noqa\n" + IMPORTS), code("m = Sequential([layers.Dense(4), layers.Dropout(0.95)])\n")
    )
    assert fs == []


def test_syntax_error_cell_is_dl000_and_other_cells_are_still_linted():
    fs = lint_nb(code(IMPORTS), md("x"), code("def f(:\n    pass\n"), code(LAST_DROPOUT))
    assert where(fs) == [("DL000", 3, 1, 7), ("DL101", 4, 1, 34)]
    assert "SyntaxError" in fs[0].message


def test_syntax_error_cell_not_reported_when_dl000_is_off():
    settings = FileSettings(frozenset({"DL101"}))
    fs = lint_nb(code(IMPORTS), code("x = (\n"), code(LAST_DROPOUT), settings=settings)
    assert where(fs) == [("DL101", 3, 1, 34)]


def test_top_level_await_is_valid_in_a_cell():
    fs = lint_nb(code("import asyncio\nawait asyncio.sleep(0)\n" + IMPORTS + LAST_DROPOUT))
    assert where(fs) == [("DL101", 1, 4, 34)]


def test_non_python_notebook_gives_no_finding():
    meta = {"kernelspec": {"language": "R", "name": "ir"}, "language_info": {"name": "R"}}
    assert lint_nb(code(IMPORTS + LAST_DROPOUT), metadata=meta) == []


def test_nbformat_3_worksheets():
    nb = {
        "nbformat": 3,
        "metadata": {},
        "worksheets": [
            {
                "cells": [
                    {"cell_type": "markdown", "source": ["hi"]},
                    {"cell_type": "code", "language": "python", "input": [IMPORTS, LAST_DROPOUT], "outputs": []},
                ]
            }
        ],
    }
    fs = lint_bytes(json.dumps(nb).encode(), "old.ipynb", DEFAULT)
    assert where(fs) == [("DL101", 2, 2, 34)]


# -- IPython syntax ---------------------------------------------------------------------------


def test_magics_shell_escapes_and_help_are_blanked_and_never_reported():
    src = (
        "%matplotlib inline\n"
        "!pip install keras\n"
        "!!ls Dropout(0.99)\n"
        "files = !ls\n"
        "a, b = %sx echo 1\n"
        "t = %time layers.Dropout(0.99)\n"
        "layers.Dropout?\n"
        "??layers.Dropout\n"
        "%pip install \\\n"
        "    Dropout(0.99)\n" + IMPORTS + LAST_DROPOUT
    )
    fs = lint_nb(code(src))
    assert where(fs) == [("DL101", 1, 12, 34)]


def test_blanking_keeps_rows_and_blocks():
    lines = [
        "for f in files:",
        "    !echo $f",
        "if x != y:",
        "    y = x",
        's = """',
        "%d items",
        '!not a shell escape"""',
        "z = (1,",
        "     !2)",
        "w = 3  # why?",
    ]
    out = blank_ipython(lines)
    assert len(out) == len(lines)
    assert out[1] == "    pass"
    assert out[2:] == lines[2:]  # inside strings and brackets, `%`/`!` are Python's business


def test_cell_magic_with_foreign_body_blanks_the_cell():
    fs = lint_nb(
        code(IMPORTS),
        code("%%bash\necho layers.Dropout(0.99)\nm = Sequential([layers.Dense(4), layers.Dropout(0.5)])\n"),
    )
    assert fs == []


def test_python_cell_magic_body_is_linted():
    fs = lint_nb(code(IMPORTS), code("%%timeit -n 1\n" + LAST_DROPOUT))
    assert where(fs) == [("DL101", 2, 2, 34)]


# -- broken notebooks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n",
        b"{not json Dropout",
        b'["Dropout"]',
        b'{"metadata": {}, "nbformat": 4, "text": "Dropout"}',
        b'{"cells": ["Dropout"], "nbformat": 4}',
        b'{"cells": [{"cell_type": "code", "source": [1, 2], "x": "Dropout"}], "nbformat": 4}',
        b'{"cells": [{"cell_type": "code", "source": {"a": 1}, "x": "Dropout"}], "nbformat": 4}',
        b"\xff\xfe Dropout \x00",
        b'{"cells": [{"cell_type": "code", "source": "x = 1\\u0000 Dropout"}]}',
    ],
)
def test_broken_notebook_is_dl000_or_nothing_never_a_crash(data):
    fs = lint_bytes(data, "bad.ipynb", DEFAULT)
    assert all(f.code == "DL000" for f in fs)
    if b"Dropout" in data:
        assert len(fs) == 1 and "notebook" in fs[0].message and "\n" not in fs[0].message


def test_notebook_with_no_cells_has_no_finding():
    assert lint_bytes(b'{"cells": [], "metadata": {}, "nbformat": 4} Dropout'[:-8], "e.ipynb", DEFAULT) == []
    assert notebook_unit(b'{"cells": [], "metadata": {}, "nbformat": 4}').text == ""


def test_invalid_json_points_at_the_json_row():
    with pytest.raises(SourceError) as e:
        notebook_unit(b'{\n "cells": [\n  Dropout\n ]\n}')
    assert e.value.row == 3 and "invalid JSON" in str(e.value)


def test_broken_notebooks_through_the_cli(cli, tmp_path):
    (tmp_path / "empty.ipynb").write_bytes(b"")
    (tmp_path / "broken.ipynb").write_bytes(b'{"cells": [{"cell_type": "code", "source": "layers.Dropout(0.5)"')
    (tmp_path / "list.ipynb").write_bytes(b'[{"cell_type": "code", "source": "layers.Dropout(0.5)"}]')
    (tmp_path / "good.ipynb").write_bytes(nb_bytes(code(IMPORTS + LAST_DROPOUT)))
    r = cli(".", cwd=tmp_path)
    assert "Traceback" not in r.stderr
    lines = sorted(line for line in r.stdout.splitlines() if ": DL" in line)
    assert len(lines) == 3
    assert lines[0].startswith("broken.ipynb:1:") and "DL000 not a valid notebook: invalid JSON" in lines[0]
    assert lines[1].startswith("good.ipynb:cell 1:2:34: DL101")
    assert lines[2].startswith("list.ipynb:1:1: DL000 not a valid notebook")


# -- mapping rows back to cells ---------------------------------------------------------------


def _finding(row, end_row, edits):
    return Finding(
        "DL101",
        "dropout-after-output",
        "error",
        "m",
        "nb.ipynb",
        Pos(row, 5),
        Pos(end_row, 9),
        fix=Fix("Remove", edits),
    )


def test_map_cell_moves_edits_into_cell_rows():
    from dropout_lint.engine import _map_cell

    unit = Unit(text="a\nb\nc\nd\ne\n", cells=[(2, 1), (4, 3)])  # cell 2 = rows 1-2, cell 4 = rows 3-5
    f = _finding(4, 4, [Edit("", Pos(4, 1), Pos(5, 1))])
    f.noqa_row = 4
    _map_cell(unit, f)
    assert (f.cell, f.start, f.end, f.noqa_row) == (4, Pos(2, 5), Pos(2, 9), 2)
    assert (f.fix.edits[0].start, f.fix.edits[0].end) == (Pos(2, 1), Pos(3, 1))
    # an edit ending at column 1 just past a cell's last row is the end of that cell
    f = _finding(2, 2, [Edit("", Pos(2, 1), Pos(3, 1))])
    _map_cell(unit, f)
    assert f.cell == 2 and f.fix is not None and f.fix.edits[0].end == Pos(3, 1)


def test_map_cell_drops_a_fix_reaching_into_another_cell():
    from dropout_lint.engine import _map_cell

    unit = Unit(text="a\nb\nc\nd\ne\n", cells=[(2, 1), (4, 3)])
    f = _finding(2, 2, [Edit("", Pos(2, 1), Pos(2, 3)), Edit("x", Pos(4, 1), Pos(4, 1))])
    _map_cell(unit, f)
    assert f.cell == 2 and f.fix is None


# -- never a crash, rows always kept --------------------------------------------------------------

from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402

_PIECES = st.sampled_from(
    [
        "%time x",
        "%%bash",
        "%%time",
        "!ls",
        "x = !ls",
        "obj?",
        "??obj",
        "'''",
        '"',
        "(",
        ")",
        "\\",
        "#",
        "  ",
        "if x:",
        "    y",
        "layers.Dropout(0.9)",
        "",
        "\t",
        "€",
        "a, b = %sx",
        "x != y",
        "f'{x}'",
        "?",
    ]
)


@hsettings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=4).map(" ".join), max_size=8))
def test_blank_ipython_keeps_every_row(lines):
    out = blank_ipython(lines)
    assert len(out) == len(lines)


@hsettings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.none(), st.lists(_PIECES, max_size=6).map("\n".join)), max_size=5))
def test_any_cells_lint_without_crashing(sources):
    cells = [md("x") if s is None else dict(code(""), source=s) for s in sources]
    for f in lint_nb(*cells):
        assert f.cell is not None and 1 <= f.cell <= len(cells) and f.start.row >= 1


def test_indented_cell_is_dedented_like_ipython_and_columns_stay_the_cells():
    # IPython strips the first line's indentation from the whole cell; findings keep the
    # cell's own columns, and no fix is offered (its edits would be in dedented columns).
    fs = lint_nb(code(IMPORTS), code("  x = 1\n  m = Sequential([layers.Dense(4), layers.Dropout(0.5)])\n"))
    assert where(fs) == [("DL101", 2, 2, 36)]
    assert fs[0].fix is None


def test_automagic_lines_are_blanked_only_where_python_fails():
    fs = lint_nb(
        code("ls ./data/train/\npip install -q keras\ncd ..\n" + IMPORTS),
        code("time = 3\nrun = time + 1\n" + LAST_DROPOUT),
    )
    assert where(fs) == [("DL101", 2, 3, 34)]
    # a genuine syntax error on a line starting with such a word is still reported
    fs = lint_nb(code("ls = [1,\n"), code(IMPORTS + LAST_DROPOUT))
    assert [f.code for f in fs] == ["DL000", "DL101"]


def test_messages_name_other_code_by_cell_and_row():
    found = lint_nb(
        code("from keras import layers, Sequential\nimport keras\n"),
        md("# the model"),
        code("def build(rate):\n    return Sequential([layers.Dense(4), layers.Dropout(rate), layers.Dense(1)])\n"),
        code("m = build(0.95)\n"),
        code("i = keras.Input((3,))\nh = layers.Dropout(0.2)(i)\nh = layers.BatchNormalization()(h)\n"),
    )
    msgs = {f.code: (f.cell, f.message) for f in found}
    # the call site is in another cell: cell and row there, not the row of the joined text
    assert msgs["DL202"][0] == 3 and "build(0.95) at cell 4, line 1 " in msgs["DL202"][1], msgs
    # the BatchNormalization is in the same cell: its row within the cell
    assert msgs["DL102"][0] == 5 and "(line 3)" in msgs["DL102"][1], msgs


def test_cell_magic_with_a_python_body_is_linted():
    found = lint_nb(
        code(
            "%%writefile train_task.py\nfrom keras import layers, Sequential\nm = Sequential([layers.Dense(4), layers.Dropout(0.95), layers.Dense(1)])\n"
        ),
        code(
            "%%backend tensorflow\nfrom keras import layers, Sequential\nm2 = Sequential([layers.Dense(4), layers.Dropout(0.5)])\n"
        ),
        code("%%bash\npip install keras\nls -la\n"),
        code("%%sql\nSELECT Dropout(0.99) FROM t\n"),
        code("%%html\n<p>Dropout(0.99)</p>\n"),
    )
    assert where(found) == [("DL202", 1, 3, 34), ("DL101", 2, 3, 35)]


def test_notebook_cells_are_compiled_one_by_one(tmp_path):
    """Jupyter compiles each cell on its own: a file-wide verdict (a ``from __future__`` import
    after other code of the joined text) must not refuse the notebook, and a Python 2 cell is
    one DL000 while the other cells are still linted."""
    import json
    import subprocess
    import sys

    def cell(src):
        return {"cell_type": "code", "source": src, "metadata": {}, "outputs": [], "execution_count": None}

    nb = {
        "cells": [
            cell("import os\n"),
            cell("from __future__ import division\nx = 1\n"),
            cell("print 'hello'\n"),
            cell("from keras import layers\nd = layers.Dropout(0.95)\n"),
        ],
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / "nb.ipynb").write_text(json.dumps(nb))
    r = subprocess.run(
        [sys.executable, "-m", "dropout_lint", "--no-cache", "--output-format", "json", "nb.ipynb"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    got = sorted((f["code"], f["cell"]) for f in json.loads(r.stdout))
    assert got == [("DL000", 3), ("DL202", 4)], r.stdout + r.stderr
