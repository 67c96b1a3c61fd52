"""Hyperparameters -> command-line arguments whose defaults are the script's own values.

Hyperparameters arrive as `--name value` strings (docs/sagemaker-contract.md §3). What is lifted, wherever the
parsed arguments are visible:
- a name of any case, at module level or inside a function, that flows into a training argument: a Keras
  `fit`/`fit_generator` keyword (`epochs=epochs`), an optimizer's learning rate, `compile(optimizer=...)`, a
  tf.data `batch()` or a data loader's `batch_size=`, the `range()` of the loop around a training call (a
  `fit(epochs=1)` run by a loop over the epochs is not a second epochs), an estimator's step count. Its binding
  becomes `args.<name>`; the script keeps its own names, so the rest of the code is untouched. Where the name
  is bound more than once (the two branches of an `if`) or computed at run time (`epochs = int(12 / hvd.size())`),
  one argument with default `None` overrides every binding and otherwise keeps the script's value. That argument
  has the training argument's flag: in `epochs = NUM_EPOCHS // 2` `--epochs` sets the value fit takes and the
  constant keeps a flag of its own name; the literal parts of such a value named for the same setting
  (`total_epochs = initial_epochs + fine_tune_epochs`) are settings of their own;
- module constants holding simple literals whose names say they are hyperparameters (`DROPOUT = 0.2`);
- literal training arguments (`epochs=2` -> `epochs=args.epochs`; one argument for literals in the two
  branches of an `if`).
A name set above the script's own `args = parser.parse_args()` keeps its line and is re-bound to the parsed
value right after the parse, where nothing reads it before (a read in between would see the script's value).
Values that already read the parsed arguments are left alone, which is also what makes a second run a no-op.
What can't be lifted (a parameter of a function, a value the parsed arguments don't reach) is reported.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst

from sm_migrate.transforms import catalog, diagnostics
from sm_migrate.transforms.commandline.specs import ArgumentSpec, flags_for
from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.contract import HyperParameter
from sm_migrate.transforms.edits import parse_statements
from sm_migrate.transforms.facts import ScriptFacts, walk
from sm_migrate.transforms.literals import literal_value
from sm_migrate.transforms.names import unique_name
from sm_migrate.transforms.rules.examples import hyperparameters as examples
from sm_migrate.transforms.settings import NAMESPACES, Setting, setting_key, setting_of


@dataclass(frozen=True)
class TrainingArgument:
    """A value a training call takes: where lifting starts."""

    value: cst.BaseExpression
    dest: str  # the argument it becomes: "epochs", "learning_rate", ...
    type_name: str | None  # what the call expects, where the table says ("int", "float", ...)
    target: str  # how the help text names it: "fit(epochs=)"
    pipeline: bool = False  # a data pipeline's batch size, which may be one split's (evaluation's) own
    alias: str | None = None  # a second flag naming whose value it is, where several values share a name


@dataclass
class Binding:
    """One `name = value` of a name that flows into a training argument."""

    statement: cst.CSTNode
    value: cst.BaseExpression


class HyperparametersRule:
    name = "hyperparameters"
    examples = examples.EXAMPLES

    def plan(self, ctx: PlanContext) -> None:
        arguments = [found for argument in _training_arguments(ctx) for found in _per_split(argument, ctx)]
        lifts: list[tuple[tuple[bool, int, int], Callable[[], None]]] = []  # in source order of the values lifted
        seen: set = set()
        fed: set[str] = set()  # the training arguments a lifted binding sets
        constants = dict(filter(None, map(functools.partial(_hyperparameter_constant, ctx), ctx.facts.module.body)))
        for argument in arguments:
            if isinstance(argument.value, cst.Name):
                found = _bindings(ctx, argument)
                if found is not None and found[0] not in seen:
                    seen.add(found[0])
                    fed.add(argument.dest)
                    bindings = found[1]
                    lifts.append(((False, *ctx.facts.position(bindings[0].statement)),
                                  functools.partial(_lift_name, ctx, argument.value.value, bindings, argument)))
                    for part, part_bindings in _settings_it_is_computed_from(ctx, bindings, argument):
                        if part in seen:
                            continue
                        seen.add(part)
                        own = dataclasses.replace(argument, dest=part[1].lower(), value=part_bindings[0].value,
                                                  target=part[1])  # its own flag: the computed value has the dest
                        lifts.append(((False, *ctx.facts.position(part_bindings[0].statement)),
                                      functools.partial(_lift_name, ctx, part[1], part_bindings, own)))
            elif isinstance(argument.value, (cst.Subscript, cst.Attribute)) or setting_key(argument.value):
                setting = setting_of(ctx.facts, argument.value)
                if setting is not None:
                    fed.add(argument.dest)
                    lifts.append(((False, *ctx.facts.position(setting.value)),
                                  functools.partial(_lift_setting, ctx, setting, argument)))
                elif _read_from_a_file(ctx, argument.value):
                    fed.add(argument.dest)
                    lifts.append(((False, *ctx.facts.position(argument.value)), functools.partial(
                        _lift_name, ctx, argument.target, [Binding(argument.value, argument.value)], argument)))
                else:
                    why = _why_setting_not_lifted(ctx, argument.value)
                    if why is not None:
                        ctx.report(argument.value, diagnostics.NOT_LIFTED, target=argument.target, why=why)
            elif _computed_from(ctx, argument, constants, arguments):
                fed.add(argument.dest)
                binding = Binding(argument.value, argument.value)
                lifts.append(((False, *ctx.facts.position(argument.value)),
                              functools.partial(_lift_name, ctx, argument.target, [binding], argument)))
                for part, part_bindings in _settings_it_is_computed_from(ctx, [binding], argument):
                    if part in seen or part[1] in constants:
                        continue  # (a module constant is lifted under its own name below)
                    seen.add(part)
                    own = dataclasses.replace(argument, dest=part[1].lower(), value=part_bindings[0].value,
                                              target=part[1])
                    lifts.append(((False, *ctx.facts.position(part_bindings[0].statement)),
                                  functools.partial(_lift_name, ctx, part[1], part_bindings, own)))
        for name, binding in constants.items():
            if (id(ctx.facts.global_scope), name) not in seen:
                # `NUM_EPOCHS = 10` read through `epochs = NUM_EPOCHS // 2` into fit(epochs=): `--epochs` is the
                # value the call takes, so the constant comes after and keeps a flag of its own name
                deferred = _canonical_name(name) in fed
                lifts.append(((deferred, *ctx.facts.position(binding.statement)),
                              functools.partial(_lift_name, ctx, name, [binding], None)))
        for _, lift in sorted(lifts, key=lambda lift: lift[0]):
            lift()
        exclusive = _exclusive_literals(ctx, arguments)
        for argument in arguments:
            if literal_value(argument.value) is not None:
                _lift_literal(ctx, argument.value, argument.dest, argument.target, argument.type_name,
                              aliases=(argument.alias,) if argument.alias else (), shared=argument.value in exclusive)


# --- where hyperparameters flow ---------------------------------------------------------------------------
def _training_arguments(ctx: PlanContext) -> list[TrainingArgument]:
    """Every value a training call takes, in source order of the calls (fit, optimizers, compile, tf.data,
    training loops, estimator specs)."""
    facts = ctx.facts
    found: list[TrainingArgument] = []
    for fit in facts.fit_calls:
        if fit.method not in catalog.FIT_METHODS:
            continue
        keywords = {arg.keyword.value for arg in fit.call.args if arg.keyword is not None}
        for arg in fit.call.args:
            if arg.star == "**" and not keywords & set(catalog.FIT_HYPERPARAMETERS):  # silently unread otherwise
                ctx.report(arg.value, diagnostics.NOT_LIFTED, target=f"{fit.method}(**{_code(ctx, arg.value)})",
                           why="its training arguments come from a mapping unpacked into the call; lift them where "
                               "it is built, or pass them as keywords")
            keyword = arg.keyword.value if arg.keyword is not None else None
            dest = catalog.KERAS2_FIT_KEYWORDS.get(keyword, keyword)  # Keras 1's `nb_epoch=` is epochs...
            if dest == "epochs" and fit.call in facts.epoch_loop_fits:
                continue  # `for epoch in range(EPOCHS): fit(epochs=1)`: the range is the epochs
            if dest in catalog.FIT_HYPERPARAMETERS and (dest == keyword or dest not in keywords):  # ...unless both
                found.append(TrainingArgument(arg.value, dest, catalog.FIT_HYPERPARAMETERS[dest],
                                              f"{fit.method}({keyword}=)"))
    owners = [_optimizer_owner(facts, call) for call in facts.optimizer_calls]
    if len(owners) < 2 or None in owners or len(set(owners)) < len(owners):
        owners = [None] * len(owners)  # one optimizer, or optimizers not told apart by whose they are
    for index, (call, owner) in enumerate(zip(facts.optimizer_calls, owners)):
        value = _schedule_rate(facts, _learning_rate_argument(call))
        if value is not None and owner is not None:  # a GAN's two optimizers: whose rate each flag sets
            whose = f"{owner} learning rate" if _bound_to(facts, call) else f"{owner}.compile() learning rate"
            own = f"{owner}_learning_rate"  # the first is also --learning_rate; the others theirs alone, equal or not
            found.append(TrainingArgument(value, "learning_rate", "float", whose, alias=own) if index == 0 else
                         TrainingArgument(value, own, "float", whose))
        elif value is not None:
            found.append(TrainingArgument(value, "learning_rate", "float", "optimizer learning rate"))
    for name, call in facts.estimator_specs:
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value in catalog.ESTIMATOR_STEP_KEYWORDS[name]:
                short = name.rsplit(".", 1)[-1]
                found.append(TrainingArgument(arg.value, catalog.ESTIMATOR_STEP_KEYWORDS[name][arg.keyword.value],
                                              "int", f"{short}({arg.keyword.value}=)"))
    for value, target, dest, type_name in facts.training_name_arguments:
        found.append(TrainingArgument(value, dest, type_name, target, pipeline=dest == "batch_size"))
    training = [(size, target) for size, target in facts.literal_batch_sizes if _feeds_training(facts, size)]
    if training and len({size.value for size, _ in training}) == 1 and \
            not any(argument.dest == "batch_size" for argument in found):
        # `.batch(32)` of the data fit or a training loop takes, and validation's where it is the same: the
        # script's batch size, where nothing else sets one (a prediction pipeline's `.batch(1)`, or a validation
        # size of its own, stays as written)
        validation = [(size, target) for size, target in facts.literal_batch_sizes if size.value == training[0][0].value
                      and (size, target) not in training and _feeds_training(facts, size, ("validation_data",))]
        found += [TrainingArgument(size, "batch_size", "int", target, pipeline=True)
                  for size, target in facts.literal_batch_sizes if (size, target) in training + validation]
    return [_unshifted(facts, _unscaled(facts, _uncast(facts, argument))) for argument in found]


def _unshifted(facts: ScriptFacts, argument: TrainingArgument) -> TrainingArgument:
    """`range(1, epochs + 1)`, `range(epochs + 1)`: the name counts the loop's epochs; the loop keeps its own
    offset around the parsed value, as a module constant in the same place does."""
    value = argument.value
    call = facts.parents.get(facts.parents.get(value))
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, (cst.Add, cst.Subtract)) and \
            isinstance(value.left, cst.Name) and isinstance(value.right, cst.Integer) and \
            isinstance(call, cst.Call) and facts.qualified_name(call.func) == "builtins.range":
        return dataclasses.replace(argument, value=value.left)
    return argument


def _feeds_training(facts: ScriptFacts, size: cst.Integer, keywords: tuple[str, ...] = ("x",)) -> bool:
    """Is the pipeline batched by `size` the data a `fit` takes (`fit(train_ds, ...)`, `fit(ds.batch(32))`; with
    `keywords=("validation_data",)` its validation data) or the one a training loop iterates (`for x, y in
    train_ds:` around a training step: a GradientTape, the calls of the function that runs one, `train_on_batch`)?"""
    statement = facts.statement_of(size)
    small = statement.body[0] if isinstance(statement, cst.SimpleStatementLine) else None
    bound = {small.targets[0].target.value} if isinstance(small, cst.Assign) and len(small.targets) == 1 and \
        isinstance(small.targets[0].target, cst.Name) else set()

    def reads_it(expr: cst.CSTNode) -> bool:
        return any(node is size or (isinstance(node, cst.Name) and node.value in bound) for node in walk(expr))

    for fit in facts.fit_calls:
        data = next((arg.value for arg in fit.call.args if arg.keyword is not None and arg.keyword.value in keywords
                     or (arg.keyword is None and keywords == ("x",))), None)
        if data is not None and reads_it(data):
            return True
    return keywords == ("x",) and any(reads_it(loop.iter) for loop in facts.training_loops)


def _uncast(facts: ScriptFacts, argument: TrainingArgument) -> TrainingArgument:
    """`epochs=int(EPOCHS)`: the value converted is the hyperparameter (an override arrives converted already)."""
    value = argument.value
    if isinstance(value, cst.Call) and facts.qualified_name(value.func) in catalog.NUMBER_CONVERSIONS and \
            len(value.args) == 1 and value.args[0].keyword is None and not value.args[0].star and \
            literal_value(value.args[0].value) is None:  # (`int("2")`: no setting to lift)
        return dataclasses.replace(argument, value=value.args[0].value)
    return argument


def _unscaled(facts: ScriptFacts, argument: TrainingArgument) -> TrainingArgument:
    """`Adam(0.001 * strategy.num_replicas_in_sync)`, `batch_size=16 * hvd.size()`: the literal (or the name) the
    script scales is the hyperparameter; the scaling stays as written around the parsed value."""
    value = argument.value
    if not (isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Multiply)):
        return argument
    for side, other in ((value.left, value.right), (value.right, value.left)):
        # the scale is a run-time count (a call, an attribute); in `lr * 0.5` the literal is the scale of `lr`
        if isinstance(side, (cst.Integer, cst.Float, cst.Name)) and isinstance(other, (cst.Call, cst.Attribute)):
            scale = facts.module.code_for_node(other)
            return dataclasses.replace(argument, value=side, target=f"{argument.target} (before * {scale})")
    return argument


def _optimizer_owner(facts: ScriptFacts, call: cst.Call) -> str | None:
    """Whose optimizer this is: the name it is bound to (`generator_optimizer = Adam(...)`), or the model compiled
    with it (`discriminator.compile(optimizer=Adam(...))`)."""
    parent = facts.parents.get(call)
    if _bound_to(facts, call):
        return parent.targets[0].target.value
    compile_call = facts.parents.get(parent)
    if isinstance(parent, cst.Arg) and isinstance(compile_call, cst.Call) and \
            isinstance(compile_call.func, cst.Attribute) and compile_call.func.attr.value == "compile" and \
            isinstance(compile_call.func.value, cst.Name):
        return compile_call.func.value.value
    return None


def _bound_to(facts: ScriptFacts, call: cst.Call) -> bool:
    """Is the call's value bound to one name (`optimizer = Adam(...)`)?"""
    parent = facts.parents.get(call)
    return isinstance(parent, cst.Assign) and len(parent.targets) == 1 and \
        isinstance(parent.targets[0].target, cst.Name)


