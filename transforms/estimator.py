"""tf.estimator scripts: `model_dir` wired to SageMaker's `--model_dir`, step counts as hyperparameters.

The TF estimator passes `--model_dir` (an S3 URI) for exactly this: the estimator's checkpoints, which the
parameter-server mode requires (sagemaker-contract.md §3, §6). The script's own model_dir (a literal, or the
constant it comes from) becomes the argument's local default. The export (`export_saved_model`) is handled by
transforms.export: its base becomes the model dir, where it writes a numeric timestamp folder TF Serving
accepts. tf.estimator is gone from TF 2.16 on, and SageMaker has no 2.15 training image, so a newer
`--framework-version` gets a warning (tensorflow-and-libcst-notes.md).
"""

from __future__ import annotations

import libcst as cst

from sm_migrate.transforms import catalog
from sm_migrate.transforms.arguments import args_reference
from sm_migrate.transforms.edits import EditPlan, quote
from sm_migrate.transforms.paths import resolve

NAME = "estimator"


def plan(plan: EditPlan) -> None:
    facts = plan.facts
    if not facts.estimator_calls and not facts.estimator_training:
        return
    if catalog.version_tuple(plan.options.framework_version) > catalog.LAST_ESTIMATOR_VERSION:
        first = (facts.estimator_calls or facts.estimator_training)[0]
        plan.warn(first, "SM401", f"tf.estimator does not exist in TF {plan.options.framework_version} (removed in "
                  "2.16) and SageMaker has no 2.15 training image: use --framework-version 2.14")
    for call in facts.estimator_calls:
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == "model_dir":
                _wire_model_dir(plan, arg.value)
    if plan.model_dir_default != "None":
        plan.transforms.append(NAME)


def _wire_model_dir(plan: EditPlan, value: cst.BaseExpression) -> None:
    """`model_dir="runs/x"` (or a constant holding it) -> `args.model_dir`, defaulting to "runs/x" locally."""
    for path in resolve(plan.facts, value):
        if path.is_fstring or path.is_default or path.root in plan.replacements or path.root_text != path.full:
            continue
        reference = args_reference(plan, path.root, "model_dir")
        if reference is None:
            plan.warn(value, "SM101", "the estimator's model_dir can't reach the parsed --model_dir here: wire it "
                      "by hand (SageMaker passes its S3 checkpoint location there)")
            continue
        plan.replace(path.root, reference)
        plan.model_dir_default = quote(path.root_text)
