"""Every option of the script's own argparse parser also takes `--<dest>`, the spelling SageMaker passes (and
`--epochs` for `--num-epochs`, `--learning_rate` for `--lr`: the names launchers use).

SageMaker passes each hyperparameter as `--<name> <value>` under the name the launcher gives it
(docs/sagemaker-contract.md §3), and the contract names an option by its dest. argparse matches flags exactly:
an option spelled only `--batch-size` (dest `batch_size`) or `--num-epochs` with `dest="epochs"` never sees
`--batch_size 8` / `--epochs 2`, which `parse_known_args` then drops without a word. So the dest's own spelling is
added to the option's flags (`add_argument("--batch-size", "--batch_size", ...)`); that is also how `--model-dir`
takes the `--model_dir` SageMaker's TF estimator always passes. Options with only short flags, positionals and
SageMaker's own plumbing (`--sm-model-dir`, read from SM_* variables) are left alone, and so is a script already
written for SageMaker: its launcher already uses its spellings.
"""

from __future__ import annotations

import functools

import libcst as cst

from sm_migrate.transforms import catalog
from sm_migrate.transforms.commandline import existing_add_argument_calls
from sm_migrate.transforms.commandline.declared import SAGEMAKER_ARGUMENTS
from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.edits import with_comma
from sm_migrate.transforms.facts import option_dest, option_flags
from sm_migrate.transforms.rules.examples import option_spellings as examples

AMBIGUOUS_NAMES = frozenset({"epoch", "batch"})


class OptionSpellingsRule:
    name = "option_spellings"
    examples = examples.EXAMPLES

    def plan(self, ctx: PlanContext) -> None:
        calls = existing_add_argument_calls(ctx, ctx.args.target)
        taken = {flag for call in calls for flag in option_flags(call)}
        for call in calls:
            if not any(flag.startswith("--") for flag in option_flags(call)):
                continue  # a positional or a short-only option
            dest = option_dest(call)
            if dest in SAGEMAKER_ARGUMENTS - {"model_dir"}:
                continue  # plumbing read from SM_* variables: SageMaker never passes it
            if ctx.facts.sagemaker_aware and dest != "model_dir":
                continue  # a script already run on SageMaker is launched with its own spellings
            for spelling in ("--" + dest, *_standard_spelling(dest, calls)):
                if spelling not in taken and spelling.isascii() and spelling[2:].isidentifier():
                    taken.add(spelling)
                    # amended, not replaced: other rules may rewrite inside the call (its default, its type)
                    ctx.amend(call, functools.partial(_with_spelling, spelling=spelling))


def _standard_spelling(dest: str, calls: list[cst.Call]) -> tuple[str, ...]:
    """`--num-epochs` (dest num_epochs) also takes `--epochs`, the name a launcher's `epochs` hyperparameter
    arrives under, where no other option of the script stands for epochs. (Not `--epoch` or `--batch`: a start
    epoch and a batch index go by those names too.)"""
    standard = catalog.CANONICAL_HYPERPARAMETER_NAMES.get(dest)
    if standard is None or dest in AMBIGUOUS_NAMES:
        return ()
    if sum(catalog.CANONICAL_HYPERPARAMETER_NAMES.get(option_dest(call), option_dest(call)) == standard
           for call in calls) > 1:
        return ()
    return ("--" + standard,)


def _last_flag(call: cst.Call) -> int:
    return max(index for index, arg in enumerate(call.args) if arg.keyword is None
               and isinstance(arg.value, cst.SimpleString) and isinstance(arg.value.evaluated_value, str))


def _with_spelling(call: cst.Call, spelling: str) -> cst.Call:
    """`add_argument("--batch-size", ...)` -> `add_argument("--batch-size", "--batch_size", ...)`."""
    after = _last_flag(call)
    flag = call.args[after]
    quote = flag.value.quote if flag.value.quote in ("'", '"') else '"'  # the script's own quotes
    added = cst.Arg(cst.SimpleString(f"{quote}{spelling}{quote}"), comma=flag.comma)
    return call.with_changes(args=[*call.args[:after], *with_comma([flag]), added, *call.args[after + 1:]])