def _per_split(argument: TrainingArgument, ctx: PlanContext) -> list[TrainingArgument]:
    """The values a training argument takes through function parameters; where a data pipeline function is
    called once per split with values that differ (`make(train_files, 64)`, `make(eval_files, 1000)`), its
    literals are the splits' own sizes, not one training batch size: they are left as they are."""
    found = _through_parameters(ctx, argument)
    if argument.pipeline and len({literal_value(each.value) for each in found}) > 1:
        return [each for each in found if literal_value(each.value) is None]
    return found


MAX_CALL_DEPTH = 4  # functions followed from a training argument out to the calls that set its value


def _through_parameters(ctx: PlanContext, argument: TrainingArgument, depth: int = 0) -> list[TrainingArgument]:
    """A training argument that is a parameter of the function it is in (`def train(model, epochs)`): the values
    the calls of that function pass (`train(model, 4)`, or the parameter's default), lifted where they are set;
    a settings entry holding a name (`{"epochs": epochs}`, `self.epochs = epochs`) is followed to that name.
    Where the calls can't be told, the argument itself (reported as a parameter)."""
    argument = _through_setting(ctx, argument)
    facts, value = ctx.facts, argument.value
    if depth > MAX_CALL_DEPTH or not isinstance(value, cst.Name):
        return [argument]
    aliased = facts.only_value(value)
    source = facts.only_value(aliased) if isinstance(aliased, cst.Name) else None
    if source is not None and (literal_value(source) is not None or _reads_arguments(ctx, source)):
        # `batch_size = BATCH_SIZE`: one setting under two names is lifted once, where its literal is
        target = f"{argument.target} through {value.value} = {aliased.value}"
        return _through_parameters(ctx, dataclasses.replace(argument, value=aliased, target=target), depth + 1)
    if value.value in facts.argument_defaults:
        return [argument]  # (a click command's parameters are its options already)
    scope = facts.structure.resolved.get(value)
    assignments = scope.assignments[value.value] if scope is not None else []
    if len(assignments) != 1 or not isinstance(assignments[0].node, cst.Param):
        return [argument]
    values = facts.parameter_arguments(assignments[0].node)
    if values is None:
        return [argument]
    function = facts.enclosing(assignments[0].node, cst.FunctionDef).name.value
    found = []
    for passed in values:
        target = f"{argument.target} through {function}({value.value}) at line {facts.position(passed)[0]}"
        found.extend(_through_parameters(ctx, dataclasses.replace(argument, value=passed, target=target), depth + 1))
    return found


