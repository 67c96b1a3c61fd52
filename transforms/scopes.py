"""Scopes, bindings and qualified names of a script, in one walk of its syntax tree.

What libcst's ScopeProvider + QualifiedNameProvider + ParentNodeProvider give, for what the transforms ask
(where a name is bound, what it is imported as, which node contains which) at a fraction of their cost:
they ran libcst's visitor machinery four times and rebuilt every node on the way, about five bare parses of
the file (benchmarks/bench_batch.py). Here one loop reads the dataclass fields of the syntactic nodes only
(whitespace, commas and parentheses are never entered) in source order.

Python's rules, as libcst models them: a function, lambda, class or comprehension opens a scope; a name
bound anywhere in a scope is local to all of it unless declared `global`/`nonlocal`; class scopes are not
seen from the functions inside them; decorators, defaults, annotations, bases and a comprehension's first
iterable belong to the enclosing scope; `:=` binds in the nearest non-comprehension scope.
"""

from __future__ import annotations

import builtins
import dataclasses

import libcst as cst

from sm_migrate.transforms import catalog


@dataclasses.dataclass(eq=False)
class Assignment:
    """One binding of `name`: `node` is the Name, Param, FunctionDef, ClassDef, Import or ImportFrom."""

    name: str
    node: cst.CSTNode
    scope: Scope
    imported: str | None = None  # the dotted name an import binds (`import numpy as np` -> "numpy")
    references: list = dataclasses.field(default_factory=list)  # the Name nodes that read this binding


class Assignments(dict):
    """name -> [Assignment]; a name never bound reads as no assignments (and is not added)."""

    def __missing__(self, name: str) -> list:
        return []


class Scope:
    def __init__(self, parent: Scope | None, node: cst.CSTNode) -> None:
        self.parent = parent
        self.node = node
        self.globals: Scope = parent.globals if parent is not None else self
        self.assignments = Assignments()
        self.declared_global: set[str] = set()
        self.declared_nonlocal: set[str] = set()

    def bind(self, name: str, node: cst.CSTNode, imported: str | None = None) -> Assignment:
        scope = self
        if name in self.declared_global:
            scope = self.globals
        elif name in self.declared_nonlocal:
            scope = self.parent
            while scope is not None and not isinstance(scope, FunctionScope):
                scope = scope.parent
            scope = scope or self.globals
        assignment = Assignment(name, node, scope, imported)
        scope.assignments.setdefault(name, []).append(assignment)
        return assignment

    def lookup(self, name: str) -> Scope | None:
        """The scope whose binding of `name` a read in this scope sees (None: a builtin or undefined)."""
        if name in self.declared_global:
            return self.globals if name in self.globals.assignments else None
        scope, first = self, True
        while scope is not None:
            if (first or not isinstance(scope, ClassScope)) and name in scope.assignments:
                return scope
            scope, first = scope.parent, False
        return None


class GlobalScope(Scope):
    pass


class FunctionScope(Scope):
    """A def or a lambda. `statements`: the small statements of its own body (not of nested defs/classes)."""

    def __init__(self, parent: Scope | None, node: cst.CSTNode) -> None:
        super().__init__(parent, node)
        self.statements: list[cst.BaseSmallStatement] = []


class ClassScope(Scope):
    pass


class ComprehensionScope(Scope):
    pass


# Roles of a child: read (LOAD), bound (STORE), both (`x += 1`) or a plain label (`obj.attr`, `f(key=...)`).
NONE, LOAD, STORE, BOTH = 0, 1, 2, 3
_INHERIT = -1  # a target's parts (tuples, starred, `as` names) take the role of the target

