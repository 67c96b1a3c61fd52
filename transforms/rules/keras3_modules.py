"""Keras 2 module paths that Keras 3 dropped, rewritten to the public module that holds the same names.

Keras 2 scripts import from implementation modules (`from keras.layers.core import Dense`, `from
keras.utils.vis_utils import plot_model`, `from keras.engine.topology import Layer`) and use TF's experimental
namespace (`tf.keras.layers.experimental.preprocessing.Rescaling`, `from tensorflow.keras.layers.experimental
import preprocessing`). Keras 3 (TF >= 2.16) has none of those modules: the script fails at start-up (measured in
docs/tensorflow-and-libcst-notes.md). Keras 2 already served each of those names from the public module too, so
the rewritten spelling means the same there (the preprocessing layers since TF 2.6):
- `from keras.layers.core import Dense` -> `from keras.layers import Dense` (catalog.KERAS2_MODULE_MOVES);
- `layers.experimental.preprocessing.Rescaling(...)` -> `layers.Rescaling(...)`;
- `from tensorflow.keras.layers.experimental import preprocessing` -> `from tensorflow.keras import layers as
  preprocessing`, where every use is `preprocessing.<public name>`.
Only where every name is public in Keras 3 (catalog.KERAS3_PUBLIC_NAMES); a name Keras 3 has not (Keras 1's
`merge`, `SyncBatchNormalization`) is reported (SM402), the import left as it is. Only on a Keras 3 target.
"""

from __future__ import annotations

import libcst as cst
from libcst.helpers import get_full_name_for_node

from sm_migrate.transforms import catalog, diagnostics
from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.edits import parse_expression
from sm_migrate.transforms.rules.examples import keras3_modules as examples

# The spellings of a moved module this rule writes back: standalone Keras, and TF's public `tf.keras`.
_SPELLINGS = ("keras.", "tensorflow.keras.")
# The last part of each moved module's name (`core`, `preprocessing`): where an attribute use can start.
MODULE_SEGMENTS = sorted({module.rsplit(".", 1)[1] for module in catalog.KERAS2_MODULE_MOVES})


class Keras3ModulesRule:
    name = "keras3_modules"
    examples = examples.EXAMPLES

    def plan(self, ctx: PlanContext) -> None:
        if not catalog.keras3(ctx.options.framework_version):
            return
        for statement in ctx.facts.structure.imports:
            if isinstance(statement, cst.ImportFrom) and statement.module is not None and not statement.relative \
                    and not isinstance(statement.names, cst.ImportStar):
                _move_import(ctx, statement)
            elif isinstance(statement, cst.Import):
                _move_module(ctx, statement)
        for segment in MODULE_SEGMENTS:  # `x.core.Dense`, `x.preprocessing.Rescaling`: the attribute after one
            for module_part in ctx.facts.attributes(segment):
                node = ctx.facts.parents.get(module_part)
                if isinstance(node, cst.Attribute) and node.value is module_part:
                    _move_attribute(ctx, node)


def _moved(raw: str, within: bool = False) -> tuple[str, str, tuple[str, ...]] | None:
    """(spelling prefix, module's canonical name, target modules) for a moved module spelled `raw`, else None;
    `within`: a module inside one too (Keras 2.6's `keras.layers.normalization.batch_normalization`)."""
    prefix = next((spelling for spelling in _SPELLINGS if raw.startswith(spelling)), None)
    module = found = catalog.canonical_name(raw)
    while within and found not in catalog.KERAS2_MODULE_MOVES and "." in found:
        found = found.rsplit(".", 1)[0]
    targets = catalog.KERAS2_MODULE_MOVES.get(found)
    return (prefix, module, targets) if prefix is not None and targets else None


def _spelled(prefix: str, target: str) -> str:
    """`keras.layers` as the script spells Keras: `keras.layers` or `tensorflow.keras.layers`."""
    return prefix + target[len("keras."):]


def _target_with(targets: tuple[str, ...], names: list[str]) -> str | None:
    return next((target for target in targets if all(name in catalog.KERAS3_PUBLIC_NAMES[target] for name in names)),
                None)


def _move_import(ctx: PlanContext, statement: cst.ImportFrom) -> None:
    raw = get_full_name_for_node(statement.module)
    names = [get_full_name_for_node(alias.name) for alias in statement.names]
    if len(names) == 1 and _moved(f"{raw}.{names[0]}") is not None:
        _move_module_import(ctx, statement, f"{raw}.{names[0]}")
        return
    moved = _moved(raw, within=True)
    if moved is None:  # `from keras.utils import np_utils, plot_model`: a moved module among other names
        for alias, name in zip(statement.names, names):
            if _moved(f"{raw}.{name}") is not None:
                ctx.report(alias, diagnostics.KERAS2_MODULE_USED_AS_VALUE, module=f"{raw}.{name}",
                           version=ctx.options.framework_version)
        return
    prefix, module, targets = moved  # from keras.layers.core import Dense
    target = _target_with(targets, names)
    if target is None:
        missing = [name for name in names if not any(name in catalog.KERAS3_PUBLIC_NAMES[t] for t in targets)]
        if missing:
            _report_gone(ctx, statement, raw, missing)
        else:  # `from keras.engine.topology import Input, Model`: keras.layers has one, keras.models the other
            held = {t: [n for n in names if n in catalog.KERAS3_PUBLIC_NAMES[t]] for t in targets}
            where = "; ".join(f"{_spelled(prefix, t)}: {', '.join(found)}" for t, found in held.items() if found)
            ctx.report(statement, diagnostics.KERAS2_MODULE_SPLIT, module=raw, where=where,
                       version=ctx.options.framework_version)
        return
    new_module = _spelled(prefix, target)
    if ctx.replace(statement, statement.with_changes(module=parse_expression(new_module))):
        ctx.report(statement, diagnostics.KERAS2_MODULE_MOVED, old=raw, new=new_module,
                   version=ctx.options.framework_version)


