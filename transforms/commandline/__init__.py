"""The script's command line: where the arguments the rules declare live, and how they are written.

Rules declare what they need (`ctx.args.declare(spec)`, `ctx.args.require("sm_model_dir")`) and ask how to read
an argument at a given place (`ctx.args.reference(node, dest)`); after the last rule, `render` writes them:
- no parser yet: a module-level block after the imports (`parser = argparse.ArgumentParser(...)`,
  `args, _ = parser.parse_known_args()`), with names no scope of the script uses (commandline/argparse_block.py);
- an existing argparse parser: only the missing arguments, added before its parse call, which becomes
  `parse_known_args()` so the extra arguments SageMaker passes never crash the script (docs/sagemaker-contract.md
  §3). A second parser is created only where the script reads its namespace whole (`vars(args)`): the
  arguments it lacks go there, so that the namespace keeps exactly the script's fields;
- absl scripts get the argparse block beside their flags (commandline/absl_flags.py); click/typer/fire/hydra
  (commandline/foreign.py).
Booleans get a converter, never `type=bool` (`bool("False")` is True; SageMaker sends `True`/`False`, §3).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from sm_migrate.transforms import diagnostics
from sm_migrate.transforms.commandline import argparse_block, foreign
from sm_migrate.transforms.commandline.helpers import HELPERS
from sm_migrate.transforms.commandline.specs import ArgumentSpec
from sm_migrate.transforms.commandline.standard import standard_spec
from sm_migrate.transforms.edits import is_import_or_string, parse_expression, parse_statements, with_leading_blank
from sm_migrate.transforms.facts import ParseCall, function_scope_has_parameter, option_dest, option_flags
from sm_migrate.transforms.names import dest_of_flag
from sm_migrate.transforms.scopes import Scope

if TYPE_CHECKING:
    from sm_migrate.transforms.context import PlanContext

# A namespace's attributes that give all its fields.
ENUMERATING_ATTRIBUTES = frozenset({"__dict__", "_get_kwargs"})
HELPERS_COMMENT = "# Helpers for the SageMaker changes below (added by sm-migrate)."
PREAMBLE_COMMENT = (
    "# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as\n"
    "# `--name value` and sets SM_* variables; without them the script's own values are used.\n"
)


@dataclass
class ArgumentTarget:
    args_name: str
    parser_name: str
    parse: ParseCall | None  # the existing parser's parse call, or None for a new parser
    args_scope: Scope | None  # where the existing namespace is bound (None: module level, new parser)
    kind: str = "argparse"  # "argparse", or "foreign" (click/typer/fire/hydra own the command line)
    # Where the script enumerates its namespace (`run(**vars(args))`), an argument added to its parser would be
    # one more field there: the arguments it lacks go to a parser of their own, (args name, parser name).
    separate: tuple[str, str] | None = None

    @property
    def existing(self) -> bool:
        return self.parse is not None


class CommandLine:
    """The arguments the rules declared, and where the script's parsed arguments are."""

    def __init__(self, ctx: PlanContext) -> None:
        self.ctx = ctx
        self.specs: list[ArgumentSpec] = []
        self._local_defaults: dict[str, str] = {}
        self.target = _choose_target(ctx)
        self.existing_dests = _existing_dests(ctx, self.target)
        self.separate_dests = _existing_dests(ctx, self.target, separate=True)

    # --- what rules call ---------------------------------------------------------------------------------
    def declare(self, spec: ArgumentSpec) -> None:
        self.ctx.note_change()
        if all(existing.dest != spec.dest for existing in self.specs):
            self.specs.append(spec)

    def require(self, dest: str) -> None:
        """SageMaker's own argument `dest` ("sm_model_dir", "output_data_dir", ...: commandline/standard.py)."""
        self.declare(standard_spec(self.ctx, dest))

    def spelled_by_another(self, dest: str) -> bool:
        """Is `--<dest>` another declared argument's second spelling (`--num_epochs` of `--epochs`)? argparse
        refuses one option string on two arguments."""
        return any(spec.dest != dest and f"--{dest}" in spec.flags for spec in self.specs)

    def declared(self, dest: str) -> bool:
        return dest in self.existing_dests or any(spec.dest == dest for spec in self.specs)

    def set_local_default(self, dest: str, code: str) -> None:
        """The local default of a SageMaker argument, where the script has its own value (an estimator's
        model_dir)."""
        self._local_defaults[dest] = code

    def local_default(self, dest: str) -> str:
        return self._local_defaults.get(dest, "None")

    def has_local_default(self, dest: str) -> bool:
        return dest in self._local_defaults

    def reference(self, use_node: cst.CSTNode, dest: str) -> cst.BaseExpression | None:
        """`args.<dest>` where the parsed namespace is visible from `use_node`; None where it is not."""
        target, facts = self.target, self.ctx.facts
        if target.kind == "foreign":
            return None  # the script's own CLI owns sys.argv: the caller falls back to the SM_* variables
        if target.separate is not None and (dest in self.separate_dests or dest not in self.existing_dests):
            self.ctx.note_module_use(use_node)
            return parse_expression(f"{target.separate[0]}.{dest}")
        if target.existing:
            scope = facts.scopes.get(use_node)
            visible = target.parse.args_name is not None and (
                (facts.visible_from(scope, target.args_name, target.args_scope)
                 and (scope is not target.args_scope or self._bound_before(use_node)))
                or function_scope_has_parameter(scope, target.args_name)
            )
            if not visible:
                return None
        self.ctx.note_module_use(use_node)
        return parse_expression(f"{target.args_name}.{dest}")

    def _bound_before(self, use_node: cst.CSTNode) -> bool:
        """In the scope that binds the parsed namespace: does a binding of it come before `use_node`?"""
        facts, target = self.ctx.facts, self.target
        use = facts.position(use_node)
        return any(facts.position(assignment.node) < use
                   for assignment in target.args_scope.assignments[target.args_name])

    def out_of_reach(self) -> str:
        """Why an argument can't be read where a rule wanted it (see `reference`)."""
        kind = self.target.kind
        if kind == "foreign":
            framework = self.ctx.facts.cli_framework
            return f"the script's {framework} CLI defines its arguments; add an option for it by hand"
        return "the script's parsed arguments are not visible here; pass them in or add it to the parser by hand"

    # --- after the last rule -----------------------------------------------------------------------------
    def render(self) -> None:
        """Write the declared arguments and the helpers into the script."""
        ctx = self.ctx
        argparse_block.fix_existing_arguments(ctx, existing_add_argument_calls(ctx, self.target))
        argparse_block.tolerate_unknown_arguments(ctx)
        missing = self.missing()
        helpers = _render_helpers(ctx)
        renderer = foreign if self.target.kind == "foreign" else argparse_block
        block = renderer.render(ctx, missing, helpers)
        if not block:
            return
        statements = []
        for index, group in enumerate(block):
            if index == 0 and helpers:
                group = _with_comment(group, HELPERS_COMMENT)
            elif index == len(helpers):  # the new parser, after the helpers
                group = _with_comment(group, PREAMBLE_COMMENT)
            statements.extend(group)
        _insert_preamble(ctx, statements)

    def missing(self) -> list[ArgumentSpec]:
        existing = self.existing_dests
        specs = sorted((spec for spec in self.specs if spec.dest not in existing and not set(spec.flags) & existing),
                       key=lambda spec: (spec.group, spec.rank))
        taken: set[str] = set()
        for index, spec in enumerate(specs):  # a second spelling two arguments share: the first one keeps it
            flags = (spec.flags[0], *(flag for flag in spec.flags[1:] if flag not in taken))
            taken.update(flags)
            if flags != spec.flags:
                specs[index] = dataclasses.replace(spec, flags=flags)
        return specs


