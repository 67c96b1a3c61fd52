"""Settings kept in a dict or a class: `params = {"epochs": 10}` read as `params["epochs"]` or
`params.get("epochs", 1)`, `class Config: EPOCHS = 10` read as `Config.EPOCHS`, `self.epochs = epochs` in
`__init__` read as `self.epochs`. Where a training argument reads one of them, the value to lift is the entry's
own expression, provided nothing else sets it (`params["epochs"] = 5`, `params.update(...)`, `Config.EPOCHS = 5`):
then a change of that one expression reaches every read.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from sm_migrate.transforms.facts import MAX_DERIVATION, ScriptFacts
from sm_migrate.transforms.scopes import ClassScope

NAMESPACES = frozenset({"types.SimpleNamespace", "argparse.Namespace"})
DICT_MUTATORS = frozenset({"update", "setdefault", "pop", "popitem", "clear", "__setitem__"})


@dataclass(frozen=True)
class Setting:
    value: cst.BaseExpression  # the expression that holds the setting: a dict entry's value, a class attribute's
    key: str  # its name there ("epochs", "EPOCHS")


def setting_of(facts: ScriptFacts, read: cst.BaseExpression) -> Setting | None:
    """The literal entry `read` (`params["epochs"]`, `Config.EPOCHS`) reads, or None when it is something else or
    set anywhere but there."""
    key = setting_key(read)
    if key is not None and isinstance(_container(read), cst.Name):
        return _dict_entry(facts, _container(read), key)
    if isinstance(read, cst.Attribute) and isinstance(read.value, cst.Name):
        if read.value.value == "self":
            return _instance_attribute(facts, read)
        return _class_attribute(facts, read.value, read.attr.value) or \
            _object_attribute(facts, read.value, read.attr.value)
    return None


def setting_key(read: cst.BaseExpression) -> str | None:
    """`config["epochs"]` or `config.get("epochs", 5)`: "epochs", a setting read by name from a container (not
    `x.shape[0]`, not `os.environ.get(...)`); else None."""
    if isinstance(read, cst.Subscript) and len(read.slice) == 1 and isinstance(read.slice[0].slice, cst.Index):
        index = read.slice[0].slice.value
        if isinstance(index, cst.SimpleString) and isinstance(index.evaluated_value, str):
            return index.evaluated_value
    if isinstance(read, cst.Call) and isinstance(read.func, cst.Attribute) and read.func.attr.value == "get" and \
            isinstance(read.func.value, cst.Name) and read.args and read.args[0].keyword is None:
        key = read.args[0].value
        if isinstance(key, cst.SimpleString) and isinstance(key.evaluated_value, str):
            return key.evaluated_value
    return None


def _container(read: cst.Subscript | cst.Call) -> cst.BaseExpression:
    return read.func.value if isinstance(read, cst.Call) else read.value


def _object_attribute(facts: ScriptFacts, name: cst.Name, attribute: str, depth: int = 0) -> Setting | None:
    """`cfg.epochs`, `cfg` bound once to `SimpleNamespace(epochs=10)` or to an instance of a settings class of the
    script (`Config(epochs=10)`, else its class attribute `epochs: int = 10`), and `cfg.epochs` set nowhere; a
    parameter `cfg` holding such an object in every call."""
    scope = facts.structure.resolved.get(name)
    assignments = scope.assignments[name.value] if scope is not None else []
    if depth > MAX_DERIVATION or len(assignments) != 1:
        return None
    if isinstance(assignments[0].node, cst.Param):
        passed = facts.parameter_arguments(assignments[0].node) or []
        return _one_setting([_class_attribute(facts, value, attribute) or
                             _object_attribute(facts, value, attribute, depth + 1)
                             if isinstance(value, cst.Name) else None for value in passed])
    value = facts.assigned_value(assignments[0].node)[0]
    if not isinstance(value, cst.Call) or _attribute_set(facts, assignments[0], attribute):
        return None
    keyword = next((arg.value for arg in value.args if arg.keyword and arg.keyword.value == attribute), None)
    if facts.qualified_name(value.func) in NAMESPACES:
        return Setting(keyword, attribute) if keyword is not None else None
    if not isinstance(value.func, cst.Name) or any(arg.keyword is None for arg in value.args):
        return None  # (positional arguments: which field each sets is the class's business)
    field = _class_attribute(facts, value.func, attribute)
    if field is None or _set_on_self(facts, facts.enclosing(field.value, cst.ClassDef), attribute):
        return None  # (`self.epochs = ...` in `__init__` or `__post_init__`: the instance's value is not the field's)
    return Setting(keyword, attribute) if keyword is not None else field


def _one_setting(entries: list[Setting | None]) -> Setting | None:
    """What a parameter holds when every call of its function passes the same setting; else None."""
    if not entries or entries[0] is None or any(e is None or e.value is not entries[0].value for e in entries):
        return None
    return entries[0]


def _set_on_self(facts: ScriptFacts, cls: cst.ClassDef, attribute: str) -> bool:
    """Does a method of `cls` assign `self.<attribute>`?"""
    return any(isinstance(node.value, cst.Name) and node.value.value == "self" and _is_target(facts, node)
               and facts.inside(node, cls) for node in facts.attributes(attribute))


def _attribute_set(facts: ScriptFacts, binding, attribute: str) -> bool:
    """Is `<name>.<attribute>` assigned through any read of the binding (`cfg.epochs = 5`)?"""
    return any(isinstance(facts.parents.get(read), cst.Attribute) and facts.parents[read].attr.value == attribute
               and _is_target(facts, facts.parents[read]) for read in binding.references)


def _instance_attribute(facts: ScriptFacts, read: cst.Attribute) -> Setting | None:
    """`self.epochs` in a method, set once in the class, by `self.epochs = epochs` in `__init__` (or a literal):
    that value (a parameter is followed to the constructor's calls by the caller)."""
    cls = facts.enclosing(read, cst.ClassDef)
    if cls is None:
        return None
    attribute = read.attr.value
    stores = [node for node in facts.attributes(attribute) if _is_target(facts, node)]
    if len(stores) != 1 or not isinstance(stores[0].value, cst.Name) or stores[0].value.value != "self" or \
            not facts.inside(stores[0], cls):
        return None  # set in two places, or from outside the class (`trainer.epochs = 5`)
    method = facts.enclosing(stores[0], cst.FunctionDef)
    assign = facts.parents.get(facts.parents.get(stores[0]))
    if method is None or method.name.value != "__init__" or not isinstance(assign, cst.Assign) or \
            len(assign.targets) != 1:
        return None
    return Setting(assign.value, attribute)


def _dict_entry(facts: ScriptFacts, name: cst.Name, key: str, depth: int = 0) -> Setting | None:
    scope = facts.structure.resolved.get(name)
    assignments = scope.assignments[name.value] if scope is not None else []
    if depth > MAX_DERIVATION or len(assignments) != 1:
        return None
    binding = assignments[0]
    if _dict_mutated(facts, binding):
        return None
    if isinstance(binding.node, cst.Param):  # `def train(params)`: the dict every call passes, if one
        passed = facts.parameter_arguments(binding.node) or []
        return _one_setting([_dict_entry(facts, value, key, depth + 1) if isinstance(value, cst.Name)
                             else _literal_entry(facts, value, key) for value in passed])
    return _literal_entry(facts, facts.assigned_value(binding.node)[0], key)


def _literal_entry(facts: ScriptFacts, value: cst.BaseExpression | None, key: str) -> Setting | None:
    """`{"epochs": 4, ...}` or `dict(epochs=4, ...)`: the value of its one "epochs" entry."""
    if isinstance(value, cst.Call) and facts.qualified_name(value.func) == "builtins.dict" and \
            all(arg.keyword is not None for arg in value.args):
        keyword = next((arg.value for arg in value.args if arg.keyword.value == key), None)
        return Setting(keyword, key) if keyword is not None else None
    if not isinstance(value, cst.Dict):
        return None
    entries = [element for element in value.elements if isinstance(element, cst.DictElement)
               and isinstance(element.key, cst.SimpleString) and element.key.evaluated_value == key]
    if len(entries) != 1 or any(isinstance(element, cst.StarredDictElement) for element in value.elements):
        return None
    return Setting(entries[0].value, key)


def _dict_mutated(facts: ScriptFacts, binding) -> bool:
    """Is the dict a binding holds changed through any of its reads (`d[k] = v`, `d.update(...)`, `del d[k]`)?"""
    for read in binding.references:
        parent = facts.parents.get(read)
        if isinstance(parent, cst.Subscript) and _is_target(facts, parent):
            return True
        if isinstance(parent, cst.Attribute) and parent.attr.value in DICT_MUTATORS:
            return True
    return False


def _class_attribute(facts: ScriptFacts, name: cst.Name, attribute: str) -> Setting | None:
    scope = facts.structure.resolved.get(name)
    assignments = scope.assignments[name.value] if scope is not None else []
    if len(assignments) != 1 or not isinstance(assignments[0].node, cst.ClassDef):
        return None
    body = assignments[0].node.body.body
    class_scope = facts.scopes.get(body[0]) if body else None
    bindings = class_scope.assignments[attribute] if isinstance(class_scope, ClassScope) else []
    if len(bindings) != 1:
        return None
    value, statement = facts.assigned_value(bindings[0].node)
    if value is None or (isinstance(statement, cst.Assign) and len(statement.targets) != 1):
        return None
    if _attribute_set(facts, assignments[0], attribute):  # `Config.EPOCHS = 5` elsewhere
        return None
    return Setting(value, attribute)


def _is_target(facts: ScriptFacts, node: cst.CSTNode) -> bool:
    parent = facts.parents.get(node)
    return isinstance(parent, (cst.AssignTarget, cst.AugAssign, cst.Del)) or (
        isinstance(parent, cst.AnnAssign) and parent.target is node)
