"""Export the trained model as a TensorFlow Serving SavedModel under `<sm-model-dir>/1/`.

SageMaker serves only `saved_model.pb` in an all-digit folder under the model dir; `.keras`/`.h5` files are
not servable (docs/sagemaker-contract.md §5). So:
- the script's own SavedModel save (`tf.saved_model.save`, `model.export`, `model.save(dir)`) becomes the
  export: on SageMaker it writes `<sm-model-dir>/1`, locally where it wrote before. `model.save(dir)` raises on
  Keras 3 (TF >= 2.16) and is rewritten to `tf.saved_model.save`, which works on every TF 2.x
  (docs/tensorflow-and-libcst-notes.md, "Which call writes a servable SavedModel");
- file saves (`.keras`, `.h5`, `save_weights`) are kept: on SageMaker they land in the model dir beside `1/`
  (so they ship in model.tar.gz), locally where they were; an export is added after the last of them;
- no save at all: an export is added after the final training call (`fit`, or the loop around a
  `GradientTape` step); a loop whose model is a function over tf.Variables (or a plain object) exports that
  function, traced on inputs like those the loop fed it (transforms/loop_functions.py);
- estimator and TF1 session scripts: their own SavedModel export is re-rooted; a TF1 graph without one gets
  `simple_save` of the signature its placeholders and prediction give (transforms/graph_signature.py).
Never to `--model_dir` (aws/sagemaker-python-sdk#1895). What can't be done safely is reported.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import libcst as cst

from sm_migrate.transforms import catalog, diagnostics
from sm_migrate.transforms.commandline import existing_add_argument_calls
from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.edits import keyword_arg, parse_expression, parse_statements, with_comma
from sm_migrate.transforms.facts import (
    FILE_SAVE_KINDS,
    MAX_DERIVATION,
    SaveCall,
    is_model_constructor,
    option_dest,
    walk,
)
from sm_migrate.transforms.graph_signature import GraphSignature, graph_signature
from sm_migrate.transforms.literals import quote
from sm_migrate.transforms.loop_functions import loop_function
from sm_migrate.transforms.paths import path_tail, resolve
from sm_migrate.transforms.rules.examples import export as examples
from sm_migrate.transforms.scopes import ClassScope, FunctionScope
from sm_migrate.transforms.versions import release

EXPORT_COMMENT = "# TensorFlow Serving SavedModel for SageMaker: <model dir>/{} (added by sm-migrate)"
HANDLED_MARKERS = ("sm_model_dir", "SM_MODEL_DIR", catalog.SAGEMAKER_MODEL_DIR)
# A callback's path that names a folder the job keeps already (a migrated script's, or a SageMaker-ready one's).
KEPT_MARKERS = (*HANDLED_MARKERS, "checkpoint_dir", "/opt/ml/checkpoints", "output_data_dir", "SM_OUTPUT_DATA_DIR")


class ExportRule:
    name = "export"
    examples = examples.EXAMPLES

    def plan(self, ctx: PlanContext) -> None:
        facts = ctx.facts
        rerooted = {site.call for site in ctx.paths.writes if ctx.claimed(site.path.root)}
        rerooted.update(site.call for site in (*ctx.paths.writes, *ctx.paths.scratch)
                        if catalog.kept_by_sagemaker(site.path.full))  # `/opt/ml/checkpoints/...` already
        for callback in facts.saving_callbacks:
            code = facts.module.code_for_node(callback)
            if callback not in rerooted and not any(marker in code for marker in KEPT_MARKERS) and \
                    not any(ctx.claimed(node) for node in walk(callback)):  # (its folder re-rooted by another rule)
                ctx.report(callback, diagnostics.CALLBACK_SAVES)
        resolved = {site.call for site in (*ctx.paths.writes, *ctx.paths.scratch)}
        for use in facts.path_uses:  # `CheckpointManager(ckpt, self.ckpt_dir)`: nothing to re-root, so said
            function = use.call.func.attr.value if isinstance(use.call.func, cst.Attribute) else \
                getattr(use.call.func, "value", None)
            if use.role == "checkpoint" and use.call not in resolved and use.call not in facts.saving_callbacks \
                    and function not in catalog.CHECKPOINT_READS \
                    and not any(marker in facts.module.code_for_node(use.call) for marker in KEPT_MARKERS):
                ctx.report(use.call, diagnostics.CHECKPOINT_PATH_AT_RUN_TIME)
        handled = [save for save in facts.save_calls
                   if save.call not in facts.wrapped_saves and _already_handled(ctx, save.path)]
        for save in handled:  # saved into the model dir already (a migrated or SageMaker-ready script)
            _reroot_literal_model_dir(ctx, save)
            _repair_handled_export(ctx, save)
        if any(_path_kind(ctx, save) != "file" for save in handled):
            return  # exported: a `.h5`/`.keras` file alone in the model dir is not servable, so it gets an export
        if not facts.fit_calls and not facts.tape_calls:
            if facts.trains:  # (else a package's entry point: its modules export)
                _export_graph_script(ctx)
            return
        trained = _trained_models(ctx)
        if trained is None:
            return
        models, training_anchor, reported_at = trained
        wrapper = _serving_wrapper_save(ctx, list(models.values()), training_anchor)
        if wrapper is not None and not ctx.options.export_model:
            _make_export(ctx, wrapper, ("1",))  # the script serves its own module around the model: that is served
            _reroute_other_model_files(ctx, [])  # and the model's own files go with it, as every model's do
            return
        names = list(models)
        if ctx.options.export_model and ctx.options.export_model in names:
            names = [ctx.options.export_model]
        elif ctx.options.export_model:
            ctx.report(reported_at, diagnostics.NO_SUCH_EXPORT_MODEL, name=ctx.options.export_model,
                       models=", ".join(names))
        for name in names:
            # One model: <model dir>/1. Several: TF Serving's multi-model layout, <model dir>/<name>/1 (§5).
            version_parts = ("1",) if len(names) == 1 else (name.rsplit(".", 1)[-1], "1")
            _export_model(ctx, name, models[name], training_anchor, version_parts)
        _reroute_other_model_files(ctx, [models[name] for name in names])


def _export_model(ctx: PlanContext, model_code: str, model: TrainedModel, training_anchor: cst.BaseStatement,
                  version_parts: tuple[str, ...]) -> None:
    facts = ctx.facts
    # (a save inside the script's own save function is its callers' saves, which name the path)
    saves = [s for s in facts.save_calls if model.saved_by(facts, s) and s.call not in facts.wrapped_saves]
    file_saves, dir_saves, kept = [], [], []
    for save in saves:
        kind = _path_kind(ctx, save)
        if _already_handled(ctx, save.path):  # a file in the model dir already: stays, the export goes after it
            kept.append(save)
            continue
        if _reads_model_dir(facts, save.path):  # an S3 URI on SageMaker: the save goes to the model dir there
            ctx.report(save.call, diagnostics.SAVED_TO_MODEL_DIR)
            _default_model_dir_locally(ctx)
            kind = "file" if kind == "file" else "dir"
        if kind != "unknown" and save.call in ctx.paths.read_back_saves:
            # the script loads it again: re-rooting the save alone would split it from its load
            ctx.report(save.call, diagnostics.READ_BACK, path=_shown_path(facts, save.path))
            if kind == "dir" and _needs_export_call(ctx, save) and ctx.options.keras != "2":
                # (rewritten to an export, its load would fail)
                ctx.report(save.call, diagnostics.DIR_SAVE_READ_BACK, call=facts.module.code_for_node(save.call.func),
                           version=ctx.options.framework_version)
            kept.append(save)
        elif kind == "file":
            file_saves.append(save)
        elif kind == "dir":
            dir_saves.append(save)
        else:
            ctx.report(save.call, diagnostics.SAVE_PATH_AT_RUN_TIME)
    for save in file_saves:
        _reroute_file_save(ctx, save)
    training_anchor = _after_reloads(ctx, model_code, training_anchor)
    if dir_saves:
        for save in dir_saves[:-1]:
            ctx.report(save.call, diagnostics.SEVERAL_SAVEDMODEL_SAVES)
            if _needs_export_call(ctx, save):  # (left where it writes, but `model.save(<dir>)` raises on Keras 3)
                _rewrite_as_export(ctx, save, PATH_SLOT, None)
        _make_export(ctx, dir_saves[-1], version_parts)
    else:
        # after the last file save, unless that runs before training (`f = lambda: model.save(...)` above it)
        anchors = [facts.statement_after_loops(save.call) for save in (*file_saves, *kept)]
        anchors = [a for a in anchors if facts.scopes.get(a) is not facts.scopes.get(training_anchor)
                   or facts.position(a) >= facts.position(training_anchor)]
        anchor = max(anchors, key=facts.position) if anchors else training_anchor
        _add_export(ctx, anchor, model_code, version_parts, model.example)


def _serving_wrapper_save(ctx: PlanContext, models: list[TrainedModel],
                          anchor: cst.CSTNode) -> SaveCall | None:
    """`tf.saved_model.save(serving, "served", signatures=...)` after training, of an object other than the trained
    model (a `tf.Module` whose signature normalises the input and calls the model): the script's own servable."""
    facts = ctx.facts
    saves = [save for save in facts.save_calls if save.kind == "saved_model.save"
             and facts.position(save.call) > facts.position(anchor) and not any(m.saved_by(facts, save) for m in models)
             and _path_kind(ctx, save) == "dir"]
    for save in saves:
        if save.call in ctx.paths.read_back_saves:  # kept with its load: the export is not this servable
            ctx.report(save.call, diagnostics.SERVABLE_READ_BACK, path=_shown_path(facts, save.path))
    saves = [save for save in saves if save.call not in ctx.paths.read_back_saves]
    return saves[-1] if saves else None