def _enumerated(ctx: PlanContext, parse: ParseCall) -> bool:
    """Does the script read the parsed namespace as a whole (`vars(args)`, `args.__dict__`, `args._get_kwargs()`)?"""
    facts = ctx.facts
    if facts.enumerated_inline(parse):
        return True
    if parse.args_name is None or parse.args_scope is None:
        return False
    for assignment in parse.args_scope.assignments[parse.args_name]:
        for read in assignment.references:
            parent = facts.parents.get(read)
            if isinstance(parent, cst.Attribute) and parent.value is read and \
                    parent.attr.value in ENUMERATING_ATTRIBUTES:
                return True
            if isinstance(parent, cst.Arg) and isinstance(facts.parents.get(parent), cst.Call) and \
                    facts.qualified_name(facts.parents[parent].func) == "builtins.vars":
                return True
    return False


def _choose_target(ctx: PlanContext) -> ArgumentTarget:
    facts = ctx.facts
    if facts.cli_framework:
        return ArgumentTarget("", "", None, None, kind="foreign")
    parses = [p for p in facts.parse_calls if any(name == p.parser_name for (_, name) in facts.parser_names)]
    if parses:
        parse = parses[-1]
        if len(parses) > 1 and not (len(parses) == 2 and _enumerated(ctx, parse)):
            ctx.report(parse.call, diagnostics.SEVERAL_PARSE_CALLS)
        if parse.args_name is None and not facts.enumerated_inline(parse):  # (its namespace is read nowhere else)
            ctx.report(parse.call, diagnostics.PARSED_NAME_UNKNOWN)
        separate = None
        if _enumerated(ctx, parse):  # SageMaker's parser beside it: a previous run's, or a new one
            beside = next((p for p in parses[:-1] if p.args_name and p.args_scope is ctx.facts.global_scope
                           and not _enumerated(ctx, p)), None)
            separate = (beside.args_name, beside.parser_name) if beside is not None else (
                ctx.fresh_name("sm_args", "sm_args", "sm_args_"),
                ctx.fresh_name("sm_parser", "sm_parser", "sm_parser_"))
        return ArgumentTarget(parse.args_name or "args", parse.parser_name, parse, parse.args_scope,
                              separate=separate)
    return ArgumentTarget(ctx.fresh_name("args", "args", "sm_args"), ctx.fresh_name("parser", "parser", "sm_parser"),
                          None, None)


