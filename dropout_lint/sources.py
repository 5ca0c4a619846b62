"""Reading a file into the text the parser sees.

A ``Unit`` is the Python text of a file plus, for a notebook, where each code cell starts in
that text (so findings map back to ``cell`` and the row within the cell). Decoding follows
PEP 263 (coding line, BOM, UTF-8 default). A file that cannot be read or decoded raises
``SourceError`` with a one-line reason, which the engine turns into a DL000 finding.
"""

from __future__ import annotations

import io
import tokenize
from dataclasses import dataclass, field


class SourceError(Exception):
    """A file that cannot be turned into Python text: the message is one line."""

    def __init__(self, message: str, row: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.row = row
        self.column = column


@dataclass
class Unit:
    text: str
    # For notebooks: (cell number 1-based, first row of the cell in ``text`` 1-based), in order.
    cells: list[tuple[int, int]] = field(default_factory=list)
    encoding: str = "utf-8"
    bom: bool = False
    # Problems found while reading that do not stop the rest of the file from being linted (a
    # notebook cell that does not parse): rows are rows of ``text``; reported as DL000.
    errors: list[SourceError] = field(default_factory=list)
    # Notebook cells whose lines were dedented before parsing (IPython strips a first line's
    # indentation from the whole cell): cell number -> columns to add back.
    shifts: dict[int, int] = field(default_factory=dict)
    # For notebooks: the text the code cells printed (stream and plain-text outputs, capped): what
    # the code did when it last ran, e.g. a TensorFlow deprecation warning. Never linted.
    output_text: str = ""

    def locate(self, row: int) -> tuple[int | None, int]:
        """Map a row of ``text`` to (cell, row within the cell)."""
        if not self.cells:
            return None, row
        cell, first = self.cells[0]
        for c, start in self.cells:
            if start <= row:
                cell, first = c, start
            else:
                break
        return cell, row - first + 1


def decode_python(data: bytes) -> tuple[str, str, bool]:
    """Decode Python source bytes as the interpreter would: (text, encoding, had_bom)."""
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        row = data[: data.index(b"\x00")].count(b"\n") + 1
        raise SourceError("file contains NUL bytes: not Python source", row=row)
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        raise SourceError(f"cannot decode: {exc.msg if hasattr(exc, 'msg') else exc}") from None
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig" if encoding == "utf-8-sig" else encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        row = data[: getattr(exc, "start", 0)].count(b"\n") + 1
        reason = getattr(exc, "reason", str(exc))
        raise SourceError(f"cannot decode as {encoding}: {reason}", row=row) from None
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    if "\x00" in text:
        raise SourceError("file contains NUL bytes: not Python source")
    return text, encoding, bom


def read_unit(path: str, data: bytes) -> Unit:
    """Turn a file's bytes into a ``Unit``; notebooks through ``dropout_lint.notebook``."""
    if path.endswith(".ipynb"):
        from dropout_lint.notebook import notebook_unit

        return notebook_unit(data)
    text, encoding, bom = decode_python(data)
    return Unit(text=text, encoding=encoding, bom=bom)
