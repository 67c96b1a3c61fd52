"""migrate_source(): analyse a script once, run the transforms in a fixed order, check the result.

Pure: no file system, no printing. The CLI, the batch runner and the tests all go through here.
"""

from __future__ import annotations

import libcst as cst

from sm_migrate.report import Diagnostic
from sm_migrate.results import (  # noqa: F401  (re-exported: the library API)
    DEFAULT_FRAMEWORK_VERSION,
    HyperParameter,
    MigrationError,
    MigrationOptions,
    MigrationResult,
)
from sm_migrate.transforms import arguments, channels, estimator, export, hyperparameters, model_dir, outputs, sm_env
from sm_migrate.transforms.edits import EditPlan
from sm_migrate.transforms.facts import analyse
from sm_migrate.transforms.positions import SourcePositions


def migrate_source(source: str, options: MigrationOptions | None = None) -> MigrationResult:
    """Migrate one script's text ("\\n" line endings). Raises MigrationError for input it cannot handle.

    A file that is valid Python but not a TensorFlow training script comes back unchanged with
    `is_training_script=False` and an SM002 diagnostic.
    """
    options = options or MigrationOptions()
    module, positions = _parse_exactly(source)
    facts = analyse(module, positions)
    if not facts.imports_tensorflow:
        return _not_a_training_script(source, "no TensorFlow or Keras import: nothing to migrate")
    if not facts.fit_calls and not facts.tape_calls and not facts.session_calls and not facts.estimator_training:
        return _not_a_training_script(source, "imports TensorFlow but trains nothing (no fit, GradientTape loop, "
                                      "session or estimator): left alone")

    plan = EditPlan(facts, options)
    plan.target = arguments.choose_target(plan)
    estimator.plan(plan)
    found = hyperparameters.plan(plan)
    found_channels = channels.plan(plan)
    outputs.plan(plan)
    sm_env.plan(plan, options)
    model_dir.plan(plan)
    export.plan(plan, options)
    arguments.render(plan)
    declared_hyperparameters, declared_channels = arguments.declared_contract(plan)
    code = positions.code_of(plan.apply())

    try:
        compile(code, "<migrated>", "exec")
    except SyntaxError as exc:  # a bug of ours: never hand out code that does not parse
        raise MigrationError(Diagnostic(exc.lineno or 1, exc.offset or 1, "SM900",
                                        f"internal error, generated code does not compile: {exc.msg}", "error"))
    diagnostics = sorted(plan.diagnostics, key=lambda d: (d.line, d.col, d.code))
    lifted = {hp.name for hp in found}
    contract = sorted([*found, *(hp for hp in declared_hyperparameters if hp.name not in lifted)],
                      key=lambda hp: hp.name)
    return MigrationResult(source=source, code=code, diagnostics=diagnostics, hyperparameters=contract,
                           channels=dict(sorted({**declared_channels, **found_channels}.items())),
                           transforms=plan.transforms if code != source else [])


def _parse_exactly(source: str) -> tuple[cst.Module, SourcePositions]:
    """Parse, and refuse input libcst would not give back byte for byte (tensorflow-and-libcst-notes.md).

    The code generation that checks this also notes where each node starts (transforms/positions.py)."""
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as exc:
        line, col, message = exc.raw_line, exc.raw_column + 1, "syntax error"
        try:  # CPython words it better ("Missing parentheses in call to 'print'")
            compile(source, "<script>", "exec", dont_inherit=True)
        except SyntaxError as syntax:
            line, col, message = syntax.lineno or line, syntax.offset or col, syntax.msg
        raise MigrationError(Diagnostic(line, col, "SM001", f"not valid Python 3: {message}", "error")) from None
    positions = SourcePositions(module)
    if positions.code != source:
        line = _first_difference_line(source, positions.code)
        raise MigrationError(Diagnostic(line, 1, "SM001", "libcst cannot reproduce this file exactly (indented "
                                        "comments at the end of the file?): refusing to rewrite it", "error"))
    return module, positions


def _first_difference_line(a: str, b: str) -> int:
    for number, (left, right) in enumerate(zip(a.splitlines(), b.splitlines()), start=1):
        if left != right:
            return number
    return min(len(a.splitlines()), len(b.splitlines())) + 1


def _not_a_training_script(source: str, reason: str) -> MigrationResult:
    return MigrationResult(source=source, code=source, diagnostics=[Diagnostic(1, 1, "SM002", reason, "info")],
                           is_training_script=False)
