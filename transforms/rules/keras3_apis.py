"""Keras 2 APIs that fail, or do the wrong thing, on the target: renamed where the new call means the same,
reported where it does not, or Keras 2 kept with `--keras 2`.

Scripts from the TF 2.1-2.15 images call APIs Keras 3 (TF >= 2.16) removed; each fails at run time
(docs/sagemaker-contract.md §5, docs/tensorflow-and-libcst-notes.md). Only a rename that means the same is done:
- an optimizer's `lr=` -> `learning_rate=` (not where both are passed). Not only for Keras 3: from TF 2.11 the
  Keras 2 optimizers accept `lr=` with a warning and train with their default learning rate instead, so it is
  renamed on those targets too, and under `--keras 2` (legacy optimizers still honour it: left alone there);
- fit's `nb_epoch=` -> `epochs=`, on every target: it is Keras 1's, no TF 2 `fit` takes it (the hyperparameters
  rule lifts its value as `epochs`);
- a layer's Keras 1 keywords -> their Keras 2 names (`Dense(output_dim=, init=)` -> `units=`, `kernel_initializer=`;
  catalog.KERAS1_LAYER_KEYWORDS), on every target: no TF Keras takes them, and Keras 2's legacy interface renamed
  them alike; not on a call whose positional arguments Keras 1 read differently (`Convolution2D(32, 3, 3)`);
- an optimizer's `decay=` (TF 2.11+ optimizers reject it, Keras 3's ignore it with a warning): the learning rate
  becomes `InverseTimeDecay(rate, decay_steps=1, decay_rate=decay)`, the `rate / (1 + decay * step)` Keras 2
  applied;
- on Keras 3, `fit_generator`/`evaluate_generator`/`predict_generator` -> `fit`/`evaluate`/`predict` on a Keras
  model, where the call passes the generator alone positionally and only keywords the Keras 3 method takes
  (catalog.KERAS3_METHOD_KEYWORDS): `workers=` or a positional `steps_per_epoch` would mean something else.
What can't be renamed is reported (Keras 3 only): `keras.optimizers.legacy.*` (Keras 3 has none; the current
optimizers differ in their arguments), `save(..., save_format=...)` to a path that does not end in .keras/.h5
(which file the user wants can't be told), the generator calls above, a ModelCheckpoint file Keras 3 refuses
(`weights.best.hdf5`: renaming it would split it from its loads) or its `period=`, fit's `workers=`/
`use_multiprocessing=`/`max_queue_size=` (a PyDataset takes them in Keras 3), Keras 2 backend functions Keras 3
has none of (`K.set_learning_phase`, `K.function`: catalog.KERAS3_REMOVED_APIS), and what the standalone `keras` 3
package dropped though `tf.keras` still has it (`from keras.preprocessing.image import ImageDataGenerator`; all measured
in docs/tensorflow-and-libcst-notes.md). Reported on whatever Keras the target has: `predict_classes` and
`predict_proba` (gone from Keras models since TF 2.6; which replaces predict_classes depends on the model's output),
Keras 1's `K.image_dim_ordering`, and the Keras 1 layer keywords that can't be renamed (`dim_ordering=`).
With `--keras 2` the Keras-2-only APIs are kept instead: `TF_USE_LEGACY_KERAS=1` is set before the first TensorFlow
import, which makes `tf.keras` Keras 2 from the tf-keras package (the requirements emitter lists it for any script
that names the variable). A script that already names the variable runs on Keras 2 likewise.
"""

from __future__ import annotations

import functools

import libcst as cst
from libcst.helpers import get_full_name_for_node

from sm_migrate.transforms import catalog, diagnostics
from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.edits import is_import, parse_expression, parse_statements
from sm_migrate.transforms.paths import path_tail
from sm_migrate.transforms.rules.examples import keras3_apis as examples
from sm_migrate.transforms.versions import release

KERAS1, KERAS2 = diagnostics.KERAS1_NOT_REWRITTEN, diagnostics.KERAS2_NOT_REWRITTEN


