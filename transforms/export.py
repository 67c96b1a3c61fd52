"""Export the trained model as a TensorFlow Serving SavedModel under `<sm-model-dir>/1/`.

SageMaker serves only `saved_model.pb` in an all-digit folder under the model dir; `.keras`/`.h5` files are
not servable (sagemaker-contract.md §5). So:
- the script's own SavedModel save (`tf.saved_model.save`, `model.export`, `model.save(dir)`) becomes the
  export: on SageMaker it writes `<sm-model-dir>/1`, locally where it wrote before. `model.save(dir)` raises on
  Keras 3 (TF >= 2.16) and is rewritten to `tf.saved_model.save`, which works on every TF 2.x
  (tensorflow-and-libcst-notes.md, "Which call writes a servable SavedModel");
- file saves (`.keras`, `.h5`, `save_weights`) are kept: on SageMaker they land in the model dir beside `1/`
  (so they ship in model.tar.gz), locally where they were; an export is added after the last of them;
- no save at all: an export is added after the final training call (`fit`, or the loop around a
  `GradientTape` step).
Never to `--model_dir` (aws/sagemaker-python-sdk#1895). What can't be done safely is reported.
"""

from __future__ import annotations

import libcst as cst

from sm_migrate.results import MigrationOptions
from sm_migrate.transforms import catalog, sm_env
from sm_migrate.transforms.arguments import args_reference, chief_path_helper, sm_path_helper
from sm_migrate.transforms.edits import EditPlan, parse_expression, parse_statements, quote
from sm_migrate.transforms.facts import SaveCall, ScriptFacts
from sm_migrate.transforms.paths import script_paths

NAME = "export"
EXPORT_COMMENT = "# TensorFlow Serving SavedModel for SageMaker: <model dir>/{} (added by sm-migrate)"
HANDLED_MARKERS = ("sm_model_dir", "SM_MODEL_DIR")


def plan(plan: EditPlan, options: MigrationOptions) -> None:
    facts = plan.facts
    rerooted = {site.call for site in script_paths(facts).writes if site.path.root in plan.replacements}
    for callback in facts.saving_callbacks:
        if callback in rerooted:
            continue
        plan.warn(callback, "SM201", "a callback saves the model during training: its files stay where they are "
                  "(on SageMaker, point it at /opt/ml/checkpoints or the model dir by hand)")
    if any(_already_handled(facts, save.path) for save in facts.save_calls):
        return  # exported to the model dir already (a migrated or SageMaker-ready script)
    if not facts.fit_calls and not facts.tape_calls:
        _export_graph_script(plan)
        return
    trained = _trained_models(plan)
    if trained is None:
        return
    models, training_anchor = trained
    names = [facts.module.code_for_node(model) for model in models]
    if options.export_model and options.export_model in names:
        names = [options.export_model]
    elif options.export_model:
        plan.warn(models[0], "SM202", f"--export {options.export_model}: no such trained model ({', '.join(names)})")
    for name in names:
        # One model: <model dir>/1. Several: TF Serving's multi-model layout, <model dir>/<name>/1 (contract §5).
        version_parts = ("1",) if len(names) == 1 else (name, "1")
        _export_model(plan, name, training_anchor, version_parts, options)
    plan.transforms.append(NAME)


def _export_model(plan: EditPlan, model_code: str, training_anchor: cst.BaseStatement,
                  version_parts: tuple[str, ...], options: MigrationOptions) -> None:
    facts = plan.facts
    saves = [s for s in facts.save_calls if facts.module.code_for_node(s.model) == model_code]
    file_saves, dir_saves = [], []
    for save in saves:
        kind = _path_kind(facts, save)
        if kind == "file":
            file_saves.append(save)
        elif kind == "dir":
            dir_saves.append(save)
        elif isinstance(save.path, cst.Attribute) and save.path.attr.value == "model_dir":
            plan.warn(save.call, "SM205", "the model is saved to --model_dir, which SageMaker sets to an S3 "
                      "checkpoint URI: that gives no model.tar.gz (sdk#1895); the export to the model dir is added")
        else:
            plan.warn(save.call, "SM201", "model saved to a path built at run time: left as is; make sure the "
                      "final model also reaches the model dir")
    for save in file_saves:
        _reroute_file_save(plan, save)
    if dir_saves:
        for save in dir_saves[:-1]:
            plan.warn(save.call, "SM202", "several SavedModel saves: only the last one is exported to the model dir")
        _make_export(plan, dir_saves[-1], options, version_parts)
    else:
        anchor = facts.statement_after_loops(file_saves[-1].call) if file_saves else training_anchor
        _add_export(plan, anchor, model_code, options, version_parts)