def _after_reloads(ctx: PlanContext, model_code: str, anchor: cst.BaseStatement) -> cst.BaseStatement:
    """`model.load_weights("best.weights.h5")` or `checkpoint.restore(...)` after training, in the same block: the
    model the script ends with has those weights, so the export goes after the last such reload."""
    facts = ctx.facts
    block = facts.parents.get(anchor)
    reloads = [call for call in facts.method_calls("load_weights") if _code(call.func.value) == model_code]
    reloads += [call for call in facts.method_calls("restore") if _code(call.func.value) in facts.checkpoint_objects]
    later = anchor
    for call in reloads:
        statement: cst.CSTNode | None = call
        while statement is not None and facts.parents.get(statement) is not block:
            statement = facts.parents.get(statement)
        if statement is not None and facts.position(statement) > facts.position(later):
            later = statement
    return later


def _export_graph_script(ctx: PlanContext) -> None:
    """Estimator and TF1 session scripts: their own SavedModel export is re-rooted (an estimator's export base
    becomes the model dir itself: it writes a numeric timestamp folder); without one nothing can be inferred."""
    facts = ctx.facts
    exports = [save for save in facts.save_calls if save.kind in ("tf1", "estimator")]
    if exports:
        for save in exports[:-1]:
            ctx.report(save.call, diagnostics.SEVERAL_GRAPH_EXPORTS)
        last = exports[-1]
        _make_export(ctx, last, () if last.kind == "estimator" else ("1",))
    elif facts.estimator_training and facts.estimator_exporters:
        _export_after_evaluation(ctx)
    elif facts.estimator_training:
        if not _export_with_inferred_receiver(ctx):
            ctx.report(facts.estimator_training[0], diagnostics.ESTIMATOR_NEVER_EXPORTED)
    else:
        signature = graph_signature(facts)
        if isinstance(signature, str):
            ctx.report(facts.session_calls[0] if facts.session_calls else facts.module,
                       diagnostics.SESSION_NOT_EXPORTED, why=signature)
        else:
            _export_session_graph(ctx, signature)


def _export_session_graph(ctx: PlanContext, signature: GraphSignature) -> None:
    """A TF1 graph that never exports: `simple_save` of its inferred signature, in the session, after training."""
    def tensors(names: tuple[str, ...]) -> str:
        return "{" + ", ".join(f"{quote(name)}: {name}" for name in names) + "}"

    _tensorflow(ctx)  # the helper's name for tensorflow: `tf` where the script has none
    anchor = signature.anchor
    path = _version_dir(ctx, anchor, ("1",))
    code = (f"{ctx.helper('graph_export')}({signature.session}, {path}, inputs={tensors(signature.inputs)}, "
            f"outputs={tensors(signature.outputs)})\n")
    _insert_export(ctx, anchor, code, ("1",))
    ctx.report(anchor, diagnostics.SESSION_GRAPH_EXPORTED, outputs=", ".join(signature.outputs),
               inputs=", ".join(signature.inputs))


