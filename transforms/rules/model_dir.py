"""Always accept `--model_dir`: the SageMaker TF estimator passes it (an S3 URI by default).

It is for checkpoints and `tf.estimator`, never for the final export: a script that exports there produces
no model.tar.gz (docs/sagemaker-contract.md §3, aws/sagemaker-python-sdk#1895). Without it, a script whose
parser has no such argument would still work thanks to `parse_known_args`, but the value would be lost to it.
A parser that only knows `--model-dir` gets `--model_dir` as a second spelling of the same option from the
option_spellings rule: argparse does not match one for the other, and SageMaker spells it with the underscore.
"""

from __future__ import annotations

from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.rules.examples import model_dir as examples

HYPHEN_FLAG = "--model-dir"


class ModelDirRule:
    name = "model_dir"
    examples = examples.EXAMPLES

    def plan(self, ctx: PlanContext) -> None:
        if HYPHEN_FLAG in ctx.args.existing_dests:
            return  # the option_spellings rule gives it the `--model_dir` spelling
        if ctx.facts.sagemaker_aware and not ctx.args.has_local_default("model_dir"):
            return  # a SageMaker-ready script parses with parse_known_args: an unused --model_dir is harmless
        ctx.args.require("model_dir")
