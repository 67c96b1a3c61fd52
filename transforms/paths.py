"""Static paths: what a path expression of a script evaluates to, as far as the source tells, and where to
rewrite it.

A path is followed through literals, module constants (`DATA_DIR = "data"`), a function's local bound once
(`local_file = os.path.join("data", "x.txt")`), `os.path.join`, `pathlib.Path` and `/`, f-strings with a
literal start, both branches of a conditional expression, a folder literal ending in "/" with text appended
(`"logs/" + stamp`), the default of an existing argparse argument (`args.data_dir`), and function parameters
(`load(path)` called with a literal, through helpers that pass it on). The *root* is the node to rewrite: the
literal (or constant value, or argument default) everything else is joined onto, so that a `DATA_DIR` constant
used by three loaders is rewritten once.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from dataclasses import dataclass

import libcst as cst

from sm_migrate.transforms import catalog
from sm_migrate.transforms.facts import ScriptFacts
from sm_migrate.transforms.scopes import FunctionScope

MAX_DEPTH = 12  # nesting of joins, constants and parameters followed; stops recursive helper functions


@dataclass(frozen=True)
class StaticPath:
    root: cst.CSTNode  # the node to rewrite: a string literal, or an f-string whose literal start is the root
    root_text: str  # the root's text ("data", "data/train.npz"; for an f-string its literal folder prefix)
    full: str  # the whole path as far as known, normalised ("data/train.npz", "records/train-*.tfrecord")
    complete: bool  # every part of `full` is known
    is_default: bool = False  # the root is the default of the script's own argparse argument

    @property
    def is_fstring(self) -> bool:
        return isinstance(self.root, cst.FormattedString)


def resolve(facts: ScriptFacts, expr: cst.BaseExpression | None, depth: int = 0) -> list[StaticPath]:
    """Every static reading of `expr` (several when it is a parameter of a function called in several places)."""
    if expr is None or depth > MAX_DEPTH:
        return []
    # Each expression is read once per file: a parameter handed down through helpers that are each called in
    # several places made the readings multiply (and repeat) at every level.
    known = facts.path_readings.get(expr)
    if known is not None and known[0] <= depth:  # read before, with at least as much depth left
        return known[1]
    facts.path_readings[expr] = (depth, [])  # a path defined through itself adds nothing more
    found = list(dict.fromkeys(_readings(facts, expr, depth)))
    facts.path_readings[expr] = (depth, found)
    return found


def _readings(facts: ScriptFacts, expr: cst.BaseExpression, depth: int) -> list[StaticPath]:
    if isinstance(expr, cst.SimpleString):
        value = expr.evaluated_value
        if not isinstance(value, str) or not value or value.startswith(catalog.REMOTE_PREFIXES):
            return []
        return [StaticPath(expr, value, normal_path(value), True)]
    if isinstance(expr, cst.Name):
        if expr.value in facts.constants and _is_module_level_name(facts, expr):
            return resolve(facts, facts.constants[expr.value], depth + 1)
        local = _local_value(facts, expr)
        if local is not None:
            return resolve(facts, local, depth + 1)
        return _parameter_paths(facts, expr, depth)
    if isinstance(expr, cst.Call):
        name = facts.qualified_name(expr.func)
        if name == "os.path.join" or name in catalog.PATHLIB_CONSTRUCTORS:
            return _joined(facts, [arg.value for arg in expr.args if arg.keyword is None and not arg.star], depth)
        if name in catalog.PATH_PASSTHROUGH and len(expr.args) == 1 and expr.args[0].keyword is None:
            return resolve(facts, expr.args[0].value, depth + 1)
        if name in catalog.ENVIRONMENT_READS and len(expr.args) == 2 and not _names_sagemaker_variable(expr):
            # `os.environ.get("DATA_DIR", "data")`: unset on SageMaker, so the script's own default is read there
            return resolve(facts, expr.args[1].value, depth + 1)
        return []
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Divide):
        return _joined(facts, [expr.left, expr.right], depth)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        return _concatenated(facts, expr, depth)
    if isinstance(expr, cst.FormattedString):
        return _fstring(facts, expr, depth)
    if isinstance(expr, cst.IfExp):  # `"ckpt" if chief else tempfile.mkdtemp()`: each branch that is a path
        return [*resolve(facts, expr.body, depth + 1), *resolve(facts, expr.orelse, depth + 1)]
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
        return _argument_default(facts, expr)
    return []


def _names_sagemaker_variable(call: cst.Call) -> bool:
    """`os.environ.get("SM_CHANNEL_TRAIN", ...)`: a variable SageMaker sets, whose default is only the local one."""
    variable = call.args[0].value
    return not isinstance(variable, cst.SimpleString) or str(variable.evaluated_value).startswith("SM_")


def normal_path(path: str) -> str:
    """A relative path as `full` holds it: normalised, the working dir itself as ""."""
    normal = posixpath.normpath(path)
    return "" if normal == "." else normal


def _is_module_level_name(facts: ScriptFacts, name: cst.Name) -> bool:
    """`name` is read from module scope here (not shadowed by a local of the same name)."""
    scope = facts.scopes.get(name)
    while scope is not None and scope is not scope.globals:
        if name.value in scope.assignments:
            return False
        scope = scope.parent
    return True


def _local_value(facts: ScriptFacts, name: cst.Name) -> cst.BaseExpression | None:
    """`local_file = os.path.join("data", "x.txt")` inside a function, the name's one binding there: its value."""
    scope = facts.structure.resolved.get(name)
    bindings = scope.assignments[name.value] if isinstance(scope, FunctionScope) else []
    return facts.assigned_value(bindings[0].node)[0] if len(bindings) == 1 else None