def _export_after_evaluation(ctx: PlanContext) -> None:
    """An EvalSpec exporter writes under the estimator's model_dir (an S3 URI on SageMaker): after training, the
    final model is also exported to the model dir, with the exporter's own serving input function."""
    facts = ctx.facts
    training = facts.estimator_training[-1]
    exporter = facts.estimator_exporters[-1]
    serving_fn = next((arg.value for arg in exporter.args if arg.keyword and arg.keyword.value ==
                       "serving_input_receiver_fn"), None)
    positional = [arg.value for arg in exporter.args if arg.keyword is None]
    serving_fn = serving_fn or (positional[1] if len(positional) > 1 else None)
    if facts.qualified_name(training.func) in catalog.ESTIMATOR_TRAINING:  # train_and_evaluate(estimator, ...)
        estimator_arg = training.args[0].value if training.args else None
    else:  # estimator.train(...)
        estimator_arg = training.func.value
    if not isinstance(serving_fn, cst.Name) or not isinstance(estimator_arg, cst.Name):
        ctx.report(exporter, diagnostics.EXPORTER_UNDER_MODEL_DIR)
        return
    anchor = facts.statement_after_loops(training)
    code = f"{estimator_arg.value}.export_saved_model({_model_dir(ctx, anchor)}, {serving_fn.value})\n"
    statement = parse_statements(code)[0].with_changes(leading_lines=[
        cst.EmptyLine(indent=False), cst.EmptyLine(comment=cst.Comment(EXPORT_COMMENT.format("<timestamp>")))])
    ctx.insert_after(anchor, [statement])


def _export_with_inferred_receiver(ctx: PlanContext) -> bool:
    """`estimator.train(input_fn=...)` with no export: after training, an export to the model dir with a serving
    input receiver inferred from what the estimator is fed, where that can be told and is visible there:
    a canned estimator's `feature_columns` (a parsing receiver: serialized tf.Example, as TF Serving's classify
    and regress APIs send), else the arrays of the `numpy_input_fn(x={...})` it trains on (a raw receiver)."""
    facts = ctx.facts
    training = facts.estimator_training[-1]
    if not (isinstance(training.func, cst.Attribute) and isinstance(training.func.value, cst.Name)):
        return False  # train_and_evaluate(estimator, ...): its specs are too far from the estimator to tell
    estimator = training.func.value.value
    anchor = facts.statement_after_loops(training)
    receiver = _parsing_receiver(ctx, estimator, anchor) or _raw_receiver(ctx, training, anchor)
    if receiver is None:
        return False
    code = f"{estimator}.export_saved_model({_model_dir(ctx, anchor)}, {receiver})\n"
    statement = parse_statements(code)[0].with_changes(leading_lines=[
        cst.EmptyLine(indent=False), cst.EmptyLine(comment=cst.Comment(EXPORT_COMMENT.format("<timestamp>")))])
    ctx.insert_after(anchor, [statement])
    return True


def _parsing_receiver(ctx: PlanContext, estimator: str, anchor: cst.CSTNode) -> str | None:
    facts = ctx.facts
    constructor = facts.estimator_constructors.get(estimator)
    columns = next((arg.value for arg in constructor.args if arg.keyword and arg.keyword.value == "feature_columns"),
                   None) if constructor is not None else None
    empty = isinstance(columns, (cst.List, cst.Tuple)) and not columns.elements
    if columns is None or empty or not _visible_at(facts, columns, anchor):
        return None
    _tensorflow(ctx)  # the helper's name for tensorflow
    return f"{ctx.helper('parsing_receiver')}({_code(columns)})"


def _raw_receiver(ctx: PlanContext, training: cst.Call, anchor: cst.CSTNode) -> str | None:
    facts = ctx.facts
    input_fn = next((arg.value for arg in training.args if arg.keyword and arg.keyword.value == "input_fn"), None)
    if input_fn is None and training.args and training.args[0].keyword is None:
        input_fn = training.args[0].value
    values = _values_of(facts, input_fn) if isinstance(input_fn, cst.Name) else []
    if len(values) != 1 or not isinstance(values[0], cst.Call) or \
            facts.qualified_name(values[0].func) not in catalog.NUMPY_INPUT_FNS:
        return None
    arrays = next((arg.value for arg in values[0].args if arg.keyword and arg.keyword.value == "x"), None)
    if arrays is None and values[0].args and values[0].args[0].keyword is None:
        arrays = values[0].args[0].value
    if arrays is None or not _visible_at(facts, arrays, anchor):
        return None
    _tensorflow(ctx)  # the helper's name for tensorflow
    return f"{ctx.helper('raw_receiver')}({_code(arrays)})"


def _visible_at(facts, expression: cst.CSTNode, anchor: cst.CSTNode) -> bool:
    """Does every name `expression` reads mean the same at `anchor` (so that its code can be copied there)?"""
    scope = facts.scopes.get(anchor)
    for node in walk(expression):
        if isinstance(node, cst.Name) and node in facts.structure.resolved:
            binding = facts.structure.resolved[node]
            if binding is None or not facts.visible_from(scope, node.value, binding):
                return False
    return True


def _reroot_literal_model_dir(ctx: PlanContext, save: SaveCall) -> None:
    """`"/opt/ml/model/1"` written out in a save: the model dir from SM_MODEL_DIR instead, so that the script runs
    off SageMaker too (and in an emulated job, whose model dir is elsewhere)."""
    for literal in _strings(save.path):
        value = literal.evaluated_value
        if isinstance(value, str) and (value.rstrip("/") == catalog.SAGEMAKER_MODEL_DIR
                                       or value.startswith(catalog.SAGEMAKER_MODEL_DIR + "/")):
            rest = value[len(catalog.SAGEMAKER_MODEL_DIR):].strip("/")
            ctx.report(literal, diagnostics.LITERAL_MODEL_DIR, path=value)
            code = _model_dir(ctx, save.call)
            if rest:
                code = f"{ctx.require_import('os', at=save.call)}.path.join({code}, {quote(rest)})"
            ctx.replace(literal, parse_expression(code))


def _strings(node: cst.CSTNode | None):
    return (found for found in walk(node) if isinstance(found, cst.SimpleString))


def _repair_handled_export(ctx: PlanContext, save: SaveCall) -> None:
    """A save into the model dir that fails or serves nothing on the target: `model.save(<dir>)` raises on
    Keras 3, and a SavedModel straight in the model dir (no version folder) is not found by TF Serving."""
    kind = _path_kind(ctx, save)
    # A SavedModel API writes a folder whatever the path looks like; `model.save` only where the path says so.
    folder = kind == "dir" or (kind == "unknown" and save.kind in ("saved_model.save", "export", *SESSION_SAVES))
    if save.kind not in ("save", "keras.save_model", "saved_model.save", "export", *SESSION_SAVES) or not folder:
        return
    version = None
    if not _derived_from(ctx.facts, save.path, _version_literal):
        version = ctx.require_import("os", at=save.call)
        ctx.report(save.call, diagnostics.EXPORT_NOT_VERSIONED)
    if _needs_export_call(ctx, save):
        _rewrite_as_export(ctx, save, PATH_SLOT, version)
    elif version is not None:
        ctx.amend(save.path, functools.partial(_with_version, os_name=version))