class Keras3ApisRule:
    name = "keras3_apis"
    examples = examples.EXAMPLES

    def plan(self, ctx: PlanContext) -> None:
        facts, version = ctx.facts, ctx.options.framework_version
        on_keras3 = catalog.keras3(version) and ctx.options.keras != "2" and not _names_legacy_keras(facts)
        renames, reports = _renames_for_every_keras(ctx, on_keras3)
        if on_keras3:
            keras3_renames, reports = _keras3_only(ctx, reports)
            renames += keras3_renames
        elif catalog.keras3(version) and ctx.options.keras == "2" and not _names_legacy_keras(facts):
            keras3_renames, keras3_reports = _keras3_only(ctx, [])
            if keras3_renames or keras3_reports:
                _keep_keras2(ctx)
        for node, api, new_name, message, fields in renames:
            if _rewritable(ctx, node) and ctx.replace(node, cst.Name(new_name)):
                _realign_continuation_lines(ctx, node, len(node.value) - len(new_name))
                ctx.report(node, message, version=version, **fields)
            else:
                reports.append((node, api, "another rewrite of this call comes first", KERAS2))
        if release(version) >= catalog.LR_IGNORED_SINCE and ctx.options.keras != "2" and \
                not _names_legacy_keras(facts):
            reports += _decay_as_schedule(ctx)
        for node, api, why, message in reports:
            ctx.report(node, message, api=api, why=why, version=version)
        _report_removed_apis(ctx)
        _report_removed_methods(ctx)


def _decay_as_schedule(ctx: PlanContext) -> list:
    """`SGD(learning_rate=0.01, decay=1e-6)`: the optimizers of TF 2.11+ take no `decay=` (Keras 2's raise
    ValueError, Keras 3's warn and train at a constant rate, silently unlike the script). Keras 2 decayed the rate
    as `lr / (1 + decay * step)`, which is `InverseTimeDecay(lr, decay_steps=1, decay_rate=decay)` exactly: the
    learning rate becomes that schedule. Returns what can't be rewritten, as `_keras3_only`'s reports."""
    facts, reports = ctx.facts, []
    for call in facts.optimizer_calls:
        decay = next((arg for arg in call.args if arg.keyword is not None and arg.keyword.value == "decay"), None)
        name = facts.qualified_name(call.func) or ""
        if decay is None or not name.startswith(catalog.OPTIMIZER_MODULE) or _legacy_optimizer(facts, call):
            continue
        rate = next((arg for arg in call.args if arg.keyword is not None
                     and arg.keyword.value in catalog.LEARNING_RATE_KEYWORDS), None)
        rate = rate or (call.args[0] if call.args and call.args[0].keyword is None and not call.args[0].star
                        else None)
        if rate is None or ctx.rewritten(call):
            reports.append((decay.keyword, "decay=", "the optimizer's learning rate is its default here; pass "
                            "learning_rate=keras.optimizers.schedules.InverseTimeDecay(<rate>, 1, <decay>)", KERAS2))
            continue
        on_tf_keras = any(raw.startswith("tensorflow.") for raw in facts.structure.qualified_names(call.func))
        module = f"{ctx.require_import('tensorflow', 'tf', at=call)}.keras" if on_tf_keras else \
            ctx.require_import("keras", at=call)
        ctx.amend(call, functools.partial(_with_schedule, rate_index=call.args.index(rate),
                                          decay_index=call.args.index(decay),
                                          schedule=f"{module}.optimizers.schedules.InverseTimeDecay"))
        ctx.report(decay.keyword, diagnostics.DECAY_AS_SCHEDULE, version=ctx.options.framework_version)
    return reports


def _with_schedule(call: cst.Call, rate_index: int, decay_index: int, schedule: str) -> cst.Call:
    """The rebuilt optimizer call, its rate wrapped in `schedule(rate, decay_steps=1, decay_rate=decay)` and its
    `decay=` argument dropped."""
    module = cst.Module([])
    rate, decay = call.args[rate_index], call.args[decay_index]
    wrapped = parse_expression(f"{schedule}({module.code_for_node(rate.value)}, decay_steps=1, "
                               f"decay_rate={module.code_for_node(decay.value)})")
    args = [arg.with_changes(value=wrapped) if index == rate_index else arg
            for index, arg in enumerate(call.args) if index != decay_index]
    last = call.args[-1]
    args[-1] = args[-1].with_changes(comma=last.comma)  # (a trailing comma, or none, stays as written)
    return call.with_changes(args=args)