def _export_graph_script(plan: EditPlan) -> None:
    """Estimator and TF1 session scripts: their own SavedModel export is re-rooted (an estimator's export base
    becomes the model dir itself: it writes a numeric timestamp folder); without one nothing can be inferred."""
    facts = plan.facts
    exports = [save for save in facts.save_calls if save.kind in ("tf1", "estimator")]
    if exports:
        for save in exports[:-1]:
            plan.warn(save.call, "SM202", "several SavedModel exports: only the last one goes to the model dir")
        last = exports[-1]
        _make_export(plan, last, plan.options, () if last.kind == "estimator" else ("1",))
        plan.transforms.append(NAME)
    elif facts.estimator_training and facts.estimator_exporters:
        _export_after_evaluation(plan)
    elif facts.estimator_training:
        plan.warn(facts.estimator_training[0], "SM203", "the estimator is never exported and its serving input "
                  "can't be inferred: call export_saved_model(<sm-model-dir>, serving_input_receiver_fn) by hand")
    else:
        plan.warn(facts.module, "SM203", "session-based training without a SavedModel export: its inputs and "
                  "outputs can't be inferred; export with tf.compat.v1.saved_model.simple_save to <sm-model-dir>/1")


def _export_after_evaluation(plan: EditPlan) -> None:
    """An EvalSpec exporter writes under the estimator's model_dir (an S3 URI on SageMaker): after training, the
    final model is also exported to the model dir, with the exporter's own serving input function."""
    facts = plan.facts
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
        plan.warn(exporter, "SM203", "an EvalSpec exporter exports under the estimator's model_dir (S3 on "
                  "SageMaker): call export_saved_model(<sm-model-dir>, serving_input_receiver_fn) after training")
        return
    anchor = facts.statement_after_loops(training)
    code = f"{estimator_arg.value}.export_saved_model({_model_dir(plan, anchor)}, {serving_fn.value})\n"
    statement = parse_statements(code)[0].with_changes(leading_lines=[
        cst.EmptyLine(indent=False), cst.EmptyLine(comment=cst.Comment(EXPORT_COMMENT.format("<timestamp>")))])
    plan.add_after(anchor, [statement])
    plan.transforms.append(NAME)


def _already_handled(facts: ScriptFacts, path: cst.BaseExpression | None) -> bool:
    if path is None:
        return False
    code = facts.module.code_for_node(path)
    return any(marker in code for marker in HANDLED_MARKERS)


def _trained_models(plan: EditPlan) -> tuple[list[cst.BaseExpression], cst.BaseStatement] | None:
    """The model(s) the script trains last, and the statement after which they are final."""
    facts = plan.facts
    if facts.fit_calls:
        fit = facts.fit_calls[-1]
        return [fit.receiver], facts.statement_after_loops(fit.call)
    return _tape_trained_models(plan)


def _tape_trained_models(plan: EditPlan) -> tuple[list[cst.BaseExpression], cst.BaseStatement] | None:
    """A custom loop: the models used in the GradientTape's function, exported after the loop that runs it."""
    facts = plan.facts
    tape = facts.tape_calls[-1]
    step_function = facts.enclosing(tape, cst.FunctionDef)
    anchor_node: cst.CSTNode = tape
    region: cst.CSTNode = step_function or facts.module
    if step_function is not None:
        callers = [node for node in facts.calls_by_name.get(step_function.name.value, ())
                   if facts.enclosing(node, cst.FunctionDef) is not step_function]
        if callers:
            anchor_node = max(callers, key=lambda c: facts.position(c))
    model_names = sorted({name for (_, name) in facts.model_names if facts.mentions(region, name)})
    if not model_names:
        plan.warn(tape, "SM203", "custom training loop with no identifiable model: no export added; export the "
                  "trained model to <sm-model-dir>/1 by hand")
        return None
    if len(model_names) > 1 and not plan.options.export_model:
        plan.warn(tape, "SM202", f"custom training loop with {len(model_names)} models: each is exported to "
                  "<sm-model-dir>/<name>/1 (TF Serving's multi-model layout); --export NAME exports one")
    return [cst.Name(name) for name in model_names], facts.statement_after_loops(anchor_node)


def _path_kind(facts: ScriptFacts, save: SaveCall) -> str:
    """"file" (not servable), "dir" (a SavedModel) or "unknown" (built at run time)."""
    if save.kind == "save_weights":
        return "file"
    if save.kind == "save" and any(
        a.keyword and a.keyword.value == "save_format" and isinstance(a.value, cst.SimpleString)
        and a.value.evaluated_value == "h5" for a in save.call.args
    ):
        return "file"
    text = _static_path(facts, save.path)
    if text is None:
        return "unknown"
    return "file" if text.lower().endswith(catalog.FILE_MODEL_SUFFIXES) else "dir"