def _learning_rate_argument(call: cst.Call) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in catalog.LEARNING_RATE_KEYWORDS:
            return arg.value
    if call.args and call.args[0].keyword is None and not call.args[0].star:
        return call.args[0].value
    return None


def _schedule_rate(facts: ScriptFacts, value: cst.BaseExpression | None) -> cst.BaseExpression | None:
    """A learning-rate schedule's initial rate (`Adam(ExponentialDecay(0.01, ...))`, or through the name the schedule
    is bound to once): the value to lift, so that an override changes where the schedule starts instead of
    replacing it with a constant; None for a schedule with no such rate. Anything else is the learning rate
    itself."""
    schedule = facts.only_value(value) if isinstance(value, cst.Name) else value
    if not (isinstance(schedule, cst.Call) and
            (facts.qualified_name(schedule.func) or "").startswith(catalog.LEARNING_RATE_SCHEDULE_MODULE)):
        return value
    if facts.qualified_name(schedule.func) in catalog.SCHEDULES_WITHOUT_INITIAL_RATE:
        return None  # `PiecewiseConstantDecay(boundaries, values)`: a list of rates, not one to override
    for index, arg in enumerate(schedule.args):
        if arg.keyword is not None and arg.keyword.value == catalog.SCHEDULE_RATE_KEYWORD:
            return arg.value
        if index == 0 and arg.keyword is None and not arg.star:
            return arg.value
    return value