# A Keras model exported through a TF1 session (`simple_save(K.get_session(), ...)`): TF 2 has no such session.
SESSION_SAVES = ("keras_session_save",)


def _needs_export_call(ctx: PlanContext, save: SaveCall) -> bool:
    """Does the save fail on the target: `model.save(<dir>)` on Keras 3, a session save on any TensorFlow 2?"""
    version = ctx.options.framework_version
    if save.kind in SESSION_SAVES:
        return release(version) >= (2, 0)
    return save.kind in ("save", "keras.save_model") and catalog.keras3(version)


def _rewrite_as_export(ctx: PlanContext, save: SaveCall, path_template: str, version: str | None) -> None:
    """The save becomes the export call the target needs, to the same (re-rooted) path; a session made only
    for it goes."""
    facts = ctx.facts
    if save.kind in SESSION_SAVES:
        template = _export_call(ctx, _code(save.model), path_template, at=save.call)
        ctx.report(save.call, diagnostics.SESSION_SAVE_REWRITTEN, export=template.split("(", 1)[0])
        _remove_session(ctx, save)
        model_at = None  # the template names the model already
    else:
        template = _export_call(ctx, MODEL_SLOT, path_template, at=save.call)
        ctx.report(save.call, diagnostics.SAVE_REWRITTEN_FOR_KERAS3, call=facts.module.code_for_node(save.call.func),
                   export=template.split("(", 1)[0])
        model_at = _argument_index(save.call, save.model)
    # amended, not replaced: other rules may rewrite inside the save (an `os.environ[...]` lookup)
    ctx.amend(save.call, functools.partial(_as_export, template=template, version=version, model_at=model_at,
                                           path_at=_argument_index(save.call, save.path)))


def _remove_session(ctx: PlanContext, save: SaveCall) -> None:
    """`sess = K.get_session()` read only by the save, in the save's own block: it would raise on TF 2."""
    facts = ctx.facts
    session = save.call.args[0].value if save.call.args else None
    scope = facts.structure.resolved.get(session) if isinstance(session, cst.Name) else None
    assignments = scope.assignments[session.value] if scope is not None else ()
    if len(assignments) != 1 or len(assignments[0].references) != 1:
        return
    value, assign = facts.assigned_value(assignments[0].node)
    statement = facts.parents.get(assign)
    if isinstance(value, cst.Call) and facts.qualified_name(value.func) in catalog.KERAS_SESSION_GETTERS and \
            isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 and \
            facts.parents.get(statement) is facts.parents.get(facts.statement_of(save.call)):
        ctx.remove(statement)


# Where the model and the path go in an export call's code, filled in once the save is rebuilt.
MODEL_SLOT, PATH_SLOT = "\x00model\x00", "\x00path\x00"


def _argument_index(call: cst.Call, node: cst.CSTNode) -> int | None:
    """The index of the argument holding `node`, or None for the receiver of a method call."""
    return next((index for index, arg in enumerate(call.args) if arg.value is node), None)


def _as_export(rebuilt: cst.Call, template: str, version: str | None, model_at: int | None,
               path_at: int | None) -> cst.BaseExpression:
    path = rebuilt.args[path_at].value
    path_code = _code(_with_version(path, version) if version is not None else path)
    if MODEL_SLOT in template:
        model = rebuilt.func.value if model_at is None else rebuilt.args[model_at].value
        template = template.replace(MODEL_SLOT, _code(model))
    return parse_expression(template.replace(PATH_SLOT, path_code))


def _with_version(path: cst.BaseExpression, os_name: str) -> cst.BaseExpression:
    return parse_expression(f'{os_name}.path.join({_code(path)}, "1")')


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def _version_literal(node: cst.CSTNode) -> bool:
    """A piece of a path with an all-digit component (`"1"` in `os.path.join(dir, "1")`, `"/000000001"`); the
    path is versioned where it is built from one (through the names it is computed from)."""
    if isinstance(node, cst.SimpleString) and isinstance(node.evaluated_value, str):
        return any(part.isdigit() for part in node.evaluated_value.split("/"))
    if isinstance(node, cst.FormattedStringText):
        return any(part.isdigit() for part in node.value.split("/"))
    return False


LOCAL_MODEL_DIR = '"model"'  # where a save to --model_dir goes when no --model_dir is passed


def _default_model_dir_locally(ctx: PlanContext) -> None:
    """A save whose path is built from the script's own `--model_dir` with no default: SDK v3 passes no
    `--model_dir`, nor does a local run, and `os.path.join(None, "1")` raises before the save's path is chosen.
    The option gets a local folder as its default (SDK v2 still passes its S3 URI, which the save never uses)."""
    for call in existing_add_argument_calls(ctx, ctx.args.target):
        default = next((arg.value for arg in call.args if arg.keyword is not None and
                        arg.keyword.value in ("default", "required")), None)
        if option_dest(call) == "model_dir" and (default is None or
                                                 isinstance(default, cst.Name) and default.value == "None"):
            ctx.amend(call, _with_local_model_dir)


def _with_local_model_dir(call: cst.Call) -> cst.Call:
    args = [arg for arg in call.args if not (arg.keyword is not None and arg.keyword.value == "default")]
    return call.with_changes(args=[*with_comma(args), keyword_arg("default", parse_expression(LOCAL_MODEL_DIR))])


def _reads_model_dir(facts, path: cst.CSTNode | None) -> bool:
    """Is the path built from the `--model_dir` argument (`args.model_dir`, `FLAGS.model_dir`), directly or
    through the names and function arguments it was computed from (`target = export_path(args.model_dir)`)?"""
    return _derived_from(facts, path, lambda node: isinstance(node, cst.Attribute) and node.attr.value == "model_dir")


def _reads_sm_model_dir_option(facts, path: cst.CSTNode | None) -> bool:
    """Is the path built from one of the script's own options whose default is SM_MODEL_DIR
    (`--model_output_dir` with `default=os.environ.get("SM_MODEL_DIR")`), `--model_dir` aside (SageMaker passes
    it an S3 URI)?"""
    def is_option(node: cst.CSTNode) -> bool:
        if not isinstance(node, cst.Attribute) or node.attr.value == "model_dir":
            return False
        default = facts.argument_defaults.get(node.attr.value)
        return default is not None and "SM_MODEL_DIR" in facts.module.code_for_node(default)

    return _derived_from(facts, path, is_option)


