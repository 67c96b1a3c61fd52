"""argparse: a new parser block, or the script's own parser extended with what is missing."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import libcst as cst

from sm_migrate.transforms import catalog, diagnostics
from sm_migrate.transforms.commandline import absl_flags
from sm_migrate.transforms.commandline.specs import ArgumentSpec
from sm_migrate.transforms.edits import parse_statements, with_leading_blank
from sm_migrate.transforms.facts import ParseCall, option_flags
from sm_migrate.transforms.literals import literal_value
from sm_migrate.transforms.scopes import dotted_name

if TYPE_CHECKING:
    from sm_migrate.transforms.context import PlanContext


def fix_existing_arguments(ctx: PlanContext, calls: list[cst.Call]) -> None:
    """`type=bool` turns SageMaker's "False" into True: use the converter instead; a number default with no type
    gets one (the job's values are text); report store_true flags, positionals and required options (nothing but
    the hyperparameters reaches the command line of a job; docs/sagemaker-contract.md §3)."""
    for call in calls:
        flags = option_flags(call)
        if flags and not any(flag.startswith("-") for flag in flags):
            ctx.report(call, diagnostics.POSITIONAL_ARGUMENT, name=flags[0])
        _type_from_number_default(ctx, call, flags)
        for arg in call.args:
            if arg.keyword and arg.keyword.value == "required" and isinstance(arg.value, cst.Name) and \
                    arg.value.value == "True" and flags:
                flag = next((f for f in flags if f.startswith("--")), flags[0])
                ctx.report(arg.value, diagnostics.REQUIRED_OPTION, flag=flag, name=flag.lstrip("-"))
            if arg.keyword and arg.keyword.value == "type" and isinstance(arg.value, cst.Name) and \
                    arg.value.value == "bool":
                ctx.replace(arg.value, cst.Name(ctx.helper("str_to_bool")))
                ctx.report(arg.value, diagnostics.TYPE_BOOL)
            if arg.keyword and arg.keyword.value == "action" and isinstance(arg.value, cst.SimpleString) and \
                    arg.value.evaluated_value in ("store_true", "store_false"):
                ctx.report(arg.value, diagnostics.STORE_TRUE)


def tolerate_unknown_arguments(ctx: PlanContext) -> None:
    """`build_parser().parse_args()`, or `parser = build_parser()` (here or in another module) then
    `parser.parse_args()`: no parser this script builds to extend, so that parse only learns to leave SageMaker's
    arguments (`--model_dir`, the hyperparameters the tool adds) to the other parser."""
    facts = ctx.facts
    parses = [(call, diagnostics.UNNAMED_PARSER, {}) for call in facts.unnamed_parser_parses]
    built_here = {name for (_, name) in facts.parser_names}
    for parse in facts.parse_calls:
        maker = facts.only_value(parse.call.func.value) if parse.parser_name not in built_here else None
        name = facts.qualified_name(maker.func) if isinstance(maker, cst.Call) else None
        if not parse.known and isinstance(maker, cst.Call) and dotted_name(maker.func) and \
                not (name or "").startswith(catalog.NOT_ARGPARSE):
            parses.append((parse.call, diagnostics.PARSER_BUILT_ELSEWHERE, {"maker": dotted_name(maker.func)}))
    for call, message, details in parses:
        known = call.with_changes(func=call.func.with_changes(attr=cst.Name("parse_known_args")))
        if ctx.replace(call, cst.Subscript(known, [cst.SubscriptElement(cst.Index(cst.Integer("0")))])):
            ctx.report(call, message, **details)


def _type_from_number_default(ctx: PlanContext, call: cst.Call, flags: list[str]) -> None:
    """`add_argument("--lr", default=0.01)`: without `type=`, `--lr 0.1` gives the script the text "0.1"."""
    keywords = {arg.keyword.value: arg.value for arg in call.args if arg.keyword is not None}
    default = keywords.get("default")
    if not flags or "type" in keywords or "action" in keywords or "nargs" in keywords or default is None:
        return
    literal = literal_value(default)
    if literal is None or literal[1] not in ("int", "float"):
        return
    flag = next((f for f in flags if f.startswith("--")), flags[0])
    type_name = catalog.number_type(flag.lstrip("-"), literal[1])
    ctx.amend(call, functools.partial(_with_type, type_name=type_name))
    ctx.report(default, diagnostics.UNTYPED_NUMBER, flag=flag, example=literal[0], type_name=type_name)


def _with_type(call: cst.Call, type_name: str) -> cst.Call:
    """`add_argument("--lr", default=0.01)` -> `add_argument("--lr", type=float, default=0.01)`."""
    index = next(i for i, arg in enumerate(call.args) if arg.keyword is not None and arg.keyword.value == "default")
    typed = cst.Arg(cst.Name(type_name), keyword=cst.Name("type"), equal=call.args[index].equal,
                    comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return call.with_changes(args=[*call.args[:index], typed, *call.args[index:]])


def render(ctx: PlanContext, missing: list[ArgumentSpec], helpers: list[list[cst.BaseStatement]]):
    """The statement groups of the preamble (helpers, then a new parser), or None when nothing is needed."""
    target = ctx.args.target
    absl_flags.prepare(ctx)  # the script's own absl flags, wherever defined, parsed by app.run
    if target.existing:
        parse = target.parse
        if not parse.known:
            _switch_to_parse_known_args(ctx, parse)
        if missing and target.separate is not None:  # beside a namespace the script enumerates
            args_name, parser_name = target.separate
            return helpers + [_new_parser(ctx, parser_name, args_name, missing, helpers)]
        if missing:
            ctx.insert_before(parse.statement, parse_statements(
                "".join(spec.render(target.parser_name) + "\n" for spec in missing)))
        return helpers
    if not ctx.args.specs:
        return None
    return helpers + [_new_parser(ctx, target.parser_name, target.args_name, missing, helpers)]


def _new_parser(ctx: PlanContext, parser_name: str, args_name: str, missing: list[ArgumentSpec],
                helpers: list[list[cst.BaseStatement]]) -> list[cst.BaseStatement]:
    lines = [
        f"{parser_name} = {ctx.require_import('argparse')}.ArgumentParser({_parser_options(ctx)})\n",
        *(spec.render(parser_name) + "\n" for spec in missing),
        f"{args_name}{_known_args_suffix(ctx, parser_name)}\n",
    ]
    return with_leading_blank(parse_statements("".join(lines)), 2 if helpers else 1)


def _parser_options(ctx: PlanContext) -> str:
    """The new parser runs first, at import: beside the script's own command line (absl flags, a parser built
    elsewhere), or in a module that the running script imports, it must leave `--help` to that one, or it would
    print only SageMaker's options and exit."""
    facts = ctx.facts
    beside = facts.absl_defines or facts.parse_calls or facts.unnamed_parser_parses or facts.is_library
    return "allow_abbrev=False, add_help=False" if beside else "allow_abbrev=False"


def _known_args_suffix(ctx: PlanContext, parser: str) -> str:
    if "_" in ctx.facts.all_names:
        return f" = {parser}.parse_known_args()[0]"
    return f", _ = {parser}.parse_known_args()"


def _switch_to_parse_known_args(ctx: PlanContext, parse: ParseCall) -> None:
    call = parse.call
    known = call.with_changes(func=call.func.with_changes(attr=cst.Name("parse_known_args")))
    small = parse.small_statement
    if isinstance(small, cst.Assign) and small.value is call and len(small.targets) == 1 \
            and isinstance(small.targets[0].target, cst.Name) and "_" not in ctx.facts.all_names:
        target = cst.Tuple([cst.Element(small.targets[0].target), cst.Element(cst.Name("_"))], lpar=[], rpar=[])
        ctx.replace(small, small.with_changes(targets=[small.targets[0].with_changes(target=target)], value=known))
    else:
        ctx.replace(call, cst.Subscript(known, [cst.SubscriptElement(cst.Index(cst.Integer("0")))]))
