"""What would fail on SageMaker and no rule rewrites, reported where it is: data read over the network
(`http(s)://`, `gs://`, `s3://`, `hdfs://` paths given to a loader) and pretrained weights downloaded when a model
is built (keras.applications, TF Hub URL handles): a training job may have no internet access, and its data comes
from channels (docs/sagemaker-contract.md §1); the command line read by position
(`epochs = int(sys.argv[1])`) and argparse subcommands: a job's command line is `--name value` pairs (§3).
TensorFlow 1 names under a plain `import tensorflow as tf` (`tf.placeholder`, `tf.Session`) on a TF 2 target
(docs/tensorflow-and-libcst-notes.md). A relative import in the script SageMaker runs (one with a `__main__` block,
or a package's entry point): the toolkit runs it as a file, `python trainer/task.py`, where `from . import model`
fails (§4). Keras 2 APIs on a Keras 3 target are the keras3_apis rule's: it renames
what it can and reports the rest.
"""

from __future__ import annotations

import libcst as cst

from sm_migrate.transforms import catalog, diagnostics
from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.facts import walk
from sm_migrate.transforms.rules.examples import reports as examples
from sm_migrate.transforms.versions import release

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
            origin = _location_origin(facts, use.path) if use.role in ("read", "read_dir") else None
            if origin is not None and not _replaced(ctx, use.path):
                ctx.report(use.call, diagnostics.SCRIPT_RELATIVE_DATA, origin=origin)
        for call in facts.subcommand_parsers:
            ctx.report(call, diagnostics.SUBCOMMANDS)
        for call in facts.pretrained_calls:
            what = _downloaded_weights(facts, call)
            if what is not None:
                ctx.report(call, diagnostics.PRETRAINED_DOWNLOAD, what=what)
        if release(ctx.options.framework_version) >= (2, 0):
            _report_tf1_api(ctx)
        relative = next((node for node in facts.structure.imports
                         if isinstance(node, cst.ImportFrom) and node.relative), None)
        if relative is not None and (facts.runs_as_script or not facts.trains):  # (not training: an entry point)
            ctx.report(relative, diagnostics.RELATIVE_IMPORT_IN_ENTRY_POINT, code=facts.module.code_for_node(relative))
        for argv in facts.attributes("argv"):
            read = facts.parents.get(argv)
            if isinstance(read, cst.Subscript) and read.value is argv and _positional(read) and \
                    facts.qualified_name(argv) == "sys.argv" and not _replaced(ctx, read):
                ctx.report(read, diagnostics.POSITIONAL_ARGV, code=facts.module.code_for_node(read))


def _location_origin(facts, path: cst.BaseExpression | None, depth: int = 0) -> str | None:
    """`__file__` or the working dir as the script asks for it (`os.getcwd()`, `Path.cwd()`), where a read path is
    built from one (through names bound once): no literal folder for the channels rule to re-root."""
    if path is None or depth > 4:
        return None
    for node in walk(path):
        if isinstance(node, cst.Name) and node.value == "__file__":
            return "`__file__`"
        if isinstance(node, cst.Call) and facts.qualified_name(node.func) in catalog.WORKING_DIR_CALLS:
            return f"`{facts.module.code_for_node(node)}`"
        if isinstance(node, cst.Name):
            origin = _location_origin(facts, facts.only_value(node), depth + 1)
            if origin is not None:
                return origin
    return None


def _replaced(ctx: PlanContext, node: cst.CSTNode) -> bool:
    """Is `node` inside code another rule rewrites (a positional read the hyperparameters rule replaced)?"""
    while node is not None:
        if ctx.rewritten(node):
            return True
        node = ctx.facts.parents.get(node)
    return False


def _report_tf1_api(ctx: PlanContext) -> None:
    """The first TensorFlow 1 name the script reads through plain `tensorflow` (once: a TF 1 script uses dozens),
    and the first use of tf.contrib, which no TF 2 has under any name."""
    facts = ctx.facts
    contrib = [node for node in facts.attributes("contrib") if facts.qualified_name(node) == "tensorflow.contrib"]
    if contrib:
        first = facts.parents.get(contrib[0])
        while isinstance(facts.parents.get(first), cst.Attribute) and facts.parents.get(first).value is first:
            first = facts.parents.get(first)  # the whole dotted name: `tf.contrib.saved_model.save_keras_model`
        ctx.report(first, diagnostics.TF_CONTRIB_ON_TF2, api=facts.module.code_for_node(first),
                   version=ctx.options.framework_version)
    uses = [node for api in catalog.TF1_ONLY_APIS for node in facts.attributes(api.rsplit(".", 1)[-1])
            if facts.qualified_name(node) == api]
    if uses:
        first = min(uses, key=facts.position)
        api = "tf." + facts.qualified_name(first).removeprefix("tensorflow.")
        ctx.report(first, diagnostics.TF1_API_ON_TF2, api=api, compat=api.replace("tf.", "tf.compat.v1.", 1),
                   version=ctx.options.framework_version)


def _downloaded_weights(facts, call: cst.Call) -> str | None:
    """What a pretrained model downloads when built: `ResNet50()` / `weights="imagenet"` its ImageNet weights, a
    TF Hub loader its URL handle; None for `weights=None`, a local weights file, or a handle that is not a URL."""
    name = facts.qualified_name(call.func) or ""
    if name in catalog.HUB_LOADERS:
        handle = _literal(facts, call.args[0].value) if call.args else None
        return handle if handle is not None and handle.startswith(NETWORK_PREFIXES) else None
    weights = next((arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value == "weights"), None)
    if weights is not None and _literal(facts, weights) != catalog.PRETRAINED_WEIGHTS_DOWNLOADED:
        return None
    return f"{name.rsplit('.', 1)[-1]}'s ImageNet weights"


def _positional(read: cst.Subscript) -> bool:
    """`argv[1]`, `argv[-1]`: one element other than the script's name (not `argv[1:]`, what a parser takes)."""
    if len(read.slice) != 1 or not isinstance(read.slice[0].slice, cst.Index):
        return False
    index = read.slice[0].slice.value
    if isinstance(index, cst.UnaryOperation) and isinstance(index.operator, cst.Minus):
        return isinstance(index.expression, cst.Integer)
    return isinstance(index, cst.Integer) and index.evaluated_value != 0


def _literal(facts, expr: cst.BaseExpression | None) -> str | None:
    """A string literal, or the module constant that holds one."""
    if isinstance(expr, cst.Name):
        expr = facts.constants.get(expr.value)
    if isinstance(expr, cst.SimpleString) and isinstance(expr.evaluated_value, str):
        return expr.evaluated_value
    return None
