"""Source positions of nodes, noted during the code generation that checks libcst's round trip.

libcst's PositionProvider is a second code generation that computes a line and column for every node (about
1.5 bare parses). The engine generates the module's code once anyway, to refuse files libcst would not give
back byte for byte (tensorflow-and-libcst-notes.md); noting the token index at which each node starts costs
almost nothing there, and only the few nodes a diagnostic or report asks about are turned into line/column.
Same positions as PositionProvider: the syntactic start, after leading blank lines and indentation.

The same tokens give the migrated module's code cheaply: a top-level statement the edits left alone (the same
node object) is copied from them instead of being generated again (`code_of`).
"""

from __future__ import annotations

import bisect
import itertools
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

import libcst as cst
from libcst._nodes.internal import CodegenState


@dataclass
class _StartRecordingState(CodegenState):
    # Keyed by id(node): CSTNode's __hash__ is a Python method, too slow to call for every node. The module
    # keeps every node alive, so no id is reused while these are in use.
    starts: dict = field(default_factory=dict)  # id -> token index where its code begins (whitespace included)
    syntactic: dict = field(default_factory=dict)  # id -> token index of its syntactic start, or the child
    # node whose start is its start (an indented block starts where its first statement does)

    popped: list = field(default_factory=list)  # the trailing newline of a file that has none

    def before_codegen(self, node: cst.CSTNode) -> None:
        self.starts[id(node)] = len(self.tokens)

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
        state = _StartRecordingState(default_indent=module.default_indent, default_newline=module.default_newline)
        module._codegen(state)
        self.code = "".join(state.tokens)
        self._module = module
        self._tokens = state.tokens + state.popped
        self._starts = state.starts
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
        """`edited.code`, for a module made from this one by replacing some top-level statements (and nodes
        inside them) and inserting others: the original statements still in it are copied, not generated."""
        spans = self._statement_spans()
        state = CodegenState(default_indent=edited.default_indent, default_newline=edited.default_newline)
        for node in edited.header:  # what Module._codegen_impl does, a statement at a time
            node._codegen(state)
        for statement in edited.body:
            span = spans.get(id(statement))
            if span is None:
                statement._codegen(state)
            else:
                state.tokens.extend(self._tokens[span[0]:span[1]])
        for node in edited.footer:
            node._codegen(state)
        if edited.has_trailing_newline:
            if not state.tokens:
                state.add_token(state.default_newline)
        else:
            state.pop_trailing_newline()
        return "".join(state.tokens)

    def _statement_spans(self) -> dict:
        """id of a top-level statement -> (first token, end token): its tokens run up to the next one's."""
        module = self._module
        ends = [self._starts[id(node)] for node in (*module.body[1:], *module.footer[:1])] + [len(self._tokens)]
        return {id(statement): (self._starts[id(statement)], end) for statement, end in zip(module.body, ends)}