def _bindings(ctx: PlanContext, argument: TrainingArgument) -> tuple[tuple, list[Binding]] | None:
    """The `name = value` statements the name at a training argument reads, or None (with a report where
    the value can't be lifted)."""
    facts, name = ctx.facts, argument.value
    scope = facts.structure.resolved.get(name)
    if scope is None:
        return None  # a builtin, or a name from `import *`
    assignments = scope.assignments[name.value]
    bindings = []
    for assignment in assignments:
        if assignment.imported is not None:
            if _module_of_the_user(assignment.imported):
                ctx.report(name, diagnostics.NOT_LIFTED, target=argument.target,
                           why=f"{name.value!r} comes from `{assignment.imported.rsplit('.', 1)[0] or '.'}`, "
                               "another module; lift it there")
            return None
        if isinstance(assignment.node, cst.Param):
            if name.value in facts.argument_defaults:
                return None  # a command-line option already (a click command's parameter)
            function = _called_from_another_module(ctx, assignment.node)
            why = f"{name.value!r} is a parameter of {function}(), {ANOTHER_MODULES_CALL}" if function else \
                f"{name.value!r} is a parameter of a function; lift it where its value is set"
            ctx.report(name, diagnostics.NOT_LIFTED, target=argument.target, why=why)
            return None
        value, statement = facts.assigned_value(assignment.node)
        changed = facts.parents.get(assignment.node)
        if value is None and isinstance(changed, cst.AugAssign):
            operator = _code(ctx, changed.operator).strip()
            ctx.report(name, diagnostics.NOT_LIFTED, target=argument.target,
                       why=f"{name.value!r} is changed in place (`{name.value} {operator} ...`); give it one value "
                           "to lift")
            return None
        if value is None:
            sweep = _swept_values(ctx, assignment.node)
            if sweep is not None:
                ctx.report(name, diagnostics.NOT_LIFTED, target=argument.target,
                           why=f"{name.value!r} takes each value of `{sweep}` in turn (a sweep): no one option stands "
                               "for them; run a job per value (a hyperparameter tuning job), or lift them by hand")
            return None  # a loop variable, `with ... as`, unpacking from a call: not one value
        if _reads_arguments(ctx, value):
            return None  # lifted already
        bindings.append(Binding(statement, value))
    if not bindings:
        return None
    return (id(scope), name.value), bindings


def _swept_values(ctx: PlanContext, target: cst.CSTNode) -> str | None:
    """`for lr in [0.1, 0.01]:` (or over a name bound to such a list): the values the loop variable `target`
    takes, as written; None for any other binding (a `range()` counts epochs or steps, not settings)."""
    facts = ctx.facts
    loop = facts.parents.get(target)
    if not isinstance(loop, cst.For) or loop.target is not target:
        return None
    values = loop.iter
    if isinstance(values, cst.Name):
        values = facts.only_value(values)
    if isinstance(values, (cst.List, cst.Tuple, cst.Set)) and values.elements:
        return _code(ctx, loop.iter)
    return None


def _reads_arguments(ctx: PlanContext, value: cst.BaseExpression) -> bool:
    """Does `value` read the parsed arguments (lifted already), or one of the script's own options by name
    (`FLAGS.learning_rate * 0.5`: a flag SageMaker's hyperparameter reaches already, so no second one)?"""
    args_name = ctx.args.target.args_name.split(".")[0]
    if args_name and ctx.facts.mentions(value, args_name):
        return True
    return any(isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name)
               and node.attr.value in ctx.facts.argument_defaults for node in walk(value))


