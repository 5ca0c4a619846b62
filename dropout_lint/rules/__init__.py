"""The rules: one module per rule, each holding one ``Rule`` subclass with its examples.

Modules whose name starts with ``_`` hold helpers shared by several rules and are not rules.
"""
