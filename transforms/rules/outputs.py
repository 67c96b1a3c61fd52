"""Checkpoints, logs and other artefacts -> the directories SageMaker keeps, original places locally.

On SageMaker only `/opt/ml/model`, `/opt/ml/output/data` and `/opt/ml/checkpoints` outlive the job
(docs/sagemaker-contract.md §1); the code dir is discarded. So, where the path is static:
- checkpoints (`ModelCheckpoint`, `BackupAndRestore`, `tf.train.CheckpointManager`, `Checkpoint.save`) go
  under `--checkpoint-dir` (`/opt/ml/checkpoints` on SageMaker, synced to `checkpoint_s3_uri`);
- logs, plots, predictions and other files (`TensorBoard`, `CSVLogger`, `savefig`, `np.save`, `to_csv`,
  `open(..., "w")`) go under `--output-data-dir` (`SM_OUTPUT_DATA_DIR`);
- a folder that is the default of the script's own option (`--log-dir`, default "logs") has that default
  re-rooted, so the option keeps working.
Locally each keeps its original path. What can't be re-rooted safely (an f-string) is reported.
"""

from __future__ import annotations

import posixpath

from sm_migrate.transforms import diagnostics
from sm_migrate.transforms.commandline.standard import CHECKPOINT_DEFAULT
from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.edits import parse_expression
from sm_migrate.transforms.literals import quote
from sm_migrate.transforms.paths import PathUseSite
from sm_migrate.transforms.rules.examples import outputs as examples

# A local folder named for what the SageMaker dir already is adds nothing under it.
REDUNDANT_FOLDERS = {
    "checkpoint": frozenset({"checkpoints", "checkpoint", "ckpt", "ckpts"}),
    "output": frozenset({"output", "outputs", "out"}),
}


class OutputsRule:
    name = "outputs"
    examples = examples.EXAMPLES

    def plan(self, ctx: PlanContext) -> None:
        for site in ctx.paths.writes:
            root = site.path.root
            if ctx.claimed(root):
                continue
            if site.path.is_fstring:
                flag = "--checkpoint-dir" if site.role == "checkpoint" else "--output-data-dir"
                ctx.report(site.call, diagnostics.OUTPUT_AT_RUN_TIME, role=site.role, flag=flag)
                continue
            ctx.replace(root, _rerooted(ctx, site))


def _rerooted(ctx: PlanContext, site: PathUseSite):
    """`_sm_path(<local path>, <SageMaker dir>/<path>)`. The default of the script's own option (`--log-dir`,
    default "logs") is rewritten in place and reads the SM_* variable: the parsed arguments don't exist yet there,
    and a value given on the command line still wins."""
    os = ctx.require_import("os", at=site.path.root)
    in_default = site.path.is_default
    if site.role == "checkpoint":
        if not in_default:
            ctx.args.require("checkpoint_dir")
        dest, fallback = "checkpoint_dir", CHECKPOINT_DEFAULT.format(os=os)
    else:
        dest = "output_data_dir"
        fallback = f'{os}.environ.get("SM_OUTPUT_DATA_DIR", {quote(ctx.options.local_output_data_dir)})'
    reference = None if in_default else ctx.args.reference(site.path.root, dest)
    if reference is not None and dest == "output_data_dir":
        ctx.args.require(dest)
    folder = ctx.facts.module.code_for_node(reference) if reference is not None else f"({fallback})"
    local = ctx.facts.module.code_for_node(site.path.root)
    text = posixpath.normpath(site.path.root_text)
    relative = posixpath.basename(text) if text.startswith(("/", "..")) else text
    first, _, rest = relative.partition("/")
    if rest and first.lower() in REDUNDANT_FOLDERS[site.role]:  # checkpoints/best.keras -> <checkpoint dir>/best.keras
        relative = rest
    if site.path.root_text.endswith("/"):  # `"logs/" + stamp`: the text appended needs the "/"
        relative = posixpath.join(relative, "")
    return parse_expression(f"{ctx.helper('sm_path')}({local}, {os}.path.join({folder}, {quote(relative)}))")
