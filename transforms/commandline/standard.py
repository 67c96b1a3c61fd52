"""SageMaker's own arguments: each reads its `SM_*` variable and falls back to a local value
(docs/sagemaker-contract.md §2, §3), in the order they appear in the parser. The flags follow AWS's examples.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sm_migrate.transforms.commandline.specs import SAGEMAKER, ArgumentSpec
from sm_migrate.transforms.literals import quote

if TYPE_CHECKING:
    from sm_migrate.transforms.context import PlanContext

# Checkpoints go to /opt/ml/checkpoints on SageMaker (synced to checkpoint_s3_uri). No variable names it, so it
# is derived from SM_MODEL_DIR (its sibling), which also keeps emulated jobs inside their own tree.
CHECKPOINT_DEFAULT = (
    '{os}.path.join({os}.path.dirname({os}.environ["SM_MODEL_DIR"]), "checkpoints") '
    'if "SM_MODEL_DIR" in {os}.environ else "checkpoints"'
)


def _sm_model_dir(ctx: PlanContext) -> ArgumentSpec:
    os = ctx.require_import("os")
    return ArgumentSpec("sm_model_dir", ("--sm-model-dir", "--sm_model_dir"), "str",
                        f'{os}.environ.get("SM_MODEL_DIR", {quote(ctx.options.local_model_dir)})',
                        "where the final model goes (SageMaker: SM_MODEL_DIR)")


def _output_data_dir(ctx: PlanContext) -> ArgumentSpec:
    os = ctx.require_import("os")
    return ArgumentSpec("output_data_dir", ("--output-data-dir", "--output_data_dir"), "str",
                        f'{os}.environ.get("SM_OUTPUT_DATA_DIR", {quote(ctx.options.local_output_data_dir)})',
                        "other artefacts (SageMaker: SM_OUTPUT_DATA_DIR)")


def _checkpoint_dir(ctx: PlanContext) -> ArgumentSpec:
    return ArgumentSpec("checkpoint_dir", ("--checkpoint-dir", "--checkpoint_dir"), "str",
                        CHECKPOINT_DEFAULT.format(os=ctx.require_import("os")),
                        "checkpoints (SageMaker: /opt/ml/checkpoints, synced to checkpoint_s3_uri)")


def _num_gpus(ctx: PlanContext) -> ArgumentSpec:
    os = ctx.require_import("os")
    return ArgumentSpec("num_gpus", ("--num-gpus", "--num_gpus"), "int", f'int({os}.environ.get("SM_NUM_GPUS", "0"))',
                        "GPUs on this host (SageMaker: SM_NUM_GPUS)")


def _hosts(ctx: PlanContext) -> ArgumentSpec:
    os, json = ctx.require_import("os"), ctx.require_import("json")
    return ArgumentSpec("hosts", ("--hosts",), f"{json}.loads",
                        f'{json}.loads({os}.environ.get("SM_HOSTS", \'["localhost"]\'))',
                        "all hosts of the job (SageMaker: SM_HOSTS)")


def _current_host(ctx: PlanContext) -> ArgumentSpec:
    os = ctx.require_import("os")
    return ArgumentSpec("current_host", ("--current-host", "--current_host"), "str",
                        f'{os}.environ.get("SM_CURRENT_HOST", "localhost")', "this host (SageMaker: SM_CURRENT_HOST)")


def _model_dir(ctx: PlanContext) -> ArgumentSpec:
    """The TF estimator passes `--model_dir` (an S3 URI by default): for checkpoints, never the final model."""
    return ArgumentSpec("model_dir", ("--model_dir", "--model-dir"), "str", ctx.args.local_default("model_dir"),
                        "checkpoints; an S3 URI on SageMaker (never the final model)")


STANDARD_ARGUMENTS: dict[str, Callable[[PlanContext], ArgumentSpec]] = {
    "sm_model_dir": _sm_model_dir,
    "output_data_dir": _output_data_dir,
    "checkpoint_dir": _checkpoint_dir,
    "num_gpus": _num_gpus,
    "hosts": _hosts,
    "current_host": _current_host,
    "model_dir": _model_dir,
}
RANKS = {dest: rank for rank, dest in enumerate(STANDARD_ARGUMENTS)}


def standard_spec(ctx: PlanContext, dest: str) -> ArgumentSpec:
    spec = STANDARD_ARGUMENTS[dest](ctx)
    spec.group, spec.rank = SAGEMAKER, RANKS[dest]
    return spec
