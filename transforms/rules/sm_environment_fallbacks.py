"""`os.environ["SM_CHANNEL_TRAIN"]` and the like -> `os.environ.get("SM_CHANNEL_TRAIN", "train")`.

A script written for SageMaker that subscripts its `SM_*` variables dies with KeyError anywhere else, so it can
never be tried on a laptop. On SageMaker the variable is set and `.get` returns the same value; off it, the
fallback is the local value the fresh path's own arguments use (commandline/standard.py,
docs/sagemaker-contract.md §2): the local model and output dirs of the options, a folder named after the channel
in lower case (which also becomes the job's channel), one `localhost` host, no GPUs. A variable with no local
equivalent (SM_HPS, SM_TRAINING_ENV, SM_HP_<NAME>, ...) is reported and left alone. Assignments and `del` of the
variable are no reads, and a read the script only makes on SageMaker (under a test of an SM_* variable, as in
`os.environ["SM_MODEL_DIR"] if "SM_MODEL_DIR" in os.environ else ...`, or in a `try` that catches KeyError) does
not fail: untouched. A `.get` with no fallback whose value is handed to a call (an option's default
`os.environ.get("SM_CHANNEL_TRAIN")`, `json.loads(os.environ.get("SM_HOSTS"))`) gets the same fallback as the `.get`'s
second argument; one that is only tested keeps its None. A read in the path a model is saved to
gets its fallback too: the export rule amends that save around it.
"""

from __future__ import annotations

import libcst as cst
from libcst.helpers import get_full_name_for_node

from sm_migrate.transforms import catalog, diagnostics
from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.edits import parse_expression
from sm_migrate.transforms.literals import quote
from sm_migrate.transforms.rules.examples import sm_environment_fallbacks as examples


class SmEnvironmentFallbacksRule:
    name = "sm_environment_fallbacks"
    examples = examples.EXAMPLES

    def plan(self, ctx: PlanContext) -> None:
        facts = ctx.facts
        for node in list(facts.parents):
            if isinstance(node, cst.Call):
                _fallback_for_default(ctx, node)
                continue
            variable = _read_sm_variable(facts, node)
            if variable is None or _on_sagemaker_only(facts, node) or _rewritten_around(ctx, node):
                continue
            fallback = _local_fallback(ctx, variable)
            if fallback is None:
                ctx.report(node, diagnostics.SM_VARIABLE_NO_FALLBACK, variable=variable)
                continue
            environ = facts.module.code_for_node(node.value)
            key = facts.module.code_for_node(node.slice[0].slice.value)
            literal = repr(fallback) if '"' in fallback else quote(fallback)  # '["localhost"]', as the fresh path's
            if ctx.replace(node, parse_expression(f"{environ}.get({key}, {literal})")):
                if variable.startswith(catalog.CHANNEL_VARIABLE_PREFIX):
                    ctx.contract.channel(variable[len(catalog.CHANNEL_VARIABLE_PREFIX):].lower(), fallback)
                ctx.report(node, diagnostics.SM_VARIABLE_FALLBACK, variable=variable, fallback=fallback)