def _joined(facts: ScriptFacts, parts: list[cst.BaseExpression], depth: int) -> list[StaticPath]:
    if not parts:
        return []
    found = []
    for base in resolve(facts, parts[0], depth + 1):
        full, complete = base.full, base.complete
        for part in parts[1:]:
            text = _literal_text(facts, part)
            if text is None:
                complete = False
                full = posixpath.join(full, "*")
                break
            full = posixpath.join(full, text)
        found.append(StaticPath(base.root, base.root_text, normal_path(full), complete, base.is_default))
    return found


def _concatenated(facts: ScriptFacts, expr: cst.BinaryOperation, depth: int) -> list[StaticPath]:
    """`"logs/fit/" + stamp`, `DATA_DIR + "train.csv"` (`DATA_DIR = "data/"`), `args.data_dir + "/train.csv"`: a
    folder written as a literal (the root, whose rewrite keeps its "/") with text appended after a "/"."""
    parts: list[cst.BaseExpression] = []
    while isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        parts.insert(0, expr.right)
        expr = expr.left
    found = []
    glued = _literal_text(facts, parts[0]) or ""
    for base in resolve(facts, expr, depth + 1):
        if not base.complete or normal_path(base.root_text) != base.full or \
                not (base.root_text.endswith("/") or glued.startswith("/")):
            continue  # (a join, or text glued on without a "/": not a folder prefix of ours)
        text, complete = base.root_text, True
        for part in parts:
            literal = _literal_text(facts, part)
            if literal is None:
                text, complete = text + "*", False
                break
            text += literal
        found.append(StaticPath(base.root, base.root_text, normal_path(text), complete, base.is_default))
    return found


def _literal_text(facts: ScriptFacts, expr: cst.BaseExpression) -> str | None:
    if isinstance(expr, cst.SimpleString) and isinstance(expr.evaluated_value, str):
        return expr.evaluated_value
    if isinstance(expr, cst.Name) and isinstance(facts.constants.get(expr.value), cst.SimpleString):
        return _literal_text(facts, facts.constants[expr.value])
    return None


def _fstring(facts: ScriptFacts, expr: cst.FormattedString, depth: int) -> list[StaticPath]:
    parts = expr.parts
    if not parts:
        return []
    first = parts[0]
    if isinstance(first, cst.FormattedStringText):
        if "/" not in first.value or "{" in expr.prefix or not first.value.strip("/"):
            return []
        folder = first.value.rsplit("/", 1)[0]
        return [StaticPath(expr, folder, normal_path(folder + "/*"), False)]
    if isinstance(first, cst.FormattedStringExpression) and isinstance(first.expression, (cst.Name, cst.Attribute)):
        found = []
        for base in resolve(facts, first.expression, depth + 1):
            found.append(StaticPath(base.root, base.root_text, normal_path(base.full + "/*"), False, base.is_default))
        return found
    return []


def _parameter_paths(facts: ScriptFacts, name: cst.Name, depth: int) -> list[StaticPath]:
    """A parameter of a function or method (`__init__` too: `Loader("data")`): the static paths of the arguments
    at every call of it."""
    function = facts.enclosing(name, cst.FunctionDef)
    if function is None:
        return []
    params = [p for p in function.params.params if p.name.value == name.value]
    if not params:
        return []
    if facts.click_commands and any(isinstance(d.decorator, cst.Call) for d in function.decorators):
        return _default_path(facts.argument_defaults.get(name.value))  # a click option's parameter
    if facts.filled_from_namespace(params[0]):  # `run(**vars(args))`: the option of the parameter's name
        return _default_path(facts.argument_defaults.get(name.value))
    return [path for value in facts.parameter_arguments(params[0]) or () for path in resolve(facts, value, depth + 1)]


def _argument_default(facts: ScriptFacts, expr: cst.Attribute) -> list[StaticPath]:
    """`args.data_dir` / `FLAGS.data_dir`: the literal default of the script's own argument or flag."""
    default = facts.argument_defaults.get(expr.attr.value)
    return _default_path(default)


def _default_path(default: cst.BaseExpression | None) -> list[StaticPath]:
    if isinstance(default, cst.SimpleString) and isinstance(default.evaluated_value, str) and default.evaluated_value:
        value = default.evaluated_value
        return [StaticPath(default, value, normal_path(value), True, is_default=True)]
    return []


