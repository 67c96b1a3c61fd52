"""Where the script's command-line arguments live: a new argparse parser, or the script's own, extended.

Every transform that needs an argument (`--epochs`, `--sm-model-dir`, `--model_dir`, ...) records an
ArgumentSpec; this module decides once where they go and renders them:
- no parser yet: a module-level block after the imports (`parser = argparse.ArgumentParser(...)`,
  `args, _ = parser.parse_known_args()`), with names no scope of the script uses;
- an existing `argparse` parser: only the missing arguments are added just before its parse call, which becomes
  `parse_known_args()` so the extra arguments SageMaker passes never crash the script
  (sagemaker-contract.md §3). A second parser is never created.
Booleans get a converter, never `type=bool` (`bool("False")` is True; SageMaker sends `True`/`False`, §3).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from sm_migrate.results import HyperParameter
from sm_migrate.transforms import catalog
from sm_migrate.transforms.edits import MAX_LINE, ArgumentSpec, EditPlan, literal_value, parse_expression, parse_statements, quote
from sm_migrate.transforms.facts import ParseCall, function_scope_has_parameter
from sm_migrate.transforms.scopes import GlobalScope, Scope

BOOL_CONVERTER = '''def {name}(value):
    """argparse type for booleans: SageMaker passes True/False as text, and bool("False") is True."""
    if isinstance(value, bool):
        return value
    if value.strip().lower() in ("true", "1", "yes", "y", "t"):
        return True
    if value.strip().lower() in ("false", "0", "no", "n", "f"):
        return False
    raise {argparse}.ArgumentTypeError(f"expected a boolean, got {{value!r}}")
'''

SM_PATH_HELPER = '''def {name}(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in {os}.environ:
        return local_path
    {os}.makedirs({os}.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path
'''

CHIEF_PATH_HELPER = '''def {name}(model_path):
    """Every worker of a MultiWorkerMirroredStrategy job must save; only the chief's copy goes to the model dir."""
    task = {json}.loads({os}.environ.get("TF_CONFIG", "{{}}")).get("task", {{}})
    if task.get("type", "worker") in ("chief", "worker") and task.get("index", 0) == 0:
        return model_path
    return {tempfile}.mkdtemp()