def _removed_api_uses(facts) -> list[tuple[cst.CSTNode, str]]:
    """(node, qualified name as written) of every name imported from a module, and of every attribute call of an
    API the removed-API tables list (a bare name is reported at its import)."""
    found = []
    for statement in facts.structure.imports:
        if isinstance(statement, cst.ImportFrom) and statement.module is not None and not statement.relative \
                and not isinstance(statement.names, cst.ImportStar):
            module = get_full_name_for_node(statement.module)
            found.extend((alias, f"{module}.{get_full_name_for_node(alias.name)}") for alias in statement.names)
    for call in facts.removed_api_calls:
        if isinstance(call.func, cst.Attribute):
            found.extend((call.func, name) for name in facts.structure.qualified_names(call.func)[:1])
    return found


def _api_as_written(facts, node: cst.CSTNode, raw: str) -> str:
    """`set_learning_phase` for an imported name, `K.set_learning_phase` for an attribute call."""
    return raw.rsplit(".", 1)[-1] if isinstance(node, cst.ImportAlias) else facts.module.code_for_node(node)


def _report_removed_apis(ctx: PlanContext) -> None:
    """Imports and attribute calls of Keras APIs the target TensorFlow has none of (catalog.REMOVED_KERAS_APIS),
    except where another rule rewrites them away (a session made only for a TF1 export)."""
    facts, version = ctx.facts, ctx.options.framework_version
    for node, raw in _removed_api_uses(facts):
        if raw in catalog.STANDALONE_KERAS3_REMOVED and catalog.keras3(version) and _rewritable(ctx, node):
            home = _tf_keras_home(facts, node)
            statement = facts.parents.get(node)
            if home is not None and ctx.replace(statement, statement.with_changes(module=parse_expression(home))):
                ctx.report(node, diagnostics.KERAS3_PACKAGE_MOVED, api=raw, version=version, new=home)
            elif home is None or not ctx.rewritten(statement):
                ctx.report(node, diagnostics.KERAS3_PACKAGE_LACKS, api=raw, version=version,
                           instead=catalog.STANDALONE_KERAS3_REMOVED[raw])
            continue
        removed = catalog.REMOVED_KERAS_APIS.get(catalog.canonical_name(raw))
        if removed is None or ".compat.v1." in raw or release(version) < removed[0] or not _rewritable(ctx, node):
            continue
        since, instead = removed
        ctx.report(node, diagnostics.KERAS_API_REMOVED, api=_api_as_written(facts, node, raw), version=version,
                   since=".".join(map(str, since)), instead=instead)


def _tf_keras_home(facts, alias: cst.CSTNode) -> str | None:
    """`from keras.preprocessing.image import ImageDataGenerator`: the module of TF's own Keras that serves every
    name the import takes (catalog.TF_KERAS_LEGACY_HOMES), where the import takes nothing else."""
    statement = facts.parents.get(alias)
    if not isinstance(alias, cst.ImportAlias) or not isinstance(statement, cst.ImportFrom):
        return None
    module = get_full_name_for_node(statement.module)
    homes = {catalog.TF_KERAS_LEGACY_HOMES.get(f"{module}.{get_full_name_for_node(name.name)}")
             for name in statement.names}
    return homes.pop() if len(homes) == 1 and None not in homes else None


def _report_removed_methods(ctx: PlanContext) -> None:
    """`model.predict_classes(x)`: methods Keras models lost in TF 2.6 (catalog.REMOVED_MODEL_METHODS), on every
    Keras of those targets. Reported, not rewritten: what replaces predict_classes depends on the model's output
    (softmax or sigmoid), which can't be told here. A method of that name the script defines is its own (a class of
    the user's), so none of its calls is reported; one other libraries have too (scikit-learn's predict_proba) only
    on a receiver known to be a Keras model. No common library but Keras has a predict_classes, and models often
    reach it as a parameter or from a loader the facts don't follow: it is reported on any receiver."""
    facts, version = ctx.facts, ctx.options.framework_version
    defined = {node.name.value for node in facts.structure.definitions if isinstance(node, cst.FunctionDef)}
    fit_receivers = _fit_receivers(facts)
    for call in facts.removed_method_calls:
        method = call.func.attr.value
        since, instead = catalog.REMOVED_MODEL_METHODS[method]
        if release(version) < since or method in defined or not _rewritable(ctx, call.func):
            continue
        if method in catalog.OTHER_LIBRARIES_METHODS and not _known_model(facts, call, fit_receivers):
            continue
        ctx.report(call.func, diagnostics.KERAS_API_REMOVED, api=facts.module.code_for_node(call.func),
                   version=version, since=".".join(map(str, since)), instead=instead)