def _move_module(ctx: PlanContext, statement: cst.Import) -> None:
    """`import keras.utils.np_utils` -> `import keras.utils` (its uses, `keras.utils.np_utils.X`, move as
    attributes); `import keras.layers.core as core` -> `import keras.layers as core`, where each `core.X` is public
    there."""
    for alias in statement.names:
        raw = get_full_name_for_node(alias.name)
        moved = _moved(raw)
        if moved is None:
            continue
        prefix, module, targets = moved
        bound = alias.asname.name.value if alias.asname is not None else None
        uses = _attributes_read(ctx, statement, bound) if bound is not None else []
        target = _target_with(targets, uses) if uses is not None else None
        if target is None or len(statement.names) > 1:
            ctx.report(alias, diagnostics.KERAS2_MODULE_USED_AS_VALUE, module=raw,
                       version=ctx.options.framework_version)
            continue
        new = alias.with_changes(name=parse_expression(_spelled(prefix, target)))
        if ctx.replace(statement, statement.with_changes(names=[new])):
            ctx.report(statement, diagnostics.KERAS2_MODULE_MOVED, old=raw, new=_spelled(prefix, target),
                       version=ctx.options.framework_version)


def _move_module_import(ctx: PlanContext, statement: cst.ImportFrom, raw: str) -> None:
    """`from tensorflow.keras.layers.experimental import preprocessing`, used as `preprocessing.Rescaling`: the
    public module bound to the same name."""
    prefix, module, targets = _moved(raw)
    alias = statement.names[0]
    bound = alias.asname.name.value if alias.asname is not None else raw.rsplit(".", 1)[1]
    uses = _attributes_read(ctx, statement, bound)
    if uses is None:
        ctx.report(statement, diagnostics.KERAS2_MODULE_USED_AS_VALUE, module=raw,
                   version=ctx.options.framework_version)
        return
    target = _target_with(targets, uses)
    if target is None:
        _report_gone(ctx, statement, raw, sorted(set(uses) - catalog.KERAS3_PUBLIC_NAMES[targets[0]]))
        return
    parent, _, last = _spelled(prefix, target).rpartition(".")
    new = cst.ImportFrom(module=parse_expression(parent), names=[cst.ImportAlias(
        name=cst.Name(last), asname=cst.AsName(name=cst.Name(bound)) if bound != last else None)])
    if ctx.replace(statement, new):
        ctx.report(statement, diagnostics.KERAS2_MODULE_MOVED, old=raw, new=f"{parent}.{last}",
                   version=ctx.options.framework_version)


def _report_gone(ctx: PlanContext, node: cst.CSTNode, module: str, missing: list[str]) -> None:
    ctx.report(node, diagnostics.KERAS2_MODULE_GONE, module=module, names=", ".join(f"`{name}`" for name in missing),
               version=ctx.options.framework_version)


def _attributes_read(ctx: PlanContext, statement: cst.ImportFrom, bound: str) -> list[str] | None:
    """The attribute names every read of the module bound by `statement` takes (`preprocessing.Rescaling` ->
    "Rescaling"); None where a read is anything else (the module passed on, or bound again)."""
    facts = ctx.facts
    scope = facts.scopes.get(statement)
    assignments = [a for a in (scope.assignments[bound] if scope is not None else []) if a.node is statement]
    names = []
    for assignment in assignments:
        for read in assignment.references:
            attribute = facts.parents.get(read)
            if not isinstance(attribute, cst.Attribute) or attribute.value is not read:
                return None
            names.append(attribute.attr.value)
    return names


def _move_attribute(ctx: PlanContext, node: cst.Attribute) -> None:
    """`tf.keras.layers.experimental.preprocessing.Rescaling` -> `tf.keras.layers.Rescaling`: the module part
    drops the levels the public module has not."""
    facts = ctx.facts
    if not isinstance(node.value, cst.Attribute):
        return  # a name bound to the moved module itself: its import is the one to move
    own = facts.structure.qualified_names(node)
    if own and _moved(own[0]) is not None:
        return  # `layers.experimental`, on the way to `layers.experimental.preprocessing.Rescaling`
    raws = facts.structure.qualified_names(node.value)
    moved = _moved(raws[0]) if raws else None
    if moved is None:
        return
    prefix, module, targets = moved
    target = _target_with(targets, [node.attr.value])
    if target is None or not module.startswith(target + "."):
        if not any(node.attr.value in catalog.KERAS3_PUBLIC_NAMES[t] for t in targets):
            _report_gone(ctx, node, facts.module.code_for_node(node.value), [node.attr.value])
        return
    kept = node.value
    for _ in range(module.count(".") - target.count(".")):
        if not isinstance(kept, cst.Attribute):
            return
        kept = kept.value
    if ctx.replace(node.value, kept.deep_clone()):
        ctx.report(node, diagnostics.KERAS2_MODULE_MOVED, old=facts.module.code_for_node(node.value),
                   new=facts.module.code_for_node(kept), version=ctx.options.framework_version)
