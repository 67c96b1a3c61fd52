"""The edit plan: what replaces which original node and what is inserted around which statement, and the one
applier that rebuilds the tree from it.

Rules never rebuild the tree themselves: they record edits keyed by the original nodes the analysis saw, through
the plan context. Applying everything at once keeps node identity valid for all of them. The plan knows nothing
about SageMaker: it is generic libcst machinery.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import libcst as cst

from sm_migrate.transforms.positions import field_names


@dataclass
class EditPlan:
    module: cst.Module
    parents: dict  # node -> parent, from the analysis
    replacements: dict = field(default_factory=dict)  # original node -> new node (RemovalSentinel: dropped)
    # original node -> a function of that node as rebuilt (edits inside it applied), giving what replaces it
    amendments: dict = field(default_factory=dict)
    claims: dict = field(default_factory=dict)  # original node -> name of the rule that owns its rewrite
    insert_before: dict = field(default_factory=dict)  # original statement -> [new statements]
    insert_after: dict = field(default_factory=dict)

    def claim(self, node: cst.CSTNode, by: str) -> bool:
        """Reserve `node` for rule `by`; False when another rule has it already (the first claimant wins)."""
        owner = self.claims.setdefault(node, by)
        return owner == by

    def amend(self, original: cst.CSTNode, change) -> None:
        """Change `original` after the edits inside it are applied (where a replacement would drop them); several
        changes of one node apply in the order they were planned."""
        earlier = self.amendments.get(original)
        self.amendments[original] = change if earlier is None else (lambda node: change(earlier(node)))

    def claimed(self, node: cst.CSTNode) -> bool:
        return node in self.claims

    def replace(self, original: cst.CSTNode, new: cst.CSTNode, by: str) -> bool:
        if not self.claim(original, by):
            return False
        self.replacements[original] = new
        return True

    def add_before(self, statement: cst.CSTNode, new: list[cst.BaseStatement], first: bool = False) -> None:
        _add(self.insert_before.setdefault(statement, []), new, first)

    def add_after(self, statement: cst.CSTNode, new: list[cst.BaseStatement], first: bool = False) -> None:
        _add(self.insert_after.setdefault(statement, []), new, first)

    def add_imports(self, imports: set[tuple[str, str]]) -> None:
        """`import os` etc. ((module, name) pairs) after the script's leading imports, its docstring and `__future__`
        imports: where libcst's AddImportsVisitor would put them, without the second metadata pass it costs."""
        body = self.module.body
        anchor = None
        for index, statement in enumerate(body):
            if is_import(statement) or (index == 0 and is_docstring(statement)):
                anchor = statement
            else:
                break
        lines = "".join(f"import {name}\n" if alias == name else f"import {name} as {alias}\n"
                        for name, alias in sorted(imports))
        statements = parse_statements(lines)
        if anchor is None:
            self.add_before(body[0], statements, first=True)
        else:
            self.add_after(anchor, statements, first=True)

    def apply(self) -> cst.Module:
        module = _EditApplier(self).rebuild(self.module)
        if "\x0c" in module.default_indent:
            # New code is indented with the module's default indent; a form feed in it would be copied into every
            # level. CPython restarts the column at a form feed, so the indent is what follows the last one.
            module = module.with_changes(default_indent=module.default_indent.rsplit("\x0c", 1)[1] or "    ")
        return module


def _add(pending: list, new: list, first: bool) -> None:
    """Statements inserted at one place keep the order they were recorded in; `first` goes before them all."""
    if first:
        pending[:0] = new
    else:
        pending.extend(new)


