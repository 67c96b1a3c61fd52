"""ScriptFacts: the one analysis pass over a script that every rule reads.

Scopes, qualified names and parents come from one walk (transforms/scopes.py), positions from the round-trip
code generation (transforms/positions.py); the rules never walk the tree for themselves.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import libcst as cst

from sm_migrate.transforms import catalog
from sm_migrate.transforms.names import dest_of_flag
from sm_migrate.transforms.positions import SourcePositions
from sm_migrate.transforms.scopes import (
    ClassScope,
    FunctionScope,
    GlobalScope,
    Scope,
    ScriptStructure,
    build,
    dotted_name,
    imported_names,
)


@dataclass
class FitCall:
    """A Keras training call: `fit`, `fit_generator`, or one `train_on_batch` step of a hand-written loop."""

    call: cst.Call
    receiver: cst.BaseExpression
    scope: Scope
    method: str = "fit"


@dataclass
class SaveCall:
    call: cst.Call
    model: cst.BaseExpression
    path: cst.BaseExpression | None
    # "saved_model.save", "keras.save_model", "save", "export", "save_weights", "wrapper", "tf1", "estimator",
    # "keras_session_save" (a Keras model through a TF1 session's simple_save)
    kind: str
    scope: Scope


FILE_SAVE_KINDS = ("save", "save_weights", "keras.save_model")  # the saves that may write a model file (.keras)


@dataclass
class PathUse:
    """A call that reads or writes a path (catalog.PATH_FUNCTIONS and friends)."""

    call: cst.Call
    role: str  # the spec's role, with open()/h5py modes applied: "read", "read_dir", "output", ...
    path: cst.BaseExpression | None
    scope: Scope
    pattern: str | None = None  # pathlib glob()'s pattern, joined onto the receiver


@dataclass
class ParseCall:
    """`X = parser.parse_args(...)` or `return parser.parse_args(...)` of an existing argparse parser."""

    call: cst.Call
    statement: cst.SimpleStatementLine
    small_statement: cst.BaseSmallStatement
    parser_name: str
    args_name: str | None  # the name the parsed namespace is bound to (None: not found)
    args_scope: Scope | None
    known: bool  # already parse_known_args
    # the statement after which `args_name` holds the parsed namespace in `args_scope`: the parse itself, or the
    # caller's `args = parse_args()` of a `return parser.parse_args()` (None: bound as a parameter)
    bound_by: cst.BaseStatement | None = None


@dataclass
class ScriptFacts:
    module: cst.Module
    structure: ScriptStructure
    positions: SourcePositions
    imports_tensorflow: bool = False
    imported_modules: set = field(default_factory=set)  # every module an import anywhere names (`from m import` too)
    module_imports: dict = field(default_factory=dict)  # module -> the module-level name `import module [as x]` binds
    fit_calls: list[FitCall] = field(default_factory=list)
    save_calls: list[SaveCall] = field(default_factory=list)
    optimizer_calls: list[cst.Call] = field(default_factory=list)
    saving_callbacks: list[cst.Call] = field(default_factory=list)
    tape_calls: list[cst.Call] = field(default_factory=list)
    removed_api_calls: list[cst.Call] = field(default_factory=list)  # `K.get_session()`: catalog.REMOVED_KERAS_APIS
    # `tape.gradient(loss, model.trainable_variables)`, `apply_gradients`, `minimize`: the names whose variables
    # a custom loop trains (the `model` Name nodes there), after the calls in source order
    variable_owners: list[tuple[cst.Call, cst.Name | cst.Attribute]] = field(default_factory=list)
    wrapped_saves: set = field(default_factory=set)  # saves inside a wrapper function: its calls are the saves
    model_names: dict = field(default_factory=dict)  # (scope, name) -> constructor call
    model_functions: set = field(default_factory=set)  # user functions returning a Keras model
    model_classes: set = field(default_factory=set)  # user subclasses of keras.Model
    uses_devices: bool = False
    multi_worker: bool = False  # MultiWorkerMirroredStrategy: every worker saves, the chief into the model dir
    parser_names: dict = field(default_factory=dict)  # (scope, name) -> ArgumentParser(...) call
    add_argument_calls: list[tuple[str, cst.Call]] = field(default_factory=list)  # (parser name, call)
    parse_calls: list[ParseCall] = field(default_factory=list)
    path_uses: list[PathUse] = field(default_factory=list)
    checkpoint_objects: set = field(default_factory=set)  # names (`ckpt`, `self.ckpt`) bound to tf.train.Checkpoint
    saver_objects: set = field(default_factory=set)  # names (`saver`, `self.saver`) bound to tf.compat.v1.train.Saver
    session_calls: list[cst.Call] = field(default_factory=list)  # TF1 sessions: graph-style training
    session_train_runs: list[cst.Call] = field(default_factory=list)  # `sess.run(train_op, ...)`, train_op a minimize()
    estimator_calls: list[cst.Call] = field(default_factory=list)  # tf.estimator constructors and RunConfig
    estimator_names: set = field(default_factory=set)  # names bound to an estimator
    estimator_constructors: dict = field(default_factory=dict)  # name -> the constructor call it is bound to
    estimator_training: list[cst.Call] = field(default_factory=list)  # train_and_evaluate / estimator.train
    estimator_specs: list[tuple[str, cst.Call]] = field(default_factory=list)  # (TrainSpec|EvalSpec name, call)
    estimator_exporters: list[cst.Call] = field(default_factory=list)  # LatestExporter(name, serving_input_fn)
    absl_defines: list[cst.Call] = field(default_factory=list)  # flags.DEFINE_*(name, default, help)
    absl_runs: list[cst.Call] = field(default_factory=list)  # app.run(main)
    cli_framework: str | None = None  # "click", "typer", "fire" or "hydra": a CLI argparse must not fight
    click_commands: list[cst.Call] = field(default_factory=list)  # @click.command(...) decorator calls
    argument_defaults: dict = field(default_factory=dict)  # dest -> literal default of the script's own CLI
    path_readings: dict = field(default_factory=dict)  # expression -> (depth, its static paths): paths.resolve's memo
    run_site_readings: dict = field(default_factory=dict)  # function -> (depth, its run sites): run_sites' memo
    constants: dict = field(default_factory=dict)  # module-level name assigned exactly once -> its value
    calls_by_name: dict = field(default_factory=dict)  # function name -> calls of it by that plain name
    # Other values training takes, where a name (or an epoch loop's literal) may hold a hyperparameter:
    # (value, what the help text calls it, argument name, type) for tf.data batch(), compile(optimizer=) and
    # the range() of a loop around a training step.
    training_name_arguments: list = field(default_factory=list)
    literal_batch_sizes: list = field(default_factory=list)  # (literal, what takes it): `.batch(32)`, loaders'
    unnamed_parser_parses: list[cst.Call] = field(default_factory=list)  # `build_parser().parse_args()`
    subcommand_parsers: list[cst.Call] = field(default_factory=list)  # `parser.add_subparsers(...)`
    pretrained_calls: list[cst.Call] = field(default_factory=list)  # keras.applications models, TF Hub loaders
    # `fit(epochs=1)` calls run once an epoch by a loop whose range() is the epochs: their `epochs=1` is not one
    epoch_loop_fits: set = field(default_factory=set)
    training_loops: list = field(default_factory=list)  # the `for` loops around a training step (their data)
    keras2_methods: list[cst.Call] = field(default_factory=list)  # `model.fit_generator(...)`: gone in Keras 3
    removed_method_calls: list[cst.Call] = field(default_factory=list)  # `model.predict_classes(x)`: gone in TF 2.6
    # `Dense(64, init="uniform")`: a layer of catalog.KERAS1_LAYER_KEYWORDS passed a Keras 1 keyword
    keras1_layer_calls: list[cst.Call] = field(default_factory=list)
    sagemaker_aware: bool = False  # the script already reads SM_* variables (SM_MODEL_DIR, SM_CHANNEL_*, ...)
    all_names: set = field(default_factory=set)  # every name bound or read anywhere: injected names avoid them

    _qualified: dict = field(default_factory=dict)
    _names_by_value: dict | None = None
    _attributes_by_name: dict | None = None

    # --- queries ---------------------------------------------------------------------------------------
    @property
    def scopes(self) -> dict:
        """node -> the scope it is evaluated in, every node in source order."""
        return self.structure.scopes

    @property
    def parents(self) -> dict:
        return self.structure.parents

    @property
    def global_scope(self) -> GlobalScope:
        return self.structure.global_scope

    def qualified_name(self, node: cst.CSTNode) -> str | None:
        """The canonical qualified name of an imported or builtin name or attribute (catalog.canonical_name)."""
        if node not in self._qualified:
            self._qualified[node] = imported_names(self.structure, node)
        return self._qualified[node]

    def position(self, node: cst.CSTNode) -> tuple[int, int]:
        return self.positions.start(node)

    def mentions(self, region: cst.CSTNode, name: str) -> bool:
        """Does a Name spelled `name` (read, bound or an attribute) occur inside `region`?"""
        if self._names_by_value is None:
            self._names_by_value = {}
            for node in self.scopes:
                if type(node) is cst.Name:
                    self._names_by_value.setdefault(node.value, []).append(node)
        return any(self.inside(node, region) for node in self._names_by_value.get(name, ()))

    def attributes(self, name: str) -> list[cst.Attribute]:
        """Every `x.<name>` of the script, in source order."""
        if self._attributes_by_name is None:
            self._attributes_by_name = {}
            for node in self.scopes:
                if type(node) is cst.Attribute:
                    self._attributes_by_name.setdefault(node.attr.value, []).append(node)
        return self._attributes_by_name.get(name, [])

    def method_calls(self, name: str) -> list[cst.Call]:
        """Every `x.<name>(...)` call of the script, in source order."""
        return [call for attribute in self.attributes(name) for call in [self.parents.get(attribute)]
                if isinstance(call, cst.Call) and call.func is attribute]

    def inside(self, node: cst.CSTNode, region: cst.CSTNode) -> bool:
        """Is `node` `region` or one of the nodes inside it?"""
        while node is not None and node is not region:
            node = self.parents.get(node)
        return node is region

    def model_key(self, expr: cst.BaseExpression) -> tuple | None:
        """What identifies a model across its uses: the scope of the binding its name (or the root of its
        attribute chain, `self.model`) refers to, and the dotted name. None for any other expression."""
        root = expr
        while isinstance(root, cst.Attribute):
            root = root.value
        if not isinstance(root, cst.Name):
            return None
        resolved = self.structure.resolved
        scope = resolved.get(root) if root in resolved else self.scopes.get(root)
        return scope, dotted_name(expr)

    def plain_class(self, value: cst.BaseExpression | None) -> str | None:
        """The name of the class `value` instantiates where the script defines it as a plain Python class (no
        base, or only `object`), else None: no SavedModel API can save its instances."""
        if not (isinstance(value, cst.Call) and isinstance(value.func, cst.Name)):
            return None
        scope = self.structure.resolved.get(value.func)
        classes = [a.node for a in scope.assignments[value.func.value]] if scope is not None else []
        if not classes or not all(isinstance(c, cst.ClassDef) for c in classes):
            return None
        if all(all(isinstance(b.value, cst.Name) and b.value.value == "object" for b in c.bases) for c in classes):
            return value.func.value
        return None

    def exclusive_branches(self, first: cst.CSTNode, second: cst.CSTNode) -> cst.If | None:
        """The innermost `if` statement with `first` and `second` in different branches (so only one of them
        runs), or None."""
        def branches(node) -> dict:
            path, child, current = {}, node, self.parents.get(node)
            while current is not None:
                if isinstance(current, cst.If):
                    path[current] = child
                child, current = current, self.parents.get(current)
            return path

        first_path, second_path = branches(first), branches(second)
        for statement, child in first_path.items():  # innermost first
            if statement in second_path and second_path[statement] is not child:
                return statement
        return None

    def assigned_value(self, target: cst.CSTNode) -> tuple[cst.BaseExpression | None, cst.CSTNode | None]:
        """For a Name a binding stores to: the value and the statement of its `name = value` (or annotated
        assignment, or its element of a literal tuple unpacked: `a, b = 1, 2`), else (None, None): a loop variable,
        unpacking of anything else, `with ... as`, augmented assignment."""
        parent = self.parents.get(target)
        if isinstance(parent, cst.AssignTarget):
            assign = self.parents.get(parent)
            if isinstance(assign, cst.Assign):
                return assign.value, assign
        if isinstance(parent, cst.Element) and isinstance(self.parents.get(parent), (cst.Tuple, cst.List)):
            return self._unpacked_value(target, self.parents[parent])
        if isinstance(parent, cst.AnnAssign) and parent.value is not None:
            return parent.value, parent
        return None, None

    def _unpacked_value(self, target: cst.CSTNode, targets: cst.Tuple | cst.List):
        """`epochs, batch_size = 10, 32`: the element of the value tuple in the target's place."""
        holder = self.parents.get(targets)
        assign = self.parents.get(holder)
        if not isinstance(holder, cst.AssignTarget) or not isinstance(assign, cst.Assign) or \
                len(assign.targets) != 1 or not isinstance(assign.value, (cst.Tuple, cst.List)):
            return None, None
        elements = assign.value.elements
        if len(elements) != len(targets.elements) or \
                any(isinstance(e, cst.StarredElement) for e in (*elements, *targets.elements)):
            return None, None
        index = next(i for i, element in enumerate(targets.elements) if element.value is target)
        return elements[index].value, assign

    @property
    def trains(self) -> bool:
        """Does the script train a model itself (Keras fit, a GradientTape loop, a TF1 session, an estimator)?"""
        return bool(self.fit_calls or self.tape_calls or self.session_calls or self.estimator_training)

    @property
    def runs_as_script(self) -> bool:
        """Has it an `if __name__ == "__main__":` block?"""
        return any(isinstance(statement, cst.If) and _is_main_guard(statement.test) for statement in self.module.body)

    @functools.cached_property
    def is_library(self) -> bool:
        """Is this a module of training code that nothing in it runs: no `if __name__ == "__main__":` block, no
        loop or `with` block at module level, no training call at module level, no module-level read of a
        function or class it defines (`main()`, `Trainer().fit()`, `app.run(main)`, `fire.Fire(train)`)? (A
        trainer package's model.py, a library's optimizer: whoever imports it runs the training.)"""
        module_scope = self.global_scope
        for statement in self.module.body:
            if isinstance(statement, (cst.For, cst.While, cst.With)) or \
                    (isinstance(statement, cst.If) and _is_main_guard(statement.test)):
                return False  # a loop or a `with` block at module level is a script's work
        training = [*(fit.call for fit in self.fit_calls), *self.tape_calls, *self.session_calls,
                    *self.estimator_training, *self.absl_runs]
        if any(self.scopes.get(call) is module_scope for call in training):
            return False
        defined = [statement.name.value for statement in self.module.body
                   if isinstance(statement, (cst.FunctionDef, cst.ClassDef))]
        return not any(self.scopes.get(read) is module_scope
                       for name in defined for assignment in module_scope.assignments[name]
                       for read in assignment.references)

    def only_value(self, name: cst.Name) -> cst.BaseExpression | None:
        """The value of the one binding the name reads, where that is a `name = value`; else None."""
        scope = self.structure.resolved.get(name)
        assignments = scope.assignments[name.value] if scope is not None else []
        return self.assigned_value(assignments[0].node)[0] if len(assignments) == 1 else None

    def kept_model(self, expr: cst.BaseExpression) -> cst.Name | None:
        """The name a sweep's keeper holds, where every binding of it holds that one (`None` aside):
        `best_model` of `best_loss, best_model = loss, model`, or `best[1]` of `best = (loss, model)`."""
        index = None
        if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index) \
                and isinstance(expr.slice[0].slice.value, cst.Integer):
            expr, index = expr.value, int(expr.slice[0].slice.value.value)
        elif isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Name):
            return self._stored_in(expr.value)
        if not isinstance(expr, cst.Name):
            return None
        return self.held_by(self.structure.resolved.get(expr), expr.value, index)

    def _stored_in(self, container: cst.Name) -> cst.Name | None:
        """`models[name]` of `models = {}` filled by `models[name] = model`: the one name every entry holds."""
        scope = self.structure.resolved.get(container)
        assignments = scope.assignments[container.value] if scope is not None else []
        value = self.assigned_value(assignments[0].node)[0] if len(assignments) == 1 else None
        if not (isinstance(value, cst.Dict) and not value.elements):
            return None
        stored = {node.value.value if isinstance(node.value, cst.Name) else None
                  for node in walk(self.module) if isinstance(node, cst.Assign)
                  for target in node.targets if isinstance(target.target, cst.Subscript)
                  and isinstance(target.target.value, cst.Name) and target.target.value.value == container.value
                  and self.structure.resolved.get(target.target.value) is scope}
        return cst.Name(stored.pop()) if len(stored) == 1 and None not in stored else None

    def held_by(self, scope: Scope | None, name: str, index: int | None = None) -> cst.Name | None:
        """The one name every binding of `name` in `scope` holds (element `index` of a tuple it is bound to), `None`
        aside; else None."""
        held = set()
        for assignment in scope.assignments[name] if scope is not None else ():
            value, _ = self.assigned_value(assignment.node)
            if index is not None and isinstance(value, (cst.Tuple, cst.List)) and index < len(value.elements):
                value = value.elements[index].value
            elif index is not None and not (isinstance(value, cst.Name) and value.value == "None"):
                return None
            if not isinstance(value, cst.Name):
                return None
            if value.value != "None":
                held.add(value.value)
        return cst.Name(held.pop()) if len(held) == 1 and name not in held else None

    def parameter_arguments(self, param: cst.Param) -> list[cst.BaseExpression] | None:
        """What a function's parameter holds: the argument of each call of the function by name in this script, or
        of a method through its instances (its default where a call leaves it out), or None when that can't be
        told (no such call, `self`, a static method, a `*args`/`**kwargs` call)."""
        function = self.enclosing(param, cst.FunctionDef)
        if function is None:
            return None
        params = function.params
        positional = [*params.posonly_params, *params.params]
        if param not in (*positional, *params.kwonly_params):
            return None
        index = positional.index(param) if param in positional else None
        if isinstance(self.scopes.get(function), ClassScope):
            calls = self._method_calls(function)
            if calls is None or index == 0:
                return None  # a static or class method, or `self`
            index = index - 1 if index is not None else None
        else:
            calls = self.calls_by_name.get(function.name.value, ())
        if not calls:
            return None
        values = []
        for call in calls:
            # `train(**vars(args))` fills the options' names; another parameter keeps its default
            if any(arg.star for arg in call.args) and not (
                    self._splats_the_namespace(call) and param.name.value not in self._option_dests()):
                return None
            keyword = [arg.value for arg in call.args if arg.keyword and arg.keyword.value == param.name.value]
            given = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
            if keyword:
                values.append(keyword[0])
            elif index is not None and index < len(given):
                values.append(given[index])
            elif param.default is not None:
                values.append(param.default)
            else:
                return None
        return values

    def filled_from_namespace(self, param: cst.Param) -> bool:
        """Is `param` filled from the parsed command line at every call of its function, by a `**vars(args)` /
        `**args.__dict__` that names no other argument for it (`run(**vars(args))`)? Its value is then the
        option of its name, which is the option's default when SageMaker does not pass it."""
        function = self.enclosing(param, cst.FunctionDef)
        if function is None or isinstance(self.scopes.get(function), ClassScope):
            return False
        calls = self.calls_by_name.get(function.name.value, ())
        return bool(calls) and all(
            self._splats_the_namespace(call)
            and not any(arg.keyword and arg.keyword.value == param.name.value for arg in call.args)
            for call in calls
        )

    def _splats_the_namespace(self, call: cst.Call) -> bool:
        """Is the call's one starred argument the parsed command line, `**vars(args)` / `**args.__dict__`?"""
        starred = [arg for arg in call.args if arg.star]
        return len(starred) == 1 and starred[0].star == "**" and \
            self._is_parsed_namespace(self._enumerated_namespace(starred[0].value))

    def _option_dests(self) -> set[str]:
        """The names the script's own argparse options are parsed into."""
        dests = set()
        for _, call in self.add_argument_calls:
            flags = option_flags(call)
            dest = option_dest(call) or (flags[0] if flags and not flags[0].startswith("-") else None)  # positional
            if dest:
                dests.add(dest)
        return dests

    def _enumerated_namespace(self, expr: cst.BaseExpression) -> cst.BaseExpression | None:
        """`vars(args)` / `args.__dict__` -> `args`."""
        if isinstance(expr, cst.Call) and self.qualified_name(expr.func) == "builtins.vars" and \
                len(expr.args) == 1 and not expr.args[0].star:
            return expr.args[0].value
        if isinstance(expr, cst.Attribute) and expr.attr.value == "__dict__":
            return expr.value
        return None

    def _is_parsed_namespace(self, expr: cst.BaseExpression | None) -> bool:
        """Is `expr` an argparse parse of this script (`parser.parse_args()`, `parser.parse_known_args()[0]`) or a
        read of the name it binds its namespace to?"""
        return any(expr is parse.call or _is_first_of(expr, parse.call) or (
            isinstance(expr, cst.Name) and parse.args_name == expr.value and parse.args_scope is not None and
            any(read is expr for assignment in parse.args_scope.assignments[expr.value]
                for read in assignment.references)) for parse in self.parse_calls)

    def enumerated_inline(self, parse: ParseCall) -> bool:
        """Is the namespace of `parse` enumerated where it is parsed (`run(**vars(parser.parse_args()))`)?"""
        arg = self.parents.get(parse.call)
        if _is_first_of(arg, parse.call):
            arg = self.parents.get(arg)
        return isinstance(arg, cst.Arg) and self._enumerated_namespace(self.parents.get(arg)) is not None

    def _method_calls(self, method: cst.FunctionDef) -> list[cst.Call] | None:
        """The calls of a method of a class of the script: `Trainer(...)` for `__init__`; `self.train(...)` in the
        class and `trainer.train(...)` on a name bound only to `Trainer(...)`. None for a static or class method."""
        if any(self.qualified_name(d.decorator) in ("builtins.staticmethod", "builtins.classmethod")
               for d in method.decorators):
            return None
        cls = self.enclosing(method, cst.ClassDef)
        name = cls.name.value
        if method.name.value == "__init__":
            return [call for call in self.calls_by_name.get(name, ()) if self._is_class(call.func, cls)]
        return [call for call in self.method_calls(method.name.value) if isinstance(call.func.value, cst.Name) and (
            (call.func.value.value == "self" and self.inside(call, cls)) or self._instance_of(call.func.value, cls))]

    def _is_class(self, name: cst.BaseExpression, cls: cst.ClassDef) -> bool:
        scope = self.structure.resolved.get(name) if isinstance(name, cst.Name) else None
        return scope is not None and [a.node for a in scope.assignments[name.value]] == [cls]

    def _instance_of(self, name: cst.Name, cls: cst.ClassDef) -> bool:
        """Is `name` bound only to `cls(...)`?"""
        scope = self.structure.resolved.get(name)
        values = [self.assigned_value(a.node)[0] for a in scope.assignments[name.value]] if scope else []
        return bool(values) and all(isinstance(v, cst.Call) and self._is_class(v.func, cls) for v in values)

    def run_sites(self, function: cst.FunctionDef, depth: int = 0) -> list[cst.CSTNode]:
        """Where `function` runs, outside itself: its calls and the places it is passed on
        (`strategy.run(train_step, args=...)`, `tf.function(train_step)`). A site inside another function that
        runs it once (not in a loop of its own, or in a @tf.function) stands for where that function runs."""
        if depth > MAX_DERIVATION:
            return []
        # Once per function: a step called in several places by helpers each called in several places made the
        # walk multiply at every level (as paths.resolve does, with the depth the answer was found with).
        known = self.run_site_readings.get(function)
        if known is not None and known[0] <= depth:
            return known[1]
        self.run_site_readings[function] = (depth, [])  # a recursive function adds no site of its own
        sites = []
        for use in self.uses_of(function):
            caller = self.enclosing(use, cst.FunctionDef)
            in_loop = isinstance(self.statement_after_loops(use), (cst.For, cst.While))
            called = isinstance(self.parents.get(use), cst.Call) and self.parents[use].func is use
            if caller is None and not called and not in_loop:
                continue  # passed on at module level (`step = tf.function(train_step)`): runs unseen
            if caller is None or (in_loop and not self.traced(caller)):
                sites.append(use)
            else:
                sites.extend(self.run_sites(caller, depth + 1))
        sites = list(dict.fromkeys(sites))
        self.run_site_readings[function] = (depth, sites)
        return sites

    def uses_of(self, function: cst.FunctionDef) -> list[cst.Name | cst.Attribute]:
        """The reads of a function's name outside its own body: its calls, and where it is passed on; for a
        method, the `self.step`/`trainer.step` of its calls."""
        scope = self.scopes.get(function)
        if isinstance(scope, ClassScope):
            return [call.func for call in self._method_calls(function) or ()
                    if self.enclosing(call, cst.FunctionDef) is not function]
        bindings = [a for a in scope.assignments[function.name.value] if a.node is function] if scope else []
        return [use for use in (bindings[0].references if bindings else ())
                if self.enclosing(use, cst.FunctionDef) is not function]

    def traced(self, function: cst.FunctionDef) -> bool:
        """A `@tf.function`: its Python body runs once, while tracing."""
        return any(self.qualified_name(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator)
                   == "tensorflow.function" for d in function.decorators)

    def enclosing(self, node: cst.CSTNode, kind: type) -> cst.CSTNode | None:
        current = self.parents.get(node)
        while current is not None and not isinstance(current, kind):
            current = self.parents.get(current)
        return current

    def statement_in_body(self, node: cst.CSTNode) -> cst.BaseStatement:
        """The statement of the enclosing function's (or the module's) own body that contains `node`."""
        current = node
        parent = self.parents.get(current)
        while parent is not None:
            if isinstance(parent, cst.Module) or (
                isinstance(parent, cst.IndentedBlock) and isinstance(self.parents.get(parent), cst.FunctionDef)
            ):
                return current
            current, parent = parent, self.parents.get(parent)
        raise ValueError("node is not inside a statement")

    def statement_after_loops(self, node: cst.CSTNode) -> cst.BaseStatement:
        """The statement containing `node`, lifted out of any loops around it in the same function.

        Code inserted after it runs once, after training has finished, under the same conditions (`if`,
        `with strategy.scope()`, `try`) as the training itself.
        """
        statement = self.statement_of(node)
        candidate = statement
        current = self.parents.get(statement)
        while current is not None and not isinstance(current, (cst.FunctionDef, cst.ClassDef, cst.Module)):
            if isinstance(current, (cst.For, cst.While)):
                candidate = current
            current = self.parents.get(current)
        return candidate

    def statement_of(self, node: cst.CSTNode) -> cst.BaseStatement:
        """The innermost statement (simple line or compound) that contains `node`."""
        current = node
        while current is not None and not isinstance(current, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            current = self.parents.get(current)
        return current

    def is_model_expression(self, expr: cst.BaseExpression) -> bool:
        if isinstance(expr, cst.Name):
            return any(name == expr.value for (_, name) in self.model_names)
        if isinstance(expr, cst.Attribute):  # self.model, trainer.model
            return expr.attr.value == "model"
        return False

    def visible_from(self, use_scope: Scope, name: str, binding_scope: Scope | None) -> bool:
        """Is `name` as bound in `binding_scope` the binding seen from `use_scope`?"""
        if binding_scope is None:
            return False
        scope = use_scope
        while True:
            if scope is binding_scope:
                return True
            if isinstance(scope, GlobalScope):
                return False
            if not isinstance(scope, ClassScope) and name in scope.assignments and scope is not binding_scope:
                return False  # a local binding of the same name shadows it
            scope = scope.parent


def analyse(module: cst.Module, positions: SourcePositions) -> ScriptFacts:
    structure = build(module)
    facts = ScriptFacts(module=module, structure=structure, positions=positions)
    _collect_names(facts)
    _find_model_types(facts)
    collector = _FactsCollector(facts)
    visits = {cst.Assign: collector.visit_Assign, cst.Call: collector.visit_Call,
              cst.SimpleString: collector.visit_SimpleString}
    for node in facts.scopes:  # every node, in source order
        visit = visits.get(type(node))
        if visit is not None:
            visit(node)
    collector.finish()
    _resolve_parse_calls(facts)
    return facts


def _collect_names(facts: ScriptFacts) -> None:
    facts.all_names = facts.structure.all_names
    for statement in facts.module.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if isinstance(small, cst.Import):
                for alias in small.names:
                    module = dotted_name(alias.name)
                    if alias.asname is not None or "." not in module:
                        facts.module_imports.setdefault(module, alias.evaluated_alias or module)
                    else:  # `import os.path` binds `os` too
                        root = module.split(".", 1)[0]
                        facts.module_imports.setdefault(root, root)
    assigned: dict = {}
    for statement in facts.module.body:
        if isinstance(statement, cst.SimpleStatementLine) and isinstance(statement.body[0], cst.Assign):
            for target in statement.body[0].targets:
                if isinstance(target.target, cst.Name):
                    assigned.setdefault(target.target.value, []).append(statement.body[0].value)
    for name, values in assigned.items():
        if len(values) == 1 and len(facts.global_scope.assignments[name]) == 1:
            facts.constants[name] = values[0]
    for node in facts.structure.imports:
        if isinstance(node, cst.Import):
            facts.imported_modules.update(dotted_name(alias.name) for alias in node.names)
        elif isinstance(node, cst.ImportFrom) and node.module is not None and not node.relative:
            facts.imported_modules.add(dotted_name(node.module))
    facts.imports_tensorflow = any(catalog.is_tensorflow_name(module) for module in facts.imported_modules)


def _passes_keras1_layer_keyword(name: str, call: cst.Call) -> bool:
    """`keras.layers.Dense(64, init="uniform")`: a Keras layer of catalog.KERAS1_LAYER_KEYWORDS given one of its
    Keras 1 keywords (a `Dense` of another library is not one)."""
    module, _, layer = name.rpartition(".")
    keras_layer = module == "keras.layers" or module.startswith("keras.layers.")
    if not keras_layer or layer not in catalog.KERAS1_LAYER_KEYWORDS:
        return False
    keras1 = catalog.KERAS1_LAYER_KEYWORDS[layer][1].keys() | catalog.KERAS1_LAYER_KEYWORDS_REPORTED.keys()
    return any(arg.keyword is not None and arg.keyword.value in keras1 for arg in call.args)


def is_model_constructor(facts: ScriptFacts, expr: cst.BaseExpression) -> bool:
    """A call that returns a Keras model: a Keras constructor, a user Model subclass or a user builder function."""
    if not isinstance(expr, cst.Call):
        return False
    name = facts.qualified_name(expr.func)
    if name and (name in catalog.MODEL_CONSTRUCTORS or name.startswith(catalog.MODEL_CONSTRUCTOR_PREFIXES)):
        return True
    if isinstance(expr.func, cst.Name):
        return expr.func.value in facts.model_classes or expr.func.value in facts.model_functions
    return False


def _find_model_types(facts: ScriptFacts) -> None:
    """User classes that subclass keras.Model, and functions that build and return a model (repeated until
    nothing new is found: a builder may call a builder or class defined further down)."""
    classes = [node for node in facts.structure.definitions if isinstance(node, cst.ClassDef)]
    functions = [node for node in facts.structure.definitions if isinstance(node, cst.FunctionDef)]
    for node in classes:
        if any(facts.qualified_name(base.value) in catalog.MODEL_BASE_CLASSES for base in node.bases):
            facts.model_classes.add(node.name.value)
    found = None
    while found != len(facts.model_functions) + len(facts.model_classes):
        found = len(facts.model_functions) + len(facts.model_classes)
        for node in functions:
            if node.name.value not in facts.model_functions and _returns_model(facts, node):
                facts.model_functions.add(node.name.value)


def _returns_model(facts: ScriptFacts, function: cst.FunctionDef) -> bool:
    """`return <model constructor>`, or `return m` after `m = <model constructor>`, in the function's own body."""
    built = set()
    for statement in facts.scopes[function.body].statements:
        if isinstance(statement, cst.Assign) and is_model_constructor(facts, statement.value):
            built.update(t.target.value for t in statement.targets if isinstance(t.target, cst.Name))
        if isinstance(statement, cst.Return) and statement.value is not None and (
            is_model_constructor(facts, statement.value)
            or (isinstance(statement.value, cst.Name) and statement.value.value in built)
        ):
            return True
    return False
class _FactsCollector:
    """What the transforms need from each Assign, Call and string, visited in source order."""

    def __init__(self, facts: ScriptFacts) -> None:
        self.facts = facts
        self.method_saves: list[SaveCall] = []  # `x.save(...)`: a model save once x is known to be a model
        self.gradient_calls: list[cst.Call] = []
        self.session_runs: list[cst.Call] = []  # `x.run(...)`: a TF1 training step if it runs a minimize() op

    def finish(self) -> None:
        facts = self.facts
        for call in self.gradient_calls:
            positional = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
            index = catalog.GRADIENT_METHODS[call.func.attr.value]
            if index < len(positional):
                facts.variable_owners.extend((call, owner) for owner in _variable_owners(facts, positional[index]))
        # A model built where its type can't be seen (`build_model()` from another module) is known by its
        # Keras fit or by the variables a custom loop trains; its saves may come before or after in the source.
        trained = {fit.receiver.value for fit in self.facts.fit_calls if isinstance(fit.receiver, cst.Name)}
        trained.update(owner.value for _, owner in facts.variable_owners if isinstance(owner, cst.Name))

        def is_model(expr: cst.BaseExpression) -> bool:
            return facts.is_model_expression(expr) or (isinstance(expr, cst.Name) and expr.value in trained)

        for save in self.method_saves:
            kept = facts.kept_model(save.model)
            if is_model(save.model) or any(map(is_model, self._parameter_values(save.model))) or \
                    (kept is not None and is_model(kept)):
                self.facts.save_calls.append(save)
        self.facts.save_calls.extend(self._wrapper_saves())
        self.facts.save_calls.sort(key=lambda save: self.facts.position(save.call))
        facts.session_train_runs = [run for run in self.session_runs if any(
            isinstance(name, cst.Name) and _is_training_op(facts, name) for name in walk(run.args[0].value))]
        self._training_loop_ranges()

    def _training_loop_ranges(self) -> None:
        """`for epoch in range(EPOCHS)` around a training step: a `train_on_batch`, a GradientTape (in its own
        function, `def main(): for epoch in ...`, or around the calls of its step function), or a `fit` of one
        epoch (around a longer fit, a loop is folds or restarts)."""
        facts = self.facts
        steps = [fit.call for fit in facts.fit_calls if fit.method in catalog.TRAIN_STEP_METHODS or _one_epoch(fit)]
        steps.extend(facts.session_train_runs)
        for tape in facts.tape_calls:
            steps.append(tape)
            function = facts.enclosing(tape, cst.FunctionDef)
            if function is not None:
                steps.extend(facts.run_sites(function))
        loops: dict[cst.For, list[cst.CSTNode]] = {}  # each loop -> the steps it runs
        for step in steps:
            current = facts.parents.get(step)
            while current is not None and not isinstance(current, (cst.FunctionDef, cst.Module)):
                if isinstance(current, cst.For):
                    loops.setdefault(current, []).append(step)
                current = facts.parents.get(current)
        facts.training_loops = list(loops)
        one_epoch_fits = {fit.call for fit in facts.fit_calls if fit.method in catalog.FIT_METHODS and _one_epoch(fit)}
        for loop, loop_steps in loops.items():
            bound = _range_bound(facts, loop.iter)
            variable = loop.target.value if isinstance(loop.target, cst.Name) else ""
            epochs = "epoch" in variable.lower()
            key = _setting_name(bound)
            if epochs and bound is not None:
                dest = "epochs"
            elif key is not None:  # `range(steps)`, `range(config["steps"])`, `range(cfg.num_steps)`
                dest = catalog.CANONICAL_HYPERPARAMETER_NAMES.get(key.lower(), key.lower())
            else:
                continue
            facts.training_name_arguments.append((bound, f"range() of the `for {variable}` loop", dest, "int"))
            if dest == "epochs":
                facts.epoch_loop_fits.update(step for step in loop_steps if step in one_epoch_fits)

    def _parameter_values(self, expr: cst.BaseExpression) -> list[cst.BaseExpression]:
        """What a parameter of its function (`def save(m, path): m.save(path)`) is passed at the calls of it."""
        function = self.facts.enclosing(expr, cst.FunctionDef)
        if function is None or not isinstance(expr, cst.Name):
            return []
        params = [param for param in function.params.params if param.name.value == expr.value]
        return (self.facts.parameter_arguments(params[0]) or []) if params else []

    def _wrapper_saves(self) -> list[SaveCall]:
        """Calls of the script's own functions that save their model parameter to their path parameter
        (`def save(model, path): tf.saved_model.save(model, path)`, or the export helper a migration adds)."""
        facts, found = self.facts, []
        for save in list(facts.save_calls):
            function = facts.enclosing(save.call, cst.FunctionDef)
            if function is None or not isinstance(save.model, cst.Name) or not isinstance(save.path, cst.Name):
                continue
            names = [param.name.value for param in function.params.params]
            if save.model.value not in names or save.path.value not in names:
                continue
            model_index, path_index = names.index(save.model.value), names.index(save.path.value)
            for call in facts.calls_by_name.get(function.name.value, ()):
                if facts.enclosing(call, cst.FunctionDef) is function:
                    continue
                model = _argument(call, model_index, (save.model.value,))
                if model is not None:
                    facts.wrapped_saves.add(save.call)
                    if not any(call is s.call for s in found):
                        path = _argument(call, path_index, (save.path.value,))
                        found.append(SaveCall(call, model, path, "wrapper", facts.scopes.get(call)))
        return found

    def _note_batch_size(self, call: cst.Call, size: cst.BaseExpression | None, target: str) -> None:
        """A batch size a data pipeline takes: lifted where a name or setting holds it; a literal there may be an
        evaluation pipeline's own size, so literals are noted apart (ScriptFacts.literal_batch_sizes)."""
        if isinstance(size, (cst.Name, cst.Attribute, cst.Subscript)):
            self.facts.training_name_arguments.append((size, f"{target}()", "batch_size", "int"))
        elif isinstance(size, cst.Integer):
            self.facts.literal_batch_sizes.append((size, f"{target}()"))

    def _is_keras_dataset_class(self, name: cst.Name) -> bool:
        """Is `name` a class of the script that subclasses `keras.utils.Sequence` or `PyDataset`?"""
        scope = self.facts.structure.resolved.get(name)
        bindings = scope.assignments[name.value] if scope is not None else []
        return len(bindings) == 1 and isinstance(bindings[0].node, cst.ClassDef) and any(
            self.facts.qualified_name(base.value) in catalog.KERAS_DATASET_BASES for base in bindings[0].node.bases)

    def _is_model_constructor(self, expr: cst.BaseExpression) -> bool:
        return is_model_constructor(self.facts, expr)

    def _note_default(self, dest: str | None, default: cst.BaseExpression | None) -> None:
        if dest and default is not None:
            self.facts.argument_defaults.setdefault(dest, default)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        value = node.evaluated_value
        if isinstance(value, str) and value.startswith(catalog.SAGEMAKER_VARIABLE_PREFIXES):
            self.facts.sagemaker_aware = True

    def _collect_path_use(self, node: cst.Call, name: str | None, scope: Scope) -> None:
        spec = _path_spec(self.facts, node, name)
        if spec is None:
            return
        role = spec.role
        mode = _mode(node, spec)
        if role == "read" and any(flag in mode for flag in catalog.WRITE_MODES):
            role = "output"
        elif mode == "?":
            return  # a mode only known at run time: neither a safe input nor a safe output
        pattern = None
        if spec.arg is None and spec.role != "download":  # pathlib: the receiver is the path
            path = node.func.value if isinstance(node.func, cst.Attribute) else None
            if node.func.attr.value in ("glob", "rglob") and node.args and \
                    isinstance(node.args[0].value, cst.SimpleString):
                pattern = node.args[0].value.evaluated_value
        else:
            path = _argument(node, spec.arg, spec.keywords)
        if path is not None or role == "download":
            self.facts.path_uses.append(PathUse(node, role, path, scope, pattern))

    def visit_Assign(self, node: cst.Assign) -> None:
        scope = self.facts.scopes.get(node)
        if self._is_model_constructor(node.value):
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    self.facts.model_names[(scope, target.target.value)] = node.value
        constructed = self.facts.qualified_name(node.value.func) if isinstance(node.value, cst.Call) else None
        names = [t.target.value for t in node.targets if isinstance(t.target, cst.Name)]
        if constructed and catalog.is_estimator_constructor(constructed):
            self.facts.estimator_names.update(names)
            self.facts.estimator_constructors.update(dict.fromkeys(names, node.value))
        held = names + [dotted_name(t.target) for t in node.targets if isinstance(t.target, cst.Attribute)
                        and dotted_name(t.target)]  # `self.ckpt = tf.train.Checkpoint(...)` too
        if constructed in catalog.CHECKPOINT_OBJECTS:
            self.facts.checkpoint_objects.update(held)
        elif constructed in catalog.SAVER_OBJECTS:
            self.facts.saver_objects.update(held)
        if isinstance(node.value, cst.Call) and self.facts.qualified_name(node.value.func) == "argparse.ArgumentParser":
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    self.facts.parser_names[(scope, target.target.value)] = node.value

    def visit_Call(self, node: cst.Call) -> None:
        facts = self.facts
        name = facts.qualified_name(node.func)
        scope = facts.scopes.get(node)
        self._collect_path_use(node, name, scope)
        if isinstance(node.func, cst.Name):
            facts.calls_by_name.setdefault(node.func.value, []).append(node)
            if self._is_keras_dataset_class(node.func):  # `Batches(x, y, batch_size=32)`: a Sequence of the script
                self._note_batch_size(node, _argument(node, None, ("batch_size",)), node.func.value)
        if name:
            if name.startswith(catalog.OPTIMIZER_MODULE) and name[len(catalog.OPTIMIZER_MODULE) :][:1].isupper():
                facts.optimizer_calls.append(node)
            elif name.startswith(catalog.TF1_OPTIMIZER_MODULES) and name.endswith("Optimizer"):
                facts.optimizer_calls.append(node)
            elif name in catalog.SAVING_CALLBACKS:
                facts.saving_callbacks.append(node)
            elif name in catalog.TRAINING_LOOP_MARKERS:
                facts.tape_calls.append(node)
            elif name in catalog.SAVE_FUNCTIONS:
                spec = catalog.SAVE_FUNCTIONS[name]
                model = node if spec["model_arg"] is None else _argument(node, spec["model_arg"], ("obj", "model"))
                if model is not None:
                    path = _argument(node, spec["path_arg"], spec["path_keywords"])
                    kind = spec.get("kind") or (
                        "saved_model.save" if name.startswith("tensorflow.") else "keras.save_model")
                    keras_model = _keras_model_of_session_save(node) if name in catalog.SIMPLE_SAVES else None
                    if keras_model is not None:
                        model, kind = keras_model, "keras_session_save"
                    facts.save_calls.append(SaveCall(node, model, path, kind, scope))
            elif name in catalog.SESSION_CONSTRUCTORS:
                facts.session_calls.append(node)
            elif name in catalog.HUB_LOADERS or (name.startswith(catalog.PRETRAINED_MODEL_MODULE)
                                                  and name.rsplit(".", 1)[-1][:1].isupper()):
                facts.pretrained_calls.append(node)
            elif name in catalog.BATCHING_LOADERS:
                self._note_batch_size(node, _argument(node, None, ("batch_size",)), name.rsplit(".", 1)[-1])
            elif catalog.is_estimator_constructor(name) or name == "tensorflow.estimator.RunConfig":
                facts.estimator_calls.append(node)
            elif name in catalog.ESTIMATOR_TRAINING:
                facts.estimator_training.append(node)
            elif name in catalog.ESTIMATOR_STEP_KEYWORDS:
                facts.estimator_specs.append((name, node))
            elif name in catalog.ESTIMATOR_EXPORTERS:
                facts.estimator_exporters.append(node)
            elif name.startswith("absl.flags.DEFINE_"):
                facts.absl_defines.append(node)
                self._note_default(_text(_argument(node, 0, ("name",))), _argument(node, 1, ("default",)))
            elif name == "absl.app.run":
                facts.absl_runs.append(node)
            elif name.split(".", 1)[0] in catalog.FOREIGN_CLIS:
                facts.cli_framework = facts.cli_framework or name.split(".", 1)[0]
                if name in ("click.command", "click.group"):
                    facts.click_commands.append(node)
                elif name == "click.option":
                    long_flags = [flag for flag in option_flags(node) if flag.startswith("--")]
                    dest = dest_of_flag(long_flags[0]) if long_flags else None
                    self._note_default(dest, _argument(node, None, ("default",)))
            if name in catalog.REMOVED_KERAS_APIS or name in catalog.KERAS3_REMOVED_APIS:
                facts.removed_api_calls.append(node)
            if _passes_keras1_layer_keyword(name, node):
                facts.keras1_layer_calls.append(node)
            if name.startswith(catalog.DEVICE_NAME_PREFIXES):
                facts.uses_devices = True
            if name in catalog.MULTI_WORKER_STRATEGIES:
                facts.multi_worker = True
        if not isinstance(node.func, cst.Attribute):
            return
        method, receiver = node.func.attr.value, node.func.value
        if method in catalog.KERAS2_METHODS:
            facts.keras2_methods.append(node)
        elif method in catalog.REMOVED_MODEL_METHODS:
            facts.removed_method_calls.append(node)
        if method in catalog.GRADIENT_METHODS:
            self.gradient_calls.append(node)
        if method == "run" and isinstance(receiver, cst.Name) and node.args:
            self.session_runs.append(node)
        if method in catalog.FIT_METHODS:
            keywords = {arg.keyword.value for arg in node.args if arg.keyword is not None}
            if facts.is_model_expression(receiver) or keywords & catalog.KERAS_FIT_KEYWORDS:
                facts.fit_calls.append(FitCall(node, receiver, scope, method))
        elif method in catalog.TRAIN_STEP_METHODS and isinstance(receiver, (cst.Name, cst.Attribute)):
            facts.fit_calls.append(FitCall(node, receiver, scope, method))
        elif method == "compile":
            optimizer = _argument(node, None, ("optimizer",))
            if isinstance(optimizer, cst.Name):
                facts.training_name_arguments.append((optimizer, "compile(optimizer=)", "optimizer", "str"))
        elif method == "batch" and _is_dataset(facts, receiver):
            self._note_batch_size(node, _argument(node, 0, ("batch_size",)), "tf.data batch")
        elif method in catalog.BATCHING_METHODS:
            self._note_batch_size(node, _argument(node, None, ("batch_size",)), method)
        elif isinstance(receiver, cst.Name) and receiver.value in facts.estimator_names:
            if method in catalog.ESTIMATOR_TRAINING_METHODS:
                facts.estimator_training.append(node)
            elif method in catalog.ESTIMATOR_EXPORT_METHODS:
                path = _argument(node, 0, catalog.ESTIMATOR_EXPORT_METHODS[method])
                facts.save_calls.append(SaveCall(node, receiver, path, "estimator", scope))
        elif method in catalog.SAVE_METHODS and (facts.is_model_expression(receiver)
                                                 or isinstance(receiver, (cst.Name, cst.Subscript))):
            path = _argument(node, 0, catalog.SAVE_METHODS[method])
            self.method_saves.append(SaveCall(node, receiver, path, method, scope))
        elif method == "add_argument" and isinstance(receiver, cst.Name):
            facts.add_argument_calls.append((receiver.value, node))
            self._note_default(option_dest(node), _argument(node, None, ("default",)))
        elif method == "add_subparsers" and "argparse" in facts.imported_modules:
            facts.subcommand_parsers.append(node)
        elif method == "parse_args" and isinstance(receiver, cst.Call) and \
                not (facts.qualified_name(receiver.func) or "").startswith(catalog.NOT_ARGPARSE):
            facts.unnamed_parser_parses.append(node)  # (the parser may be built in another module)
        elif method in ("parse_args", "parse_known_args") and isinstance(receiver, cst.Name):
            statement = facts.statement_of(node)
            small = facts.enclosing(node, cst.BaseSmallStatement)
            if isinstance(statement, cst.SimpleStatementLine) and small is not None:
                facts.parse_calls.append(
                    ParseCall(node, statement, small, receiver.value, None, None, method == "parse_known_args")
                )


def _text(expr: cst.BaseExpression | None) -> str | None:
    """The value of a str literal (not bytes, not an f-string), else None."""
    if isinstance(expr, cst.SimpleString) and isinstance(expr.evaluated_value, str):
        return expr.evaluated_value
    return None


def option_flags(call: cst.Call) -> list[str]:
    """The option strings of an `add_argument`/`click.option` call."""
    return [text for arg in call.args if arg.keyword is None and (text := _text(arg.value)) is not None]


def option_dest(call: cst.Call) -> str | None:
    """argparse's dest of an `add_argument` call: its `dest=`, else its first long flag's (`--batch-size` ->
    `batch_size`); None for a positional or short-only option."""
    long_flags = [flag for flag in option_flags(call) if flag.startswith("--")]
    return _text(_argument(call, None, ("dest",))) or (dest_of_flag(long_flags[0]) if long_flags else None)


def _one_epoch(fit: FitCall) -> bool:
    epochs = _argument(fit.call, None, ("epochs",))
    return epochs is None or (isinstance(epochs, cst.Integer) and epochs.value == "1")


def _setting_name(expr: cst.BaseExpression | None) -> str | None:
    """The name a value is read by: `steps`, `cfg.steps`, `config["steps"]` -> "steps"; None for anything else."""
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        return expr.attr.value
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        index = expr.slice[0].slice.value
        if isinstance(index, cst.SimpleString) and isinstance(index.evaluated_value, str) and \
                index.evaluated_value.isidentifier():
            return index.evaluated_value
    return None


def _range_bound(facts: ScriptFacts, iterable: cst.BaseExpression) -> cst.BaseExpression | None:
    """`range(n)` or `range(start, n)`: n."""
    if not (isinstance(iterable, cst.Call) and facts.qualified_name(iterable.func) == "builtins.range"):
        return None
    positional = [arg for arg in iterable.args if arg.keyword is None and not arg.star]
    if len(positional) in (1, 2):
        return positional[-1].value
    return None


def _is_dataset(facts: ScriptFacts, expr: cst.BaseExpression, depth: int = 0, seen: dict | None = None) -> bool:
    """Is `expr` a tf.data pipeline: a chain of calls that starts at `tf.data...`, or a name bound to one?"""
    if depth > MAX_DERIVATION:
        return False
    # A name's bindings are looked at again only from nearer: `net = layer(net)` rebound hundreds of times made
    # a walk of every chain of bindings exponential.
    seen = {} if seen is None else seen
    while isinstance(expr, (cst.Call, cst.Attribute)):
        if isinstance(expr, cst.Call):
            name = facts.qualified_name(expr.func)
            if name and name.startswith("tensorflow.data."):
                return True
            expr = expr.func
        else:
            expr = expr.value
    if isinstance(expr, cst.Name):
        scope = facts.structure.resolved.get(expr)
        if scope is None or seen.get((scope, expr.value), MAX_DERIVATION + 1) <= depth:
            return False
        seen[(scope, expr.value)] = depth
        for assignment in scope.assignments[expr.value]:
            value, statement = facts.assigned_value(assignment.node)
            if isinstance(statement, cst.Assign) and _is_dataset(facts, value, depth + 1, seen):
                return True
    return False


def _path_spec(facts: ScriptFacts, call: cst.Call, name: str | None):
    if name in catalog.PATH_FUNCTIONS:
        return catalog.PATH_FUNCTIONS[name]
    if name and name.startswith(catalog.DOWNLOADING_PREFIX) and name.endswith(catalog.DOWNLOADING_SUFFIX):
        return catalog.PathSpec("download", None, ("path",))
    if not isinstance(call.func, cst.Attribute):
        return None
    method, held = call.func.attr.value, dotted_name(call.func.value)
    if held and held in facts.checkpoint_objects:
        return catalog.CHECKPOINT_OBJECT_METHODS.get(method)
    if held and held in facts.saver_objects:
        return catalog.SAVER_METHODS.get(method)
    return catalog.PATHLIB_METHODS.get(method) or catalog.PATH_METHODS.get(method)


def _mode(call: cst.Call, spec) -> str:
    if spec.mode_arg is None:
        return spec.default_mode
    value = _argument(call, spec.mode_arg, (spec.mode_keyword,))
    if isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str):
        return value.evaluated_value
    return spec.default_mode if value is None else "?"