def _renames_for_every_keras(ctx: PlanContext, on_keras3: bool):
    """`lr=` (failing on Keras 3, ignored by the optimizers of TF 2.11+), `nb_epoch=` and a layer's Keras 1 keywords
    (no TF 2 Keras takes them).

    Returns (renames, reports): renames are (name node, api, new name, message, fields), reports (node, api, why,
    message).
    """
    facts = ctx.facts
    renames, reports = [], []
    lr_wrong = release(ctx.options.framework_version) >= catalog.LR_IGNORED_SINCE
    for call in facts.optimizer_calls if lr_wrong else ():
        if _legacy_optimizer(facts, call):
            continue  # Keras 2's legacy optimizers honour lr=; on Keras 3 they are reported as a whole
        keywords = {arg.keyword.value: arg.keyword for arg in call.args if arg.keyword is not None}
        for old, new in catalog.KERAS2_OPTIMIZER_KEYWORDS.items():
            if old in keywords and new in keywords:
                if on_keras3:
                    reports.append((keywords[old], f"{old}=", f"the call also passes {new}=", KERAS2))
            elif old in keywords:
                message = diagnostics.LR_RENAMED if on_keras3 else diagnostics.LR_IGNORED_RENAMED
                renames.append((keywords[old], f"{old}=", new, message, {}))
    for fit in facts.fit_calls:
        keywords = {arg.keyword.value: arg.keyword for arg in fit.call.args if arg.keyword is not None}
        for old, new in catalog.KERAS2_FIT_KEYWORDS.items():
            if old in keywords and new in keywords:
                reports.append((keywords[old], f"{old}=", f"the call also passes {new}=", KERAS1))
            elif old in keywords:
                renames.append((keywords[old], f"{old}=", new, diagnostics.NB_EPOCH_RENAMED, {}))
    layer_renames, layer_reports = _keras1_layer_keywords(facts)
    return renames + layer_renames, reports + layer_reports


def _keras1_layer_keywords(facts):
    """`Dense(64, init="uniform")` -> `kernel_initializer=`: the Keras 2 names of a layer's Keras 1 keywords
    (catalog.KERAS1_LAYER_KEYWORDS), which no TF Keras takes; Keras 2's legacy interface renamed them alike, so the
    rename means what the script meant on every target. Reported instead: a keyword whose Keras 2 form is no rename
    (`dim_ordering=`), one whose new name the call passes too, and any on a call with more positional arguments
    than mean the same in Keras 1 and 2 (renaming `border_mode=` would make `Convolution2D(32, 3, 3, ...)` run,
    with strides=3). Returns (renames, reports) as `_renames_for_every_keras`."""
    renames, reports = [], []
    for call in facts.keras1_layer_calls:
        layer = facts.qualified_name(call.func).rsplit(".", 1)[-1]
        same_positions, renamed = catalog.KERAS1_LAYER_KEYWORDS[layer]
        keywords = {arg.keyword.value: arg.keyword for arg in call.args if arg.keyword is not None}
        positional = [arg for arg in call.args if arg.keyword is None and arg.star != "**"]
        shifted = len(positional) > same_positions or any(arg.star == "*" for arg in positional)
        for old, node in keywords.items():
            api = f"{layer}({old}=)"
            if old in catalog.KERAS1_LAYER_KEYWORDS_REPORTED:
                reports.append((node, api, catalog.KERAS1_LAYER_KEYWORDS_REPORTED[old], KERAS1))
            elif old not in renamed:
                continue
            elif renamed[old] in keywords:
                reports.append((node, api, f"the call also passes {renamed[old]}=", KERAS1))
            elif shifted:
                reports.append((node, api, f"Keras 1 read the positional arguments after the first {same_positions} "
                                           f"differently, so renaming {old}= alone could make the call mean something "
                                           f"else; pass them by keyword, then rename it {renamed[old]}=", KERAS1))
            else:
                renames.append((node, f"{old}=", renamed[old], diagnostics.KERAS1_LAYER_KEYWORD_RENAMED,
                                {"old": old, "new": renamed[old], "layer": layer}))
    return renames, reports