def existing_add_argument_calls(ctx: PlanContext, target: ArgumentTarget, separate: bool = False) -> list[cst.Call]:
    """The add_argument calls of the script's parser and of SageMaker's beside it (`separate`: only those)."""
    if not target.existing:
        return []
    names = {target.separate[1]} if target.separate is not None else set()
    if not separate:
        names.add(target.parser_name)
    return [call for parser_name, call in ctx.facts.add_argument_calls if parser_name in names]


def _existing_dests(ctx: PlanContext, target: ArgumentTarget, separate: bool = False) -> set[str]:
    """Dest names and flags of the arguments the script's own parser already has (empty for a new parser)."""
    found: set[str] = set()
    for call in existing_add_argument_calls(ctx, target, separate):
        flags = option_flags(call)
        dest = option_dest(call) or (dest_of_flag(flags[0]) if flags else None)
        found.update(flags)
        if dest:
            found.add(dest)
    return found


def _render_helpers(ctx: PlanContext) -> list[list[cst.BaseStatement]]:
    groups = []
    for kind, helper in HELPERS.items():
        name = ctx.helper_name(kind)
        if name is not None:
            modules = {module: ctx.require_import(module) for module in helper.modules}
            groups.append(with_leading_blank(parse_statements(helper.template.format(name=name, **modules)), 2))
    return groups


def _with_comment(statements: list[cst.BaseStatement], comment: str) -> list[cst.BaseStatement]:
    lines = [cst.EmptyLine(indent=False)] * 2
    lines += [cst.EmptyLine(comment=cst.Comment(text)) for text in comment.splitlines()]
    return [statements[0].with_changes(leading_lines=lines), *statements[1:]]


def _insert_preamble(ctx: PlanContext, statements: list[cst.BaseStatement]) -> None:
    """After the last module-level import that precedes the first statement using injected names."""
    body = list(ctx.facts.module.body)
    first_use = ctx.first_module_use()
    anchor = None
    for statement in body[:first_use]:
        if is_import_or_string(statement):
            anchor = statement
    # Through the plan, not ctx.insert_*: the preamble is not a use of its own (imports it reuses must run
    # before the first statement that uses it, not before itself).
    if anchor is not None:
        ctx.plan.add_after(anchor, statements)
    elif first_use < len(body):
        ctx.plan.add_before(body[first_use], statements, first=True)
    elif body:
        ctx.plan.add_after(body[-1], statements)
    ctx.note_change()
