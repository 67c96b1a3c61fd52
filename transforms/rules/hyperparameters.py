"""Hyperparameters -> command-line arguments whose defaults are the script's own values.

Rewrites, wherever the parsed arguments are visible (docs/sagemaker-contract.md §3: hyperparameters arrive as
`--name value` strings):
- module constants holding simple literals that are hyperparameters (`EPOCHS = 10` -> `EPOCHS = args.epochs`;
  the script keeps its own names, so the rest of the code is untouched);
- literal keyword arguments of Keras `fit` (`epochs=2` -> `epochs=args.epochs`);
- literal optimizer learning rates (`Adam(learning_rate=1e-3)`, `Adam(lr=...)`, `Adam(1e-3)`);
- literal step counts of an estimator's TrainSpec/EvalSpec.
Values that are already expressions (names, `args.x`) are left alone, which is also what makes a second run a
no-op.
"""

from __future__ import annotations

import libcst as cst

from sm_migrate.transforms import catalog, diagnostics
from sm_migrate.transforms.commandline.specs import ArgumentSpec, flags_for
from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.contract import HyperParameter
from sm_migrate.transforms.literals import literal_value
from sm_migrate.transforms.names import unique_name
from sm_migrate.transforms.rules.examples import hyperparameters as examples


class HyperparametersRule:
    name = "hyperparameters"
    examples = examples.EXAMPLES

    def plan(self, ctx: PlanContext) -> None:
        facts = ctx.facts
        flowing = _names_flowing_into_training(ctx)
        for statement in facts.module.body:
            _lift_constant(ctx, statement, flowing)
        for fit in facts.fit_calls:
            for arg in fit.call.args:
                if arg.keyword is not None and arg.keyword.value in catalog.FIT_HYPERPARAMETERS:
                    _lift_literal(ctx, arg.value, arg.keyword.value, f"fit({arg.keyword.value}=)")
        for call in facts.optimizer_calls:
            value = _learning_rate_argument(call)
            if value is not None:
                _lift_literal(ctx, value, "learning_rate", "optimizer learning rate")
        for name, call in facts.estimator_specs:
            for arg in call.args:
                if arg.keyword is not None and arg.keyword.value in catalog.ESTIMATOR_STEP_KEYWORDS[name]:
                    short = name.rsplit(".", 1)[-1]
                    _lift_literal(ctx, arg.value, catalog.ESTIMATOR_STEP_KEYWORDS[name][arg.keyword.value],
                                  f"{short}({arg.keyword.value}=)")


def _learning_rate_argument(call: cst.Call) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in catalog.LEARNING_RATE_KEYWORDS:
            return arg.value
    if call.args and call.args[0].keyword is None and not call.args[0].star:
        return call.args[0].value
    return None


def _names_flowing_into_training(ctx: PlanContext) -> set[str]:
    """Constants used directly as a fit hyperparameter or a learning rate: lifted whatever their name."""
    names = set()
    for fit in ctx.facts.fit_calls:
        for arg in fit.call.args:
            if arg.keyword is not None and arg.keyword.value in catalog.FIT_HYPERPARAMETERS and \
                    isinstance(arg.value, cst.Name):
                names.add(arg.value.value)
    for call in ctx.facts.optimizer_calls:
        value = _learning_rate_argument(call)
        if isinstance(value, cst.Name):
            names.add(value.value)
    return names


def _lift_constant(ctx: PlanContext, statement: cst.BaseStatement, flowing: set[str]) -> None:
    if not (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1):
        return
    assign = statement.body[0]
    if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1
            and isinstance(assign.targets[0].target, cst.Name)):
        return
    name = assign.targets[0].target.value
    if not catalog.is_constant_name(name) or literal_value(assign.value) is None:
        return
    if not (name in flowing or catalog.looks_like_hyperparameter(name)):
        return
    assignments = ctx.facts.global_scope.assignments[name]
    if len(assignments) != 1 or not assignments[0].references:
        return  # reassigned (not a constant) or never used
    lower = name.lower()
    canonical = catalog.CANONICAL_HYPERPARAMETER_NAMES.get(lower, lower)
    aliases = (lower,) if canonical != lower else ()
    _lift_literal(ctx, assign.value, canonical, name, aliases)


def _lift_literal(ctx: PlanContext, value: cst.BaseExpression, name: str, target: str,
                  aliases: tuple[str, ...] = ()) -> None:
    literal = literal_value(value)
    if literal is None:
        return
    default, type_name = literal
    dest = _dest_for(ctx, name, default, type_name)
    reference = ctx.args.reference(value, dest)
    if reference is None:
        ctx.report(value, diagnostics.NOT_LIFTED, target=target, why=ctx.args.out_of_reach())
        return
    ctx.replace(value, reference)
    line, _ = ctx.facts.position(value)
    if ctx.contract.lifted(dest):
        return
    ctx.contract.hyperparameter(HyperParameter(dest, default, type_name, line, target))
    type_code = ctx.helper("str_to_bool") if type_name == "bool" else type_name
    default_code = repr(default) if type_name == "bool" else ctx.facts.module.code_for_node(value)
    taken = ctx.args.existing_dests
    ctx.args.declare(ArgumentSpec(dest, flags_for(dest, *(a for a in aliases if a not in taken)),
                                  type_code, default_code, f"{target} in the original script"))


def _dest_for(ctx: PlanContext, name: str, default, type_name: str) -> str:
    """`name`, unless another value or the script's own parser already uses it."""
    def taken(candidate: str) -> bool:
        lifted = ctx.contract.lifted(candidate)
        return candidate in ctx.args.existing_dests or (
            lifted is not None and (lifted.default, lifted.type_name) != (default, type_name))

    return unique_name((name,), taken)
