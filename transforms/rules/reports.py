"""What would fail on SageMaker and no rule rewrites, reported where it is:
- data read over the network (`http(s)://`, `gs://`, `s3://`, `hdfs://` paths given to a loader): a training job
  may have no internet access, and its data comes from channels (docs/sagemaker-contract.md §1);
- Keras 2 APIs on a Keras 3 target (TF >= 2.16): `fit_generator` and its siblings, `lr=` of an optimizer,
  `nb_epoch=`, `save(save_format=...)` (docs/sagemaker-contract.md §5).
"""

from __future__ import annotations

import libcst as cst

from sm_migrate.transforms import catalog, diagnostics
from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.rules.examples import reports as examples

NETWORK_PREFIXES = tuple(prefix for prefix in catalog.REMOTE_PREFIXES if prefix != "file://")


class ReportsRule:
    name = "reports"
    examples = examples.EXAMPLES

    def plan(self, ctx: PlanContext) -> None:
        facts = ctx.facts
        for use in facts.path_uses:
            url = _literal(facts, use.path)
            if use.role in ("read", "read_dir") and url is not None and url.startswith(NETWORK_PREFIXES):
                ctx.report(use.call, diagnostics.REMOTE_DATA, url=url)
        if catalog.keras3(ctx.options.framework_version):
            for node, api, replacement in _keras2_apis(facts):
                ctx.report(node, diagnostics.KERAS2_API, api=api, replacement=replacement,
                           version=ctx.options.framework_version)


def _literal(facts, expr: cst.BaseExpression | None) -> str | None:
    """A string literal, or the module constant that holds one."""
    if isinstance(expr, cst.Name):
        expr = facts.constants.get(expr.value)
    if isinstance(expr, cst.SimpleString) and isinstance(expr.evaluated_value, str):
        return expr.evaluated_value
    return None


def _keras2_apis(facts):
    for call in facts.keras2_methods:
        method = call.func.attr.value
        yield call.func.attr, f"{method}()", f"{catalog.KERAS2_METHODS[method]}()"
    keyword_tables = [
        ([fit.call for fit in facts.fit_calls], catalog.KERAS2_FIT_KEYWORDS),
        (facts.optimizer_calls, catalog.KERAS2_OPTIMIZER_KEYWORDS),
        ([save.call for save in facts.save_calls if save.kind == "save"], catalog.KERAS2_SAVE_KEYWORDS),
    ]
    for calls, table in keyword_tables:
        for call in calls:
            for arg in call.args:
                if arg.keyword is not None and arg.keyword.value in table:
                    yield arg.keyword, f"{arg.keyword.value}=", table[arg.keyword.value]
