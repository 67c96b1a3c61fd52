"""Every rule's examples (Fixit style), exactly: the whole migrated script and its diagnostic codes, a fixed point
when migrated again, and code that compiles. Plus the library's shape: the engine runs a registry of rules and
`transforms/` never imports the application."""

from __future__ import annotations

import ast
import pathlib

import pytest

from sm_migrate import MigrationOptions, migrate_source
from sm_migrate.transforms.rules import RULES
from sm_migrate.transforms.rules.examples import command_line

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXAMPLES = [
    *((rule.name, index, example) for rule in RULES for index, example in enumerate(rule.examples)),
    *(("command_line", index, example) for index, example in enumerate(command_line.EXAMPLES)),
]


@pytest.mark.parametrize("example", [example for _, _, example in EXAMPLES],
                         ids=[f"{name}-{index}" for name, index, _ in EXAMPLES])
def test_example(example):
    options = MigrationOptions(**example.options)
    result = migrate_source(example.before, options)

    expected = example.before if example.after is None else example.after
    assert result.code == expected
    assert tuple(d.code for d in result.diagnostics) == example.codes
    compile(result.code, "<migrated>", "exec")
    assert _options_on_two_arguments(result.code) == [], "argparse would refuse the parser at start-up"
    assert migrate_source(result.code, options).code == result.code, "not idempotent"


def _options_on_two_arguments(code: str) -> list[str]:
    """Option strings given to two `add_argument` calls of one parser (argparse raises ArgumentError)."""
    seen, repeated = set(), []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add_argument":
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    key = (ast.unparse(node.func.value), arg.value)
                    repeated += [arg.value] if key in seen else []
                    seen.add(key)
    return repeated


def test_every_rule_has_examples_and_a_unique_name():
    assert all(rule.examples for rule in RULES)
    assert len({rule.name for rule in RULES}) == len(RULES)


def test_the_rewriting_library_never_imports_the_application():
    offenders = []
    for path in (ROOT / "transforms").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                modules = [node.module or ""] if node.level == 0 else ["(relative)"]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                continue
            for module in modules:
                root = module.split(".")[0]
                if root == "migrate" or (root == "sm_migrate" and not module.startswith("sm_migrate.transforms")):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {module}")
    assert offenders == []
