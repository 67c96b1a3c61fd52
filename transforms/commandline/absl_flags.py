"""absl scripts: SageMaker's arguments are read with argparse (`parse_known_args`, at import) beside the
script's own absl flags, and `app.run` is told to ignore what the program does not define.

argparse rather than more `flags.DEFINE_*`: absl parses flags only inside `app.run`, after module-level code
ran, so a module-level value could not be lifted, and a flag defined twice (the script's own `model_dir`)
stops absl at import. argparse reads the same command line first and leaves the rest to absl.
TensorFlow's `tf.compat.v1.app.run` needs nothing: it parses with `known_only=True` itself (and takes no
`flags_parser`); its `tf.compat.v1.flags` are absl's (catalog.canonical_name).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sm_migrate.transforms import diagnostics
from sm_migrate.transforms.edits import keyword_arg, parse_expression, with_comma

if TYPE_CHECKING:
    from sm_migrate.transforms.context import PlanContext

BOOLEAN_DEFINES = frozenset({"absl.flags.DEFINE_boolean", "absl.flags.DEFINE_bool"})


def prepare(ctx: PlanContext) -> None:
    """Report absl booleans (SageMaker's `--flag False` sets them True) and make `app.run` tolerant."""
    facts = ctx.facts
    for call in facts.absl_defines:
        if facts.qualified_name(call.func) in BOOLEAN_DEFINES:
            ctx.report(call, diagnostics.ABSL_BOOLEAN)
    tolerate_unknown_flags(ctx)


def tolerate_unknown_flags(ctx: PlanContext) -> None:
    """`app.run(main)` parses sys.argv with every absl flag of the program, wherever defined, and stops at one
    it does not know: SageMaker's `--model_dir` and hyperparameters. Tell it to leave those alone."""
    for run in ctx.facts.absl_runs:
        if not any(arg.keyword and arg.keyword.value == "flags_parser" for arg in run.args):
            parser = parse_expression(f"lambda argv: {_absl_flags_name(ctx)}.FLAGS(argv, known_only=True)")
            ctx.replace(run, run.with_changes(args=[*with_comma(run.args), keyword_arg("flags_parser", parser)]))


def _absl_flags_name(ctx: PlanContext) -> str:
    """The script's module-level name for absl.flags, or one added for it."""
    for name, bindings in ctx.facts.global_scope.assignments.items():
        if any(binding.imported == "absl.flags" for binding in bindings):
            return name
    return ctx.require_import("absl.flags")
