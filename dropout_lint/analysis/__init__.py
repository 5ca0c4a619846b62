"""Shared model-structure extraction: parse once, collect once, interpret once.

``analyze(module)`` returns the ``ModuleFacts`` every rule reads. This package imports libcst;
the CLI imports it only when a file needs parsing.
"""

from __future__ import annotations

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from dropout_lint.analysis.collect import Collector
from dropout_lint.analysis.facts import ModuleFacts
from dropout_lint.analysis.flow import Flow
from dropout_lint.analysis.ops import dialect
from dropout_lint.analysis.values import Resolver


def analyze(module: cst.Module) -> ModuleFacts:
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    positions = wrapper.resolve(PositionProvider)
    collector = Collector(positions)
    wrapper.module.visit(collector)
    collector.finish()
    flow = Flow(collector.calls, collector.names, collector.node_scope, collector.module_scope)
    flow.run(wrapper.module)
    resolver = Resolver(collector.module_scope, collector.calls, positions)
    return ModuleFacts(
        module=wrapper.module,
        names=collector.names,
        module_scope=collector.module_scope,
        scopes=collector.scopes,
        calls=collector.calls,
        nodes=flow.nodes,
        graphs=flow.graphs,
        resolver=resolver,
        positions=positions,
        dialect=dialect(collector.calls, collector.scopes),
    )
