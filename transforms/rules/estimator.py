"""tf.estimator scripts: `model_dir` wired to SageMaker's `--model_dir`, step counts as hyperparameters.

The TF estimator passes `--model_dir` (an S3 URI) for exactly this: the estimator's checkpoints, which the
parameter-server mode requires (docs/sagemaker-contract.md §3, §6). The script's own model_dir (a literal, or the
constant it comes from) becomes the argument's local default. The export (`export_saved_model`) is the export
rule's: its base becomes the model dir, where it writes a numeric timestamp folder TF Serving accepts.
tf.estimator is gone from TF 2.16 on, and SageMaker has no 2.15 training image, so a newer `--framework-version`
gets a warning (docs/tensorflow-and-libcst-notes.md, "Installing TensorFlow for tests").
"""

from __future__ import annotations

import libcst as cst

from sm_migrate.transforms import catalog, diagnostics
from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.literals import quote
from sm_migrate.transforms.paths import resolve
from sm_migrate.transforms.rules.examples import estimator as examples
from sm_migrate.transforms.versions import release


class EstimatorRule:
    name = "estimator"
    examples = examples.EXAMPLES

    def plan(self, ctx: PlanContext) -> None:
        facts = ctx.facts
        if not facts.estimator_calls and not facts.estimator_training:
            return
        if release(ctx.options.framework_version) > catalog.LAST_ESTIMATOR_VERSION:
            first = (facts.estimator_calls or facts.estimator_training)[0]
            ctx.report(first, diagnostics.NO_ESTIMATOR_IN_TARGET, version=ctx.options.framework_version)
        for call in facts.estimator_calls:
            for arg in call.args:
                if arg.keyword is not None and arg.keyword.value == "model_dir":
                    self._wire_model_dir(ctx, arg.value)

    def _wire_model_dir(self, ctx: PlanContext, value: cst.BaseExpression) -> None:
        """`model_dir="runs/x"` (or a constant holding it) -> `args.model_dir`, defaulting to "runs/x" locally."""
        for path in resolve(ctx.facts, value):
            if path.is_fstring or path.is_default or ctx.claimed(path.root) or path.root_text != path.full:
                continue
            reference = ctx.args.reference(path.root, "model_dir")
            if reference is None:
                ctx.report(value, diagnostics.ESTIMATOR_MODEL_DIR_UNREACHABLE)
                continue
            ctx.replace(path.root, reference)
            ctx.args.set_local_default("model_dir", quote(path.root_text))