def _keras3_only(ctx: PlanContext, reports: list):
    """What only Keras 3 lacks: legacy optimizers, the generator methods, `save_format=` on a path without its
    format, Keras 2 backend functions, fit's data-loader keywords (`workers=`), ModelCheckpoint's `period=`.
    Returns (renames, reports) as `_renames_for_every_keras`, `reports` extended."""
    facts = ctx.facts
    renames = []
    for call in facts.optimizer_calls:
        if _legacy_optimizer(facts, call):
            reports.append((call.func, facts.module.code_for_node(call.func),
                            "Keras 3 has no legacy optimizers, and its own take other arguments", KERAS2))
    fit_receivers = _fit_receivers(facts)
    for call in facts.keras2_methods:
        method = call.func.attr.value
        replacement = catalog.KERAS2_METHODS[method]
        why = _why_not_renamed(facts, call, replacement, fit_receivers)
        if why:
            reports.append((call.func.attr, f"{method}()", why, KERAS2))
        else:
            renames.append((call.func.attr, f"{method}()", replacement, diagnostics.GENERATOR_METHOD_RENAMED,
                            {"method": method, "replacement": replacement}))
    for fit in facts.fit_calls:  # `fit(..., workers=4)`: TypeError on Keras 3, after the data is loaded
        reports += [(arg.keyword, f"{fit.method}({arg.keyword.value}=)", f"Keras 3's {fit.method}() takes no "
                     f"{arg.keyword.value}=: {catalog.KERAS3_REMOVED_FIT_KEYWORDS[arg.keyword.value]}", KERAS2)
                    for arg in fit.call.args if fit.method in catalog.KERAS3_METHOD_KEYWORDS and arg.keyword
                    is not None and arg.keyword.value in catalog.KERAS3_REMOVED_FIT_KEYWORDS]
    for callback in facts.saving_callbacks:
        why = _checkpoint_file_refused(facts, callback)
        if why is not None:
            reports.append((callback.func, "ModelCheckpoint", why, KERAS2))
        reports += [(arg.keyword, f"ModelCheckpoint({arg.keyword.value}=)", f"Keras 3's ModelCheckpoint takes no "
                     f"{arg.keyword.value}=: {catalog.KERAS3_REMOVED_CALLBACK_KEYWORDS[arg.keyword.value]}", KERAS2)
                    for arg in callback.args if arg.keyword is not None
                    and arg.keyword.value in catalog.KERAS3_REMOVED_CALLBACK_KEYWORDS]
    for save in facts.save_calls:
        if save.kind == "save_weights" and _weights_file_refused(facts, save.path):
            reports.append((save.call.func, f"save_weights({facts.module.code_for_node(save.path)})",
                            f"Keras 3 writes weights only to a "
                            f"{catalog.CHECKPOINT_WEIGHTS_SUFFIX} file; rename the file here and where it is loaded",
                            KERAS2))
        if save.kind != "save" or ctx.rewritten(save.call):  # (the export rule's rewrite takes no save_format=)
            continue
        for arg in save.call.args:
            if arg.keyword is not None and arg.keyword.value in catalog.KERAS2_SAVE_KEYWORDS \
                    and not _names_its_format(facts, save.path):
                reports.append((arg.keyword, f"{arg.keyword.value}=",
                                "its path has no .keras/.h5 extension, and which file is meant can't be told", KERAS2))
    return renames, reports + _keras3_removed_api_uses(ctx)


def _keras3_removed_api_uses(ctx: PlanContext) -> list:
    """`K.set_learning_phase(0)`, `from tensorflow.keras.backend import function`: Keras 2 backend functions Keras 3
    has none of (catalog.KERAS3_REMOVED_APIS), whichever module they are reached through. Returns `_keras3_only`'s
    reports."""
    facts = ctx.facts
    return [(node, _api_as_written(facts, node, raw), catalog.KERAS3_REMOVED_APIS[catalog.canonical_name(raw)], KERAS2)
            for node, raw in _removed_api_uses(facts)
            if catalog.canonical_name(raw) in catalog.KERAS3_REMOVED_APIS and _rewritable(ctx, node)]


