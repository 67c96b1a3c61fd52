"""What the script's own parser (or absl flags) already declares: hyperparameters with literal defaults (or a
module constant holding one), and channels whose default reads SM_CHANNEL_<NAME>. A migrated script reports the
same contract as on its first migration, so launchers emitted from it stay the same."""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from sm_migrate.transforms.contract import HyperParameter
from sm_migrate.transforms.facts import option_flags
from sm_migrate.transforms.literals import literal_value

if TYPE_CHECKING:
    from sm_migrate.transforms.context import PlanContext

# Arguments that are SageMaker's plumbing, not hyperparameters a launcher should pass.
SAGEMAKER_ARGUMENTS = frozenset({"sm_model_dir", "output_data_dir", "checkpoint_dir", "model_dir", "num_gpus",
                                 "hosts", "current_host"})


def declared_contract(ctx: PlanContext) -> tuple[list[HyperParameter], dict[str, str]]:
    facts = ctx.facts
    hyperparameters, channels = [], {}
    for dest, default in facts.argument_defaults.items():
        if dest in SAGEMAKER_ARGUMENTS or ctx.claimed(default) or _takes_no_value(facts, default):
            continue
        channel = _channel_default(facts, default)
        if channel is not None:
            channels[channel[0]] = channel[1]
            continue
        if isinstance(default, cst.Name) and default.value in facts.constants:  # `default=EPOCHS`, `EPOCHS = 10`
            default = facts.constants[default.value]
        literal = literal_value(default)
        if literal is not None:
            line, _ = facts.position(default)
            hyperparameters.append(HyperParameter(_launch_name(facts, dest, default), literal[0], literal[1], line,
                                                  "the script's own argument"))
    return hyperparameters, channels


def _channel_default(facts, default: cst.BaseExpression) -> tuple[str, str] | None:
    """`os.environ.get("SM_CHANNEL_TRAIN", "data/train")` -> ("train", "data/train")."""
    if not (isinstance(default, cst.Call) and facts.qualified_name(default.func) == "os.environ.get"):
        return None
    values = [arg.value.evaluated_value for arg in default.args if isinstance(arg.value, cst.SimpleString)]
    if len(values) == 2 and all(isinstance(value, str) for value in values) and values[0].startswith("SM_CHANNEL_"):
        return values[0][len("SM_CHANNEL_"):].lower(), values[1]
    return None


def _takes_no_value(facts, default: cst.BaseExpression) -> bool:
    """An absl boolean flag or a store_true/store_false option: SageMaker passes `--flag False`, which sets it, so
    a launcher must not pass it (the command line rules report it)."""
    call = facts.parents.get(facts.parents.get(default))
    if not isinstance(call, cst.Call):
        return False
    if (facts.qualified_name(call.func) or "") in ("absl.flags.DEFINE_bool", "absl.flags.DEFINE_boolean"):
        return True
    return any(arg.keyword is not None and arg.keyword.value == "action" and isinstance(arg.value, cst.SimpleString)
               and arg.value.evaluated_value in ("store_true", "store_false") for arg in call.args)


def _launch_name(facts, dest: str, default: cst.BaseExpression) -> str:
    """The name a launcher passes the option by: its dest, which the option_spellings rule makes a flag, except in a
    script already written for SageMaker, left as it is: there the option's own long flag (`batch-size`)."""
    call = facts.parents.get(facts.parents.get(default))
    if not facts.sagemaker_aware or not isinstance(call, cst.Call):
        return dest
    long_flags = [flag[2:] for flag in option_flags(call) if flag.startswith("--")]
    return dest if not long_flags or dest in long_flags else long_flags[0]