MAX_DERIVATION = 8  # names, calls and parameters followed back from an expression (a path, a loop's variables)


def _is_training_op(facts: ScriptFacts, name: cst.Name) -> bool:
    """`train_op`, bound once to `optimizer.minimize(loss)`."""
    value = facts.only_value(name)
    return isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and \
        value.func.attr.value in catalog.TF1_TRAINING_OPS


def _variable_owners(facts: ScriptFacts, variables: cst.BaseExpression,
                     depth: int = 0, seen: dict | None = None) -> list[cst.Name | cst.Attribute]:
    """`model.trainable_variables`, `[model.W, model.b]`, `enc.trainable_variables + dec.trainable_variables`,
    `zip(grads, model.trainable_variables)`, `self.model.trainable_variables`, or a name bound to one of them:
    the names (or `self.<name>`) that own the variables (bare variables, `[W, b]`, have none)."""
    if depth > MAX_DERIVATION:
        return []
    seen = {} if seen is None else seen  # a name's bindings again only from nearer, as in _is_dataset
    if isinstance(variables, cst.Attribute) and isinstance(variables.value, cst.Name):
        return [variables.value]
    if isinstance(variables, cst.Attribute) and isinstance(variables.value, cst.Attribute) and \
            isinstance(variables.value.value, cst.Name) and variables.value.value.value == "self":
        return [variables.value]  # `self.model.trainable_variables` in a trainer's method
    if isinstance(variables, cst.Name):
        scope = facts.structure.resolved.get(variables)
        if scope is None or seen.get((scope, variables.value), MAX_DERIVATION + 1) <= depth:
            return []
        seen[(scope, variables.value)] = depth
        found = []
        for assignment in scope.assignments[variables.value]:
            value, _ = facts.assigned_value(assignment.node)
            if value is not None:
                found.extend(_variable_owners(facts, value, depth + 1, seen))
        return found
    parts: list[cst.BaseExpression] = []
    if isinstance(variables, (cst.List, cst.Tuple)):
        parts = [element.value for element in variables.elements]
    elif isinstance(variables, cst.BinaryOperation):
        parts = [variables.left, variables.right]
    elif isinstance(variables, cst.Call) and isinstance(variables.func, cst.Name) and \
            variables.func.value == "zip" and len(variables.args) == 2:
        parts = [variables.args[1].value]
    return [owner for part in parts for owner in _variable_owners(facts, part, depth + 1, seen)]