'''

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
    kind: str = "argparse"  # "argparse", "absl" (flags.DEFINE_*), or "foreign" (click/typer/fire/hydra)

    @property
    def existing(self) -> bool:
        return self.parse is not None


def choose_target(plan: EditPlan) -> ArgumentTarget:
    facts = plan.facts
    if facts.absl_defines:
        define = facts.absl_defines[0].func
        flags_module = plan.facts.module.code_for_node(define.value) if isinstance(define, cst.Attribute) else "flags"
        holder = next((name for name, value in facts.constants.items()
                       if facts.qualified_name(value) == "absl.flags.FLAGS"), f"{flags_module}.FLAGS")
        return ArgumentTarget(holder, flags_module, None, None, kind="absl")
    if facts.cli_framework:
        return ArgumentTarget("", "", None, None, kind="foreign")
    parses = [p for p in facts.parse_calls if any(name == p.parser_name for (_, name) in facts.parser_names)]
    if parses:
        parse = parses[-1]
        if len(parses) > 1:
            plan.warn(parse.call, "SM301", "several argparse parse calls: extending the last one only")
        if parse.args_name is None:
            plan.warn(parse.call, "SM301", "cannot tell which name holds the parsed arguments")
        return ArgumentTarget(parse.args_name or "args", parse.parser_name, parse, parse.args_scope)
    return ArgumentTarget(plan.fresh_name("args", "args", "sm_args"), plan.fresh_name("parser", "parser", "sm_parser"),
                          None, None)


def args_reference(plan: EditPlan, use_node: cst.CSTNode, dest: str) -> cst.BaseExpression | None:
    """`args.<dest>` where the parsed namespace is visible from `use_node`; None where it is not."""
    target: ArgumentTarget = plan.target
    if target.kind == "foreign":
        return None  # the script's own CLI owns sys.argv: the caller falls back to the SM_* variables
    if target.kind == "absl" and isinstance(plan.facts.scopes.get(use_node), GlobalScope):
        return None  # absl flags are parsed by app.run: module-level code runs before that
    if target.existing:
        scope = plan.facts.scopes.get(use_node)
        visible = target.parse.args_name is not None and (
            plan.facts.visible_from(scope, target.args_name, target.args_scope)
            or function_scope_has_parameter(scope, target.args_name)
        )
        if not visible:
            return None
    plan.note_module_use(use_node)
    return parse_expression(f"{target.args_name}.{dest}")


def bool_converter(plan: EditPlan) -> str:
    plan.helpers.add("str_to_bool")
    return plan.fresh_name("str_to_bool", "_str_to_bool", "_sm_str_to_bool")


def sm_path_helper(plan: EditPlan) -> str:
    plan.helpers.add("sm_path")
    return plan.fresh_name("sm_path", "_sm_path", "_sm_migrate_path")


def chief_path_helper(plan: EditPlan) -> str:
    plan.helpers.add("chief_path")
    return plan.fresh_name("chief_path", "_sm_chief_path", "_sm_migrate_chief_path")


def render(plan: EditPlan) -> None:
    """Turn the recorded ArgumentSpecs and helpers into code (a new block, or additions to the script's parser)."""
    target: ArgumentTarget = plan.target
    existing = existing_dests(plan)
    for call in _existing_add_argument_calls(plan, target):
        _fix_bool_type(plan, call)
    missing = sorted((spec for spec in plan.arguments if spec.dest not in existing and not set(spec.flags) & existing),
                     key=lambda spec: spec.order)
    helpers = _render_helpers(plan)
    if target.kind == "absl":
        _render_absl(plan, missing)
        block = helpers
    elif target.kind == "foreign":
        _report_foreign_cli(plan)
        block = helpers
    elif target.existing:
        parse = target.parse
        if missing:
            plan.add_before(parse.statement, parse_statements("".join(s.render(target.parser_name) + "\n" for s in missing)))
        if not parse.known:
            _switch_to_parse_known_args(plan, parse)
        block = helpers
    else:
        if not plan.arguments:
            return
        lines = [
            f"{target.parser_name} = {plan.module('argparse')}.ArgumentParser(allow_abbrev=False)\n",
            *(spec.render(target.parser_name) + "\n" for spec in missing),
            f"{target.args_name}{_known_args_suffix(plan)}\n",
        ]
        block = helpers + [_with_leading_blank(parse_statements("".join(lines)), 2 if helpers else 1)]
    if not block:
        return
    statements = []
    for index, group in enumerate(block):
        if index == 0:
            group = _with_comment(group, PREAMBLE_COMMENT)
        statements.extend(group)
    _insert_preamble(plan, statements)


def _render_absl(plan: EditPlan, missing: list[ArgumentSpec]) -> None:
    """absl: the missing arguments as flags.DEFINE_* after the script's own, and app.run told to ignore flags it
    does not know (SageMaker may pass more than the script defines)."""
    target: ArgumentTarget = plan.target
    facts = plan.facts
    for call in facts.absl_defines:
        if facts.qualified_name(call.func) == "absl.flags.DEFINE_boolean" or \
                facts.qualified_name(call.func) == "absl.flags.DEFINE_bool":
            plan.warn(call, "SM301", "an absl boolean flag reads SageMaker's `--flag False` as True followed by an "
                      "argument: pass booleans as --flag=false or use a string flag")
    if missing:
        lines = []
        for spec in missing:
            kind = "bool" if spec.type_code == plan.names.get("str_to_bool") else \
                "list" if spec.type_code and spec.type_code.endswith(".loads") else spec.type_code or "str"
            opening = f"{target.parser_name}.{catalog.ABSL_DEFINES[kind]}("
            parts = [quote(spec.dest), spec.default_code, quote(spec.help)]
            line = f"{opening}{', '.join(parts)})"
            if len(line) > MAX_LINE:
                line = f"{opening}\n" + "".join(f"    {part},\n" for part in parts) + ")"
            lines.append(line + "\n")
        last_define = facts.statement_in_body(facts.absl_defines[-1])
        plan.add_after(last_define, parse_statements("".join(lines)))
    for run in facts.absl_runs:
        if not any(arg.keyword and arg.keyword.value == "flags_parser" for arg in run.args):
            parser = f"lambda argv: {target.parser_name}.FLAGS(argv, known_only=True)"
            plan.replace(run, run.with_changes(args=[*_with_comma(run.args), cst.Arg(
                parse_expression(parser), keyword=cst.Name("flags_parser"),
                equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))]))


def _with_comma(args) -> list[cst.Arg]:
    args = list(args)
    if args:
        args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    return args


def _report_foreign_cli(plan: EditPlan) -> None:
    """click/typer/fire/hydra own sys.argv. A click command is told to let SageMaker's extra arguments through;
    the SageMaker paths are read from the SM_* variables instead of arguments."""
    facts = plan.facts
    for command in facts.click_commands:
        keywords = {arg.keyword.value for arg in command.args if arg.keyword is not None}
        if "context_settings" not in keywords:
            settings = parse_expression('{"ignore_unknown_options": True, "allow_extra_args": True}')
            plan.replace(command, command.with_changes(args=[*_with_comma(command.args), cst.Arg(
                settings, keyword=cst.Name("context_settings"),
                equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))]))
    if facts.cli_framework != "click":
        plan.warn(facts.module, "SM304", f"the script's {facts.cli_framework} CLI is left as it is: make it accept "
                  "(and ignore) SageMaker's --model_dir and other hyperparameters it does not define")


def _known_args_suffix(plan: EditPlan) -> str:
    parser = plan.target.parser_name
    if "_" in plan.facts.all_names:
        return f" = {parser}.parse_known_args()[0]"
    return f", _ = {parser}.parse_known_args()"


def existing_dests(plan: EditPlan) -> set[str]:
    """Dest names and flags of the arguments the script's own parser already has (empty for a new parser)."""
    found: set[str] = set()
    for call in _existing_add_argument_calls(plan, plan.target):
        flags = [a.value.evaluated_value for a in call.args if a.keyword is None and isinstance(a.value, cst.SimpleString)]
        dest = next((a.value.evaluated_value for a in call.args if a.keyword and a.keyword.value == "dest"
                     and isinstance(a.value, cst.SimpleString)), None)
        long_flags = [f for f in flags if f.startswith("--")]
        if dest is None and (long_flags or flags):
            dest = (long_flags or flags)[0].lstrip("-").replace("-", "_")
        found.update(flags)
        if dest:
            found.add(dest)
    return found


def _existing_add_argument_calls(plan: EditPlan, target: ArgumentTarget) -> list[cst.Call]:
    if not target.existing:
        return []
    return [call for parser_name, call in plan.facts.add_argument_calls if parser_name == target.parser_name]


def _fix_bool_type(plan: EditPlan, call: cst.Call) -> None:
    """`type=bool` turns SageMaker's "False" into True: use the converter instead."""
    for arg in call.args:
        if arg.keyword and arg.keyword.value == "type" and isinstance(arg.value, cst.Name) and arg.value.value == "bool":
            plan.replace(arg.value, cst.Name(bool_converter(plan)))
            plan.warn(arg.value, "SM301", "type=bool reads SageMaker's 'False' as True: replaced by a converter")
        if arg.keyword and arg.keyword.value == "action" and isinstance(arg.value, cst.SimpleString) and \
                arg.value.evaluated_value in ("store_true", "store_false"):
            plan.warn(arg.value, "SM301", "a store_true/store_false flag can't be set to False by a SageMaker "
                      "hyperparameter (it is passed as `--flag False`): use a value argument")


def _switch_to_parse_known_args(plan: EditPlan, parse: ParseCall) -> None:
    call = parse.call
    known = call.with_changes(func=call.func.with_changes(attr=cst.Name("parse_known_args")))
    small = parse.small_statement
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name) \
            and "_" not in plan.facts.all_names:
        target = cst.Tuple([cst.Element(small.targets[0].target), cst.Element(cst.Name("_"))], lpar=[], rpar=[])
        plan.replace(small, small.with_changes(targets=[small.targets[0].with_changes(target=target)], value=known))
    else:
        plan.replace(call, cst.Subscript(known, [cst.SubscriptElement(cst.Index(cst.Integer("0")))]))


def _render_helpers(plan: EditPlan) -> list[list[cst.BaseStatement]]:
    groups = []
    if "str_to_bool" in plan.helpers:
        code = BOOL_CONVERTER.format(name=plan.names["str_to_bool"], argparse=plan.module("argparse"))
        groups.append(parse_statements(code))
    if "sm_path" in plan.helpers:
        groups.append(parse_statements(SM_PATH_HELPER.format(name=plan.names["sm_path"], os=plan.module("os"))))
    if "chief_path" in plan.helpers:
        groups.append(parse_statements(CHIEF_PATH_HELPER.format(
            name=plan.names["chief_path"], json=plan.module("json"), os=plan.module("os"),
            tempfile=plan.module("tempfile"))))
    return [_with_leading_blank(group, 2) for group in groups]


def _with_leading_blank(statements: list[cst.BaseStatement], count: int = 1) -> list[cst.BaseStatement]:
    first = statements[0].with_changes(leading_lines=[cst.EmptyLine(indent=False)] * count)
    return [first, *statements[1:]]


def _with_comment(statements: list[cst.BaseStatement], comment: str) -> list[cst.BaseStatement]:
    lines = [cst.EmptyLine(indent=False)] * 2 + [cst.EmptyLine(comment=cst.Comment(text)) for text in comment.splitlines()]
    return [statements[0].with_changes(leading_lines=lines), *statements[1:]]


def _insert_preamble(plan: EditPlan, statements: list[cst.BaseStatement]) -> None:
    """After the last module-level import that precedes the first statement using injected names."""
    body = list(plan.facts.module.body)
    first_use = min((body.index(s) for s in plan.module_uses if s in body), default=len(body))
    anchor = None
    for statement in body[:first_use]:
        if _is_import_or_docstring(statement):
            anchor = statement
    if anchor is not None:
        plan.insert_after.setdefault(anchor, []).extend(statements)
    elif body:
        following = body[first_use] if first_use < len(body) else body[-1]
        if first_use < len(body):
            plan.insert_before.setdefault(following, [])[:0] = statements
        else:
            plan.insert_after.setdefault(following, []).extend(statements)


def _is_import_or_docstring(statement: cst.BaseStatement) -> bool:
    if not isinstance(statement, cst.SimpleStatementLine):
        return False
    return all(
        isinstance(small, (cst.Import, cst.ImportFrom))
        or (isinstance(small, cst.Expr) and isinstance(small.value, (cst.SimpleString, cst.ConcatenatedString)))
        for small in statement.body
    )


# Arguments that are SageMaker's plumbing, not hyperparameters a launcher should pass.
SAGEMAKER_ARGUMENTS = frozenset({"sm_model_dir", "output_data_dir", "checkpoint_dir", "model_dir", "num_gpus",
                                 "hosts", "current_host"})


def declared_contract(plan: EditPlan) -> tuple[list[HyperParameter], dict[str, str]]:
    """What the script's own parser (or absl flags) already declares: hyperparameters with literal defaults, and
    channels whose default reads SM_CHANNEL_<NAME>. A migrated script reports the same contract as on its first
    migration, so launchers emitted from it stay the same."""
    facts = plan.facts
    hyperparameters, channels = [], {}
    for dest, default in facts.argument_defaults.items():
        if dest in SAGEMAKER_ARGUMENTS or default in plan.replacements:
            continue
        channel = _channel_default(facts, default)
        if channel is not None:
            channels[channel[0]] = channel[1]
            continue
        literal = literal_value(default)
        if literal is not None:
            line, _ = facts.position(default)
            hyperparameters.append(HyperParameter(dest, literal[0], literal[1], line, "the script's own argument"))
    return hyperparameters, channels


def _channel_default(facts, default: cst.BaseExpression) -> tuple[str, str] | None:
    """`os.environ.get("SM_CHANNEL_TRAIN", "data/train")` -> ("train", "data/train")."""
    if not (isinstance(default, cst.Call) and facts.qualified_name(default.func) == "os.environ.get"):
        return None
    values = [arg.value.evaluated_value for arg in default.args if isinstance(arg.value, cst.SimpleString)]
    if len(values) == 2 and values[0].startswith("SM_CHANNEL_"):
        return values[0][len("SM_CHANNEL_"):].lower(), values[1]
    return None
