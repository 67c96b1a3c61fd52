"""click/typer/fire/hydra own sys.argv. A click command is told to let SageMaker's extra arguments through; the
others are reported. The SageMaker paths are read from the SM_* variables instead of arguments."""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from sm_migrate.transforms import diagnostics
from sm_migrate.transforms.commandline.specs import ArgumentSpec
from sm_migrate.transforms.edits import keyword_arg, parse_expression, with_comma

if TYPE_CHECKING:
    from sm_migrate.transforms.context import PlanContext


def render(ctx: PlanContext, missing: list[ArgumentSpec], helpers: list[list[cst.BaseStatement]]):
    facts = ctx.facts
    for command in facts.click_commands:
        keywords = {arg.keyword.value for arg in command.args if arg.keyword is not None}
        if "context_settings" not in keywords:
            settings = parse_expression('{"ignore_unknown_options": True, "allow_extra_args": True}')
            ctx.replace(command, command.with_changes(
                args=[*with_comma(command.args), keyword_arg("context_settings", settings)]))
    if facts.cli_framework != "click":
        ctx.report(facts.module, diagnostics.FOREIGN_CLI, framework=facts.cli_framework)
    return helpers