class _EditApplier:
    """Rebuilds only the nodes on the way from the module to an edit; every other subtree is reused as is.

    A CSTTransformer would rebuild all of the tree's nodes (about one bare parse's worth of work) to change a
    few dozen. Edits inside a replaced node are dropped with it, as a transformer's `leave_*` would drop them.
    """

    def __init__(self, plan: EditPlan) -> None:
        self.plan = plan
        self.on_path: set = set()
        for edited in (*plan.replacements, *plan.insert_before, *plan.insert_after, *plan.amendments):
            node = edited
            while node is not plan.module:
                node = plan.parents.get(node)
                if node is None:  # a bug of ours: an edit the walk never saw would be lost silently
                    raise ValueError(f"edit of a {type(edited).__name__} outside the analysed tree")
                if node in self.on_path:
                    break
                self.on_path.add(node)

    def rebuild(self, node: cst.CSTNode) -> cst.CSTNode:
        change = self.plan.amendments.get(node)
        replacement = self.plan.replacements.get(node)
        if replacement is not None:
            return replacement if change is None else change(replacement)
        if node not in self.on_path and change is None:
            return node
        changes = {}
        for name in field_names(type(node)):
            value = getattr(node, name)
            if isinstance(value, cst.CSTNode):
                new = self.rebuild(value)
                if new is not value:
                    changes[name] = new
            elif isinstance(value, (list, tuple)) and value and isinstance(value[0], cst.CSTNode):
                items, carried = [], []
                for child in value:
                    items.extend(self.plan.insert_before.get(child, ()))
                    new = self.rebuild(child)
                    if new is cst.RemovalSentinel.REMOVE:
                        carried.extend(getattr(child, "leading_lines", ()))  # its comments stay, on the next one
                    else:
                        if carried and hasattr(new, "leading_lines"):
                            new, carried = new.with_changes(leading_lines=[*carried, *new.leading_lines]), []
                        items.append(new)
                    items.extend(self.plan.insert_after.get(child, ()))
                if len(items) != len(value) or any(new is not old for new, old in zip(items, value)):
                    changes[name] = items
        rebuilt = node.with_changes(**changes) if changes else node
        return rebuilt if change is None else change(rebuilt)


def is_import(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body)


def is_docstring(statement: cst.BaseStatement) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 and \
        isinstance(statement.body[0], cst.Expr) and isinstance(statement.body[0].value, cst.SimpleString)


def is_import_or_string(statement: cst.BaseStatement) -> bool:
    """Imports and bare string statements (docstrings, also implicitly concatenated ones)."""
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    return all(
        isinstance(small, (cst.Import, cst.ImportFrom))
        or (isinstance(small, cst.Expr) and isinstance(small.value, (cst.SimpleString, cst.ConcatenatedString)))
        for small in statement.body
    )


def with_leading_blank(statements: list[cst.BaseStatement], count: int = 1) -> list[cst.BaseStatement]:
    first = statements[0].with_changes(leading_lines=[cst.EmptyLine(indent=False)] * count)
    return [first, *statements[1:]]


def with_comma(args) -> list[cst.Arg]:
    """The call's arguments with a trailing `, ` after the last one, ready for one more."""
    args = list(args)
    if args:
        args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return args


def keyword_arg(name: str, value: cst.BaseExpression) -> cst.Arg:
    """`name=value`, spaced as PEP 8 wants keyword arguments."""
    return cst.Arg(value, keyword=cst.Name(name),
                   equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))


# Injected code is parsed from text. Much of it is the same in every script of a repository (helpers, imports,
# `args.epochs`), and libcst nodes are immutable, so a parsed snippet can be shared. Each script's own argument
# block is unique and only passes through: a small cache keeps the shared snippets and a long batch's worker
# the same size.
@functools.lru_cache(maxsize=64)
def _parsed_statements(code: str) -> tuple[cst.BaseStatement, ...]:
    return tuple(cst.parse_module(code).body)


def parse_statements(code: str) -> list[cst.BaseStatement]:
    return list(_parsed_statements(code))


@functools.lru_cache(maxsize=64)
def parse_expression(code: str) -> cst.BaseExpression:
    return cst.parse_expression(code)