def _derived_from(facts, path: cst.CSTNode | None, is_source, depth: int = 0) -> bool:
    if path is None or depth > MAX_DERIVATION:
        return False
    if is_source(path):
        return True
    if isinstance(path, cst.Name):
        return any(_derived_from(facts, value, is_source, depth + 1) for value in _values_of(facts, path))
    return any(_derived_from(facts, child, is_source, depth + 1) for child in path.children)


def _values_of(facts, name: cst.Name) -> list[cst.BaseExpression]:
    """What the name can hold where it is read: the values it is assigned, or for a parameter the arguments
    its function is called with."""
    scope = facts.structure.resolved.get(name)
    values = []
    for assignment in scope.assignments[name.value] if scope is not None else ():
        value, assign = facts.assigned_value(assignment.node)
        if isinstance(assign, cst.Assign):
            values.append(value)
        elif isinstance(assignment.node, cst.Param):
            values.extend(facts.parameter_arguments(assignment.node) or ())
    return values


def _already_handled(ctx: PlanContext, path: cst.BaseExpression | None) -> bool:
    if path is None:
        return False
    code = ctx.facts.module.code_for_node(path)
    return any(marker in code for marker in HANDLED_MARKERS) or _reads_sm_model_dir_option(ctx.facts, path)


@dataclass(frozen=True)
class TrainedModel:
    """A trained model as the analysis knows it: the binding its name reads (ScriptFacts.model_key), or, for an
    expression that is no name (`models[0]`), that expression."""

    key: tuple | None
    expression: cst.BaseExpression | None = None
    example: str | None = None  # a function over tf.Variables (transforms/loop_functions.py): an input it takes

    def saved_by(self, facts, save: SaveCall) -> bool:
        if self.key is None:
            return self.expression is not None and save.model.deep_equals(self.expression)
        key = facts.model_key(save.model)
        if key is None or key[1] != self.key[1]:
            return False
        # A model handed to a function arrives as its parameter: for all the analysis can tell, the same model.
        return key == self.key or _is_parameter(key) or _is_parameter(self.key)


def _is_parameter(key: tuple) -> bool:
    scope, dotted = key
    bindings = scope.assignments.get(dotted.split(".", 1)[0], ()) if isinstance(scope, FunctionScope) else ()
    return any(isinstance(binding.node, cst.Param) for binding in bindings)


def _trained_models(ctx: PlanContext) -> tuple[dict[str, TrainedModel], cst.BaseStatement, cst.CSTNode] | None:
    """The model(s) the script trains last (by the name generated code uses), the statement after which they
    are final, and where to report about them."""
    facts = ctx.facts
    if facts.fit_calls:
        fit = facts.fit_calls[-1]
        model = TrainedModel(facts.model_key(fit.receiver), fit.receiver)
        anchor: cst.CSTNode = fit.call
        for other in facts.fit_calls[:-1]:  # `if ...: model.fit(...)` / `else: model.fit(...)`: after the `if`
            branching = facts.exclusive_branches(anchor, other.call)
            if branching is not None and model.key == facts.model_key(other.receiver):
                anchor = branching
        anchor = facts.statement_after_loops(anchor)
        saved = _saved_of_several(ctx, anchor)
        if saved is not None:
            return {_code(saved): TrainedModel(facts.model_key(saved), saved)}, anchor, fit.receiver
        loaded = _loaded_and_saved_last(ctx, fit.receiver, anchor)
        if loaded is not None:
            return {_code(loaded[0]): TrainedModel(facts.model_key(loaded[0]), loaded[0])}, loaded[1], fit.receiver
        kept = _kept_from_a_sweep(ctx, fit.receiver, anchor) or _kept_by_the_loop(ctx, fit.receiver, anchor) or \
            _saved_other_trained(ctx, fit.receiver, anchor)
        if kept is not None:
            return {_code(kept[0]): TrainedModel(facts.model_key(kept[0]), kept[0])}, kept[1], fit.receiver
        rebound = _rebound_model(ctx, fit.receiver, anchor)
        return {facts.module.code_for_node(fit.receiver): model}, rebound or anchor, fit.receiver
    return _tape_trained_models(ctx)


def _saved_of_several(ctx: PlanContext, anchor: cst.CSTNode) -> cst.BaseExpression | None:
    """A Keras GAN trains a discriminator and a combined model on batches, and saves its generator: that saved model
    is what the script delivers, not the last model trained (which would serve the discriminator's score)."""
    facts = ctx.facts
    steps = [fit for fit in facts.fit_calls if fit.method in catalog.TRAIN_STEP_METHODS]
    trained = {facts.model_key(fit.receiver): _code(fit.receiver) for fit in steps}
    if len(steps) != len(facts.fit_calls) or len(trained) < 2 or None in trained:
        return None
    after = [save for save in facts.save_calls if facts.position(save.call) > facts.position(anchor)
             and save.kind in ("save", "save_weights", "keras.save_model", "saved_model.save", "export")]
    if not after or facts.model_key(after[-1].model) in trained or facts.model_key(after[-1].model) is None:
        return None
    saved = after[-1].model
    ctx.report(saved, diagnostics.SAVED_OF_SEVERAL_MODELS, count=len(trained), names=", ".join(trained.values()),
               saved=_code(saved))
    return saved


def _loaded_and_saved_last(ctx: PlanContext, receiver: cst.BaseExpression,
                           anchor: cst.CSTNode) -> tuple[cst.Name, cst.BaseStatement] | None:
    """`best = load_model("best.keras"); best.save("final.keras")` after training: the model the script saves last
    is the best checkpoint under another name, so that is the model to serve (exported after its binding)."""
    facts = ctx.facts
    after = [save for save in facts.save_calls if facts.position(save.call) > facts.position(anchor)
             and save.kind in ("save", "keras.save_model", "saved_model.save", "export")]
    model = after[-1].model if after else None
    if not isinstance(model, cst.Name) or (isinstance(receiver, cst.Name) and model.value == receiver.value):
        return None
    value = facts.only_value(model)
    if not (isinstance(value, cst.Call) and facts.qualified_name(value.func) in catalog.MODEL_LOADERS) and \
            not _built_around(facts, value, receiver):
        return None
    binding = facts.statement_of(value)
    if facts.position(binding) < facts.position(anchor) or facts.scopes.get(binding) is not facts.scopes.get(anchor) \
            or not _always_after(facts, binding, anchor):
        return None
    return model, facts.statement_after_loops(binding)


