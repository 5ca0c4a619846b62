"""Fuzzing (issue 8): generated Keras programs, checked against an independent oracle.

The generator draws a *stack description* (layers with rates), renders it in a random import
style (tf.keras, keras, aliases, from-imports, snippets) and a random model style (Sequential
list, ``.add`` chain, functional), with rates as literals, keywords or module constants. The
oracle computes the expected findings from the description alone -- it never looks at our
analysis. Mutated programs (deleted tokens, swapped/duplicated lines) must never make the linter
raise, print an internal error or crash, and ``--fix`` applied to any of them must leave a file
that parses and that a second fix leaves unchanged. hypothesmith programs must never raise.

CI runs a few hundred examples;
``DROPOUT_LINT_FUZZ_EXAMPLES=10000 pytest tests/test_fuzz.py --timeout=0`` runs 10,000 per test
(docs/internals.md, "Fuzzing").
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dropout_lint.config import Config, effective
from dropout_lint.engine import lint_bytes, lint_unit
from dropout_lint.fixer import fix_text
from dropout_lint.rule import all_rules
from dropout_lint.sources import Unit

N = int(os.environ.get("DROPOUT_LINT_FUZZ_EXAMPLES", "0") or 0)
FUZZ = settings(
    max_examples=N or 150,
    deadline=None,
    derandomize=not N,  # CI: a fixed, reproducible sample; the long run explores
    suppress_health_check=list(HealthCheck),
    database=None,
)
ORACLE_CODES = {"DL101", "DL102", "DL103", "DL201", "DL202", "DL203"}
ALL = effective(Config(root=Path(".")), select=sorted(all_rules()))
DEFAULT = effective(Config(root=Path(".")))
MAX_RATE = 0.8


# ----------------------------------------------------------------------------- the stack
@dataclass(frozen=True)
class Layer:
    kind: str  # Dense | Dropout | BatchNormalization | Activation
    rate: float | None = None
    rate_style: str = "pos"  # pos | kw | const


RATES = st.one_of(
    st.sampled_from([0.0, 0.1, 0.2, 0.25, 0.5, 0.8, 0.81, 0.9, 0.93, 0.99, 1.0, 1.5, -0.1]),
    st.floats(min_value=0.0, max_value=0.99).map(lambda r: round(r, 2)),
)
LAYER = st.one_of(
    st.builds(Layer, st.just("Dense")),
    st.builds(Layer, st.just("BatchNormalization")),
    st.builds(Layer, st.just("Activation")),
    st.builds(Layer, st.just("Dropout"), RATES, st.sampled_from(["pos", "kw", "const"])),
)
# the first layer is a Dense: the model has a real layer before any dropout
STACK = st.lists(LAYER, min_size=1, max_size=8).map(lambda ls: [Layer("Dense")] + ls)


def oracle(stack: list[Layer]) -> set[tuple[str, int]]:
    """Expected (code, layer index), from the spec's wording, for the unmutated program."""
    out: set[tuple[str, int]] = set()
    for i, layer in enumerate(stack):
        if layer.kind != "Dropout":
            continue
        r = layer.rate
        if r < 0 or r >= 1:
            out.add(("DL201", i))
        elif r > MAX_RATE:
            out.add(("DL202", i))
        elif r == 0 and layer.rate_style != "const":
            out.add(("DL203", i))  # a 0 through a named constant is a setting, not a leftover
        before = next((stack[j] for j in range(i - 1, -1, -1) if stack[j].kind != "Dropout"), None)
        if all(later.kind == "Activation" for later in stack[i + 1 :]) and r != 0 and before.kind == "Dense":
            # the last layer, or only activations follow it (logits dropout), after the output
            # layer (a linear Dense; a relu / BN before it gives features, not predictions); at
            # rate 0 it zeroes nothing (DL203 reports it)
            out.add(("DL101", i))
        if i > 0 and stack[i - 1].kind == "Dropout" and 0 < r < 1 and 0 < stack[i - 1].rate < 1:
            out.add(("DL103", i))  # zero / invalid rates are DL203 / DL201, not a compound rate
        j = i + 1
        while j < len(stack) and stack[j].kind == "Activation":
            j += 1
        if j < len(stack) and stack[j].kind == "BatchNormalization" and r != 0:
            out.add(("DL102", i))  # a rate-0 Dropout changes nothing (DL203 reports it)
    return out