def _keras_model_of_session_save(call: cst.Call) -> cst.Name | None:
    """`simple_save(sess, dir, inputs={"x": model.input}, outputs={...: model.outputs})`: the Keras model
    exported through the TF1 session (the one name whose `.input(s)`/`.output(s)` the signature reads)."""
    signature = [_argument(call, index, (keyword,)) for index, keyword in ((2, "inputs"), (3, "outputs"))]
    models = {}
    for part in signature:
        for node in walk(part):
            if isinstance(node, cst.Attribute) and isinstance(node.value, cst.Name) and \
                    node.attr.value in ("input", "inputs", "output", "outputs"):
                models.setdefault(node.value.value, node.value)
    return next(iter(models.values())) if len(models) == 1 else None


def _is_main_guard(test: cst.BaseExpression) -> bool:
    """`__name__ == "__main__"` (either way round)."""
    if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1
            and isinstance(test.comparisons[0].operator, cst.Equal)):
        return False
    sides = [test.left, test.comparisons[0].comparator]
    names = [side for side in sides if isinstance(side, cst.Name) and side.value == "__name__"]
    texts = [side for side in sides if isinstance(side, cst.SimpleString) and side.evaluated_value == "__main__"]
    return len(names) == 1 and len(texts) == 1


def walk(node: cst.CSTNode | None):
    """`node` and every node inside it (depth first, in source order)."""
    if node is not None:
        yield node
        for child in node.children:
            yield from walk(child)