def _fit_receivers(facts) -> set[str]:
    """The receivers, as written, of the script's `fit` calls: Keras models, whatever builds them."""
    return {facts.module.code_for_node(fit.receiver) for fit in facts.fit_calls if fit.method == "fit"}


def _known_model(facts, call: cst.Call, fit_receivers: set[str]) -> bool:
    """Is the receiver of the method call `call` known to be a Keras model?"""
    receiver = call.func.value
    return facts.is_model_expression(receiver) or facts.module.code_for_node(receiver) in fit_receivers \
        or any(fit.call is call for fit in facts.fit_calls)


def _literal_file_name(facts, path: cst.BaseExpression | None) -> str | None:
    """The file name a path spells as a literal, or through the module constant holding one (Keras compares the
    suffix as written)."""
    if isinstance(path, cst.Name):
        path = facts.constants.get(path.value)
    name = path.evaluated_value if isinstance(path, cst.SimpleString) else None
    return name if isinstance(name, str) else None


def _weights_file_refused(facts, path: cst.BaseExpression | None) -> bool:
    """`model.save_weights("weights.h5")`: a literal file name Keras 3 refuses (ValueError), not `.weights.h5`."""
    name = _literal_file_name(facts, path)
    return name is not None and not name.endswith(catalog.CHECKPOINT_WEIGHTS_SUFFIX)


def _checkpoint_file_refused(facts, callback: cst.Call) -> str | None:
    """Why Keras 3's ModelCheckpoint refuses its literal file name (`"weights.best.hdf5"`), or None."""
    if facts.qualified_name(callback.func) != "keras.callbacks.ModelCheckpoint":
        return None
    path = next((arg.value for arg in callback.args if arg.keyword is None or arg.keyword.value == "filepath"), None)
    name = _literal_file_name(facts, path)
    if name is None:
        return None
    weights_only = any(arg.keyword is not None and arg.keyword.value == "save_weights_only" and
                       isinstance(arg.value, cst.Name) and arg.value.value == "True" for arg in callback.args)
    if weights_only and not name.endswith(catalog.CHECKPOINT_WEIGHTS_SUFFIX):
        return f"Keras 3 writes weights only to a {catalog.CHECKPOINT_WEIGHTS_SUFFIX} file; rename the file here and " \
               "where it is loaded"
    if not weights_only and not name.endswith(catalog.CHECKPOINT_MODEL_SUFFIXES):
        return "Keras 3 writes a whole model only to a .keras or .h5 file; rename the file here and where it is loaded"
    return None


def _keyword_value(call: cst.Call, keyword: str) -> cst.BaseExpression:
    return next(arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value == keyword)


def _legacy_optimizer(facts, call: cst.Call) -> bool:
    return any(".optimizers.legacy." in name for name in facts.structure.qualified_names(call.func))


def _why_not_renamed(facts, call: cst.Call, replacement: str, fit_receivers: set[str]) -> str | None:
    if not _known_model(facts, call, fit_receivers):
        return "its receiver is not known to be a Keras model"
    positional = [arg for arg in call.args if arg.keyword is None]
    if len(positional) > 1 or any(arg.star for arg in call.args):
        return f"arguments after the generator are passed by position, and {replacement}() orders them differently"
    unknown = sorted(arg.keyword.value for arg in call.args if arg.keyword is not None
                     and arg.keyword.value not in catalog.KERAS3_METHOD_KEYWORDS[replacement])
    if unknown:
        return f"Keras 3's {replacement}() takes no {', '.join(k + '=' for k in unknown)}"
    return None


def _names_its_format(facts, path: cst.BaseExpression | None) -> bool:
    """A path whose literal end (`"m.h5"`, a constant holding one, `os.path.join(out, "m.h5")`, `out + "/m.keras"`)
    is .keras/.h5: Keras 3 only warns then."""
    tail = path_tail(facts, path)
    return tail is not None and tail.lower().endswith(catalog.KERAS3_SAVE_FORMAT_SUFFIXES)


