"""SageMaker `SM_*` environment defaults as arguments that fall back to local values.

Adds `--sm-model-dir` (`SM_MODEL_DIR`: where the final model must be written) and `--output-data-dir`
(`SM_OUTPUT_DATA_DIR`: other artefacts), and, where the script uses GPUs or distribution, `--num-gpus`,
`--hosts` and `--current-host` (sagemaker-contract.md §2). Each default reads the variable and falls back to
a local value, so the script still runs on a laptop; the flags follow AWS's own examples.
A script that already reads `SM_*` variables is SageMaker-aware: it gets only the arguments other transforms
actually use (`require`), so a ready script stays byte-identical and a partly ready one gets what is missing.
"""

from __future__ import annotations

from sm_migrate.results import MigrationOptions
from sm_migrate.transforms.edits import ArgumentSpec, EditPlan, quote

NAME = "sm_env"


def require(plan: EditPlan, dest: str) -> None:
    """Make sure the argument `dest` ("sm_model_dir", "output_data_dir", ...) exists."""
    plan.add_argument(_specs(plan, plan.options)[dest])


def plan(plan: EditPlan, options: MigrationOptions) -> None:
    if plan.facts.sagemaker_aware:
        return
    specs = _specs(plan, options)
    wanted = ["sm_model_dir", "output_data_dir"]
    if plan.facts.uses_devices:
        wanted += ["num_gpus", "hosts", "current_host"]
    for dest in wanted:
        plan.add_argument(specs[dest])
    plan.transforms.append(NAME)


def _specs(plan: EditPlan, options: MigrationOptions) -> dict[str, ArgumentSpec]:
    os = plan.module("os")
    specs = [
        ArgumentSpec("sm_model_dir", ("--sm-model-dir", "--sm_model_dir"), "str",
                     f'{os}.environ.get("SM_MODEL_DIR", {quote(options.local_model_dir)})',
                     "where the final model goes (SageMaker: SM_MODEL_DIR)"),
        ArgumentSpec("output_data_dir", ("--output-data-dir", "--output_data_dir"), "str",
                     f'{os}.environ.get("SM_OUTPUT_DATA_DIR", {quote(options.local_output_data_dir)})',
                     "other artefacts (SageMaker: SM_OUTPUT_DATA_DIR)"),
    ]
    if plan.facts.uses_devices:
        json = plan.module("json")
        specs += [
            ArgumentSpec("num_gpus", ("--num-gpus", "--num_gpus"), "int", f'int({os}.environ.get("SM_NUM_GPUS", "0"))',
                         "GPUs on this host (SageMaker: SM_NUM_GPUS)"),
            ArgumentSpec("hosts", ("--hosts",), f"{json}.loads",
                         f'{json}.loads({os}.environ.get("SM_HOSTS", \'["localhost"]\'))',
                         "all hosts of the job (SageMaker: SM_HOSTS)"),
            ArgumentSpec("current_host", ("--current-host", "--current_host"), "str",
                         f'{os}.environ.get("SM_CURRENT_HOST", "localhost")', "this host (SageMaker: SM_CURRENT_HOST)"),
        ]
    for spec in specs:
        spec.order = ORDER[spec.dest]
    return {spec.dest: spec for spec in specs}


# The SageMaker arguments' place in the parser, after hyperparameters and channels, always in this order.
ORDER = {"sm_model_dir": 10, "output_data_dir": 11, "checkpoint_dir": 12, "num_gpus": 13, "hosts": 14,
         "current_host": 15, "model_dir": 16}
