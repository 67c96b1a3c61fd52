"""migrate_source(): analyse a script once, let every rule plan its edits, render the command line, apply the
edits once, and check the result.

Pure: no file system, no printing. The CLI, the batch runner and the tests all go through here.
"""

from __future__ import annotations

import libcst as cst

from sm_migrate.transforms import diagnostics
from sm_migrate.transforms.commandline.declared import declared_contract
from sm_migrate.transforms.context import PlanContext
from sm_migrate.transforms.contract import MigrationError, MigrationOptions, MigrationResult
from sm_migrate.transforms.facts import ScriptFacts, analyse
from sm_migrate.transforms.package import package_imports
from sm_migrate.transforms.positions import SourcePositions
from sm_migrate.transforms.rules import RULES

# Rules whose edits only make a command line take SageMaker's standard arguments: alone, of no use to a module
# that never parses its command line itself.
ONLY_STANDARD_ARGUMENTS = frozenset({"model_dir"})
# Rules whose edits make code run on the target TensorFlow, wherever it runs: all a library module gets.
TARGET_COMPATIBILITY_RULES = frozenset({"keras3_modules", "keras3_apis"})


def migrate_source(source: str, options: MigrationOptions | None = None) -> MigrationResult:
    """Migrate one script's text ("\\n" line endings). Raises MigrationError for input it cannot handle.

    A file that is valid Python but not a TensorFlow training script comes back unchanged with
    `is_training_script=False` and an SM002 diagnostic.
    """
    options = options or MigrationOptions()
    module, positions = _parse_exactly(source)
    facts = analyse(module, positions)
    parses_command_line = bool(facts.parse_calls or facts.unnamed_parser_parses or facts.absl_defines)
    if not facts.imports_tensorflow:
        return _without_tensorflow(source, facts, options)
    if not facts.trains and not (options.trained_in and parses_command_line):
        # (a module of layers or helpers that a training script imports: it must import on the target too)
        result = _compatibility_only(source, facts, options, "imports TensorFlow but trains nothing (no fit, "
                                     "GradientTape loop, session or estimator): left alone")
        if parses_command_line:
            result.package_imports = package_imports(facts)
        return result

    ctx = PlanContext(facts, options)
    if not facts.trains:
        entry = (*(parse.call for parse in facts.parse_calls), *facts.unnamed_parser_parses, *facts.absl_defines)[0]
        ctx.report(entry, diagnostics.PACKAGE_ENTRY_POINT, modules=", ".join(options.trained_in))
    for rule in RULES:
        ctx.rule = rule.name
        rule.plan(ctx)
    ctx.rule = None
    if set(ctx.changed_by) <= ONLY_STANDARD_ARGUMENTS | TARGET_COMPATIBILITY_RULES and not parses_command_line \
            and facts.is_library:
        # (the whole plan's reports of what fails on the target, from other rules too: estimators, TF 1 names)
        failing = [d for d in ctx.diagnostics if d.code in diagnostics.TARGET_COMPATIBILITY]
        return _compatibility_only(source, facts, options, "a library module: its training is in functions that "
                                   "nothing here runs (no __main__ block, no call at module level) and none of it "
                                   "needs a change; migrate the script that runs it", failing)
    ctx.args.render()
    declared_hyperparameters, declared_channels = declared_contract(ctx)
    code = positions.code_of(ctx.apply())

    try:
        compile(code, "<migrated>", "exec")
    except SyntaxError as exc:  # a bug of ours: never hand out code that does not parse
        raise MigrationError(diagnostics.GENERATED_CODE_INVALID.at(exc.lineno or 1, exc.offset or 1,
                                                                   reason=exc.msg)) from None
    lifted = ctx.contract.hyperparameters
    lifted_names = {hp.name for hp in lifted}
    contract = sorted([*lifted, *(hp for hp in declared_hyperparameters if hp.name not in lifted_names)],
                      key=lambda hp: hp.name)
    return MigrationResult(source=source, code=code,
                           diagnostics=sorted(ctx.diagnostics, key=lambda d: (d.line, d.col, d.code)),
                           hyperparameters=contract,
                           channels=dict(sorted({**declared_channels, **ctx.contract.channels}.items())),
                           transforms=ctx.changed_by if code != source else [])


def trains_itself(source: str) -> bool:
    """Does this source train a model itself (`ScriptFacts.trains`)? False for what doesn't parse."""
    try:
        module, positions = _parse_exactly(source)
    except MigrationError:
        return False
    return analyse(module, positions).trains


