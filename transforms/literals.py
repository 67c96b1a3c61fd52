"""Simple literals: reading the script's values and writing new ones."""

from __future__ import annotations

import json

import libcst as cst

from sm_migrate.transforms import catalog


def quote(text: str) -> str:
    """A double-quoted Python string literal (the style most scripts and formatters use), single-quoted where
    that saves escaping a double quote (`'params["lr"]'`)."""
    if '"' in text and "'" not in text:
        return repr(text)
    return json.dumps(text, ensure_ascii=False)


def literal_value(expr: cst.BaseExpression):
    """(value, type name) of a simple literal, else None."""
    if isinstance(expr, cst.Integer):
        return expr.evaluated_value, "int"
    if isinstance(expr, cst.Float):
        return expr.evaluated_value, "float"
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
        inner = literal_value(expr.expression)
        if inner and inner[1] in ("int", "float"):
            return -inner[0], inner[1]
    if isinstance(expr, cst.Name) and expr.value in ("True", "False"):
        return expr.value == "True", "bool"
    if isinstance(expr, cst.SimpleString) and "b" not in expr.prefix.lower():
        value = expr.evaluated_value
        if isinstance(value, str) and not catalog.looks_like_path(value):
            return value, "str"
    return None
