"""SageMaker `SM_*` environment defaults as arguments that fall back to local values.

Adds `--sm-model-dir` (`SM_MODEL_DIR`: where the final model must be written) and `--output-data-dir`
(`SM_OUTPUT_DATA_DIR`: other artefacts), and, where the script uses GPUs or distribution, `--num-gpus`,
`--hosts` and `--current-host` (sagemaker-contract.md §2). Each default reads the variable and falls back to
a local value, so the script still runs on a laptop; the flags follow AWS's own examples.
"""

from __future__ import annotations

from migrate.results import MigrationOptions
from transforms.edits import ArgumentSpec, EditPlan, quote

NAME = "sm_env"


def plan(plan: EditPlan, options: MigrationOptions) -> None:
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
            ArgumentSpec("hosts", ("--hosts",), f"{json}.loads", f'{json}.loads({os}.environ.get("SM_HOSTS", \'["localhost"]\'))',
                         "all hosts of the job (SageMaker: SM_HOSTS)"),
            ArgumentSpec("current_host", ("--current-host", "--current_host"), "str",
                         f'{os}.environ.get("SM_CURRENT_HOST", "localhost")', "this host (SageMaker: SM_CURRENT_HOST)"),
        ]
    for spec in specs:
        plan.add_argument(spec)
    plan.transforms.append(NAME)
