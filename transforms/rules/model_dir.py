"""Always accept `--model_dir`: the SageMaker TF estimator passes it (an S3 URI by default).

It is for checkpoints and `tf.estimator`, never for the final export: a script that exports there produces
no model.tar.gz (docs/sagemaker-contract.md §3, aws/sagemaker-python-sdk#1895). Without it, a script whose
parser has no such argument would still work thanks to `parse_known_args`, but the value would be lost to it.
A parser that only knows `--model-dir` gets `--model_dir` as a second spelling of the same option: argparse
does not match one for the other, and SageMaker spells it with the underscore.
"""

from __future__ import annotations

import functools

import libcst as cst

from sm_migrate.transforms.commandline import existing_add_argument_calls
from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.edits import with_comma
from sm_migrate.transforms.rules.examples import model_dir as examples

SAGEMAKER_FLAG, HYPHEN_FLAG = "--model_dir", "--model-dir"


class ModelDirRule:
    name = "model_dir"
    examples = examples.EXAMPLES

    def plan(self, ctx: PlanContext) -> None:
        existing = ctx.args.existing_dests
        if HYPHEN_FLAG in existing and SAGEMAKER_FLAG not in existing:
            _add_underscore_spelling(ctx)
            return
        if ctx.facts.sagemaker_aware and not ctx.args.has_local_default("model_dir"):
            return  # a SageMaker-ready script parses with parse_known_args: an unused --model_dir is harmless
        ctx.args.require("model_dir")


def _add_underscore_spelling(ctx: PlanContext) -> None:
    for call in existing_add_argument_calls(ctx, ctx.args.target):
        flags = [arg for arg in call.args if arg.keyword is None and isinstance(arg.value, cst.SimpleString)]
        if any(arg.value.evaluated_value == HYPHEN_FLAG for arg in flags):
            # amended, not replaced: other rules may rewrite inside the call (its default, its type)
            ctx.amend(call, functools.partial(_with_spelling, last_flag=call.args.index(flags[-1])))
            return


def _with_spelling(call: cst.Call, last_flag: int) -> cst.Call:
    """`add_argument("--model-dir", ...)` -> `add_argument("--model-dir", "--model_dir", ...)`."""
    flag = call.args[last_flag]
    spelling = cst.Arg(cst.SimpleString(f'"{SAGEMAKER_FLAG}"'), comma=flag.comma)
    return call.with_changes(args=[*call.args[:last_flag], *with_comma([flag]), spelling, *call.args[last_flag + 1:]])
