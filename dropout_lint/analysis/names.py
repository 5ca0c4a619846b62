"""Name resolution: which Keras / TensorFlow object does an expression name?

Every dotted name is resolved through the file's imports and simple module-level aliases
(``Dense = tf.keras.layers.Dense``) and then put in a canonical form:

- anything under a Keras root (``keras``, ``keras.src``, ``tensorflow.keras``, ``tf_keras``,
  ``tensorflow.python.keras``, ``tensorflow.compat.v1.keras`` ...) becomes ``keras.<module>.<Name>``
  (``keras.layers.core.Dropout`` -> ``keras.layers.Dropout``);
- anything else under ``tensorflow`` becomes ``tf.<path>`` (``tensorflow.nn.dropout`` -> ``tf.nn.dropout``);
- in a file that does not import the name (a snippet), ``tf`` is TensorFlow, ``keras`` is Keras,
  ``layers`` is ``keras.layers`` and bare Keras class names (``Dropout``, ``Sequential``...) are Keras.

A name imported from anything else (``torch.nn.Dropout``) keeps its own path and is never Keras.
"""

from __future__ import annotations

import libcst as cst

KERAS_ROOTS = (
    "tensorflow.compat.v1.keras",
    "tensorflow.compat.v2.keras",
    "tensorflow.python.keras",
    "tensorflow.keras",
    "tf_keras",
    "keras",
)

# Names taken as Keras in a snippet that imports nothing of that name.
SNIPPET_HEADS = {
    "tf": "tensorflow",
    "keras": "keras",
    "layers": "keras.layers",
    "models": "keras.models",
    "K": "keras.backend",
    "backend": "keras.backend",
    "tfk": "keras",
    "tfkl": "keras.layers",
    "KL": "keras.layers",
}

# ``import_bindings``' mark for ``from helpers import *`` of a module that is not Keras / TF.
FOREIGN_STAR = "*foreign"

# Layer-ish class names that a snippet may use bare.
KERAS_BARE = {
    "Sequential": "keras.models.Sequential",
    "Model": "keras.models.Model",
    "Input": "keras.layers.Input",
}


_KERAS_MODULES = frozenset(
    {
        "layers",
        "models",
        "ops",
        "activations",
        "backend",
        "optimizers",
        "losses",
        "callbacks",
        "regularizers",
        "initializers",
        "random",
        "applications",
        "metrics",
    }
)


def _reexported(path: str) -> str | None:
    """Keras re-exported by another package: ``keras_tuner.backend.keras`` -> ``keras`` (also
    ``...tf_keras``), ``keras_tuner.backend.keras.layers`` -> ``keras.layers``. Below the
    ``keras`` component a Keras module name must follow (``...keras.layers``,
    ``...keras.models.Model``): a project's own ``keras`` package with other modules
    (``mypkg.keras.efficientdet_keras``) is left alone."""
    parts = path.split(".")
    if len(parts) < 2 or parts[0] in ("tensorflow", "tf", "keras", "tf_keras") or canonical(path) != path:
        return None
    if parts[-1] in ("keras", "tf_keras"):
        return parts[-1]
    if "keras" not in parts[1:-1]:
        return None
    i = parts.index("keras", 1)
    return ".".join(parts[i:]) if parts[i + 1] in _KERAS_MODULES else None


def dotted(expr: cst.BaseExpression) -> str | None:
    """``a.b.c`` for a Name/Attribute chain, else None."""
    parts: list[str] = []
    while isinstance(expr, cst.Attribute):
        parts.append(expr.attr.value)
        expr = expr.value
    if isinstance(expr, cst.Name):
        parts.append(expr.value)
        return ".".join(reversed(parts))
    return None


def canonical(qname: str) -> str:
    """Canonical form of a fully qualified name (see module docstring)."""
    for root in KERAS_ROOTS:
        if qname == root or qname.startswith(root + "."):
            rest = qname[len(root) :].lstrip(".").split(".") if qname != root else []
            rest = [p for p in rest if p and p != "src"]
            if not rest:
                return "keras"
            if len(rest) == 1:
                return "keras." + rest[0]
            return "keras." + rest[0] + "." + rest[-1]
    if qname == "tensorflow" or qname.startswith("tensorflow."):
        return "tf" + qname[len("tensorflow") :]
    return qname


