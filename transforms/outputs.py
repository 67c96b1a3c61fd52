"""Checkpoints, logs and other artefacts -> the directories SageMaker keeps, original places locally.

On SageMaker only `/opt/ml/model`, `/opt/ml/output/data` and `/opt/ml/checkpoints` outlive the job
(sagemaker-contract.md §1); the code dir is discarded. So, where the path is static:
- checkpoints (`ModelCheckpoint`, `BackupAndRestore`, `tf.train.CheckpointManager`, `Checkpoint.save`) go
  under `--checkpoint-dir`: `/opt/ml/checkpoints` on SageMaker (synced to `checkpoint_s3_uri`); no variable
  names it, so it is derived from `SM_MODEL_DIR` (its sibling), which also keeps emulated jobs inside their own
  tree (`SAGEMAKER_BASE_DIR`);
- logs, plots, predictions and other files (`TensorBoard`, `CSVLogger`, `savefig`, `np.save`, `to_csv`,
  `open(..., "w")`) go under `--output-data-dir` (`SM_OUTPUT_DATA_DIR`).
Locally each keeps its original path. What can't be re-rooted safely is reported.
"""

from __future__ import annotations

import posixpath

from sm_migrate.transforms import sm_env
from sm_migrate.transforms.arguments import args_reference, sm_path_helper
from sm_migrate.transforms.edits import ArgumentSpec, EditPlan, parse_expression, quote
from sm_migrate.transforms.paths import PathUseSite, script_paths

NAME = "outputs"
# A local folder named for what the SageMaker dir already is adds nothing under it.
REDUNDANT_FOLDERS = {
    "checkpoint": frozenset({"checkpoints", "checkpoint", "ckpt", "ckpts"}),
    "output": frozenset({"output", "outputs", "out"}),
}
CHECKPOINT_DEFAULT = (
    '{os}.path.join({os}.path.dirname({os}.environ["SM_MODEL_DIR"]), "checkpoints") '
    'if "SM_MODEL_DIR" in {os}.environ else "checkpoints"'
)


def plan(plan: EditPlan) -> None:
    changed = False
    for site in script_paths(plan.facts).writes:
        root = site.path.root
        if root in plan.replacements:
            continue
        if site.path.is_fstring or site.path.is_default:
            plan.warn(site.call, "SM303", f"{site.role} path built at run time: re-root it under "
                      f"{'--checkpoint-dir' if site.role == 'checkpoint' else '--output-data-dir'} by hand")
            continue
        plan.replace(root, _rerooted(plan, site))
        changed = True
    if changed:
        plan.transforms.append(NAME)


def _rerooted(plan: EditPlan, site: PathUseSite):
    os = plan.module("os")
    if site.role == "checkpoint":
        plan.add_argument(ArgumentSpec("checkpoint_dir", ("--checkpoint-dir", "--checkpoint_dir"), "str",
                                       CHECKPOINT_DEFAULT.format(os=os),
                                       "checkpoints (SageMaker: /opt/ml/checkpoints, synced to checkpoint_s3_uri)",
                                       order=sm_env.ORDER["checkpoint_dir"]))
        dest, fallback = "checkpoint_dir", CHECKPOINT_DEFAULT.format(os=os)
    else:
        dest = "output_data_dir"
        fallback = f'{os}.environ.get("SM_OUTPUT_DATA_DIR", {quote(plan.options.local_output_data_dir)})'
    reference = args_reference(plan, site.path.root, dest)
    if reference is not None and dest == "output_data_dir":
        sm_env.require(plan, dest)
    folder = plan.facts.module.code_for_node(reference) if reference is not None else f"({fallback})"
    local = plan.facts.module.code_for_node(site.path.root)
    text = posixpath.normpath(site.path.root_text)
    relative = posixpath.basename(text) if text.startswith(("/", "..")) else text
    first, _, rest = relative.partition("/")
    if rest and first.lower() in REDUNDANT_FOLDERS[site.role]:  # checkpoints/best.keras -> <checkpoint dir>/best.keras
        relative = rest
    return parse_expression(f"{sm_path_helper(plan)}({local}, {os}.path.join({folder}, {quote(relative)}))")
