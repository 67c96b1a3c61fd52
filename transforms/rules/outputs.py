"""Checkpoints, logs and other artefacts -> the directories SageMaker keeps, original places locally.

On SageMaker only `/opt/ml/model`, `/opt/ml/output/data` and `/opt/ml/checkpoints` outlive the job
(docs/sagemaker-contract.md §1); the code dir is discarded. So, where the path is static:
- checkpoints (`ModelCheckpoint`, `BackupAndRestore`, `tf.train.CheckpointManager`, `Checkpoint.save`) go
  under `--checkpoint-dir` (`/opt/ml/checkpoints` on SageMaker, synced to `checkpoint_s3_uri`);
- logs, plots, predictions and other files (`TensorBoard`, `CSVLogger`, `savefig`, `np.save`, `to_csv`,
  `open(..., "w")`) go under `--output-data-dir` (`SM_OUTPUT_DATA_DIR`);
- files written into the folder the model is saved in (a tokenizer, a scaler) go to the model dir with the model;
- a folder that is the default of the script's own option (`--log-dir`, default "logs") has that default
  re-rooted, so the option keeps working.
An f-string's literal folder is re-rooted and the rest joined onto it. Locally each keeps its original path. A
path already under a folder SageMaker keeps (`/opt/ml/checkpoints`, `/opt/ml/output/tensorboard`, which the SDK's
TensorBoard output syncs) is left as it is: moving it would take it away from what syncs or restores it.
"""

from __future__ import annotations

import posixpath

import libcst as cst

from sm_migrate.transforms import catalog
from sm_migrate.transforms.commandline.standard import CHECKPOINT_DEFAULT
from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.edits import parse_expression
from sm_migrate.transforms.facts import FILE_SAVE_KINDS
from sm_migrate.transforms.literals import quote
from sm_migrate.transforms.paths import PathUseSite, normal_path, resolve
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
        model_folders = _model_folders(ctx)
        # checkpoint folders named on their own (`latest_checkpoint("ckpt")`): kept whole under the checkpoint dir,
        # so that a save into them (`"ckpt/ckpt"`) lands where the restore looks
        whole = {site.path.full for site in ctx.paths.writes if site.role == "checkpoint"}
        for site in ctx.paths.writes:
            root = site.path.root
            if ctx.claimed(root) or catalog.kept_by_sagemaker(site.path.full):
                continue  # (`/opt/ml/checkpoints`, `/opt/ml/output/tensorboard`: where SageMaker keeps it already)
            if site.path.is_default and root is ctx.facts.argument_defaults.get("model_dir"):
                continue  # SageMaker always passes --model_dir (S3): the model_dir_artefacts rule re-roots its uses
            beside = _model_folder_of(site, model_folders)
            if site.path.is_fstring:
                ctx.replace(root, _rerooted_fstring(ctx, site))
                continue
            ctx.replace(root, _rerooted(ctx, site, beside_model=beside, whole_folders=whole))


def _model_folders(ctx: PlanContext) -> set[str]:
    """The folders the script saves its model files into (`model.save("artifacts/model.keras")`)."""
    return {posixpath.dirname(path.full) for save in ctx.facts.save_calls if save.kind in FILE_SAVE_KINDS
            for path in resolve(ctx.facts, save.path) if path.complete} - {""}


def _model_folder_of(site: PathUseSite, model_folders: set[str]) -> str | None:
    """The model folder an output is written into beside the model (a tokenizer, a scaler, a label map): the
    model's deliverable, which goes with the model to the model dir rather than to the output data."""
    folder = posixpath.dirname(site.path.full)
    return folder if site.role == "output" and site.path.complete and folder in model_folders else None


def _rerooted_fstring(ctx: PlanContext, site: PathUseSite) -> cst.BaseExpression:
    """`f"plots/{name}.png"` -> `os.path.join(_sm_path("plots", ...), f"{name}.png")`: the literal folder is
    re-rooted and the part built at run time joined onto it (the helper call can't go inside the f-string: its
    quotes would end it before Python 3.12)."""
    fstring, folder = site.path.root, site.path.root_text
    first = fstring.parts[0]
    rest = first.value[len(folder) + 1:]
    remainder = fstring.with_changes(parts=[*([first.with_changes(value=rest)] if rest else []), *fstring.parts[1:]])
    os = ctx.require_import("os", at=fstring)
    space = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    folder_arg = cst.Arg(_rerooted(ctx, site, quote(folder), is_folder=True), comma=space)
    return cst.Call(parse_expression(f"{os}.path.join"), [folder_arg, cst.Arg(remainder)])


def _rerooted(ctx: PlanContext, site: PathUseSite, local: str | None = None, is_folder: bool = False,
              beside_model: str | None = None, whole_folders: frozenset | set = frozenset()) -> cst.BaseExpression:
    """`_sm_path(<local path>, <SageMaker dir>/<path>)`. The default of the script's own option (`--log-dir`,
    default "logs") is rewritten in place and reads the SM_* variable: the parsed arguments don't exist yet there,
    and a value given on the command line still wins. A file beside the model goes to the model dir, where the
    model's own files go."""
    os = ctx.require_import("os", at=site.path.root)
    in_default = site.path.is_default
    if site.role == "checkpoint":
        if not in_default:
            ctx.args.require("checkpoint_dir")
        dest, fallback = "checkpoint_dir", CHECKPOINT_DEFAULT.format(os=os)
    elif beside_model is not None:
        dest, fallback = "sm_model_dir", f'{os}.environ.get("SM_MODEL_DIR", {quote(ctx.options.local_model_dir)})'
    else:
        dest = "output_data_dir"
        fallback = f'{os}.environ.get("SM_OUTPUT_DATA_DIR", {quote(ctx.options.local_output_data_dir)})'
    reference = None if in_default else ctx.args.reference(site.path.root, dest)
    if reference is not None and dest != "checkpoint_dir":
        ctx.args.require(dest)
    if reference is not None:
        folder = ctx.facts.module.code_for_node(reference)
    else:  # the checkpoint fallback is a conditional expression: parenthesised to be an argument
        folder = f"({fallback})" if dest == "checkpoint_dir" else fallback
    local = local or ctx.facts.module.code_for_node(site.path.root)
    text = posixpath.normpath(site.path.root_text)
    relative = posixpath.basename(text) if text.startswith(("/", "..")) else text
    if beside_model is not None:  # `artifacts/vectorizer.pkl` -> <model dir>/vectorizer.pkl, beside model.keras there
        relative = posixpath.relpath(text, beside_model)
        relative = "" if relative == "." else relative
    first, _, rest = relative.partition("/")
    if rest and first.lower() in REDUNDANT_FOLDERS[site.role] and first not in whole_folders:
        # checkpoints/best.keras -> <checkpoint dir>/best.keras
        relative = rest
    # `"logs/" + stamp`: the text appended needs the "/"; and `_sm_path` creates a folder ending in "/" on SageMaker,
    # where the script's own `os.makedirs("plots")` made it only locally
    is_folder = is_folder or site.path.full != normal_path(site.path.root_text)  # `OUT = Path("outputs")`
    if site.path.root_text.endswith("/") or is_folder:
        relative = posixpath.join(relative, "")
    return parse_expression(f"{ctx.helper('sm_path')}({local}, {os}.path.join({folder}, {quote(relative)}))")
