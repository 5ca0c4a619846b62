from dropout_lint.guard import LIMITS
from dropout_lint.rule import Invalid, Rule, example as _ex


class ParseError(Rule):
    """A file that cannot be read or parsed.

    ## What it does
    Reports a file that dropout-lint could not read or parse: a syntax error, an encoding that
    does not decode, binary content, or a broken notebook. The rest of the run goes on.

    Python's own compiler decides whether a file is valid: a file it refuses (including an
    `IndentationError`, or an expression chain too long for its parser) gets Python's message
    and position, the ones you see when you run the file.

    It also reports a file too large or too deep to analyse within the per-file budget, which
    keeps the memory and time of one file bounded (a generated 200,000-line file, or a 10,000
    long chain `1 if c else 1 if c else ...`, would otherwise cost gigabytes): more than
    `max-file-size` lines (default 100,000), `max-file-bytes` bytes (10,000,000),
    `max-syntax-nodes` nodes of Python's syntax tree (1,000,000), or expressions nested more
    than `max-expression-depth` deep (1,000). A real 60,000-line file is well inside them;
    raise a limit in `[tool.dropout-lint]` to analyse a file past it.

    ## Why is this bad?
    A file that does not parse is not checked at all, so every other rule is silent on it.

    ## Example
    ```python
    model = keras.Sequential([layers.Dense(10), layers.Dropout(0.5)
    ```

    ## Use instead
    Fix the syntax error; dropout-lint then checks the file.

    ## When it stays silent
    Never for a file that CPython and libcst both parse. Only files that pass some rule's
    prefilter are parsed, so a file that cannot contain a finding is not checked for syntax.

    ## Fix
    None.

    ## References
    - Python's grammar: https://docs.python.org/3/reference/grammar.html
    """

    code = "DL000"
    name = "parse-error"
    severity = "error"
    options = dict(LIMITS)
    requires = ()  # never causes a parse by itself: it reports on files other rules parse

    valid = [
        "from keras import layers\nx = layers.Dropout(0.5)\n",
        "import tensorflow as tf\n",
    ]
    invalid = [
        Invalid("from keras import layers\nx = layers.Dropout(0.5\n", line=2, options={"_select": ["DL000", "DL202"]}),
        Invalid(
            "import keras\nmodel = keras.Sequential([keras.layers.Dropout(0.5)]]\n",
            line=2,
            options={"_select": ["DL000", "DL202"]},
        ),
        Invalid(
            _ex("""
                from keras.layers import Dropout
                def f(:
                    return Dropout(0.2)
            """),
            line=2,
            options={"_select": ["DL000", "DL202"]},
        ),
        Invalid(
            _ex("""
                from keras import layers
                if True:
                        x = 1
                    y = layers.Dropout(0.2)
            """),
            line=4,
            contains="IndentationError",
            options={"_select": ["DL000", "DL202"]},
        ),
        Invalid(
            "from keras import layers\ny = layers.Dropout(0.2)(" + "a + " * 30 + "a)\n",
            line=2,
            contains="too deep to analyse",
            options={"_select": ["DL000", "DL202"], "max-expression-depth": 20},
        ),
    ]

    def check(self, ctx) -> None:
        """Parse errors are reported by the engine, before any rule runs."""
