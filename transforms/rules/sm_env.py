"""SageMaker `SM_*` environment defaults as arguments that fall back to local values.

Adds `--sm-model-dir` (`SM_MODEL_DIR`: where the final model must be written) and `--output-data-dir`
(`SM_OUTPUT_DATA_DIR`: other artefacts), and, where the script uses GPUs or distribution, `--num-gpus`,
`--hosts` and `--current-host` (docs/sagemaker-contract.md §2; the specs are commandline/standard.py).
A script that already reads `SM_*` variables is SageMaker-aware: it gets only the arguments other rules
actually use, so a ready script stays byte-identical and a partly ready one gets what is missing.
"""

from __future__ import annotations

from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.rules.examples import sm_env as examples


class SageMakerEnvironmentRule:
    name = "sm_env"
    examples = examples.EXAMPLES

    def plan(self, ctx: PlanContext) -> None:
        if ctx.facts.sagemaker_aware:
            return
        wanted = ["sm_model_dir", "output_data_dir"]
        if ctx.facts.uses_devices:
            wanted += ["num_gpus", "hosts", "current_host"]
        for dest in wanted:
            ctx.args.require(dest)