_SKIPPED_FIELDS = frozenset({
    "lpar", "rpar", "leading_lines", "lines_after_decorators", "header", "footer", "trailing_whitespace", "comma",
    "semicolon", "equal", "colon", "dot", "relative", "operator", "indent", "newline", "asynchronous", "star",
    "encoding", "default_indent", "default_newline", "has_trailing_newline", "first_colon", "second_colon",
    "lbrace", "rbrace", "lbracket", "rbracket",
})
# Where libcst's field order is not source order.
_SOURCE_ORDER = {
    cst.FunctionDef: ("decorators", "name", "type_parameters", "params", "returns", "body"),
    cst.ClassDef: ("decorators", "name", "type_parameters", "bases", "keywords", "body"),
    cst.IfExp: ("body", "test", "orelse"),
    cst.ExceptHandler: ("type", "name", "body"),
    cst.ExceptStarHandler: ("type", "name", "body"),
    cst.Arg: ("keyword", "value"),
    cst.Parameters: ("posonly_params", "posonly_ind", "params", "star_arg", "kwonly_params", "star_kwarg"),
    cst.MatchCase: ("pattern", "guard", "body"),
}
_FIELD_ROLES = {
    (cst.Assign, "targets"): STORE,
    (cst.AnnAssign, "target"): STORE,
    (cst.AugAssign, "target"): BOTH,
    (cst.For, "target"): STORE,
    (cst.WithItem, "asname"): STORE,
    (cst.ExceptHandler, "name"): STORE,
    (cst.ExceptStarHandler, "name"): STORE,
    (cst.Attribute, "attr"): NONE,
    (cst.Arg, "keyword"): NONE,
    (cst.MatchAs, "name"): STORE,
    (cst.MatchStar, "name"): STORE,
    (cst.MatchMapping, "rest"): STORE,
    (cst.MatchKeywordElement, "key"): NONE,
}
_TARGET_PARTS = (cst.AssignTarget, cst.Tuple, cst.List, cst.Element, cst.StarredElement, cst.AsName)
# Node types the walk treats specially (binding, opening a scope); every other type just has its fields walked.
GENERIC, NAME, DEFINITION, LAMBDA, PARAM, COMPREHENSION, COMP_FOR, WALRUS, IMPORT, IMPORT_FROM, DECLARATION = range(11)
_KINDS = {
    cst.Name: NAME, cst.FunctionDef: DEFINITION, cst.ClassDef: DEFINITION, cst.Lambda: LAMBDA, cst.Param: PARAM,
    cst.ListComp: COMPREHENSION, cst.SetComp: COMPREHENSION, cst.DictComp: COMPREHENSION,
    cst.GeneratorExp: COMPREHENSION, cst.CompFor: COMP_FOR, cst.NamedExpr: WALRUS, cst.Import: IMPORT,
    cst.ImportFrom: IMPORT_FROM, cst.Global: DECLARATION, cst.Nonlocal: DECLARATION,
}
_TYPE_INFO: dict[type, tuple[int, bool, tuple[tuple[str, int], ...]]] = {}
_IS_NODE: dict[type, bool] = {}


def _type_info(node_type: type) -> tuple[int, bool, tuple[tuple[str, int], ...]]:
    """(kind, is a small statement, (field, role) of the fields that can hold syntax in reverse source order,
    ready to be pushed on the walk's stack), computed once per node type."""
    names = [f.name for f in dataclasses.fields(node_type)
             if f.name not in _SKIPPED_FIELDS and not f.name.startswith("whitespace")]
    order = _SOURCE_ORDER.get(node_type)
    if order is not None:
        names = [name for name in order if name in names] + [name for name in names if name not in order]
    inherit = issubclass(node_type, _TARGET_PARTS)
    fields = tuple((name, _FIELD_ROLES.get((node_type, name), _INHERIT if inherit else LOAD)) for name in names)
    info = _TYPE_INFO[node_type] = (
        _KINDS.get(node_type, GENERIC), issubclass(node_type, cst.BaseSmallStatement), fields[::-1])
    return info


def _is_node(value) -> bool:
    """isinstance(value, CSTNode) without ABCMeta's instance check (the walk asks for every field)."""
    value_type = type(value)
    known = _IS_NODE.get(value_type)
    if known is None:
        known = _IS_NODE[value_type] = issubclass(value_type, cst.CSTNode)
    return known


def dotted_name(expr: cst.CSTNode) -> str:
    """`a.b.c` for a Name/Attribute chain, else ""."""
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        base = dotted_name(expr.value)
        return f"{base}.{expr.attr.value}" if base else ""
    return ""


@dataclasses.dataclass
class ScriptStructure:
    """What one walk learns: each node's parent and scope, in source order, and every binding."""

    module: cst.Module
    global_scope: GlobalScope
    parents: dict  # node -> parent (syntactic nodes only)
    scopes: dict  # node -> the scope it is evaluated in, in source order
    resolved: dict  # Name read -> the scope of the binding it sees (None: builtin or undefined)
    imports: list  # Import and ImportFrom nodes
    definitions: list  # FunctionDef and ClassDef nodes
    all_names: set  # every name bound, read or declared global/nonlocal anywhere

    def qualified_names(self, expr: cst.CSTNode) -> list[str]:
        """The dotted names an expression refers to through imports (`np.load` -> ["numpy.load"]), builtins
        as `builtins.open`; empty for locals and anything that is not a Name/Attribute chain."""
        dotted = dotted_name(expr)
        if not dotted:
            return []
        base = expr
        while isinstance(base, cst.Attribute):
            base = base.value
        rest = dotted[len(base.value):]
        if base not in self.resolved:  # not a read (a binding target, an attribute label)
            return []
        scope = self.resolved[base]
        if scope is None:
            return [f"builtins.{dotted}"] if hasattr(builtins, base.value) else []
        return [a.imported + rest for a in scope.assignments[base.value] if a.imported is not None]


