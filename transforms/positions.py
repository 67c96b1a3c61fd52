"""Source positions of nodes, noted during the code generation that checks libcst's round trip.

libcst's PositionProvider is a second code generation that computes a line and column for every node (about
1.5 bare parses). The engine generates the module's code once anyway, to refuse files libcst would not give
back byte for byte (docs/tensorflow-and-libcst-notes.md); noting the token index at which each node starts costs
almost nothing there, and only the few nodes a diagnostic or report asks about are turned into line/column.
Same positions as PositionProvider: the syntactic start, after leading blank lines and indentation.

The same tokens give the migrated module's code cheaply: a statement the edits left alone (the same node
object) is copied from them instead of being generated again (`code_of`).

This leans on libcst's code generation hooks (`CodegenState`, `_codegen`, `before_codegen`/`after_codegen`,
`record_syntactic_position`), the ones its own PositionProvider uses, which libcst does not export. The
dependency stays below libcst 2, and tests/test_scopes.py checks every position against PositionProvider and
the spliced code against `Module.code`, so a change in them fails the tests rather than the output.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

import libcst as cst
from libcst._nodes.internal import CodegenState


@dataclass
class _TokenRecordingState(CodegenState):
    # Keyed by id(node): CSTNode's __hash__ is a Python method, too slow to call for every node. The module
    # keeps every node alive, so no id is reused while these are in use.
    starts: dict = field(default_factory=dict)  # id -> token index where its code begins (whitespace included)
    ends: dict = field(default_factory=dict)  # id -> token index after its code
    syntactic: dict = field(default_factory=dict)  # id -> token index of its syntactic start, or the child
    # node whose start is its start (an indented block starts where its first statement does)

    popped: list = field(default_factory=list)  # the trailing newline of a file that has none

    def before_codegen(self, node: cst.CSTNode) -> None:
        self.starts[id(node)] = len(self.tokens)

    def after_codegen(self, node: cst.CSTNode) -> None:
        self.ends[id(node)] = len(self.tokens)

    def pop_trailing_newline(self) -> None:
        self.popped = self.tokens[-1:]
        super().pop_trailing_newline()

    @contextmanager
    def record_syntactic_position(self, node, *, start_node=None, end_node=None):
        self.syntactic[id(node)] = start_node if start_node is not None else len(self.tokens)
        yield


class SourcePositions:
    """The module's generated code, and the 1-based (line, column) where a node of it starts."""

    def __init__(self, module: cst.Module) -> None:
        state = _TokenRecordingState(default_indent=module.default_indent, default_newline=module.default_newline)
        module._codegen(state)
        self.code = "".join(state.tokens)
        self._module = module  # keeps every node, so every id above, alive
        self._tokens = state.tokens + state.popped
        self._starts = state.starts
        self._ends = state.ends
        self._syntactic = state.syntactic
        self._offsets: list[int] | None = None
        self._line_starts: list[int] = []

    def start(self, node: cst.CSTNode) -> tuple[int, int]:
        index = self._syntactic.get(id(node))
        while isinstance(index, cst.CSTNode):
            index = self._syntactic.get(id(index), self._starts.get(id(index)))
        if index is None:
            index = self._starts.get(id(node))
        if index is None:  # not a node of this module (built by a transform)
            return 1, 1
        if self._offsets is None:
            self._offsets = list(itertools.accumulate(map(len, self._tokens), initial=0))
            self._line_starts = [0] + [match.end() for match in re.finditer("\n", self.code)]
        offset = self._offsets[index]
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def code_of(self, edited: cst.Module) -> str:
        """`edited.code`, for a module made from this one by replacing nodes and inserting statements: each
        statement of the original still in it is copied from the original's tokens, not generated again."""
        state = CodegenState(default_indent=edited.default_indent, default_newline=edited.default_newline)
        self._with_copies(edited)._codegen(state)
        return "".join(state.tokens)

    def _with_copies(self, node: cst.CSTNode) -> cst.CSTNode:
        """`node` (new, made by the edits) with the original statements in its bodies, at any depth, standing
        in as their tokens."""
        if id(node) in self._ends or not isinstance(node, _STATEMENT_HOLDERS):
            return node  # an original subtree is copied by its statement; expressions hold no statements
        changes = {}
        for name in field_names(type(node)):
            value = getattr(node, name)
            if isinstance(value, cst.CSTNode):
                new = self._with_copies(value)
            elif isinstance(value, (list, tuple)) and value and isinstance(value[0], cst.CSTNode):
                new = [self._copied(child) if id(child) in self._ends and isinstance(child, cst.BaseStatement)
                       else self._with_copies(child) for child in value]
            else:
                continue
            if new is not value:
                changes[name] = new
        return node.with_changes(**changes) if changes else node

    def _copied(self, statement: cst.BaseStatement) -> _CopiedStatement:
        key = id(statement)
        return _CopiedStatement(self._tokens[self._starts[key]:self._ends[key]])


@dataclass(frozen=True)
class _CopiedStatement(cst.BaseStatement):
    """An unchanged statement during `code_of`: its original tokens (leading lines, indentation and all)."""

    tokens: list

    def _visit_and_replace_children(self, visitor):
        return self

    def _codegen_impl(self, state: CodegenState) -> None:
        state.tokens.extend(self.tokens)


# What can hold statements: everything else is an expression or a simple statement line.
_STATEMENT_HOLDERS = (cst.Module, cst.BaseSuite, cst.BaseCompoundStatement, cst.Else, cst.Finally,
                      cst.ExceptHandler, cst.ExceptStarHandler, cst.MatchCase)
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def field_names(node_type: type) -> tuple[str, ...]:
    """The dataclass fields of a node type (computed once per type)."""
    names = _FIELD_NAMES.get(node_type)
    if names is None:
        names = _FIELD_NAMES[node_type] = tuple(f.name for f in dataclasses.fields(node_type))
    return names