def _argument(call: cst.Call, index: int | None, keywords: tuple[str, ...]) -> cst.BaseExpression | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in keywords:
            return arg.value
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    if index is not None and index < len(positional):
        return positional[index].value
    return None


def _resolve_parse_calls(facts: ScriptFacts) -> None:
    """Find the name each existing parser's parsed namespace is bound to, and the scope of that binding."""
    for parse in facts.parse_calls:
        small = parse.small_statement
        if isinstance(small, cst.Assign) and _is_first_of(small.value, parse.call):  # `args = p.parse_known_args()[0]`
            target = small.targets[0].target
            if isinstance(target, cst.Name):
                parse.args_name, parse.args_scope = target.value, facts.scopes.get(small)
            parse.bound_by = parse.statement
        elif isinstance(small, cst.Assign) and small.value is parse.call:
            target = small.targets[0].target
            if isinstance(target, cst.Name):
                parse.args_name, parse.args_scope = target.value, facts.scopes.get(small)
            elif isinstance(target, cst.Tuple) and isinstance(target.elements[0].value, cst.Name):
                parse.args_name, parse.args_scope = target.elements[0].value.value, facts.scopes.get(small)
            parse.bound_by = parse.statement
        elif (param := _parameter_receiving(facts, parse.call)) is not None:  # `main(parser.parse_args())`
            parse.args_name, parse.args_scope = param.name.value, facts.scopes.get(param)
        elif isinstance(small, cst.Return) and small.value is parse.call:  # (not `return vars(p.parse_args())`)
            function = facts.enclosing(small, cst.FunctionDef)
            if function is None:
                continue
            for call in facts.calls_by_name.get(function.name.value, ()):
                assign = facts.parents.get(call)
                if isinstance(assign, cst.Assign) and assign.value is call:
                    name = _first_target_name(assign.targets[0].target, tuple_result=parse.known)
                    if name is not None:
                        parse.args_name, parse.args_scope = name, facts.scopes.get(assign)
                        parse.bound_by = facts.parents.get(assign)
                        break