class Names:
    """Import aliases of one module."""

    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}
        self.local: set[str] = set()  # names bound by def/class/assignment (not imports)
        # ``from helpers import *`` of a module that is not Keras / TensorFlow: any name nobody
        # imported may come from it, so no name is taken as Keras for its spelling alone
        self.foreign_star = False

    # -- collection ----------------------------------------------------------------------
    def add_import(self, node: cst.Import | cst.ImportFrom, into: dict[str, str] | None = None) -> None:
        """Bind the names ``node`` imports in ``into`` (a function's or class's own imports), or
        in the module's aliases. An import binds in the scope it is written in, as in Python:
        ``from torch.nn import Dropout`` inside one function does not change what ``Dropout``
        names in another."""
        bound = self.aliases if into is None else into
        for local, full in import_bindings(node):
            if local == FOREIGN_STAR:
                self.foreign_star = True
                continue
            if local == "*":
                if into is None:
                    bound.setdefault("*", full)
                continue
            bound[local] = full

    def add_alias_assignment(self, target: str, value: cst.BaseExpression) -> None:
        """``Dense = tf.keras.layers.Dense`` at module level makes ``Dense`` an alias."""
        d = dotted(value)
        if d is not None and "." in d:
            q = self.qualify_dotted(d)
            if q is not None and (q.startswith("keras") or q.startswith("tf")):
                self.aliases[target] = q
                return
        self.local.add(target)

    # -- resolution ----------------------------------------------------------------------
    def qualify_dotted(self, d: str, scope=None) -> str | None:
        """Canonical name of ``d`` as read in ``scope`` (default: the module): a name imported
        in an enclosing function (or in the class whose body reads it) is that import; else the
        module's imports and aliases decide."""
        head, _, rest = d.partition(".")
        local = _imported_in(scope, head)
        if local is not None:
            return canonical(local + ("." + rest if rest else ""))
        if head in self.aliases:
            full = self.aliases[head] + ("." + rest if rest else "")
            return canonical(full)
        if head in self.local:
            return None
        if self.foreign_star:
            return d  # ``K`` / ``Dropout`` may be the star-imported module's own
        if head in SNIPPET_HEADS:
            return canonical(SNIPPET_HEADS[head] + ("." + rest if rest else ""))
        if not rest:
            if head in KERAS_BARE:
                return canonical(KERAS_BARE[head])
            if head[:1].isupper():
                # A bare CamelCase name nobody imported: a snippet's Keras layer (or a star import).
                star = self.aliases.get("*")
                return canonical((star or "keras.layers") + "." + head)
        return d

    def qualify(self, expr: cst.BaseExpression, scope=None) -> str | None:
        d = dotted(expr)
        return self.qualify_dotted(d, scope) if d is not None else None


def _keras_or_tf(canon: str) -> bool:
    """``keras...`` / ``tf...`` as whole first parts (``tf_fast_api`` is a project module)."""
    head = canon.split(".", 1)[0]
    return head in ("keras", "tf")


def _imported_in(scope, head: str) -> str | None:
    """What ``head`` is imported as in ``scope`` or the functions around it (Python's lookup:
    a class body is seen only by code written directly in it), else None."""
    s = scope
    while s is not None and s.kind != "module":
        if (s is scope or s.kind != "class") and head in s.imports:
            return s.imports[head]
        s = s.parent
    return None


def import_bindings(node: cst.Import | cst.ImportFrom) -> list[tuple[str, str]]:
    """(local name, full dotted path) for each name an import statement binds; ``("*", module)``
    for a star import of Keras or TensorFlow."""
    out: list[tuple[str, str]] = []
    if isinstance(node, cst.Import):
        for alias in node.names:
            full = dotted(alias.name)
            if full is None:
                continue
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                out.append((alias.asname.name.value, full))
            else:
                head = full.split(".")[0]
                out.append((head, head))
        return out
    base: str | None
    if node.relative:
        base = "." * len(node.relative) + (dotted(node.module) or "" if node.module else "")
    else:
        base = dotted(node.module) if node.module is not None else None
    if base is None or isinstance(node.names, cst.ImportStar):
        if isinstance(node.names, cst.ImportStar) and base and _keras_or_tf(canonical(base)):
            out.append(("*", base))
        elif isinstance(node.names, cst.ImportStar) and base:
            out.append((FOREIGN_STAR, base))
        return out
    for alias in node.names:
        name = dotted(alias.name)
        if name is None:
            continue
        local = name
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
            local = alias.asname.name.value
        full = _reexported(f"{base}.{name}") if not base.startswith(".") else None
        out.append((local, full if full is not None else f"{base}.{name}"))
    return out


def layer_kind(canon: str | None) -> str | None:
    """The Keras class name (``Dropout``) of a canonical name under Keras, else None."""
    if not canon:
        return None
    if canon.startswith("keras.") or canon.startswith("tf.layers.") or canon.startswith("tf.compat.v1.layers."):
        last = canon.rsplit(".", 1)[-1]
        if last[:1].isupper():
            return last
    return None
