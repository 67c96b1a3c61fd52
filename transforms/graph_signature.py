"""The serving signature of a TF1 graph script that never exports: its input placeholders and its one clear
prediction tensor.

Such a script builds its graph from names bound once in one scope (`x = tf.placeholder(...)`, `logits =
tf.matmul(x, W) + b`, `loss = ...(labels=y, logits=logits)`, `train_op = opt.minimize(loss)`) and runs the
train op in a session, in a loop. The prediction is what the loss reads that depends on some of the loss's
placeholders but not all: the ones it lacks are the labels. Followed on through the names that depend on exactly
the same placeholders (`prediction = tf.nn.softmax(logits)`), it is the one such tensor no other reads, among
those bound before the training loop ends (the export goes there; a tensor made after it is not yet bound). Its
placeholders are the inputs; each must have a batch dimension (`keep_prob`, a scalar fed only in training, has
none, and the signature would demand it).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from sm_migrate.transforms import catalog
from sm_migrate.transforms.facts import ScriptFacts, walk

PLACEHOLDERS = frozenset({"tensorflow.placeholder", "tensorflow.compat.v1.placeholder"})
PREDICTION_WORDS = ("pred", "prob", "output", "logit", "score", "y_hat", "yhat")


@dataclass(frozen=True)
class GraphSignature:
    session: str  # the session's name, where the export runs
    inputs: tuple[str, ...]  # placeholder names
    outputs: tuple[str, ...]  # tensor names
    anchor: cst.BaseStatement  # after the training loop, with the session still open


def graph_signature(facts: ScriptFacts) -> GraphSignature | str:
    """The signature to export the graph with, or why it can't be told (a phrase for the report)."""
    runs = list(_training_runs(facts))
    if not runs:
        return "no `sess.run(train_op, ...)` of an optimizer's minimize() in a loop is found"
    call, session, loss = runs[-1]
    anchor = facts.statement_after_loops(call)
    graph = Graph(facts, facts.scopes.get(call))
    labelled = graph.reach.get(loss, set())
    feature_side = [name for name in graph.ancestors(loss) if name not in graph.placeholders
                    and graph.reach.get(name) and graph.reach[name] < labelled]
    if not feature_side:
        return f"no tensor the loss `{loss}` reads depends on its inputs without its labels"
    inputs = set().union(*(graph.reach[name] for name in feature_side))
    bound_before = {name for name, statement in graph.statements.items()
                    if facts.position(statement) < facts.position(anchor)}  # the export goes after the loop
    predictions = {name for name in graph.values if name not in graph.placeholders and graph.reach.get(name)
                   and graph.reach[name] <= inputs and not _is_summary(facts, graph.values[name])
                   and (name in feature_side or graph.ancestors(name) & set(feature_side)) and name in bound_before}
    sinks = sorted(name for name in predictions if not any(name in graph.uses[other] for other in predictions))
    if len(sinks) > 1:
        named = [name for name in sinks if any(word in name.lower() for word in PREDICTION_WORDS)]
        sinks = named if len(named) == 1 else sinks
    if len(sinks) != 1:
        return f"several tensors could be the prediction ({', '.join(sinks)})"
    output = sinks[0]
    unbatched = sorted(name for name in graph.reach[output] if not _has_batch_dimension(graph.values[name]))
    if unbatched:
        return f"the prediction `{output}` also needs placeholder `{unbatched[0]}`, which has no batch dimension"
    # a finalized graph takes no export (docs/tensorflow-and-libcst-notes.md)
    scope = facts.structure.resolved.get(session)
    opened = _session_value(facts, scope.assignments[session.value][0].node)
    if facts.qualified_name(opened.func) in catalog.FINALIZED_SESSIONS:
        return (f"`{session.value}` is a monitored session, whose graph is final, so no export can be added inside "
                "it; restore its last checkpoint into a plain Session after training")
    if not _session_open_at(facts, session, anchor):
        return f"the session `{session.value}` is closed before the training loop ends"
    return GraphSignature(session.value, tuple(sorted(graph.reach[output])), (output,), anchor)