def _rewritable(ctx: PlanContext, node: cst.CSTNode) -> bool:
    """No other rule replaces `node` or a node around it (its edit would drop this one)."""
    current = node
    while current is not None:
        if ctx.claimed(current):
            return False
        current = ctx.facts.parents.get(current)
    return True


def _names_legacy_keras(facts) -> bool:
    return any(isinstance(node, cst.SimpleString) and node.evaluated_value == catalog.LEGACY_KERAS_VARIABLE
               for node in facts.parents)


def _keep_keras2(ctx: PlanContext) -> None:
    """`os.environ["TF_USE_LEGACY_KERAS"] = "1"` before the first module-level TensorFlow import, with `import os`
    before it unless the script's own comes first (the preamble's imports go after the leading imports: too late;
    where the preamble needs os as well, it imports it again, harmlessly)."""
    body = list(ctx.facts.module.body)
    first_tf = next((index for index, statement in enumerate(body) if _imports_tensorflow(statement)), None)
    if first_tf is None:
        ctx.report(body[0], diagnostics.LEGACY_KERAS_BY_HAND)
        return
    own_os = next((index for index, statement in enumerate(body[:first_tf]) if _imports_os(statement)), None)
    os = "os" if own_os is not None else ctx.fresh_name("os", "os", "_os")
    code = "" if own_os is not None else ("import os\n" if os == "os" else f"import os as {os}\n")
    code += f'{os}.environ["{catalog.LEGACY_KERAS_VARIABLE}"] = "1"  # Keras 2 (tf-keras) on TF >= 2.16\n'
    # Not ctx.insert_before: that would count the import as a use of injected names and pull the whole preamble
    # (parser, helpers) above the TensorFlow import. These lines only need their own `os`.
    ctx.plan.add_before(body[first_tf], parse_statements(code))
    ctx.note_change()
    ctx.report(body[first_tf], diagnostics.LEGACY_KERAS_SET)


def _imported_modules(statement: cst.BaseStatement) -> list[str]:
    if not is_import(statement):
        return []
    modules = []
    for small in statement.body:
        if isinstance(small, cst.Import):
            modules.extend(get_full_name_for_node(alias.name) for alias in small.names)
        elif isinstance(small, cst.ImportFrom) and small.module is not None and not small.relative:
            modules.append(get_full_name_for_node(small.module))
    return modules


def _imports_tensorflow(statement: cst.BaseStatement) -> bool:
    return any(catalog.is_tensorflow_name(module) for module in _imported_modules(statement))


def _imports_os(statement: cst.BaseStatement) -> bool:
    """`import os` itself, binding the name os."""
    return is_import(statement) and any(
        isinstance(small, cst.Import) and any(alias.asname is None and get_full_name_for_node(alias.name)
                                              == "os" for alias in small.names) for small in statement.body)


def _realign_continuation_lines(ctx: PlanContext, renamed: cst.Name, shift: int) -> None:
    """Arguments aligned under the call's opening parenthesis stay aligned once the method name is shorter."""
    facts = ctx.facts
    attribute = facts.parents.get(renamed)
    call = facts.parents.get(attribute)
    if shift == 0 or not isinstance(call, cst.Call) or call.func is not attribute:
        return
    func = facts.module.code_for_node(call.func)
    if "\n" in func:
        return
    column = facts.position(call.func)[1]
    aligned = column - 1 + len(func) + 1  # the column after "(", 0-based
    for arg, following in zip(call.args, call.args[1:]):
        comma, whitespace = arg.comma, getattr(arg.comma, "whitespace_after", None)
        if isinstance(whitespace, cst.ParenthesizedWhitespace) and facts.position(following)[1] - 1 == aligned \
                and len(whitespace.last_line.value) >= shift and not _edited_inside(ctx, arg):
            indent = cst.SimpleWhitespace(whitespace.last_line.value[shift:])
            comma = comma.with_changes(whitespace_after=whitespace.with_changes(last_line=indent))
            ctx.replace(arg, arg.with_changes(comma=comma))


def _edited_inside(ctx: PlanContext, node: cst.CSTNode) -> bool:
    """Another rule rewrites part of `node`: replacing the whole of it would drop that edit."""
    pending = [node]
    while pending:
        current = pending.pop()
        if ctx.claimed(current):
            return True
        pending.extend(current.children)
    return False
