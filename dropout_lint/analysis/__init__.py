"""Shared model-structure extraction: parse once, collect once, interpret once.

``analyze(module)`` returns the ``ModuleFacts`` every rule reads. This package imports libcst;
the CLI imports it only when a file needs parsing.
"""

from __future__ import annotations

import libcst as cst

from dropout_lint.analysis.collect import Collector
from dropout_lint.analysis.facts import ModuleFacts
from dropout_lint.analysis.flow import Flow
from dropout_lint.analysis.ops import dialect
from dropout_lint.analysis.positions import Positions
from dropout_lint.analysis.constants import Resolver
from dropout_lint.analysis.fastwalk import walk


def analyze(module: cst.Module, text: str | None = None, tree=None, found=None) -> ModuleFacts:
    """``text``: the source ``module`` was parsed from; with it, positions come from Python's
    fast parser (``analysis/positions.py``), else from libcst's ``PositionProvider``. ``tree``:
    Python's ``ast`` of ``text`` if the caller has it (the parse guard's); ``found``: its
    (calls, definitions) as the guard collected them."""
    positions = Positions(module, text or "", fast=text is not None, tree=tree, found=found)
    collector = Collector(positions)
    walk(module, collector)  # libcst's hooks and order, without rebuilding the tree
    collector.finish()
    flow = Flow(collector.calls, collector.names, collector.node_scope, collector.module_scope)
    flow.run(module)
    resolver = Resolver(collector.module_scope, collector.calls, positions)
    resolver.mutated |= collector.mutated
    resolver.classes = [sc for sc in collector.scopes if sc.kind == "class"]
    return ModuleFacts(
        module=module,
        names=collector.names,
        module_scope=collector.module_scope,
        scopes=collector.scopes,
        calls=collector.calls,
        nodes=flow.nodes,
        graphs=flow.graphs,
        resolver=resolver,
        positions=positions,
        dialect=dialect(collector.calls, collector.scopes),
        flow=flow,
    )