def _read_from_a_file(ctx: PlanContext, read: cst.BaseExpression) -> bool:
    """`config["epochs"]`, `config["train"]["lr"]`, `cfg.epochs` of a `config` bound once to what a settings file
    holds (`json.load(f)`, `yaml.safe_load(...)`, `OmegaConf.load(...)`): its value is known only at run time, so
    an override (default None) replaces it where SageMaker passes one, and the file's value stays otherwise."""
    if setting_key(read) is None and not isinstance(read, cst.Attribute):
        return False
    root = read.func.value if isinstance(read, cst.Call) else read
    while isinstance(root, (cst.Subscript, cst.Attribute)):
        root = root.value
    if not isinstance(root, cst.Name) or _reads_arguments(ctx, read):
        return False
    return _holds_a_settings_file(ctx, root)


def _holds_a_settings_file(ctx: PlanContext, name: cst.Name, depth: int = 0) -> bool:
    """Is `name` bound once to what a settings file holds (`json.load(f)`), or to an object built from it
    (`Config(**json.load(f))`), or a parameter every call passes such a name (`train(config)`)?"""
    facts = ctx.facts
    scope = facts.structure.resolved.get(name)
    assignments = scope.assignments[name.value] if scope is not None else []
    if len(assignments) != 1 or depth > MAX_CALL_DEPTH:
        return False
    if isinstance(assignments[0].node, cst.Param):
        passed = facts.parameter_arguments(assignments[0].node)
        return bool(passed) and all(isinstance(value, cst.Name) and _holds_a_settings_file(ctx, value, depth + 1)
                                    for value in passed)
    value = facts.assigned_value(assignments[0].node)[0]
    loaded = [value, *(arg.value for arg in value.args)] if isinstance(value, cst.Call) else []
    return any(isinstance(call, cst.Call) and facts.qualified_name(call.func) in catalog.CONFIG_FILE_LOADERS
               for call in loaded)


def _why_setting_not_lifted(ctx: PlanContext, read: cst.BaseExpression) -> str | None:
    """Why a keyed or attribute read at a training argument (`params["epochs"]`, `cfg.epochs`, `self.lr`) that
    is not a literal setting of the script can't be lifted; None where there is nothing to lift: the script's
    own options (`args.epochs`, `vars(args)["epochs"]`) or an attribute of a library (`tf.data.AUTOTUNE`)."""
    if _reads_arguments(ctx, read) or setting_key(read) in ctx.facts.argument_defaults:
        return None
    if setting_key(read) is not None:
        return f"{_code(ctx, read)} is not a literal entry the script sets once; lift it where its value is set"
    root = read
    while isinstance(root, (cst.Attribute, cst.Subscript)):
        root = root.value
    if not isinstance(root, cst.Name) or not isinstance(read, cst.Attribute):
        return None  # (`x.shape[0]`, `sizes[i]`: data, not a setting)
    scope = ctx.facts.structure.resolved.get(root)
    assignments = scope.assignments[root.value] if scope is not None else []
    imported = next((a.imported for a in assignments if a.imported is not None), None)
    if imported is not None:
        if not _module_of_the_user(imported + "."):
            return None
        return f"{_code(ctx, read)} comes from `{imported}`, another module; lift it there"
    code = _code(ctx, read)
    if root.value == "self" and read.value is root and ctx.facts.enclosing(read, cst.ClassDef) is not None:
        return f"{code} is not set once, in `__init__`; lift it where its value is set"
    root_binding = assignments[0].node if len(assignments) == 1 else None
    function = _called_from_another_module(ctx, root_binding) if isinstance(root_binding, cst.Param) else None
    if function is not None:
        return f"{code} reads a parameter of {function}(), {ANOTHER_MODULES_CALL}"
    if _holds_settings(ctx, root):
        return f"{code} is not a literal setting the script sets once; lift it where its value is set"
    return None  # (`shape.rank`, `generator.samples`: data, not a setting)


ANOTHER_MODULES_CALL = ("which only another module calls: where that module passes its own parsed command line, "
                        "SageMaker's hyperparameter reaches it there; else lift it where that module sets it")


def _called_from_another_module(ctx: PlanContext, param: cst.Param) -> str | None:
    """The name of the module-level function `param` belongs to, where nothing in this file mentions that
    function (a trainer package's `model.train_and_evaluate(args)`, called by its task.py)."""
    function = ctx.facts.enclosing(param, cst.FunctionDef)
    if function is None or ctx.facts.scopes.get(function) is not ctx.facts.global_scope:
        return None
    assignments = ctx.facts.global_scope.assignments[function.name.value]
    return function.name.value if not any(assignment.references for assignment in assignments) else None


def _holds_settings(ctx: PlanContext, name: cst.Name, depth: int = 0) -> bool:
    """Is `name` an object holding settings: `self`, a class the script defines, an instance of one, a
    `SimpleNamespace`, a dict, a library's settings object (`wandb.config`), a name from the user's own module, or
    a parameter passed one of those (or whose callers this script doesn't show)?"""
    facts = ctx.facts
    scope = facts.structure.resolved.get(name)
    assignments = scope.assignments[name.value] if scope is not None else []
    if len(assignments) != 1 or depth > MAX_CALL_DEPTH:
        return False  # a builtin, a name from `import *`, or a name bound more than once
    node, imported = assignments[0].node, assignments[0].imported
    if imported is not None:
        return _module_of_the_user(imported + ".")
    if isinstance(node, cst.ClassDef) or name.value == "self":
        return True
    if isinstance(node, cst.Param):
        passed = facts.parameter_arguments(node)
        return passed is None or any(isinstance(value, cst.Name) and _holds_settings(ctx, value, depth + 1)
                                     for value in passed)
    value = facts.assigned_value(node)[0]
    if facts.qualified_name(value.func if isinstance(value, cst.Call) else value) in catalog.SETTINGS_OBJECTS:
        return True  # `wandb.config`, `OmegaConf.load(...)`, `ConfigDict()`
    if not isinstance(value, cst.Call):
        return isinstance(value, cst.Dict)
    if facts.qualified_name(value.func) in (*NAMESPACES, "builtins.dict"):
        return True
    if not isinstance(value.func, cst.Name) or facts.structure.resolved.get(value.func) is None:
        return False
    classes = facts.structure.resolved[value.func].assignments[value.func.value]
    return len(classes) == 1 and isinstance(classes[0].node, cst.ClassDef)  # `Config(...)`