# ----------------------------------------------------------------------------- rendering
# import style -> (header, layer prefix or "" for bare names, Sequential, Model, Input)
STYLES = {
    "tf.keras": (
        "import tensorflow as tf\n",
        "tf.keras.layers.",
        "tf.keras.Sequential",
        "tf.keras.Model",
        "tf.keras.Input",
    ),
    "from-tf-keras": (
        "from tensorflow import keras\n",
        "keras.layers.",
        "keras.Sequential",
        "keras.Model",
        "keras.Input",
    ),
    "keras": ("import keras\n", "keras.layers.", "keras.Sequential", "keras.Model", "keras.Input"),
    "layers-alias": (
        "from tensorflow.keras import layers as L\nfrom tensorflow.keras.models import Sequential, Model\nfrom tensorflow.keras import Input\n",
        "L.",
        "Sequential",
        "Model",
        "Input",
    ),
    "keras-alias": ("import keras as K\n", "K.layers.", "K.Sequential", "K.Model", "K.Input"),
    "from-imports": (
        "from keras.layers import Dense, Dropout, BatchNormalization, Activation, Input\nfrom keras.models import Sequential, Model\n",
        "",
        "Sequential",
        "Model",
        "Input",
    ),
    "snippet": ("", "", "Sequential", None, None),
}


def layer_src(layer: Layer, prefix: str, consts: list[str], i: int) -> str:
    if layer.kind == "Dense":
        return f"{prefix}Dense({8 + i})"
    if layer.kind == "BatchNormalization":
        return f"{prefix}BatchNormalization()"
    if layer.kind == "Activation":
        return f'{prefix}Activation("relu")'
    rate = repr(layer.rate)
    if layer.rate_style == "const":
        consts.append(f"RATE_{i} = {rate}\n")
        rate = f"RATE_{i}"
    return f"{prefix}Dropout(rate={rate})" if layer.rate_style == "kw" else f"{prefix}Dropout({rate})"


def render(stack: list[Layer], style: str, model: str, wrap: bool) -> tuple[str, list[int]]:
    """Source text and the 1-based row of each layer's constructor."""
    header, prefix, seq, mdl, inp = STYLES[style]
    if style == "snippet":
        stack = [l for l in stack if l.kind != "Activation"]  # only Dropout/BN/Sequential are implied
    if mdl is None and model == "functional":
        model = "list"
    consts: list[str] = []
    parts = [layer_src(l, prefix, consts, i) for i, l in enumerate(stack)]
    ind = "    " if wrap else ""
    body: list[str] = []
    rows: list[int] = []
    if model == "list":
        body.append(f"{ind}model = {seq}([")
        for p in parts:
            rows.append(len(body))
            body.append(f"{ind}    {p},")
        body.append(f"{ind}])")
    elif model == "add":
        body.append(f"{ind}model = {seq}()")
        for p in parts:
            rows.append(len(body))
            body.append(f"{ind}model.add({p})")
    else:
        body.append(f"{ind}inputs = {inp}(shape=(16,))")
        body.append(f"{ind}x = inputs")
        for p in parts:
            rows.append(len(body))
            body.append(f"{ind}x = {p}(x)")
        body.append(f"{ind}model = {mdl}(inputs, x)")
    if wrap:
        body = ["def build_model():"] + body + [f"{ind}return model", "", "model = build_model()"]
        rows = [r + 1 for r in rows]
    head = header + "".join(consts) + "\n"
    first = head.count("\n") + 1
    return head + "\n".join(body) + "\n", [first + r for r in rows], stack


PROGRAM = st.tuples(
    STACK, st.sampled_from(sorted(STYLES)), st.sampled_from(["list", "add", "functional"]), st.booleans()
)


