"""The model of a custom loop that is no Keras model nor tf.Module: a function over tf.Variables (tutorial style,
`weights = {"h1": tf.Variable(...)}` and `def neural_net(x): ...`, or `model = lambda x: ...`), or an instance of a
plain class whose `__call__` reads its own tf.Variables.

No SavedModel API saves such a thing as it is; what can be served is the function itself, traced with an input
signature like the input the loop fed it. So the analysis looks for the one call, inside the tape's `with` block,
of such a function (or object) with one argument, and for that argument where code after the loop sees it: the
name itself, or, through the step function's parameter, the argument its caller passes (`train_step(batch_x, y)`).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from sm_migrate.transforms.facts import ScriptFacts, walk
from sm_migrate.transforms.scopes import ClassScope, FunctionScope

VARIABLE = "tensorflow.Variable"


@dataclass(frozen=True)
class LoopFunction:
    predict: cst.Name  # the function (or plain object) the loop trains, as called inside the tape
    example: cst.BaseExpression | None  # an input it was called with, visible where the export goes


def loop_function(facts: ScriptFacts, tape: cst.Call, anchor: cst.CSTNode, plain_models: set[str],
                  visible: list) -> LoopFunction | None:
    """The function (or plain-class instance, by name in `plain_models`) the loop of `tape` trains, visible at
    `anchor` (in one of the `visible` scopes), with an input example visible there too (else None); None unless
    exactly one such function is found."""
    with_statement = facts.enclosing(tape, cst.With)
    if with_statement is None:
        return None
    calls = [node for node in walk(with_statement.body) if isinstance(node, cst.Call) and _one_argument(node)
             and isinstance(node.func, cst.Name)
             and (node.func.value in plain_models or _reads_variables(facts, node.func))]
    if len({call.func.value for call in calls}) != 1:
        return None
    if facts.structure.resolved.get(calls[0].func) not in visible:
        return None
    examples = {facts.module.code_for_node(example): example for call in calls
                for example in _examples(facts, call.args[0].value, visible)}
    return LoopFunction(calls[0].func, next(iter(examples.values())) if len(examples) == 1 else None)


def _one_argument(call: cst.Call) -> bool:
    return len(call.args) == 1 and call.args[0].keyword is None and not call.args[0].star


def _reads_variables(facts: ScriptFacts, function: cst.Name) -> bool:
    """Is `function` a function of the script (a `def` or a name bound to a lambda) whose body reads a
    module-level tf.Variable (or a dict, list or tuple of them)?"""
    scope = facts.structure.resolved.get(function)
    bodies = []
    for assignment in scope.assignments[function.value] if scope is not None else ():
        value = assignment.node if isinstance(assignment.node, cst.FunctionDef) else \
            facts.assigned_value(assignment.node)[0]
        if not isinstance(value, (cst.FunctionDef, cst.Lambda)):
            return False
        bodies.append(value.body)
    return any(isinstance(node, cst.Name) and _is_variable_name(facts, node) for body in bodies for node in walk(body))


def _is_variable_name(facts: ScriptFacts, name: cst.Name) -> bool:
    scope = facts.structure.resolved.get(name)
    if scope is None or isinstance(scope, (FunctionScope, ClassScope)):
        return False
    values = [facts.assigned_value(a.node)[0] for a in scope.assignments[name.value]]
    return bool(values) and all(value is not None and _holds_variables(facts, value) for value in values)


def _holds_variables(facts: ScriptFacts, value: cst.BaseExpression) -> bool:
    if isinstance(value, cst.Call):
        return facts.qualified_name(value.func) == VARIABLE
    if isinstance(value, cst.Dict):
        elements = [element.value for element in value.elements if isinstance(element, cst.DictElement)]
    elif isinstance(value, (cst.List, cst.Tuple)):
        elements = [element.value for element in value.elements if not isinstance(element, cst.StarredElement)]
    else:
        return False
    return bool(elements) and all(_holds_variables(facts, element) for element in elements)


def _examples(facts: ScriptFacts, argument: cst.BaseExpression, visible: list) -> list[cst.BaseExpression]:
    """`argument` where it is a name the export sees; a parameter of the step function: the names its callers
    pass in its place, where the export sees them."""
    if not isinstance(argument, cst.Name):
        return []
    scope = facts.structure.resolved.get(argument)
    if scope in visible:
        return [argument]
    bindings = scope.assignments[argument.value] if isinstance(scope, FunctionScope) else []
    if len(bindings) != 1 or not isinstance(bindings[0].node, cst.Param):
        return []
    passed = facts.parameter_arguments(bindings[0].node) or []
    if not passed or not all(isinstance(value, cst.Name) and facts.structure.resolved.get(value) in visible
                             for value in passed):
        return []
    return passed