def _module_of_the_user(qualified_name: str) -> bool:
    """Is `config.EPOCHS` / `.config.EPOCHS` a name imported from one of the user's own modules (relative, or a
    package neither the standard library's nor a machine-learning library's)?"""
    return "." in qualified_name and not catalog.is_library_module(qualified_name)


def _settings_it_is_computed_from(ctx: PlanContext, bindings: list[Binding], argument: TrainingArgument):
    """`total_epochs = initial_epochs + fine_tune_epochs`: the names a computed training value reads that are set
    once to a literal and named for the same setting (`*_epochs`), each with its bindings: settings of their own,
    which the override of the computed value leaves alone."""
    for binding in bindings:
        if literal_value(binding.value) is not None:
            continue
        for node in walk(binding.value):
            if isinstance(node, cst.Name) and node.value.lower().endswith(argument.dest) and \
                    node.value.lower() != argument.dest:
                found = _bindings(ctx, dataclasses.replace(argument, value=node))
                if found is not None and len(found[1]) == 1 and literal_value(found[1][0].value) is not None:
                    yield found


def _computed_from(ctx: PlanContext, argument: TrainingArgument, constants: dict[str, Binding],
                   arguments: list[TrainingArgument]) -> bool:
    """`fit(epochs=NUM_EPOCHS // 2)`: a training argument computed from a constant that stands for the same
    argument. Lifting only the constant would make `--epochs 4` train 2 epochs: the value itself is overridden.
    Not where the setting itself is that argument elsewhere (`Adam(lr)` and `Adam(lr * 0.5)` in a GAN): its flag
    is the argument's, and the computed value follows it as the script derives it."""
    if not isinstance(argument.value, (cst.BinaryOperation, cst.UnaryOperation)):
        return False
    call = ctx.facts.parents.get(ctx.facts.parents.get(argument.value))
    if isinstance(call, cst.Call) and ctx.facts.qualified_name(call.func) == "builtins.range":
        return False  # `range(1, EPOCHS + 1)` counts EPOCHS epochs
    taken_whole = {other.value.value for other in arguments
                   if other.dest == argument.dest and isinstance(other.value, cst.Name)}
    return any(isinstance(node, cst.Name) and _stands_for(node.value, argument.dest)
               and node.value not in taken_whole and _set_once_to_a_literal(ctx, node, constants)
               for node in walk(argument.value))


def _stands_for(name: str, dest: str) -> bool:
    """Is `name` one for the setting `dest`, whatever its case (`NUM_EPOCHS`, `base_epochs`, `bs`)?"""
    return _canonical_name(name) == dest or name.lower().endswith("_" + dest)


def _set_once_to_a_literal(ctx: PlanContext, name: cst.Name, constants: dict[str, Binding]) -> bool:
    facts = ctx.facts
    scope = facts.structure.resolved.get(name)
    if name.value in constants and scope is facts.global_scope:
        return True
    assignments = scope.assignments[name.value] if scope is not None else []
    if len(assignments) != 1 or assignments[0].imported is not None or isinstance(assignments[0].node, cst.Param):
        return False
    value, _ = facts.assigned_value(assignments[0].node)
    return value is not None and literal_value(value) is not None


def _hyperparameter_constant(ctx: PlanContext, statement: cst.BaseStatement) -> tuple[str, Binding] | None:
    """`DROPOUT = 0.2`: a module constant whose name says it is a hyperparameter, holding a simple literal."""
    if not (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1):
        return None
    assign = statement.body[0]
    if not (isinstance(assign, cst.Assign) and len(assign.targets) == 1
            and isinstance(assign.targets[0].target, cst.Name)):
        return None
    name = assign.targets[0].target.value
    if not catalog.is_constant_name(name) or literal_value(assign.value) is None:
        return None
    if not catalog.looks_like_hyperparameter(name, literal_value(assign.value)[1]):
        return None
    assignments = ctx.facts.global_scope.assignments[name]
    if len(assignments) != 1 or not assignments[0].references:
        return None  # reassigned (not a constant) or never used
    defaults = {id(default) for default in ctx.facts.argument_defaults.values()}
    if all(id(read) in defaults for read in assignments[0].references):
        return None  # `add_argument("--epochs", default=EPOCHS)`: on the command line already
    return name, Binding(assign, assign.value)


def _exclusive_literals(ctx: PlanContext, arguments: list[TrainingArgument]) -> set:
    """Literal values of the same training argument in the two branches of one `if`: they share one
    argument."""
    shared = set()
    literals = [a for a in arguments if literal_value(a.value) is not None]
    for index, first in enumerate(literals):
        for second in literals[index + 1:]:
            if first.dest == second.dest and literal_value(first.value) != literal_value(second.value) \
                    and ctx.facts.exclusive_branches(first.value, second.value) is not None:
                shared.update((first.value, second.value))
    return shared


