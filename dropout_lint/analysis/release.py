"""Letting reference counting free a file's analysis the moment the file is done.

The analysis holds the file's libcst tree from structures that refer to one another: a graph
node and the nodes in its ``inputs`` / ``outputs``, a function's ``FuncDef`` and the ``Env`` it
was defined in (which binds the function's ``FuncV``, which holds the ``FuncDef``), the
interpreter and its op-level half (``Flow.ops`` / ``OpFlow.flow``). Without help only the cyclic
garbage collector frees them, and it scans the whole tree to do it (hundreds of thousands of
objects per large file). ``release(facts)``, called once the rules have read the facts, cuts
those links, so the tree and the analysis go when the last reference to them does.
"""

from __future__ import annotations


def release(facts) -> None:
    """Cut the links that make ``facts`` (and what it holds) a reference cycle. The facts are
    not to be read afterwards."""
    flow = facts.flow
    facts.flow = None
    nodes = list(facts.nodes)
    for g in facts.graphs:
        nodes.extend(g.nodes)
    if flow is not None:
        for d in flow.funcdefs:  # every function's def-time run, with the nodes it made
            nodes.extend(d.nodes)
            d.env = None
        flow.funcdefs = []
        flow.nodes = []
        flow.ops = None
    seen: set[int] = set()
    while nodes:
        n = nodes.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        nodes.extend(n.inputs)
        nodes.extend(n.outputs)
        if n.sub is not None:
            nodes.extend(n.sub.nodes)
            nodes.extend(n.sub.outputs)
        n.inputs = []
        n.outputs = []
        n.sub = None
