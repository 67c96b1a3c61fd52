"""What `--distribution` needs of the script itself (docs/sagemaker-contract.md §6 and §10).

mwms: the script must create `tf.distribute.MultiWorkerMirroredStrategy()` before anything else touches
TensorFlow, and build and compile its model in the strategy's scope. Where it has no strategy, one is created
after the imports and each statement that builds or compiles a `fit`-trained model in the block that trains it
is wrapped in `with strategy.scope():` (one block per statement: a scope entered twice is the same scope). SDK v3
sets no TF_CONFIG, so one is built from SM_HOSTS and SM_CURRENT_HOST before the strategy when there are several
hosts and none is set (port 8890, as the TensorFlow container uses); with one host or locally nothing changes.
The chief-only export is the export rule's (it runs later and sees the strategy). What cannot be done safely is
reported: Keras 3's `fit` fails with two workers (§10), so without Keras 2 (`TF_USE_LEGACY_KERAS`, `tf_keras`)
on TF >= 2.16 nothing is added; a custom loop needs `strategy.run`; another strategy trains each host alone.

horovod: `hvd.init()` must be called, the export is rank 0's (the export rule), and the learning rate scaling is
left to the user but reported when nothing calls `hvd.size()`.

parameter-server: needs `tf.estimator.train_and_evaluate` on TF <= 2.15; reported otherwise.
"""

from __future__ import annotations

import libcst as cst

from sm_migrate.transforms import catalog, diagnostics
from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.edits import parse_statements
from sm_migrate.transforms.rules.examples import distribution as examples
from sm_migrate.transforms.versions import release

LEGACY_KERAS_VARIABLE = "TF_USE_LEGACY_KERAS"
MULTI_WORKER_PORT = 8890  # the TensorFlow container's port for multi_worker_mirrored_strategy (§6)
STRATEGY_COMMENT = "# Multi-worker training (added by sm-migrate for --distribution mwms): the strategy comes first"
TF_CONFIG_COMMENT = "# SageMaker SDK v3 sets no TF_CONFIG: the cluster the TensorFlow container would describe"
TF_CONFIG_CODE = """\
if "TF_CONFIG" not in {os}.environ and len({json}.loads({os}.environ.get("SM_HOSTS", "[]"))) > 1:
    {hosts} = {json}.loads({os}.environ["SM_HOSTS"])
    {os}.environ["TF_CONFIG"] = {json}.dumps({{
        "cluster": {{"worker": [f"{{host}}:{port}" for host in {hosts}]}},
        "task": {{"type": "worker", "index": {hosts}.index({os}.environ["SM_CURRENT_HOST"])}},
    }})
"""


class DistributionRule:
    name = "distribution"
    examples = examples.EXAMPLES

    def plan(self, ctx: PlanContext) -> None:
        kind = ctx.options.distribution
        if kind == "mwms":
            _plan_multi_worker(ctx)
        elif kind == "horovod":
            _check_horovod(ctx)
        elif kind == "parameter-server":
            _check_parameter_server(ctx)


def _strategy_calls(ctx: PlanContext) -> list[tuple[cst.Call, str]]:
    """Every `tf.distribute.*Strategy(...)` the script creates, with its qualified name."""
    found = []
    for node in ctx.facts.scopes:
        if isinstance(node, cst.Call):
            name = ctx.facts.qualified_name(node.func) or ""
            if name.startswith("tensorflow.distribute.") and name.endswith("Strategy"):
                found.append((node, name))
    return found


def _plan_multi_worker(ctx: PlanContext) -> None:
    facts = ctx.facts
    strategies = _strategy_calls(ctx)
    multi_worker = [call for call, name in strategies if name in catalog.MULTI_WORKER_STRATEGIES]
    if multi_worker:
        if not _has_string(ctx, "SM_HOSTS"):  # the script builds no TF_CONFIG of its own from the hosts
            ctx.insert_before(facts.statement_in_body(multi_worker[0]), _tf_config(ctx))
        return
    if strategies:
        call, name = strategies[0]
        ctx.report(call, diagnostics.MWMS_OTHER_STRATEGY, strategy=name.rsplit(".", 1)[-1])
        return
    fits = [fit for fit in facts.fit_calls if fit.method == "fit"]
    if not fits:
        if facts.tape_calls or facts.fit_calls:
            ctx.report((facts.tape_calls or [fit.call for fit in facts.fit_calls])[0], diagnostics.MWMS_CUSTOM_LOOP)
        return
    if catalog.keras3(ctx.options.framework_version) and not _keras2(ctx):
        ctx.report(fits[0].call, diagnostics.MWMS_KERAS3_FIT, version=ctx.options.framework_version)
        return
    wraps = [_scope_statements(ctx, fit) for fit in fits]
    missing = [fit for fit, statements in zip(fits, wraps) if statements is None]
    if missing:
        for fit in missing:
            ctx.report(fit.call, diagnostics.MWMS_NO_SCOPE, model=facts.module.code_for_node(fit.receiver),
                       strategy="strategy")
        return
    strategy = ctx.fresh_name("strategy", "strategy", "sm_strategy")
    tf = ctx.require_import("tensorflow", "tf")
    creation = parse_statements(f"{strategy} = {tf}.distribute.MultiWorkerMirroredStrategy()\n")
    added = [*_tf_config(ctx), *_commented(creation, STRATEGY_COMMENT)]
    body = list(facts.module.body)
    after_imports = body.index(_last_import(ctx)) + 1
    if after_imports < len(body):  # before the next statement, so that the argument preamble stays above
        ctx.insert_before(body[after_imports], added)
    else:
        ctx.insert_after(body[-1], added)
    for statement in dict.fromkeys(statement for statements in wraps for statement in statements):
        wrapped = cst.With(
            items=[cst.WithItem(cst.parse_expression(f"{strategy}.scope()"))],
            body=cst.IndentedBlock(body=[statement.with_changes(leading_lines=[])]),
            leading_lines=statement.leading_lines,
        )
        ctx.replace(statement, wrapped)
    # The strategy is now the script's: the export rule (later) saves on every worker, the chief's into the model
    # dir (§6), as for a script that created it itself.
    facts.multi_worker = True