# --- lifting ----------------------------------------------------------------------------------------------
def _lift_name(ctx: PlanContext, name: str, bindings: list[Binding], argument: TrainingArgument | None) -> None:
    values = [binding.value for binding in bindings]
    if any(ctx.claimed(value) for value in values):
        return
    literals = [literal_value(value) for value in values]
    lower = name.lower()
    canonical = argument.dest if argument is not None else _canonical_name(name)
    aliases = (lower,) if canonical != lower and lower.isidentifier() else ()
    expected_type = argument.type_name if argument is not None else None
    if len(values) == 1 and literals[0] is not None:
        _lift_literal(ctx, values[0], canonical, name, expected_type, aliases=aliases, binding=bindings[0])
        return
    fallback = _positional_fallback(ctx, values[0]) if len(values) == 1 else None
    if fallback is not None:  # `int(sys.argv[1]) if len(sys.argv) > 1 else 3`: the option replaces the position
        _lift_positional(ctx, name, values[0], fallback, canonical, expected_type, aliases)
        return
    literal_types = {literal[1] for literal in literals if literal is not None}
    type_name = expected_type or (literal_types.pop() if len(literal_types) == 1 else None)
    computed = any(literal is None for literal in literals)
    if type_name is None or (computed and type_name not in ("int", "float")):
        return  # only a number is sure to be what a computed value stands for (an optimizer name is not)
    dest = _dest_for(ctx, canonical, None, type_name, aliases)
    references = [ctx.args.reference(value, dest) for value in values]
    if any(reference is None for reference in references):
        ctx.report(values[0], diagnostics.NOT_LIFTED, target=name, why=_why_not_visible(ctx, bindings[0]))
        return
    for value, reference in zip(values, references):
        ctx.replace(value, _overridden(ctx, reference, value))
    line, _ = ctx.facts.position(values[0])
    how = "bound more than once" if len(values) > 1 else "computed at run time"
    _declare(ctx, HyperParameter(dest, None, type_name, line, name), aliases,
             f"{name} in the original script ({how}; default: the script's value)", "None")


def _positional_fallback(ctx: PlanContext, value: cst.BaseExpression) -> cst.BaseExpression | None:
    """The literal of `int(sys.argv[1]) if len(sys.argv) > 1 else 3`: the script's own value where its command
    line is read by position. On SageMaker that position holds an option's name or value (`--epochs`, `1`), so an
    override that fell back to the read would take one of those."""
    if not (isinstance(value, cst.IfExp) and literal_value(value.orelse) is not None):
        return None
    reads_argv = any(isinstance(node, cst.Attribute) and ctx.facts.qualified_name(node) == "sys.argv"
                     for node in walk(value.body))
    return value.orelse if reads_argv else None


def _lift_positional(ctx: PlanContext, name: str, value: cst.BaseExpression, fallback: cst.BaseExpression,
                     canonical: str, expected_type: str | None, aliases: tuple[str, ...]) -> None:
    default, type_name = literal_value(fallback)
    if type_name == "int" and expected_type == "float":
        type_name = "float"
    dest = _dest_for(ctx, canonical, default, type_name, aliases)
    reference = ctx.args.reference(value, dest)
    if reference is None:
        ctx.report(value, diagnostics.NOT_LIFTED, target=name, why=ctx.args.out_of_reach())
        return
    ctx.replace(value, reference)
    ctx.report(value, diagnostics.POSITIONAL_ARGV_LIFTED, name=name, flag=f"--{dest}",
               default=ctx.facts.module.code_for_node(fallback))
    line, _ = ctx.facts.position(value)
    if not ctx.contract.lifted(dest):
        _declare(ctx, HyperParameter(dest, default, type_name, line, name), aliases,
                 f"{name} in the original script (read by position there)", ctx.facts.module.code_for_node(fallback))


def _canonical_name(name: str) -> str:
    """The argument a constant's name stands for (`NUM_EPOCHS` -> epochs)."""
    return catalog.CANONICAL_HYPERPARAMETER_NAMES.get(name.lower(), name.lower())


def _through_setting(ctx: PlanContext, argument: TrainingArgument) -> TrainingArgument:
    """`params["epochs"]` whose entry is a name (`{"epochs": EPOCHS}`): that name, lifted where it is bound."""
    setting = setting_of(ctx.facts, argument.value)
    if setting is not None and isinstance(setting.value, cst.Name):
        return dataclasses.replace(argument, value=setting.value,
                                   target=f"{argument.target} through {_code(ctx, argument.value)}")
    return argument


def _lift_setting(ctx: PlanContext, setting: Setting, argument: TrainingArgument) -> None:
    """`params = {"epochs": 10}` / `class Config: EPOCHS = 10`: the entry's value is what gets lifted."""
    if _reads_arguments(ctx, setting.value):
        return  # lifted already
    lower = setting.key.lower()
    aliases = (lower,) if lower != argument.dest and lower.isidentifier() else ()
    if literal_value(setting.value) is not None:
        _lift_literal(ctx, setting.value, argument.dest, _code(ctx, argument.value), argument.type_name,
                      aliases=aliases)
    else:
        _lift_name(ctx, _code(ctx, argument.value), [Binding(setting.value, setting.value)], argument)


def _code(ctx: PlanContext, node: cst.CSTNode) -> str:
    return ctx.facts.module.code_for_node(node)