def _kept_from_a_sweep(ctx: PlanContext, receiver: cst.BaseExpression,
                       anchor: cst.CSTNode) -> tuple[cst.BaseExpression, cst.BaseStatement] | None:
    """`best_model = model` (or `best = (loss, model)`) in a sweep, then `best_model.save(...)` after it: the
    model the script keeps and saves is the one to serve, not the last one trained (exported after its save)."""
    facts = ctx.facts
    after = [save for save in facts.save_calls if facts.position(save.call) > facts.position(anchor)]
    kept = facts.kept_model(after[-1].model) if after else None
    if kept is None or not isinstance(receiver, cst.Name) or kept.value != receiver.value:
        return None
    statement = facts.statement_of(after[-1].call)
    if facts.scopes.get(statement) is not facts.scopes.get(anchor) or not _always_after(facts, statement, anchor):
        return None
    return after[-1].model, facts.statement_after_loops(statement)


def _saved_other_trained(ctx: PlanContext, receiver: cst.BaseExpression,
                         anchor: cst.CSTNode) -> tuple[cst.BaseExpression, cst.CSTNode] | None:
    """`model.fit(...)`, then `head.fit(...)` on part of it, then `model.save(...)`, `head` never saved: of the
    models the script trains, the one it saves last after training is what it delivers, not the last one
    trained (where that one is saved too, it stays the one served)."""
    facts = ctx.facts
    after = [save for save in facts.save_calls if facts.position(save.call) > facts.position(anchor)
             and save.kind in ("save", "keras.save_model", "saved_model.save", "export")]
    saved = after[-1].model if after else None
    key = facts.model_key(saved) if saved is not None else None
    if key is None or any(facts.model_key(save.model) == facts.model_key(receiver) for save in after) or \
            not any(facts.model_key(fit.receiver) == key for fit in facts.fit_calls):
        return None
    ctx.report(saved, diagnostics.SAVED_NOT_LAST_TRAINED, last=_code(receiver), saved=_code(saved))
    return saved, anchor


def _kept_by_the_loop(ctx: PlanContext, receiver: cst.BaseExpression,
                      loop: cst.CSTNode) -> tuple[cst.BaseExpression, cst.BaseStatement] | None:
    """`best = (accuracy, model)` or `best_model = model` in the loop that trains, read after it, nothing saved:
    the model the sweep keeps is the one to serve, not the last one trained (exported after the loop)."""
    facts = ctx.facts
    if not isinstance(loop, (cst.For, cst.While)) or not isinstance(receiver, cst.Name) or \
            any(facts.position(save.call) > facts.position(loop) for save in facts.save_calls):
        return None
    scope = facts.scopes.get(loop)
    for node in walk(loop):
        if not (isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target,
                                                                                        cst.Name)):
            continue
        name, value = node.targets[0].target.value, node.value
        elements = [element.value for element in value.elements] if isinstance(value, cst.Tuple) else [value]
        index = next((i for i, element in enumerate(elements)
                      if isinstance(element, cst.Name) and element.value == receiver.value), None)
        if index is None or name == receiver.value:
            continue
        held = facts.held_by(scope, name, index if isinstance(value, cst.Tuple) else None)
        reads = [read for assignment in scope.assignments[name] for read in assignment.references] if scope else []
        read_after = any(facts.position(read) > facts.position(loop) and not facts.inside(read, loop)
                         for read in reads)
        if held is not None and held.value == receiver.value and read_after:
            code = f"{name}[{index}]" if isinstance(value, cst.Tuple) else name
            return parse_expression(code), loop
    return None


def _built_around(facts, value: cst.BaseExpression | None, receiver: cst.BaseExpression) -> bool:
    """`keras.Model(raw, model(vectorizer(raw)))` after training: a model built around the trained one (its
    preprocessing put in front, a softmax after), which the script then saves as what it delivers."""
    return isinstance(receiver, cst.Name) and is_model_constructor(facts, value) and any(
        isinstance(node, cst.Name) and node.value == receiver.value for node in walk(value))


def _rebound_model(ctx: PlanContext, receiver: cst.BaseExpression, anchor: cst.CSTNode) -> cst.CSTNode | None:
    """`model = load_model("best.keras")` after training: the model the script ends with is that one, so the
    export goes after the last such binding of the trained name in the same scope."""
    facts = ctx.facts
    if not isinstance(receiver, cst.Name):
        return None
    scope = facts.structure.resolved.get(receiver)
    last = None
    for assignment in scope.assignments[receiver.value] if scope is not None else ():
        value, assign = facts.assigned_value(assignment.node)
        if isinstance(assign, cst.Assign) and is_model_constructor(facts, value) and \
                facts.position(assign) > facts.position(anchor) and _always_after(facts, assign, anchor):
            last = assign
    return facts.statement_after_loops(last) if last is not None else None


def _always_after(facts, later: cst.CSTNode, anchor: cst.CSTNode) -> bool:
    """Does `later` run whenever `anchor` has run: it is in the anchor's block or a block around it, not in a
    branch of its own (`if args.train: ...fit...` then `if args.predict: model = load_model(...)`)?"""
    statement = facts.statement_of(later)
    around, node = set(), anchor
    while node is not None:
        around.add(id(node))
        node = facts.parents.get(node)
    return id(facts.parents.get(statement)) in around


def _tape_trained_models(ctx: PlanContext) -> tuple[dict[str, TrainedModel], cst.BaseStatement, cst.CSTNode] | None:
    """A custom loop: the models used in the GradientTape's function, exported after the loop that runs it: the
    loop around the calls of a step function, or the loop inside the function (`def main(): ... for epoch ...`)
    that trains a model of its own."""
    facts = ctx.facts
    tape = facts.tape_calls[-1]
    step_function = facts.enclosing(tape, cst.FunctionDef)
    anchors = []
    if step_function is None:
        anchors.append(facts.statement_after_loops(tape))
    else:
        inner = facts.statement_after_loops(tape)
        if isinstance(inner, (cst.For, cst.While)) and not facts.traced(step_function):
            # a function that runs the loop itself: training is over where it returns, or after its loop
            uses = facts.uses_of(step_function)
            if uses:
                anchors.append(facts.statement_after_loops(max(uses, key=facts.position)))
            anchors.append(inner)
        else:  # a step: after the loop that runs it
            outer = _after_runs_of(facts, step_function)
            if outer is not None:
                anchors.append(outer)
    if not anchors:  # never inside the step itself: it would export at every step, or while tracing
        ctx.report(tape, diagnostics.LOOP_STEP_NOT_RUN, name=step_function.name.value)
        return None
    for anchor in anchors:
        models, problem = _loop_models(ctx, tape, step_function or facts.module, anchor)
        if models:
            if len(models) > 1 and not ctx.options.export_model:
                ctx.report(tape, diagnostics.SEVERAL_LOOP_MODELS, count=len(models))
            return models, anchor, tape
    message, fields = problem
    ctx.report(tape, message, **fields)
    return None


