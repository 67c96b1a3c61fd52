"""absl: the missing arguments as `flags.DEFINE_*` after the script's own, and `app.run` told to ignore flags it
does not know (SageMaker may pass more than the script defines)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from sm_migrate.transforms import catalog, diagnostics
from sm_migrate.transforms.commandline.specs import MAX_LINE, ArgumentSpec
from sm_migrate.transforms.edits import keyword_arg, parse_expression, parse_statements, with_comma
from sm_migrate.transforms.literals import quote

if TYPE_CHECKING:
    from sm_migrate.transforms.context import PlanContext

BOOLEAN_DEFINES = frozenset({"absl.flags.DEFINE_boolean", "absl.flags.DEFINE_bool"})


def render(ctx: PlanContext, missing: list[ArgumentSpec], helpers: list[list[cst.BaseStatement]]):
    target, facts = ctx.args.target, ctx.facts
    for call in facts.absl_defines:
        if facts.qualified_name(call.func) in BOOLEAN_DEFINES:
            ctx.report(call, diagnostics.ABSL_BOOLEAN)
    if missing:
        lines = []
        for spec in missing:
            kind = "bool" if spec.type_code == ctx.helper_name("str_to_bool") else \
                "list" if spec.type_code and spec.type_code.endswith(".loads") else spec.type_code or "str"
            opening = f"{target.parser_name}.{catalog.ABSL_DEFINES[kind]}("
            parts = [quote(spec.dest), spec.default_code, quote(spec.help)]
            line = f"{opening}{', '.join(parts)})"
            if len(line) > MAX_LINE:
                line = f"{opening}\n" + "".join(f"    {part},\n" for part in parts) + ")"
            lines.append(line + "\n")
        last_define = facts.statement_in_body(facts.absl_defines[-1])
        ctx.insert_after(last_define, parse_statements("".join(lines)))
    tolerate_unknown_flags(ctx, target.parser_name)
    return helpers


def tolerate_unknown_flags(ctx: PlanContext, flags_module: str | None = None) -> None:
    """`app.run(main)` parses sys.argv with every absl flag of the program, wherever defined, and stops at one
    it does not know: SageMaker's `--model_dir` and hyperparameters. Tell it to leave those alone."""
    facts = ctx.facts
    for run in facts.absl_runs:
        if not any(arg.keyword and arg.keyword.value == "flags_parser" for arg in run.args):
            flags_module = flags_module or _absl_flags_name(ctx)
            parser = parse_expression(f"lambda argv: {flags_module}.FLAGS(argv, known_only=True)")
            ctx.replace(run, run.with_changes(args=[*with_comma(run.args), keyword_arg("flags_parser", parser)]))


def _absl_flags_name(ctx: PlanContext) -> str:
    """The script's module-level name for absl.flags, or one added for it."""
    for name, bindings in ctx.facts.global_scope.assignments.items():
        if any(binding.imported == "absl.flags" for binding in bindings):
            return name
    return ctx.require_import("absl.flags")