def lint(text: str, eff=ALL, name: str = "fuzz.py"):
    return lint_bytes(text.encode("utf-8"), name, eff.for_file(Path(name)))


def no_internal_error(capsys):
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err, err


# ----------------------------------------------------------------------------- the tests
@FUZZ
@given(PROGRAM)
def test_generated_programs_match_the_oracle(capsys, program):
    stack, style, model, wrap = program
    text, rows, stack = render(stack, style, model, wrap)
    ast.parse(text)
    expected = {(code, rows[i]) for code, i in oracle(stack)}
    got = {(f.code, f.start.row) for f in lint(text) if f.code in ORACLE_CODES}
    assert got == expected, f"\n{text}\nexpected {sorted(expected)}\ngot      {sorted(got)}"
    no_internal_error(capsys)


_TOKEN = re.compile(r"\w+|\s+|.", re.S)


@st.composite
def mutated(draw):
    stack, style, model, wrap = draw(PROGRAM)
    text = render(stack, style, model, wrap)[0]
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["delete-token", "swap-lines", "duplicate-line", "insert", "truncate"]))
        if how == "delete-token":
            toks = _TOKEN.findall(text)
            if toks:
                i = draw(st.integers(0, len(toks) - 1))
                text = "".join(toks[:i] + toks[i + 1 :])
        elif how in ("swap-lines", "duplicate-line"):
            lines = text.split("\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if how == "swap-lines":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                lines.insert(j, lines[i])
            text = "\n".join(lines)
        elif how == "insert":
            i = draw(st.integers(0, len(text)))
            junk = draw(
                st.sampled_from(
                    [
                        "(",
                        ")",
                        "[",
                        "]",
                        ":",
                        ",",
                        "\t",
                        "\r",
                        "\x0c",
                        "\\",
                        '"',
                        "'''",
                        "#",
                        " = ",
                        "\n    ",
                        "é",
                        "\x00",
                        "\ufeff",
                        "lambda",
                        "*",
                    ]
                )
            )
            text = text[:i] + junk + text[i:]
        else:
            text = text[: draw(st.integers(0, len(text)))]
    return text


def _check_fix(text: str) -> None:
    """--fix never produces an unparseable file, and a second pass changes nothing."""
    eff = DEFAULT

    def lint_text(t: str):
        return lint(t, eff)

    once, _, _ = fix_text(text, lint_text, "fuzz.py")
    if once != text:
        ast.parse(once)
    twice, n, _ = fix_text(once, lint_text, "fuzz.py")
    assert twice == once, f"second fix changed the file ({n} fixes):\n{once}"


@FUZZ
@given(mutated())
def test_mutated_programs_never_raise(capsys, text):
    for f in lint(text):
        assert f.start.row >= 1 and f.start.column >= 1
    no_internal_error(capsys)
    try:
        ast.parse(text)
    except (SyntaxError, ValueError):
        return  # fixes are only applied to files that parse
    _check_fix(text)
    no_internal_error(capsys)


@FUZZ
@given(PROGRAM)
def test_fix_of_generated_programs(capsys, program):
    stack, style, model, wrap = program
    text = render(stack, style, model, wrap)[0]
    _check_fix(text)
    no_internal_error(capsys)


hypothesmith = pytest.importorskip("hypothesmith")


@settings(
    max_examples=max(N // 4, 40) if N else 40,
    deadline=None,
    derandomize=not N,
    suppress_health_check=list(HealthCheck),
    database=None,
)
@given(hypothesmith.from_node() | hypothesmith.from_grammar())
def test_hypothesmith_programs_never_raise(capsys, text):
    unit = Unit(text=text)  # straight to the parser: the prefilter would skip these
    settings_ = ALL.for_file(Path("h.py"))
    lint_unit(unit, "h.py", settings_)
    lint_bytes(
        ("from keras import layers\nlayers.Dropout(0.5)\n" + text).encode("utf-8", "surrogatepass"), "h.py", settings_
    )
    no_internal_error(capsys)