def _after_runs_of(facts, function: cst.FunctionDef) -> cst.BaseStatement | None:
    """The statement after the loop that runs `function` (the last in the source), or None."""
    sites = facts.run_sites(function)
    return max((facts.statement_after_loops(site) for site in sites), key=facts.position) if sites else None


def _loop_models(ctx: PlanContext, tape: cst.Call, region: cst.CSTNode,
                 anchor: cst.CSTNode) -> tuple[dict[str, TrainedModel], tuple | None]:
    """The models the loop in `region` trains that code at `anchor` sees, or why there are none (a diagnostic
    and its fields)."""
    facts = ctx.facts
    visible = _enclosing_scopes(facts.scopes.get(anchor))
    models = {}
    for (scope, name) in sorted(facts.model_names, key=lambda key: key[1]):
        # A model built inside the step function itself is not the one trained (nor visible after the loop), nor
        # is one only loaded once the loop is done (`best = load_model("net.keras")`).
        if name not in models and scope in visible and facts.mentions(region, name) and \
                not _only_loaded_after(facts, scope, name, anchor):
            models[name] = TrainedModel((scope, name))
    if models:
        return models, None
    trained, plain = _models_by_gradients(ctx, region, visible, anchor)
    if trained:
        return trained, None
    function = loop_function(facts, tape, anchor, {name for name, _ in plain}, visible)
    if function is not None and function.example is not None and release(ctx.options.framework_version) >= (2, 0):
        return {function.predict.value: TrainedModel(None, example=_code(function.example))}, None
    if plain:
        return {}, (diagnostics.LOOP_PLAIN_CLASS_MODEL, {"name": plain[0][0], "cls": plain[0][1]})
    if function is not None and function.example is None:
        return {}, (diagnostics.LOOP_FUNCTION_INPUT_UNSEEN, {"name": function.predict.value})
    return {}, (diagnostics.LOOP_WITHOUT_MODEL, {})


def _only_loaded_after(facts, scope, name: str, anchor: cst.CSTNode) -> bool:
    """Is every binding of `name` in `scope` a model loaded from a file, after `anchor`?"""
    bindings = scope.assignments[name]
    for binding in bindings:
        value = facts.assigned_value(binding.node)[0]
        if not isinstance(value, cst.Call) or facts.qualified_name(value.func) not in catalog.MODEL_LOADERS or \
                facts.position(binding.node) < facts.position(anchor):
            return False
    return bool(bindings)


def _models_by_gradients(ctx: PlanContext, region: cst.CSTNode, visible: list,
                         anchor: cst.CSTNode) -> tuple[dict, list]:
    """The objects whose variables the loop's `tape.gradient(loss, model.trainable_variables)` (or
    `apply_gradients`/`minimize`) trains, where bound in a scope the export sees: a model whatever its class
    (`ResNet18()` from a module of the project), unless the script defines that class as a plain Python class,
    which no SavedModel API can save (returned apart, with the class name)."""
    facts = ctx.facts
    roots = {owner.value: owner for call, owner in facts.variable_owners
             if facts.inside(call, region) and isinstance(owner, cst.Name)}
    models, plain = {}, []
    for call, owner in facts.variable_owners:  # `self.model` in a trainer's method, seen where `self` is
        if isinstance(owner, cst.Attribute) and facts.inside(call, region) and _self_visible(facts, call, anchor):
            models.setdefault(_code(owner), TrainedModel(None, owner))
    for name, root in sorted(roots.items()):
        scope = facts.structure.resolved.get(root)
        if scope not in visible:
            continue
        values = [facts.assigned_value(a.node)[0] for a in scope.assignments[name]]
        cls = next((facts.plain_class(value) for value in values if facts.plain_class(value)), None)
        if cls is not None:
            plain.append((name, cls))
        elif values and all(isinstance(value, cst.Call) for value in values):  # built by a constructor
            models[name] = TrainedModel((scope, name))
    return models, plain


def _self_visible(facts, use: cst.CSTNode, anchor: cst.CSTNode) -> bool:
    """Is code at `anchor` in a method of the class whose method holds `use`, with `self` bound there too?"""
    method = facts.enclosing(anchor, cst.FunctionDef)
    cls = facts.enclosing(use, cst.ClassDef)
    params = method.params.params if method is not None else ()
    return cls is not None and facts.enclosing(method, cst.ClassDef) is cls and bool(params) and \
        params[0].name.value == "self"


def _enclosing_scopes(scope) -> list:
    """`scope` and the scopes whose names it sees (class bodies are not seen from inside their methods)."""
    found = []
    while scope is not None:
        if not isinstance(scope, ClassScope) or not found:
            found.append(scope)
        scope = scope.parent
    return found


def _path_kind(ctx: PlanContext, save: SaveCall) -> str:
    """"file" (not servable), "dir" (a SavedModel) or "unknown" (built at run time)."""
    if save.kind == "save_weights":
        return "file"
    save_format = next((a.value.evaluated_value for a in save.call.args if a.keyword and a.keyword.value ==
                        "save_format" and isinstance(a.value, cst.SimpleString)), None) if save.kind == "save" else None
    if save_format in ("h5", "tf"):  # Keras 2's own word for what it writes
        return "file" if save_format == "h5" else "dir"
    text = path_tail(ctx.facts, save.path)
    if text is None and isinstance(save.path, (cst.Attribute, cst.Name)):  # `args.output_path`: the option's default
        defaults = [path.full for path in resolve(ctx.facts, save.path) if path.is_default]
        text = defaults[0] if defaults else None
    if text is None:
        return "unknown"
    return "file" if text.lower().endswith(catalog.FILE_MODEL_SUFFIXES) else "dir"


def _model_dir(ctx: PlanContext, anchor: cst.CSTNode) -> str:
    """Code for the model dir, from the parsed arguments where visible, else straight from the environment."""
    reference = ctx.args.reference(anchor, "sm_model_dir")
    if reference is not None:
        ctx.args.require("sm_model_dir")
        return ctx.facts.module.code_for_node(reference)
    return f'{ctx.require_import("os", at=anchor)}.environ.get("SM_MODEL_DIR", {quote(ctx.options.local_model_dir)})'