def _static_path(facts: ScriptFacts, path: cst.BaseExpression | None) -> str | None:
    """The path's text when it is a literal, a module string constant, or an os.path.join/f-string ending in one."""
    if isinstance(path, cst.SimpleString):
        return path.evaluated_value
    if isinstance(path, cst.Name):
        for statement in facts.module.body:
            if isinstance(statement, cst.SimpleStatementLine) and isinstance(statement.body[0], cst.Assign):
                assign = statement.body[0]
                if any(isinstance(t.target, cst.Name) and t.target.value == path.value for t in assign.targets):
                    return _static_path(facts, assign.value)
        return None
    if isinstance(path, cst.Call) and facts.qualified_name(path.func) == "os.path.join" and path.args:
        return _static_path(facts, path.args[-1].value)
    if isinstance(path, cst.FormattedString) and path.parts and isinstance(path.parts[-1], cst.FormattedStringText):
        return path.parts[-1].value
    if isinstance(path, cst.BinaryOperation) and isinstance(path.operator, cst.Divide):  # pathlib: base / "m.keras"
        return _static_path(facts, path.right)
    return None


def _model_dir(plan: EditPlan, anchor: cst.CSTNode) -> str:
    """Code for the model dir, from the parsed arguments where visible, else straight from the environment."""
    reference = args_reference(plan, anchor, "sm_model_dir")
    if reference is not None:
        sm_env.require(plan, "sm_model_dir")
        return plan.facts.module.code_for_node(reference)
    return f'{plan.module("os")}.environ.get("SM_MODEL_DIR", {quote(plan.options.local_model_dir)})'


def _reroute_file_save(plan: EditPlan, save: SaveCall) -> None:
    """`model.save("m.keras")` -> locally "m.keras", on SageMaker <model dir>/m.keras (shipped in model.tar.gz)."""
    facts = plan.facts
    local = facts.module.code_for_node(save.path)
    literal = _static_path(facts, save.path) if isinstance(save.path, cst.SimpleString) else None
    os = plan.module("os")
    basename = quote(literal.rstrip("/").rsplit("/", 1)[-1]) if literal else f"{os}.path.basename({local})"
    helper = sm_path_helper(plan)
    new_path = parse_expression(f"{helper}({local}, {os}.path.join({_model_dir(plan, save.call)}, {basename}))")
    plan.replace(save.path, new_path)


def _make_export(plan: EditPlan, save: SaveCall, options: MigrationOptions, version_parts: tuple[str, ...]) -> None:
    """The script's own SavedModel save becomes the export: <model dir>/1 on SageMaker, its own path locally."""
    facts = plan.facts
    helper = sm_path_helper(plan)
    local = facts.module.code_for_node(save.path)
    new_path = f'{helper}({local}, {_version_dir(plan, save.call, version_parts)})'
    model = facts.module.code_for_node(save.model)
    if save.kind in ("save", "keras.save_model") and catalog.keras3(options.framework_version):
        plan.warn(save.call, "SM204", f"`{facts.module.code_for_node(save.call.func)}(dir)` raises on Keras 3 "
                  f"(TF >= 2.16): rewritten to {_tensorflow(plan)}.saved_model.save")
        plan.replace(save.call, parse_expression(f"{_tensorflow(plan)}.saved_model.save({model}, {new_path})"))
    else:
        plan.replace(save.path, parse_expression(new_path))


def _version_dir(plan: EditPlan, anchor: cst.CSTNode, version_parts: tuple[str, ...]) -> str:
    if not version_parts:
        return _model_dir(plan, anchor)
    parts = ", ".join(quote(part) for part in version_parts)
    return f"{plan.module('os')}.path.join({_model_dir(plan, anchor)}, {parts})"


def _add_export(plan: EditPlan, anchor: cst.BaseStatement, model: str, options: MigrationOptions,
                version_parts: tuple[str, ...]) -> None:
    tf = _tensorflow(plan)
    path = _version_dir(plan, anchor, version_parts)
    if plan.facts.multi_worker:  # contract §6: all workers save, non-chief ones into a temp dir
        path = f"{chief_path_helper(plan)}({path})"
    if catalog.export_call_for(options.framework_version) == "saved_model.save":
        code = f"{tf}.saved_model.save({model}, {path})\n"
    else:
        code = f"{tf}.keras.experimental.export_saved_model({model}, {path})\n"
    statement = parse_statements(_chief_only(plan, anchor, code))[0]
    comment = EXPORT_COMMENT.format("/".join(version_parts))
    statement = statement.with_changes(leading_lines=[cst.EmptyLine(indent=False),
                                                         cst.EmptyLine(comment=cst.Comment(comment))])
    plan.add_after(anchor, [statement])


def _chief_only(plan: EditPlan, anchor: cst.CSTNode, code: str) -> str:
    """Under Horovod every rank runs the script: only rank 0 exports (contract §6), unless a rank check
    around the training already says so."""
    facts = plan.facts
    hvd = next((facts.module_imports[m] for m in catalog.HOROVOD_MODULES if m in facts.module_imports), None)
    if hvd is None:
        return code
    current = facts.parents.get(anchor)
    while current is not None:
        if isinstance(current, cst.If) and "rank()" in facts.module.code_for_node(current.test):
            return code
        current = facts.parents.get(current)
    return f"if {hvd}.rank() == 0:\n    {code}"


def _tensorflow(plan: EditPlan) -> str:
    """The script's module-level name for `tensorflow`, or a fresh `import tensorflow as tf`."""
    return plan.module("tensorflow", "tf")
