"""What would fail on SageMaker and no rule rewrites, reported where it is: data read over the network
(`http(s)://`, `gs://`, `s3://`, `hdfs://` paths given to a loader): a training job may have no internet access,
and its data comes from channels (docs/sagemaker-contract.md §1). Keras 2 APIs on a Keras 3 target are the
keras3_apis rule's: it renames what it can and reports the rest.
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


def _literal(facts, expr: cst.BaseExpression | None) -> str | None:
    """A string literal, or the module constant that holds one."""
    if isinstance(expr, cst.Name):
        expr = facts.constants.get(expr.value)
    if isinstance(expr, cst.SimpleString) and isinstance(expr.evaluated_value, str):
        return expr.evaluated_value
    return None