def _keras2(ctx: PlanContext) -> bool:
    """The script trains with Keras 2 on any TensorFlow: it imports tf_keras or sets TF_USE_LEGACY_KERAS."""
    if any(module.split(".")[0] == "tf_keras" for module in ctx.facts.module_imports):
        return True
    return _has_string(ctx, LEGACY_KERAS_VARIABLE)


def _has_string(ctx: PlanContext, value: str) -> bool:
    return any(isinstance(node, cst.SimpleString) and node.evaluated_value == value for node in ctx.facts.scopes)


def _scope_statements(ctx: PlanContext, fit) -> list[cst.BaseStatement] | None:
    """The statements, in the block of the `fit` call, that build (`model = ...`) and compile its model; None
    when the model is not built there (a parameter, an attribute, built in another function)."""
    facts = ctx.facts
    if not isinstance(fit.receiver, cst.Name):
        return None
    name = fit.receiver.value
    fit_statement = facts.statement_of(fit.call)
    block = facts.parents.get(fit_statement)
    body = list(block.body) if isinstance(block, (cst.Module, cst.IndentedBlock)) else []
    if fit_statement not in body:
        return None
    if _inside_scope(ctx, fit_statement):
        return []
    before = body[: body.index(fit_statement)]
    built = [statement for statement in before if _assigns(statement, name)]
    if not built:
        return None
    compiled = [statement for statement in before[before.index(built[-1]):] if _calls_method(statement, name,
                                                                                               "compile")]
    return [built[-1], *compiled]


def _inside_scope(ctx: PlanContext, statement: cst.CSTNode) -> bool:
    current = ctx.facts.parents.get(statement)
    while current is not None:
        if isinstance(current, cst.With) and any(
                isinstance(item.item, cst.Call) and isinstance(item.item.func, cst.Attribute)
                and item.item.func.attr.value == "scope" for item in current.items):
            return True
        current = ctx.facts.parents.get(current)
    return False


def _assigns(statement: cst.BaseStatement, name: str) -> bool:
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return False
    small = statement.body[0]
    return isinstance(small, cst.Assign) and any(
        isinstance(target.target, cst.Name) and target.target.value == name for target in small.targets)


def _calls_method(statement: cst.BaseStatement, name: str, method: str) -> bool:
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return False
    small = statement.body[0]
    call = small.value if isinstance(small, cst.Expr) else None
    return isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and \
        call.func.attr.value == method and isinstance(call.func.value, cst.Name) and call.func.value.value == name


def _last_import(ctx: PlanContext) -> cst.BaseStatement:
    """The module's last top-level import (the docstring, or the first statement, when it has none): the strategy
    follows what the script sets up before importing TensorFlow (`TF_USE_LEGACY_KERAS`) and precedes its code."""
    body = ctx.facts.module.body
    imports = [statement for statement in body if isinstance(statement, cst.SimpleStatementLine)
               and all(isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body)]  # fmt: skip
    return imports[-1] if imports else body[0]


def _commented(statements: list[cst.BaseStatement], comment: str) -> list[cst.BaseStatement]:
    """The statements after a blank line and `comment`."""
    first = statements[0].with_changes(leading_lines=[cst.EmptyLine(indent=False),
                                                      cst.EmptyLine(comment=cst.Comment(comment))])
    return [first, *statements[1:]]


def _tf_config(ctx: PlanContext) -> list[cst.BaseStatement]:
    code = TF_CONFIG_CODE.format(os=ctx.require_import("os"), json=ctx.require_import("json"),
                                 hosts=ctx.fresh_name("sm_hosts", "_sm_hosts"), port=MULTI_WORKER_PORT)
    return _commented(parse_statements(code), TF_CONFIG_COMMENT)


def _check_horovod(ctx: PlanContext) -> None:
    facts = ctx.facts
    hvd = next((facts.module_imports[m] for m in catalog.HOROVOD_MODULES if m in facts.module_imports), None)
    anchor = facts.fit_calls[0].call if facts.fit_calls else facts.module.body[0]
    if hvd is None:
        ctx.report(anchor, diagnostics.HOROVOD_NOT_USED)
        return
    calls = {ctx.facts.qualified_name(node.func) for node in facts.scopes if isinstance(node, cst.Call)}
    modules = [m for m in catalog.HOROVOD_MODULES if m in facts.module_imports]
    if not any(f"{module}.init" in calls for module in modules):
        ctx.report(anchor, diagnostics.HOROVOD_NO_INIT, hvd=hvd)
    if not any(f"{module}.size" in calls for module in modules):
        ctx.report(anchor, diagnostics.HOROVOD_LEARNING_RATE, hvd=hvd)


def _check_parameter_server(ctx: PlanContext) -> None:
    facts = ctx.facts
    anchor = facts.fit_calls[0].call if facts.fit_calls else facts.module.body[0]
    if not facts.estimator_training:
        ctx.report(anchor, diagnostics.PARAMETER_SERVER_NEEDS_ESTIMATOR, why="does not train a tf.estimator")
    elif release(ctx.options.framework_version) > catalog.LAST_ESTIMATOR_VERSION:
        ctx.report(facts.estimator_training[0], diagnostics.PARAMETER_SERVER_NEEDS_ESTIMATOR,
                   why=f"targets TF {ctx.options.framework_version}")