def build(module: cst.Module) -> ScriptStructure:
    global_scope = GlobalScope(None, module)
    parents: dict = {}
    scopes: dict = {}
    imports: list = []
    definitions: list = []
    all_names: set = set()
    reads: list = []  # (scope, Name)
    stack: list = [(module, global_scope, LOAD)]
    pop, append = stack.pop, stack.append
    type_info, is_node = _TYPE_INFO, _IS_NODE

    def push(parent, child, scope, role) -> None:
        parents[child] = parent
        append((child, scope, role))

    while stack:
        node, scope, role = pop()
        scopes[node] = scope
        node_type = type(node)
        info = type_info.get(node_type) or _type_info(node_type)
        kind = info[0]
        if info[1] and type(scope) is FunctionScope:
            scope.statements.append(node)
        if kind == GENERIC:
            for name, child_role in info[2]:  # pushed in reverse, so that they pop in source order
                value = getattr(node, name)
                if child_role == _INHERIT:
                    child_role = role
                value_type = type(value)
                if value_type is list or value_type is tuple:
                    for child in reversed(value):
                        if is_node.get(type(child)) or _is_node(child):
                            parents[child] = node
                            append((child, scope, child_role))
                elif is_node.get(value_type) or _is_node(value):
                    parents[value] = node
                    append((value, scope, child_role))
        elif kind == NAME:
            if role & STORE:
                all_names.add(scope.bind(node.value, node).name)
            if role & LOAD:
                reads.append((scope, node))
                all_names.add(node.value)
        elif kind == DEFINITION:
            definitions.append(node)
            all_names.add(scope.bind(node.name.value, node).name)
            is_function = node_type is cst.FunctionDef
            inner = (FunctionScope if is_function else ClassScope)(scope, node)
            parents[node.name] = node
            scopes[node.name] = scope
            push(node, node.body, inner, LOAD)
            if is_function:
                if node.returns is not None:
                    push(node, node.returns, scope, LOAD)
                push(node, node.params, inner, LOAD)
            else:
                for arg in reversed([*node.bases, *node.keywords]):
                    push(node, arg, scope, LOAD)
            for decorator in reversed(node.decorators):
                push(node, decorator, scope, LOAD)
        elif kind == LAMBDA:
            inner = FunctionScope(scope, node)
            push(node, node.body, inner, LOAD)
            push(node, node.params, inner, LOAD)
        elif kind == PARAM:
            # The parameter is bound in the function; its annotation and default are read outside it.
            all_names.add(scope.bind(node.name.value, node).name)
            parents[node.name] = node
            scopes[node.name] = scope
            for child in (node.default, node.annotation):
                if child is not None:
                    push(node, child, scope.parent, LOAD)
        elif kind == COMPREHENSION:
            inner = ComprehensionScope(scope, node)
            push(node, node.for_in, inner, NONE)  # NONE marks the outermost `for`: its iterable is read outside
            if node_type is cst.DictComp:
                push(node, node.value, inner, LOAD)
                push(node, node.key, inner, LOAD)
            else:
                push(node, node.elt, inner, LOAD)
        elif kind == COMP_FOR:
            if node.inner_for_in is not None:
                push(node, node.inner_for_in, scope, LOAD)
            for condition in reversed(node.ifs):
                push(node, condition, scope, LOAD)
            push(node, node.iter, scope.parent if role == NONE else scope, LOAD)
            push(node, node.target, scope, STORE)
        elif kind == WALRUS:
            binding_scope = scope
            while isinstance(binding_scope, ComprehensionScope):
                binding_scope = binding_scope.parent
            push(node, node.value, scope, LOAD)
            push(node, node.target, binding_scope, STORE)
        elif kind == IMPORT:
            imports.append(node)
            for alias in node.names:
                module_name = dotted_name(alias.name)
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    bound, imported = alias.asname.name.value, module_name
                else:  # `import a.b` binds `a` (and names "a.b", as libcst's scopes do)
                    bound = imported = module_name.split(".", 1)[0]
                    all_names.add(module_name)
                all_names.add(scope.bind(bound, node, imported).name)
                parents[alias] = node  # an import's parts are labels, not reads: only their parent is noted
        elif kind == IMPORT_FROM:
            imports.append(node)
            if isinstance(node.names, cst.ImportStar):
                continue
            prefix = "." * len(node.relative) + (dotted_name(node.module) if node.module is not None else "")
            for alias in node.names:
                name = dotted_name(alias.name)
                bound = alias.asname.name.value if alias.asname is not None else name
                imported = f"{prefix}.{name}" if prefix and not prefix.endswith(".") else f"{prefix}{name}"
                all_names.add(scope.bind(bound, node, imported).name)
                parents[alias] = node
        elif kind == DECLARATION:
            declared = scope.declared_global if node_type is cst.Global else scope.declared_nonlocal
            declared.update(item.name.value for item in node.names)
            all_names.update(declared)  # `global parser` with no binding: still not a name to inject

    resolved = {}
    for scope, name in reads:
        binding_scope = scope.lookup(name.value)
        resolved[name] = binding_scope
        if binding_scope is not None:
            for assignment in binding_scope.assignments[name.value]:
                assignment.references.append(name)
    return ScriptStructure(module, global_scope, parents, scopes, resolved, imports, definitions, all_names)


def imported_names(structure: ScriptStructure, expr: cst.CSTNode) -> str | None:
    """The canonical qualified name of an imported or builtin name or attribute (catalog.canonical_name)."""
    names = sorted(structure.qualified_names(expr))
    return catalog.canonical_name(names[0]) if names else None