def _lift_literal(ctx: PlanContext, value: cst.BaseExpression, name: str, target: str, expected_type: str | None,
                  aliases: tuple[str, ...] = (), shared: bool = False, binding: Binding | None = None) -> None:
    """`binding`: the `name = <literal>` statement the value comes from, where it is a name's only binding."""
    literal = literal_value(value)
    if literal is None or ctx.claimed(value):
        return
    default, type_name = literal
    if type_name == "int" and (expected_type == "float" or
                               any(catalog.number_type(spelling, "int") == "float" for spelling in (name, *aliases))):
        type_name = "float"  # `lr = 1`, `DROPOUT = 0` still take `--learning_rate 0.5`, `--dropout 0.2`
    dest = _dest_for(ctx, name, None if shared else default, type_name, aliases)
    reference = ctx.args.reference(value, dest)
    parsed_later = reference is None and binding is not None and _read_only_after_parse(ctx, binding)
    if reference is None and not parsed_later:
        ctx.report(value, diagnostics.NOT_LIFTED, target=target, why=_why_not_visible(ctx, binding))
        return
    code = ctx.facts.module.code_for_node(value)
    if parsed_later:  # the value stays the script's; the parsed one replaces it as soon as there is one
        parse = ctx.args.target.parse
        ctx.insert_after(parse.bound_by, parse_statements(f"{target} = {parse.args_name}.{dest}\n"))
    elif shared:
        ctx.replace(value, _overridden(ctx, reference, value))
    else:
        ctx.replace(value, reference)
    line, _ = ctx.facts.position(value)
    if ctx.contract.lifted(dest):
        return
    if shared:
        _declare(ctx, HyperParameter(dest, None, type_name, line, target), aliases,
                 f"{target} in the original script (one value per branch; default: the script's)", "None")
    else:
        default_code = repr(default) if type_name == "bool" else code
        _declare(ctx, HyperParameter(dest, default, type_name, line, target), aliases,
                 f"{target} in the original script", default_code)


def _read_only_after_parse(ctx: PlanContext, binding: Binding) -> bool:
    """`BATCH_SIZE = 128` above the script's own `args = parser.parse_args()`, in the same scope: can the name be
    re-bound to the parsed value right after the parse? Only if nothing reads it before: no read of it in that
    scope comes earlier, and no function reading it is called earlier."""
    if not _above_parse(ctx, binding):
        return False
    facts, parse, statement = ctx.facts, ctx.args.target.parse, binding.statement
    scope = facts.scopes.get(statement)
    parsed_at = facts.position(parse.bound_by)
    name = statement.targets[0].target.value
    for assignment in scope.assignments[name]:
        for read in assignment.references:
            where = facts.scopes.get(read)
            if where is scope:
                if facts.position(read) < parsed_at:
                    return False
                continue
            function = _outermost_function(facts, read, scope)
            if function is None or any(facts.position(call) < parsed_at and facts.scopes.get(call) is scope
                                       for call in facts.calls_by_name.get(function.name.value, ())):
                return False
    return True


def _why_not_visible(ctx: PlanContext, binding: Binding | None) -> str:
    if binding is not None and _above_parse(ctx, binding):
        line, _ = ctx.facts.position(ctx.args.target.parse.call)
        return f"it is read before the script parses its arguments (line {line}); move the parse above it"
    return ctx.args.out_of_reach()


def _above_parse(ctx: PlanContext, binding: Binding) -> bool:
    """Is the binding a `name = value` above the script's own parse, in the scope that parses?"""
    facts, parse, statement = ctx.facts, ctx.args.target.parse, binding.statement
    if parse is None or parse.bound_by is None or not isinstance(statement, cst.Assign) or \
            not isinstance(statement.targets[0].target, cst.Name):
        return False
    return facts.scopes.get(statement) is parse.args_scope and \
        facts.position(statement) < facts.position(parse.bound_by)


def _outermost_function(facts, node: cst.CSTNode, scope) -> cst.FunctionDef | None:
    """The def, directly in `scope`, whose body holds `node` (None: a lambda, class or comprehension)."""
    found, current = None, facts.parents.get(node)
    while current is not None and current is not scope.node:
        if isinstance(current, cst.FunctionDef):
            found = current
        elif isinstance(current, (cst.Lambda, cst.ClassDef, cst.ListComp, cst.SetComp, cst.DictComp,
                                  cst.GeneratorExp)) and found is None:
            return None
        current = facts.parents.get(current)
    return found if found is not None and facts.scopes.get(found) is scope else None


def _overridden(ctx: PlanContext, reference: cst.BaseExpression, value: cst.BaseExpression) -> cst.BaseExpression:
    """`args.x if args.x is not None else <the script's value>`."""
    ref, original = ctx.facts.module.code_for_node(reference), ctx.facts.module.code_for_node(value)
    loose = (isinstance(value, cst.Tuple) and not value.lpar) or isinstance(value, (cst.IfExp, cst.Lambda))
    return cst.parse_expression(f"{ref} if {ref} is not None else {f'({original})' if loose else original}")


def _declare(ctx: PlanContext, hyperparameter: HyperParameter, aliases: tuple[str, ...], help_text: str,
             default_code: str) -> None:
    ctx.contract.hyperparameter(hyperparameter)
    type_code = ctx.helper("str_to_bool") if hyperparameter.type_name == "bool" else hyperparameter.type_name
    flags = flags_for(hyperparameter.name, *(alias for alias in aliases if alias not in ctx.args.existing_dests))
    ctx.args.declare(ArgumentSpec(hyperparameter.name, flags, type_code, default_code, help_text))


def _dest_for(ctx: PlanContext, name: str, default, type_name: str, aliases: tuple[str, ...] = ()) -> str:
    """`name`, unless another value or the script's own parser already uses it; then the script's own name for
    the value (`total_epochs` where `epochs` is `initial_epochs`), else a numbered one."""
    def taken(candidate: str) -> bool:
        lifted = ctx.contract.lifted(candidate)
        return candidate in ctx.args.existing_dests or ctx.args.spelled_by_another(candidate) or (
            lifted is not None and (lifted.default, lifted.type_name) != (default, type_name))

    return unique_name((name, *(alias for alias in aliases if alias.isidentifier())), taken)