def _reroute_file_save(ctx: PlanContext, save: SaveCall) -> None:
    """`model.save("m.keras")` -> locally "m.keras", on SageMaker <model dir>/m.keras (shipped in model.tar.gz)."""
    facts = ctx.facts
    literal = path_tail(facts, save.path) if isinstance(save.path, cst.SimpleString) else None
    os = ctx.require_import("os", at=save.call)
    basename = quote(literal.rstrip("/").rsplit("/", 1)[-1]) if literal else f"{os}.path.basename({PATH_SLOT})"
    sagemaker_path = f"{os}.path.join({_model_dir(ctx, save.call)}, {basename})"
    if facts.multi_worker:  # §6: all workers save, non-chief ones into a temp dir, as the export
        sagemaker_path = f"{ctx.helper('chief_path')}({sagemaker_path})"
    template = f"{ctx.helper('sm_path')}({PATH_SLOT}, {sagemaker_path})"
    ctx.amend(save.path, functools.partial(_fill, template=template))  # edits inside the path stay


def _reroute_other_model_files(ctx: PlanContext, models: list[TrainedModel]) -> None:
    """File saves of the script's other models (`autoencoder.save("ae.keras")` before the classifier trains, a best
    checkpoint loaded as `best` and saved, `model = train(); model.save("final.keras")` in the caller) go where the
    exported model's files go: on SageMaker the code dir they would land in is discarded. The export stays the
    trained model's."""
    facts = ctx.facts
    for save in facts.save_calls:
        if save.call in facts.wrapped_saves or ctx.claimed(save.path) or any(m.saved_by(facts, save) for m in models):
            continue
        if save.kind not in FILE_SAVE_KINDS or _path_kind(ctx, save) != "file" or _reads_model_dir(facts, save.path):
            continue
        if save.call in ctx.paths.read_back_saves:  # kept with its load, and said so
            ctx.report(save.call, diagnostics.READ_BACK, path=_shown_path(facts, save.path))
        else:
            _reroute_file_save(ctx, save)


def _shown_path(facts, path: cst.BaseExpression | None) -> str:
    """A save's path as a message shows it: its static reading (`folds/*` for an f-string), else its code."""
    readings = {reading.full for reading in resolve(facts, path)}
    if len(readings) == 1:
        return readings.pop()
    return facts.module.code_for_node(path) if path is not None else "the model"


def _make_export(ctx: PlanContext, save: SaveCall, version_parts: tuple[str, ...]) -> None:
    """The script's own SavedModel save becomes the export: <model dir>/1 on SageMaker, its own path locally."""
    facts = ctx.facts
    version = _version_dir(ctx, save.call, version_parts)
    if facts.multi_worker and version_parts:  # §6: all workers save, non-chief ones into a temp dir
        version = f"{ctx.helper('chief_path')}({version})"
    path_template = f"{ctx.helper('sm_path')}({PATH_SLOT}, {version})"
    if _needs_export_call(ctx, save):
        _rewrite_as_export(ctx, save, path_template, None)
    else:  # amended, not replaced: other rules may rewrite inside the save (the path's own parts)
        ctx.amend(save.path, functools.partial(_fill, template=path_template))


def _fill(path: cst.BaseExpression, template: str) -> cst.BaseExpression:
    return parse_expression(template.replace(PATH_SLOT, _code(path)))


def _version_dir(ctx: PlanContext, anchor: cst.CSTNode, version_parts: tuple[str, ...]) -> str:
    if not version_parts:
        return _model_dir(ctx, anchor)
    parts = ", ".join(quote(part) for part in version_parts)
    return f"{ctx.require_import('os', at=anchor)}.path.join({_model_dir(ctx, anchor)}, {parts})"


def _export_call(ctx: PlanContext, model: str, path: str, at: cst.CSTNode | None = None) -> str:
    """Code that writes `model` as a servable SavedModel to `path` on the target TensorFlow, used at `at`."""
    _tensorflow(ctx)  # the helper's name for tensorflow: `tf` where the script has none
    call = catalog.export_call_for(ctx.options.framework_version)
    if call == "export_helper":
        return f"{ctx.helper('export')}({model}, {path})"
    tf = _tensorflow(ctx, at)
    if call == "saved_model.save":
        return f"{tf}.saved_model.save({model}, {path})"
    return f"{tf}.keras.experimental.export_saved_model({model}, {path})"


def _add_export(ctx: PlanContext, anchor: cst.BaseStatement, model: str, version_parts: tuple[str, ...],
                example: str | None = None) -> None:
    path = _version_dir(ctx, anchor, version_parts)
    if ctx.facts.multi_worker:  # §6: all workers save, non-chief ones into a temp dir
        path = f"{ctx.helper('chief_path')}({path})"
    if example is not None:  # no model object: the function is served, traced on inputs like `example`
        _tensorflow(ctx)
        code = f"{ctx.helper('export_function')}({model}, {example}, {path})\n"
    else:
        code = _export_call(ctx, model, path, at=anchor) + "\n"
    _insert_export(ctx, anchor, code, version_parts)


def _insert_export(ctx: PlanContext, anchor: cst.BaseStatement, code: str, version_parts: tuple[str, ...]) -> None:
    statement = parse_statements(_chief_only(ctx, anchor, code))[0]
    comment = EXPORT_COMMENT.format("/".join(version_parts))
    statement = statement.with_changes(leading_lines=[cst.EmptyLine(indent=False),
                                                         cst.EmptyLine(comment=cst.Comment(comment))])
    ctx.insert_after(anchor, [statement])


def _chief_only(ctx: PlanContext, anchor: cst.CSTNode, code: str) -> str:
    """Under Horovod every rank runs the script: only rank 0 exports (§6), unless a rank check around the
    training already says so."""
    facts = ctx.facts
    hvd = next((facts.module_imports[m] for m in catalog.HOROVOD_MODULES if m in facts.module_imports), None)
    if hvd is None and not _imports_horovod(facts):
        return code
    current = facts.parents.get(anchor)
    while current is not None:
        if isinstance(current, cst.If) and "rank()" in facts.module.code_for_node(current.test):
            return code
        current = facts.parents.get(current)
    if hvd is None:  # imported in a branch or a function: `hvd` may not be bound here, the launcher's rank is
        os = ctx.require_import("os", at=anchor)
        return f'if {os}.environ.get("OMPI_COMM_WORLD_RANK", {os}.environ.get("HOROVOD_RANK", "0")) == "0":\n    {code}'
    return f"if {hvd}.rank() == 0:\n    {code}"


def _imports_horovod(facts) -> bool:
    """Anywhere in the script, not only at module level (`if use_horovod: import horovod.tensorflow as hvd`)."""
    return any(module == "horovod" or module.startswith("horovod.") for module in facts.imported_modules)


def _tensorflow(ctx: PlanContext, at: cst.CSTNode | None = None) -> str:
    """The script's module-level name for `tensorflow` (where visible at `at`), or a fresh `import tensorflow as tf`."""
    return ctx.require_import("tensorflow", "tf", at=at)
