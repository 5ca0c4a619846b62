from dropout_lint.rule import Invalid, Rule


class ParseError(Rule):
    """A file that cannot be read or parsed.

    ## What it does
    Reports a file that dropout-lint could not read or parse: a syntax error, an encoding that
    does not decode, binary content, or a broken notebook. The rest of the run goes on.

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
    requires = ()  # never causes a parse by itself: it reports on files other rules parse

    valid = [
        "from keras import layers\nx = layers.Dropout(0.5)\n",
        "import tensorflow as tf\n",
    ]
    invalid = [
        Invalid("from keras import layers\nx = layers.Dropout(0.5\n", line=2, options={"_select": ["DL000", "DL202"]}),
        Invalid("import keras\nmodel = keras.Sequential([keras.layers.Dropout(0.5)]]\n", line=2, options={"_select": ["DL000", "DL202"]}),
        Invalid("from keras.layers import Dropout\ndef f(:\n    return Dropout(0.2)\n", line=2, options={"_select": ["DL000", "DL202"]}),
    ]

    def check(self, ctx) -> None:
        """Parse errors are reported by the engine, before any rule runs."""