def _is_first_of(value: cst.BaseExpression, call: cst.Call) -> bool:
    """`call[0]`: the namespace of a parse_known_args() call."""
    return isinstance(value, cst.Subscript) and value.value is call and len(value.slice) == 1 and \
        isinstance(value.slice[0].slice, cst.Index) and isinstance(value.slice[0].slice.value, cst.Integer) and \
        value.slice[0].slice.value.value == "0"


def _parameter_receiving(facts: ScriptFacts, value: cst.BaseExpression) -> cst.Param | None:
    """The parameter of the script's own function that `value` is passed to (`main(parser.parse_args())`), where
    the function is defined once by that name."""
    arg = facts.parents.get(value)
    call = facts.parents.get(arg)
    if not (isinstance(arg, cst.Arg) and isinstance(call, cst.Call) and isinstance(call.func, cst.Name)) or arg.star:
        return None
    functions = [node for node in facts.structure.definitions
                 if isinstance(node, cst.FunctionDef) and node.name.value == call.func.value]
    if len(functions) != 1:
        return None
    params = functions[0].params
    if arg.keyword is not None:
        return next((p for p in (*params.params, *params.kwonly_params) if p.name.value == arg.keyword.value), None)
    positional = [*params.posonly_params, *params.params]
    index = [a for a in call.args if a.keyword is None].index(arg)
    return positional[index] if index < len(positional) else None


def _first_target_name(target: cst.BaseAssignTargetExpression, tuple_result: bool) -> str | None:
    """`args = ...` -> "args"; `args, _ = ...` -> "args" where the value is a (namespace, extras) pair."""
    if isinstance(target, cst.Name) and not tuple_result:
        return target.value
    if isinstance(target, cst.Tuple) and tuple_result and target.elements and \
            isinstance(target.elements[0].value, cst.Name):
        return target.elements[0].value.value
    return None


def function_scope_has_parameter(scope: Scope, name: str) -> bool:
    if not isinstance(scope, FunctionScope):
        return False
    return any(isinstance(a.node, cst.Param) and a.name == name for a in scope.assignments if hasattr(a, "node"))
