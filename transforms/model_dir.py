"""Always accept `--model_dir`: the SageMaker TF estimator passes it (an S3 URI by default).

It is for checkpoints and `tf.estimator`, never for the final export: a script that exports there produces
no model.tar.gz (sagemaker-contract.md §3, aws/sagemaker-python-sdk#1895). Without it, a script whose parser
has no such argument would still work thanks to `parse_known_args`, but the value would be lost to it.
"""

from __future__ import annotations

from sm_migrate.transforms.edits import ArgumentSpec, EditPlan
from sm_migrate.transforms.sm_env import ORDER

NAME = "model_dir"


def plan(plan: EditPlan) -> None:
    if plan.facts.sagemaker_aware and plan.model_dir_default == "None":
        return  # a SageMaker-ready script parses with parse_known_args: an unused --model_dir is harmless there
    plan.add_argument(
        ArgumentSpec("model_dir", ("--model_dir", "--model-dir"), "str", plan.model_dir_default,
                     "checkpoints; an S3 URI on SageMaker (never the final model)",
                     order=ORDER["model_dir"])
    )
    plan.transforms.append(NAME)