def _parse_exactly(source: str) -> tuple[cst.Module, SourcePositions]:
    """Parse, and refuse input libcst would not give back byte for byte (docs/tensorflow-and-libcst-notes.md).

    The code generation that checks this also notes where each node starts (transforms/positions.py)."""
    if "\0" in source:  # libcst takes a NUL in a comment, CPython refuses the whole file
        offset = source.index("\0")
        line_start = source.rfind("\n", 0, offset) + 1
        raise MigrationError(diagnostics.NOT_PYTHON.at(source.count("\n", 0, offset) + 1, offset - line_start + 1,
                                                       reason="source code cannot contain null bytes"))
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as exc:
        try:  # CPython words it better ("Missing parentheses in call to 'print'")
            compile(source, "<script>", "exec", dont_inherit=True)
        except SyntaxError as syntax:
            raise MigrationError(diagnostics.NOT_PYTHON.at(syntax.lineno or exc.raw_line,
                                                           syntax.offset or exc.raw_column + 1,
                                                           reason=syntax.msg)) from None
        line, reason = _why_libcst_fails(source, exc)
        raise MigrationError(diagnostics.LIBCST_CANNOT_PARSE.at(line, 1, reason=reason)) from None
    positions = SourcePositions(module)
    if positions.code != source:
        line = _first_difference_line(source, positions.code)
        raise MigrationError(diagnostics.NOT_REPRODUCIBLE.at(line, 1))
    return module, positions


def _why_libcst_fails(source: str, error: cst.ParserSyntaxError) -> tuple[int, str]:
    """(line, reason) for valid Python that libcst's parser refuses: the indentation it reads differently from
    CPython (a form feed, tabs mixed with spaces, a backslash continuation), else its own message."""
    for number, text in enumerate(source.split("\n"), start=1):  # splitlines() would split at form feeds too
        indent = text[: len(text) - len(text.lstrip(" \t\x0c"))]
        if "\x0c" in indent:
            return number, f"form feed in indentation at line {number}"
        if " " in indent and "\t" in indent:
            return number, f"tabs and spaces mixed in indentation at line {number}"
        if text.strip() == "\\":
            return number, f"a backslash continuation on a line of its own at line {number}"
    message = str(error).splitlines()[0] if str(error) else "syntax error"
    return error.raw_line, f"{message} (line {error.raw_line})"


def _first_difference_line(a: str, b: str) -> int:
    for number, (left, right) in enumerate(zip(a.splitlines(), b.splitlines()), start=1):
        if left != right:
            return number
    return min(len(a.splitlines()), len(b.splitlines())) + 1


def _without_tensorflow(source: str, facts: ScriptFacts, options: MigrationOptions) -> MigrationResult:
    """Nothing of TensorFlow here: left alone. A package's entry point need not import TensorFlow, though
    (`trainer/task.py` parsing the command line for `model.train_and_evaluate(args)`): a file with no TensorFlow
    is never changed, but where its modules train (`options.trained_in`, told by the caller from the package
    imports listed here) a strict parse is reported."""
    result = _not_a_training_script(source, "no TensorFlow/Keras import")
    strict = [*(parse.call for parse in facts.parse_calls if not parse.known), *facts.unnamed_parser_parses,
              *facts.absl_defines]
    if strict and options.trained_in:
        line, col = facts.position(strict[0])
        result.diagnostics.append(diagnostics.ENTRY_POINT_WITHOUT_TENSORFLOW.at(
            line, col, modules=", ".join(options.trained_in)))
    elif strict:
        result.package_imports = package_imports(facts)
    return result


def _compatibility_only(source: str, facts: ScriptFacts, options: MigrationOptions, skipped: str,
                        reports: list | tuple = ()) -> MigrationResult:
    """A module that is no training script (a library of training code nothing in it runs, a module of layers):
    no command line or export of its own, but what fails on the target TensorFlow fails wherever it is imported,
    so the compatibility rules' rewrites are made, alone, and their reports kept with `reports`. Unchanged by
    them, it is left alone (`skipped` says why)."""
    compatible = PlanContext(facts, options)
    for rule in RULES:
        if rule.name in TARGET_COMPATIBILITY_RULES:
            compatible.rule = rule.name
            rule.plan(compatible)
    compatible.rule = None
    found = sorted({*compatible.diagnostics, *reports}, key=lambda d: (d.line, d.col, d.code))
    if not compatible.changed_by:
        result = _not_a_training_script(source, skipped)
        result.diagnostics += found
        return result
    code = facts.positions.code_of(compatible.apply())
    return MigrationResult(source=source, code=code, diagnostics=found, transforms=compatible.changed_by)


def _not_a_training_script(source: str, reason: str) -> MigrationResult:
    return MigrationResult(source=source, code=source, diagnostics=[diagnostics.NOT_TRAINING.at(1, 1, reason=reason)],
                           is_training_script=False)