def folder_of(path: StaticPath, role: str) -> str:
    """The folder a read belongs to: the folder read itself, the root folder a constant names, or the file's folder."""
    full = path.full
    if any(ch in full for ch in catalog.GLOB_CHARACTERS):
        full = full[: min(full.index(ch) for ch in catalog.GLOB_CHARACTERS if ch in full)]
        return normal_path(full.rsplit("/", 1)[0]) if "/" in full else ""
    if role == "read_dir" and path.complete:
        return full
    root = normal_path(path.root_text)
    if path.is_fstring or (root != full and is_within(full, root)):
        return root
    return normal_path(posixpath.dirname(full))


def is_within(path: str, folder: str) -> bool:
    if folder in ("", "."):
        return not path.startswith(("/", "../")) and path != ".."
    return path == folder or path.startswith(folder.rstrip("/") + "/")


@dataclass(frozen=True)
class PathUseSite:
    role: str  # "read", "read_dir", "output", "checkpoint"
    call: cst.Call
    path: StaticPath


@dataclass
class ScriptPaths:
    """Every static path a script reads and writes, split the way the channel and output transforms need."""

    reads: list[PathUseSite]  # inputs: become channels
    writes: list[PathUseSite]  # outputs and checkpoints: re-rooted under SageMaker's kept dirs
    scratch: list[PathUseSite]  # written and read back by the script itself: left alone
    downloads: list[cst.Call]
    read_back_saves: frozenset = frozenset()  # model save calls whose file or folder the script loads again


def classify_paths(facts: ScriptFacts) -> ScriptPaths:
    """Every path use of the script, resolved and split into reads, writes, scratch files and downloads."""
    reads, writes, downloads = [], [], []
    for use in facts.path_uses:
        if use.role == "download":
            downloads.append(use.call)
            continue
        for path in resolve(facts, use.path):
            if use.role == "read" and path.is_default and path.full == normal_path(path.root_text) and \
                    not catalog.looks_like_path(path.root_text):
                continue  # `np.load(args.name)`, default "a b": a text hyperparameter, as the contract lists it
            if isinstance(use.pattern, str):  # `glob(b"*.png")` finds nothing: no pattern to join
                path = StaticPath(path.root, path.root_text, normal_path(posixpath.join(path.full, use.pattern)), False,
                                  path.is_default)
            site = PathUseSite(use.role, use.call, path)
            (reads if use.role in ("read", "read_dir") else writes).append(site)
    saved = [(save.call, path.full) for save in facts.save_calls for path in resolve(facts, save.path)]
    written = [site.path.full for site in writes] + [full for _, full in saved]
    scratch_reads = [site for site in reads if any(_overlaps(site, full) for full in written)]
    read_back = [site for site in writes if any(_overlaps(read, site.path.full) for read in scratch_reads)]
    return ScriptPaths(
        reads=[site for site in reads if site not in scratch_reads],
        writes=[site for site in writes if site not in read_back],
        scratch=scratch_reads + read_back,
        downloads=downloads,
        read_back_saves=frozenset(call for call, full in saved if any(_overlaps(read, full) for read in scratch_reads)),
    )


def _overlaps(read: PathUseSite, written: str) -> bool:
    """The script reads something it (may have) written itself. A write to the working dir itself (a SavedModel
    exported to ".") is no folder of scratch files: every relative path would be inside it."""
    if written == "":
        return read.path.full == ""
    if is_within(read.path.full, written):
        return True
    if "{" in written:  # a callback's file name template (`ckpt_{epoch:02d}.weights.h5`) matches what it wrote
        template = re.sub(r"\{[^{}]*\}", "*", written)
        if fnmatch.fnmatchcase(read.path.full, template) or is_within(read.path.full, posixpath.dirname(template)) \
                and read.role == "read_dir":
            return True
    # a folder listing or a glob (`"ckpts/*.keras"`) may pick it up
    listing = read.role == "read_dir" or not read.path.complete or any(char in read.path.full for char in "*?[")
    folder = folder_of(read.path, read.role)
    return listing and folder not in ("", ".") and is_within(written, folder)


def path_tail(facts: ScriptFacts, path: cst.BaseExpression | None, depth: int = 0) -> str | None:
    """The last static part of a path, enough to tell a file (`m.keras`) from a folder: a literal, a module
    string constant, or the literal end of an `os.path.join`, f-string, pathlib `/` or text appended with `+`."""
    if depth > MAX_DEPTH:  # `p = p`: a constant defined by itself
        return None
    if isinstance(path, cst.SimpleString):
        value = path.evaluated_value
        return value if isinstance(value, str) else None
    if isinstance(path, cst.Name):
        return path_tail(facts, facts.constants.get(path.value), depth + 1)
    if isinstance(path, cst.Call) and facts.qualified_name(path.func) == "os.path.join" and path.args:
        return path_tail(facts, path.args[-1].value, depth + 1)
    if isinstance(path, cst.FormattedString) and path.parts and isinstance(path.parts[-1], cst.FormattedStringText):
        return path.parts[-1].value
    if isinstance(path, cst.BinaryOperation) and isinstance(path.operator, (cst.Divide, cst.Add)):
        return path_tail(facts, path.right, depth + 1)  # `folder / "m.keras"`, `args.out + "/m.keras"`
    return None
