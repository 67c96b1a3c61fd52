"""Hyperparameters -> argparse arguments whose defaults are the script's own values.

Rewrites, wherever the parsed arguments are visible (sagemaker-contract.md §3: hyperparameters arrive as
`--name value` strings):
- module constants holding simple literals that are hyperparameters (`EPOCHS = 10` -> `EPOCHS = args.epochs`;
  the script keeps its own names, so the rest of the code is untouched);
- literal keyword arguments of Keras `fit` (`epochs=2` -> `epochs=args.epochs`);
- literal optimizer learning rates (`Adam(learning_rate=1e-3)`, `Adam(lr=...)`, `Adam(1e-3)`).
Values that are already expressions (names, `args.x`) are left alone, which is also what makes a second run a
no-op.
"""

from __future__ import annotations

import libcst as cst

from sm_migrate.results import HyperParameter
from sm_migrate.transforms import catalog
from sm_migrate.transforms.arguments import args_reference, bool_converter, existing_dests
from sm_migrate.transforms.edits import ArgumentSpec, EditPlan, flags_for, literal_value

NAME = "hyperparameters"


def plan(plan: EditPlan) -> list[HyperParameter]:
    lifter = _Lifter(plan)
    flowing = lifter.names_flowing_into_training()
    for statement in plan.facts.module.body:
        lifter.lift_constant(statement, flowing)
    for fit in plan.facts.fit_calls:
        for arg in fit.call.args:
            if arg.keyword is not None and arg.keyword.value in catalog.FIT_HYPERPARAMETERS:
                lifter.lift_literal(arg.value, arg.keyword.value, f"fit({arg.keyword.value}=)")
    for call in plan.facts.optimizer_calls:
        value = _learning_rate_argument(call)
        if value is not None:
            lifter.lift_literal(value, "learning_rate", "optimizer learning rate")
    for name, call in plan.facts.estimator_specs:
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in catalog.ESTIMATOR_STEP_KEYWORDS[name]:
                short = name.rsplit(".", 1)[-1]
                lifter.lift_literal(arg.value, catalog.ESTIMATOR_STEP_KEYWORDS[name][arg.keyword.value],
                                    f"{short}({arg.keyword.value}=)")
    if lifter.found:
        plan.transforms.append(NAME)
    return lifter.found


def _out_of_reach(plan: EditPlan) -> str:
    kind = plan.target.kind
    if kind == "foreign":
        return f"the script's {plan.facts.cli_framework} CLI defines its arguments; add an option for it by hand"
    if kind == "absl":
        return "absl flags are only parsed by app.run, after module-level code; read FLAGS inside main instead"
    return "the script's parsed arguments are not visible here; pass them in or add it to the parser by hand"


def _learning_rate_argument(call: cst.Call) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in catalog.LEARNING_RATE_KEYWORDS:
            return arg.value
    if call.args and call.args[0].keyword is None and not call.args[0].star:
        return call.args[0].value
    return None


class _Lifter:
    def __init__(self, plan: EditPlan) -> None:
        self.plan = plan
        self.found: list[HyperParameter] = []
        self.taken = existing_dests(plan)

    def names_flowing_into_training(self) -> set[str]:
        """Constants used directly as a fit hyperparameter or a learning rate: lifted whatever their name."""
        names = set()
        for fit in self.plan.facts.fit_calls:
            for arg in fit.call.args:
                if arg.keyword is not None and arg.keyword.value in catalog.FIT_HYPERPARAMETERS and isinstance(arg.value, cst.Name):
                    names.add(arg.value.value)
        for call in self.plan.facts.optimizer_calls:
            value = _learning_rate_argument(call)
            if isinstance(value, cst.Name):
                names.add(value.value)
        return names

    def lift_constant(self, statement: cst.BaseStatement, flowing: set[str]) -> None:
        if not (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1):
            return
        assign = statement.body[0]
        if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1 and isinstance(assign.targets[0].target, cst.Name)):
            return
        name = assign.targets[0].target.value
        if not catalog.is_constant_name(name) or literal_value(assign.value) is None:
            return
        if not (name in flowing or catalog.looks_like_hyperparameter(name)):
            return
        assignments = self.plan.facts.global_scope.assignments[name]
        if len(assignments) != 1 or not assignments[0].references:
            return  # reassigned (not a constant) or never used
        lower = name.lower()
        canonical = catalog.CANONICAL_HYPERPARAMETER_NAMES.get(lower, lower)
        aliases = (lower,) if canonical != lower else ()
        self.lift_literal(assign.value, canonical, name, aliases)

    def lift_literal(self, value: cst.BaseExpression, name: str, target: str, aliases: tuple[str, ...] = ()) -> None:
        literal = literal_value(value)
        if literal is None:
            return
        default, type_name = literal
        dest = self._dest_for(name, default, type_name)
        reference = args_reference(self.plan, value, dest)
        if reference is None:
            self.plan.warn(value, "SM101", f"hyperparameter {target} not lifted: {_out_of_reach(self.plan)}")
            return
        self.plan.replace(value, reference)
        line, _ = self.plan.facts.position(value)
        if any(hp.name == dest for hp in self.found):
            return
        self.found.append(HyperParameter(dest, default, type_name, line, target))
        type_code = bool_converter(self.plan) if type_name == "bool" else type_name
        default_code = repr(default) if type_name == "bool" else self.plan.facts.module.code_for_node(value)
        self.plan.add_argument(ArgumentSpec(dest, flags_for(dest, *(a for a in aliases if a not in self.taken)),
                                            type_code, default_code, f"{target} in the original script"))

    def _dest_for(self, name: str, default, type_name: str) -> str:
        """`name`, unless another value or the script's own parser already uses it."""
        candidate, index = name, 2
        while candidate in self.taken or any(
            hp.name == candidate and (hp.default, hp.type_name) != (default, type_name) for hp in self.found
        ):
            candidate, index = f"{name}_{index}", index + 1
        return candidate