def _fallback_for_default(ctx: PlanContext, call: cst.Call) -> None:
    """`add_argument("--train", default=os.environ.get("SM_CHANNEL_TRAIN"))`, `json.loads(os.environ.get("SM_HOSTS"))`:
    off SageMaker the value is None, which the script then uses (as a path, as JSON). The fallback goes in as the
    `.get`'s second argument."""
    facts = ctx.facts
    if facts.qualified_name(call.func) not in ("os.environ.get", "os.getenv") or len(call.args) != 1 or \
            call.args[0].keyword is not None or not isinstance(call.args[0].value, cst.SimpleString):
        return
    variable = call.args[0].value.evaluated_value
    parent = facts.parents.get(call)
    consumer = facts.parents.get(parent)
    # its value handed on (an option's default, `json.loads(...)`, a join); a test of it (`if os.environ.get(...)`,
    # how a script tells SageMaker from a laptop) keeps its None
    if not (isinstance(variable, str) and variable.startswith("SM_") and isinstance(parent, cst.Arg)
            and isinstance(consumer, cst.Call) and facts.qualified_name(consumer.func) != "builtins.bool"):
        return
    fallback = _local_fallback(ctx, variable)
    if fallback is None or _rewritten_around(ctx, call):
        return
    literal = repr(fallback) if '"' in fallback else quote(fallback)
    key = facts.module.code_for_node(call.args[0].value)
    if ctx.replace(call, parse_expression(f"{facts.module.code_for_node(call.func)}({key}, {literal})")):
        if variable.startswith(catalog.CHANNEL_VARIABLE_PREFIX):
            ctx.contract.channel(variable[len(catalog.CHANNEL_VARIABLE_PREFIX):].lower(), fallback)
        ctx.report(call, diagnostics.SM_DEFAULT_FALLBACK, variable=variable, fallback=fallback)


def _read_sm_variable(facts, node: cst.CSTNode) -> str | None:
    """The SM_* variable `node` reads, where it is `os.environ["SM_..."]` read (not assigned or deleted)."""
    if not (isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index)):
        return None
    key = node.slice[0].slice.value
    if not (isinstance(key, cst.SimpleString) and isinstance(key.evaluated_value, str)
            and key.evaluated_value.startswith("SM_") and facts.qualified_name(node.value) == "os.environ"):
        return None
    parent = facts.parents.get(node)
    if isinstance(parent, (cst.AssignTarget, cst.Del)) or (
            isinstance(parent, (cst.AugAssign, cst.AnnAssign)) and parent.target is node):
        return None
    return key.evaluated_value


def _local_fallback(ctx: PlanContext, variable: str) -> str | None:
    if variable == "SM_MODEL_DIR":
        return ctx.options.local_model_dir
    if variable == "SM_OUTPUT_DATA_DIR":
        return ctx.options.local_output_data_dir
    if variable.startswith(catalog.CHANNEL_VARIABLE_PREFIX) and len(variable) > len(catalog.CHANNEL_VARIABLE_PREFIX):
        return variable[len(catalog.CHANNEL_VARIABLE_PREFIX):].lower()
    return catalog.SAGEMAKER_VARIABLE_FALLBACKS.get(variable)


def _on_sagemaker_only(facts, node: cst.CSTNode) -> bool:
    """`node` only runs where the script has checked for SM_* variables, or its KeyError is caught."""
    child, parent = node, facts.parents.get(node)
    while parent is not None:
        if isinstance(parent, (cst.If, cst.IfExp, cst.While)) and child is parent.body and _tests_sm(parent.test):
            return True
        if isinstance(parent, cst.BooleanOperation) and isinstance(parent.operator, cst.And) and \
                child is parent.right and _tests_sm(parent.left):
            return True
        if isinstance(parent, cst.Try) and child is parent.body and any(
                _catches_key_error(handler) for handler in parent.handlers):
            return True
        child, parent = parent, facts.parents.get(parent)
    return False


def _tests_sm(test: cst.BaseExpression) -> bool:
    pending = [test]
    while pending:
        node = pending.pop()
        if isinstance(node, cst.SimpleString) and isinstance(node.evaluated_value, str) and \
                node.evaluated_value.startswith("SM_"):
            return True
        pending.extend(node.children)
    return False


def _catches_key_error(handler: cst.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    caught = handler.type.elements if isinstance(handler.type, cst.Tuple) else [handler.type]
    names = {get_full_name_for_node(getattr(element, "value", element)) for element in caught}
    return bool(names & {"KeyError", "LookupError", "Exception", "BaseException"})


def _rewritten_around(ctx: PlanContext, node: cst.CSTNode) -> bool:
    """Another rule replaces `node` or an expression around it: an edit inside would be dropped with it."""
    current = node
    while current is not None:
        if ctx.claimed(current):
            return True
        current = ctx.facts.parents.get(current)
    return False