class Graph:
    """The names a scope binds exactly once by a plain assignment, what each reads, and the placeholders each
    depends on."""

    def __init__(self, facts: ScriptFacts, scope) -> None:
        self.values: dict[str, cst.BaseExpression] = {}
        self.statements: dict[str, cst.Assign] = {}
        for name, assignments in scope.assignments.items():
            if len(assignments) == 1:
                value, statement = facts.assigned_value(assignments[0].node)
                if value is not None and isinstance(statement, cst.Assign) and len(statement.targets) == 1:
                    self.values[name] = value
                    self.statements[name] = statement
        self.uses = {name: {node.value for node in walk(value) if isinstance(node, cst.Name)
                            and node.value in self.values and node.value != name}
                     for name, value in self.values.items()}
        self.placeholders = {name for name, value in self.values.items() if isinstance(value, cst.Call)
                             and facts.qualified_name(value.func) in PLACEHOLDERS}
        self.reach = {name: ({name} | self.ancestors(name)) & self.placeholders for name in self.values}

    def ancestors(self, name: str) -> set[str]:
        found, todo = set(), [name]
        while todo:
            for used in self.uses.get(todo.pop(), ()):
                if used not in found:
                    found.add(used)
                    todo.append(used)
        return found


def _training_runs(facts: ScriptFacts):
    """(the run call, the session's name, the loss) of each `sess.run(train_op, ...)` inside a loop."""
    for call in facts.session_train_runs:
        session = call.func.value
        if not _is_session(facts, session) or facts.statement_after_loops(call) is facts.statement_of(call):
            continue
        for name in walk(call.args[0].value):
            loss = _minimized_loss(facts, name) if isinstance(name, cst.Name) else None
            if loss is not None:
                yield call, session, loss
                break


def _session_value(facts: ScriptFacts, bound: cst.CSTNode) -> cst.BaseExpression | None:
    """What a binding of the session's name holds: `with <value> as sess`, `sess = <value>`."""
    parent = facts.parents.get(bound)
    if isinstance(parent, cst.AsName) and isinstance(facts.parents.get(parent), cst.WithItem):
        return facts.parents.get(parent).item
    return facts.assigned_value(bound)[0]


def _is_session(facts: ScriptFacts, name: cst.Name) -> bool:
    scope = facts.structure.resolved.get(name)
    assignments = scope.assignments[name.value] if scope is not None else []
    return len(assignments) == 1 and _session_value(facts, assignments[0].node) in facts.session_calls


def _minimized_loss(facts: ScriptFacts, name: cst.Name) -> str | None:
    """`train_op = optimizer.minimize(loss)`: "loss"."""
    value = facts.only_value(name)
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.args and \
            value.func.attr.value in catalog.TF1_TRAINING_OPS and isinstance(value.args[0].value, cst.Name):
        return value.args[0].value.value
    return None


def _is_summary(facts: ScriptFacts, value: cst.BaseExpression) -> bool:
    name = facts.qualified_name(value.func) if isinstance(value, cst.Call) else None
    return bool(name) and ".summary." in name


def _has_batch_dimension(placeholder: cst.Call) -> bool:
    """`tf.placeholder(tf.float32, [None, 784])`: a shape whose first dimension is None."""
    shape = next((arg.value for arg in placeholder.args if arg.keyword and arg.keyword.value == "shape"), None)
    positional = [arg.value for arg in placeholder.args if arg.keyword is None]
    if shape is None and len(positional) > 1:
        shape = positional[1]
    if not isinstance(shape, (cst.List, cst.Tuple)) or not shape.elements:
        return False
    first = shape.elements[0].value
    return isinstance(first, cst.Name) and first.value == "None"


def _session_open_at(facts: ScriptFacts, session: cst.Name, anchor: cst.BaseStatement) -> bool:
    """Inside the `with tf.Session() as sess:` block, or after `sess = tf.Session()` in the same scope with no
    `sess.close()` before the anchor."""
    scope = facts.structure.resolved.get(session)
    bound = scope.assignments[session.value][0].node
    with_item = facts.enclosing(bound, cst.WithItem)
    if with_item is not None:
        return facts.inside(anchor, facts.enclosing(with_item, cst.With).body)
    closed = any(isinstance(call.func.value, cst.Name) and call.func.value.value == session.value
                 and facts.position(call) < facts.position(anchor) for call in facts.method_calls("close"))
    return not closed and facts.scopes.get(anchor) is scope
