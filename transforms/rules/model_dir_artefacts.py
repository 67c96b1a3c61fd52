"""Artefacts written under `--model_dir` -> the output data dir (`SM_OUTPUT_DATA_DIR`).

Scripts of the older SageMaker examples write their training history, arrays or logs beside the model with
`open(args.model_dir + "/history.p", "w")` or `np.save(os.path.join(args.model_dir, ...))`. But `--model_dir` is
what the TF estimator passes for checkpoints, an S3 URI (docs/sagemaker-contract.md §3), and SDK v3 passes
nothing: the write raises FileNotFoundError (or TypeError on None). Every writer of the path catalogue with the
role "output" whose path reads `<parsed args>.model_dir` is re-rooted: that reference becomes the output data dir
(`args.output_data_dir`, or `os.environ.get("SM_OUTPUT_DATA_DIR", ...)` where the parsed arguments are out of
reach), and the folder is created first, as the local one may not exist yet.

The output data dir, not the model dir: these files are results to look at, not parts of the model.
SageMaker uploads the output data dir as output.tar.gz next to model.tar.gz; the model dir becomes what an
endpoint loads, where TensorFlow Serving expects version folders only (§5). It is also where the fresh path's
outputs rule puts the same writers (`np.save`, `open(..., "w")`, `to_csv`), so a script gets one answer whichever
path it takes. Checkpoints are no "output": on SageMaker they go to the checkpoint dir the outputs rule uses
(`_sm_path(args.model_dir, args.checkpoint_dir)`), and locally stay where they were.
"""

from __future__ import annotations

import libcst as cst

from sm_migrate.transforms import diagnostics
from sm_migrate.transforms.commandline.standard import CHECKPOINT_DEFAULT
from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.edits import parse_expression, parse_statements
from sm_migrate.transforms.literals import quote
from sm_migrate.transforms.rules.examples import model_dir_artefacts as examples

MODEL_DIR = "model_dir"
ABSL_FLAGS = "absl.flags.FLAGS"
CHECKPOINTS_KEPT = ("checkpoint_dir", "/opt/ml/checkpoints", "SM_MODEL_DIR")  # a checkpoint path SageMaker keeps


class ModelDirArtefactsRule:
    name = "model_dir_artefacts"
    examples = examples.EXAMPLES

    def plan(self, ctx: PlanContext) -> None:
        facts = ctx.facts
        namespaces = {parse.args_name for parse in facts.parse_calls if parse.args_name}
        namespaces.update(name for name, value in facts.constants.items()  # FLAGS = flags.FLAGS
                          if facts.qualified_name(value) == ABSL_FLAGS)
        created: set[tuple[cst.CSTNode, str]] = set()  # (block, folder) where a makedirs was inserted
        for use in facts.path_uses:
            if use.role not in ("output", "checkpoint") or use.path is None:
                continue
            if use.role == "checkpoint" and any(marker in facts.module.code_for_node(use.path)
                                                for marker in CHECKPOINTS_KEPT):
                continue  # (migrated already: `_sm_path(args.model_dir, args.checkpoint_dir)`)
            for reference in _model_dir_references(ctx, use.path, namespaces):
                if use.role == "checkpoint":
                    _checkpoint_on_sagemaker(ctx, reference, use.call)
                else:
                    self._reroot(ctx, use.call, reference, created)

    def _reroot(self, ctx: PlanContext, call: cst.Call, reference: cst.Attribute, created: set) -> None:
        facts = ctx.facts
        statement = facts.statement_of(call)
        why = _why_kept(ctx, reference, statement)
        folder = None if why is not None else ctx.args.reference(reference, "output_data_dir")
        if folder is None and why is None and _in_fstring(facts, reference):
            why = "the parsed arguments are out of reach inside this f-string"
        if why is not None:
            ctx.report(reference, diagnostics.ARTEFACT_UNDER_MODEL_DIR_KEPT, why=why)
            return
        os = ctx.require_import("os")
        if folder is not None:
            ctx.args.require("output_data_dir")
        else:
            folder = parse_expression(
                f'{os}.environ.get("SM_OUTPUT_DATA_DIR", {quote(ctx.options.local_output_data_dir)})')
        ctx.replace(reference, folder)
        text = facts.module.code_for_node(folder)
        block = facts.parents.get(statement)
        if (block, text) not in created:  # the block's first write creates it for the writes after it
            created.add((block, text))
            ctx.insert_before(statement, _with_blank_lines_of(statement, f"{os}.makedirs({text}, exist_ok=True)\n"))
        ctx.report(reference, diagnostics.ARTEFACT_UNDER_MODEL_DIR, local=ctx.options.local_output_data_dir)


def _checkpoint_on_sagemaker(ctx: PlanContext, reference: cst.Attribute, call: cst.Call) -> None:
    """`ModelCheckpoint(os.path.join(args.model_dir, "best.keras"))`: `args.model_dir` becomes
    `_sm_path(args.model_dir, <checkpoint dir>)`, so locally nothing changes."""
    why = _why_kept(ctx, reference, ctx.facts.statement_of(call))
    if why is not None:
        ctx.report(reference, diagnostics.ARTEFACT_UNDER_MODEL_DIR_KEPT, why=why)
        return
    folder = ctx.args.reference(reference, "checkpoint_dir")
    if folder is not None:
        ctx.args.require("checkpoint_dir")
        folder_code = ctx.facts.module.code_for_node(folder)
    else:
        folder_code = f"({CHECKPOINT_DEFAULT.format(os=ctx.require_import('os'))})"
    local = ctx.facts.module.code_for_node(reference)
    ctx.replace(reference, parse_expression(f"{ctx.helper('sm_path')}({local}, {folder_code})"))
    ctx.report(reference, diagnostics.CHECKPOINT_UNDER_MODEL_DIR)


def _model_dir_references(ctx: PlanContext, path: cst.BaseExpression, namespaces: set[str]) -> list[cst.Attribute]:
    """`<namespace>.model_dir` anywhere in the path expression (a join, `+`, an f-string): the parsed argparse
    namespace, or absl's FLAGS."""
    found, pending = [], [path]
    while pending:
        node = pending.pop()
        if isinstance(node, cst.Attribute) and node.attr.value == MODEL_DIR and (
                (isinstance(node.value, cst.Name) and node.value.value in namespaces)
                or ctx.facts.qualified_name(node.value) == ABSL_FLAGS):
            found.append(node)
            continue
        pending.extend(node.children)
    return found


def _why_kept(ctx: PlanContext, reference: cst.CSTNode, statement: cst.CSTNode) -> str | None:
    current = reference
    while current is not None:
        if ctx.claimed(current):
            return "another rewrite of this path comes first"
        current = ctx.facts.parents.get(current)
    if not isinstance(ctx.facts.parents.get(statement), (cst.Module, cst.IndentedBlock)):
        return "the folder can't be created before this statement (an elif or a one-line block)"
    return None


def _in_fstring(facts, node: cst.CSTNode) -> bool:
    return facts.enclosing(node, cst.FormattedString) is not None


def _with_blank_lines_of(statement: cst.BaseStatement, code: str) -> list[cst.BaseStatement]:
    """The new statement, after the blank lines that open `statement` (its comment stays next to it)."""
    blank = []
    for line in statement.leading_lines:
        if line.comment is not None:
            break
        blank.append(line)
    new = parse_statements(code)
    return [new[0].with_changes(leading_lines=blank), *new[1:]] if blank and len(blank) < len(
        statement.leading_lines) else new
