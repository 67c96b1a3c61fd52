"""Jupyter notebooks as input: a notebook becomes a plain script, which is then migrated like any `.py` file.

`sm-migrate train.ipynb` writes `train.py` beside the notebook (never touching the notebook) and migrates it
through the same `migrate_source` as a script. This module does the notebook-only part, before the engine:

- Reading: `nbformat`, the Jupyter project's own reader. It upgrades v3 notebooks to v4, validates against the
  official schema (an invalid notebook gets a one-line reason) and gives cells with their tags, which is all
  this needs. `jupytext` would add a Markdown parser and YAML for round-tripping text notebooks, which a
  one-way conversion does not use; its py:percent layout (`# %%` cell markers, magics commented out as
  `# %matplotlib inline`) is still what the script follows, so jupytext and editors open it as a notebook.
- Code cells become top-level code in order; markdown cells become comments (`--no-notebook-markdown` drops
  them); raw cells, outputs and execution counts are ignored.
- What only makes sense interactively, each reported (codes SM501-SM506 in transforms/diagnostics.py):
  line magics and shell escapes are commented out, except `%time STMT`, which keeps STMT; `!pip install` /
  `%pip install` give their requirements to `--emit requirements`; cell magics comment the whole cell out
  (`%%time` and `%%capture` keep their code); `x = !cmd` refuses the notebook (later code needs the value);
  `display(...)`, a cell's last expression with no call in it and `obj?` help are commented out; pyplot's
  `show()` becomes `savefig("<notebook>_figure_<n>.png")` + `close("all")`, which the outputs rule sends to
  the output data dir on SageMaker; cells tagged `skip` and papermill's `injected-parameters` are left out.
- papermill's `parameters` cell holds the notebook's hyperparameters. It stays where it is (cells run in
  order; moving it could change what a later cell sees) and goes through the hyperparameters rule like the rest;
  afterwards every parameter that did not become a hyperparameter is reported (SM506), with why.

Diagnostics point into the notebook as `train.ipynb:cell 3:2:1: CODE message` (cell numbers count every cell
from 1, markdown included, as ruff prints notebook positions); the JSON report gets a `cell` field.
The script starts with `GENERATED_MARKER`: a file there without it is never overwritten.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import warnings
from dataclasses import dataclass, field

from sm_migrate.transforms import catalog, diagnostics
from sm_migrate.transforms.contract import Diagnostic, MigrationResult

NOTEBOOK_SUFFIX = ".ipynb"
GENERATED_MARKER = "# sm-migrate: generated from "
_HEADER = GENERATED_MARKER + "{name}; edit the notebook and run sm-migrate on it again, not this file."


def is_notebook(path: str) -> bool:
    return path.endswith(NOTEBOOK_SUFFIX)


def script_path_for(notebook_path: str) -> str:
    """`train.ipynb` -> `train.py`, beside it."""
    return notebook_path[: -len(NOTEBOOK_SUFFIX)] + ".py"


def is_generated_from_notebook(text: str) -> bool:
    return text.startswith(GENERATED_MARKER)


@dataclass(frozen=True)
class CellDiagnostic(Diagnostic):
    """A diagnostic at `line`:`col` of a notebook's cell `cell` (1-based over all cells; 0: the whole file)."""

    cell: int = 1

    def format(self, path: str) -> str:
        return f"{path}:cell {self.cell}:{self.line}:{self.col}: {self.code} {self.message}"


class NotebookError(Exception):
    """The notebook can't become a script; `diagnostic` says where and why (nothing is written)."""

    def __init__(self, diagnostic: CellDiagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass
class NotebookScript:
    """The plain script of a notebook, before migration, and what its conversion found."""

    code: str
    diagnostics: list[CellDiagnostic] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)  # requirement lines from `pip install` cells
    parameters: list[str] = field(default_factory=list)  # the names papermill's parameters cell assigns
    # papermill parameters that can't become hyperparameters -> why ("" for a path: channels and outputs take it)
    unliftable: dict[str, str] = field(default_factory=dict)
    parameter_cell: int = 0
    # script line (1-based, index 0 unused) -> (cell, line in the cell, columns the line moved left)
    line_map: list[tuple[int, int, int]] = field(default_factory=list)

    def cell_position(self, diagnostic: Diagnostic) -> CellDiagnostic:
        """An engine diagnostic (a position in `code`) as a position in the notebook."""
        cell, cell_line, shift = self.line_map[min(max(diagnostic.line, 1), len(self.line_map) - 1)]
        return CellDiagnostic(cell_line, max(1, diagnostic.col + shift), diagnostic.code, diagnostic.message,
                              diagnostic.severity, cell=cell)


def _at(message: diagnostics.Message, cell: int, row: int, column: int, **fields) -> CellDiagnostic:
    plain = message.at(row, column, **fields)
    return CellDiagnostic(plain.line, plain.col, plain.code, plain.message, plain.severity, cell=cell)


def _report(found: list[CellDiagnostic], message: diagnostics.Message, cell: int, row: int, column: int = 1,
            **fields) -> None:
    found.append(_at(message, cell, row, column, **fields))


def _refuse(message: diagnostics.Message, cell: int = 0, row: int = 1, column: int = 1, **fields) -> NotebookError:
    return NotebookError(_at(message, cell, row, column, **fields))


# --- reading ---------------------------------------------------------------------------------------------------

def read_notebook(text: str):
    """The notebook as nbformat v4, or NotebookError with the reader's or the schema's one-line reason."""
    import nbformat  # ~90 ms: only when a notebook is converted

    captured: dict = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nbformat warns about missing cell ids, which it adds itself
            notebook = nbformat.reads(text, as_version=4, capture_validation_error=captured)
    except Exception as exc:  # nbformat raises JSON, version and key errors of several kinds
        raise _refuse(diagnostics.NOTEBOOK_INVALID, reason=_first_line(exc) or type(exc).__name__) from None
    if captured.get("ValidationError") is not None:
        raise _refuse(diagnostics.NOTEBOOK_INVALID, reason=_first_line(captured["ValidationError"]))
    metadata = notebook.get("metadata", {})
    language = metadata.get("kernelspec", {}).get("language") or metadata.get("language_info", {}).get("name")
    if language and language.lower() != "python":
        raise _refuse(diagnostics.NOTEBOOK_NOT_PYTHON, language=language)
    return notebook


def _first_line(error: object) -> str:
    text = str(getattr(error, "message", None) or error).strip()
    return text.splitlines()[0] if text else ""


# --- IPython syntax --------------------------------------------------------------------------------------------

_ESCAPE_LINE = re.compile(r"^[ \t]*[%!?]")
_HELP_LINE = re.compile(r"^[ \t]*[A-Za-z_][\w.]*[ \t]*\?\??[ \t]*$")
_VALUE_OF_ESCAPE = re.compile(r"^[ \t]*[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*[ \t]*=[ \t]*(?P<escape>[!%])")
# Magics that only configure the interactive session (plots inline, extensions, reloading, printing).
_SESSION_MAGICS = frozenset({"matplotlib", "config", "load_ext", "reload_ext", "unload_ext", "autoreload",
                             "aimport", "precision", "pprint", "xmode", "colors", "autosave", "notebook",
                             "tensorflow_version", "clear"})
_KEEP_BODY_CELL_MAGICS = frozenset({"time", "capture"})
# pip options that take a value (so the value is not a requirement).
_PIP_VALUE_OPTIONS = frozenset({"-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-c", "--constraint",
                                "--progress-bar", "-t", "--target", "--prefix", "--root", "--platform",
                                "--python-version", "--implementation", "--abi", "--trusted-host", "--cache-dir",
                                "--log", "--timeout", "--retries", "--src", "--upgrade-strategy", "--only-binary",
                                "--no-binary", "-C", "--config-settings", "--proxy", "--python"})

# The TensorFlow stack every SageMaker TensorFlow training image installs: a notebook's `pip install tensorflow`
# must not reach requirements.txt, which would replace the image's build (the emitter leaves them out too).
_IMAGE_FRAMEWORK = frozenset({"tensorflow", "tensorflow-cpu", "tensorflow-gpu", "tensorflow-intel", "tensorflow-macos",
                              "tensorflow-aarch64", "keras", "tensorboard", "tensorflow-estimator",
                              "sagemaker-training"})


@dataclass
class _Escape:
    """IPython syntax at a logical line start: lines `first`..`last` (0-based) of a cell."""

    first: int
    last: int

    def text(self, lines: list[str]) -> str:
        return " ".join(line.strip().removesuffix("\\").strip() for line in lines[self.first:self.last + 1])


def _is_escape_candidate(line: str) -> bool:
    return bool(_ESCAPE_LINE.match(line) or _HELP_LINE.match(line) or _VALUE_OF_ESCAPE.match(line))


def _find_escapes(lines: list[str]) -> list[_Escape]:
    """IPython syntax where IPython sees it: lines that start a logical line (not inside a string or brackets,
    not continuing a line), with their own backslash-continued lines. One pass that tracks strings, brackets
    and comments (the cell is not Python yet, so tokenize can't be used)."""
    escapes: list[_Escape] = []
    depth, quote, continued = 0, None, False  # open brackets, the open string's delimiter, a `\` line end
    row = 0
    while row < len(lines):
        line = lines[row]
        if depth == 0 and quote is None and not continued and _is_escape_candidate(line):
            last = row
            while lines[last].rstrip().endswith("\\") and last + 1 < len(lines):
                last += 1
            escapes.append(_Escape(row, last))
            row = last + 1
            continue
        index, commented = 0, False
        while index < len(line):
            char = line[index]
            if quote:
                if char == "\\":
                    index += 2
                elif line.startswith(quote, index):
                    index, quote = index + len(quote), None
                else:
                    index += 1
                continue
            if char == "#":
                commented = True
                break
            if char in "\"'":
                quote = line[index:index + 3] if line[index:index + 3] in ('"""', "'''") else char
                index += len(quote)
                continue
            if char in "([{":
                depth += 1
            elif char in ")]}":
                depth = max(0, depth - 1)
            index += 1
        if quote in ('"', "'") and not line.endswith("\\"):
            quote = None  # an unterminated one-line string: compiling the cell reports it
        continued = not commented and quote is None and line.endswith("\\")
        row += 1
    return escapes


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _comment_out(lines: list[str], first: int, last: int, keep_block: bool) -> None:
    """Comment lines first..last out in place; `keep_block`: the first becomes `pass  # ...`, so an indented
    block that held only them still parses."""
    for row in range(first, last + 1):
        indent = _indent(lines[row])
        rest = lines[row][len(indent):]
        prefix = "pass  # " if keep_block and row == first else "# "
        lines[row] = indent + prefix + rest if rest else lines[row]


@dataclass
class _Cell:
    number: int
    lines: list[str]
    origins: list[tuple[int, int]] = field(default_factory=list)  # per line: (its line in the cell, columns
    # removed at its start), so that positions in the script map back to the notebook

    def __post_init__(self):
        self.origins = self.origins or [(row + 1, 0) for row in range(len(self.lines))]

    def rewrite(self, row: int, text: str) -> None:
        """Line `row` becomes `text`, which drops some of its first columns (`%time x = 1` -> `x = 1`)."""
        self.origins[row] = (self.origins[row][0], len(self.lines[row]) - len(text))
        self.lines[row] = text

    def split(self, row: int, texts: list[str]) -> None:
        """Line `row` becomes several lines."""
        self.lines[row:row + 1] = texts
        self.origins[row:row + 1] = [self.origins[row]] * len(texts)


class _Converter:
    """The per-cell handling of IPython syntax and display-only code, and what it found across the notebook."""

    def __init__(self, name: str):
        self.stem = os.path.splitext(os.path.basename(name))[0] or "notebook"  # names the saved figures
        self.found: list[CellDiagnostic] = []
        self.requirements: list[str] = []
        self.figures = 0

    # line magics, shell escapes, help
    def escapes(self, cell: _Cell) -> None:
        """Line magics, shell escapes and `?` help: commented out (or rewritten), each reported."""
        lines = cell.lines
        for escape in _find_escapes(lines):
            text = escape.text(lines)
            row = escape.first
            indented = bool(_indent(lines[row]))
            value = _VALUE_OF_ESCAPE.match(lines[row])
            if value:
                self.value_of_escape(cell, escape, text, value.start("escape"))
                continue
            stripped = text.lstrip()
            if _HELP_LINE.match(lines[row]) or stripped.startswith("?"):
                _report(self.found, diagnostics.HELP_COMMENTED, cell.number, row + 1, text=stripped)
            elif stripped.startswith("!"):
                self.shell(cell, row, stripped)
            elif self.line_magic(cell, escape, stripped):
                continue  # `%time STMT`: the statement stays
            _comment_out(lines, escape.first, escape.last, keep_block=indented)

    def value_of_escape(self, cell: _Cell, escape: _Escape, text: str, at: int) -> None:
        """`x = %time EXPR` keeps `x = EXPR`; any other value of IPython syntax refuses the notebook."""
        line = cell.lines[escape.first]
        magic = line[at:].split(None, 1)
        if magic and magic[0] == "%time" and len(magic) == 2 and escape.first == escape.last:
            cell.rewrite(escape.first, line[:at] + magic[1])
            _report(self.found, diagnostics.TIMING_MAGIC_DROPPED, cell.number, escape.first + 1, text=text.strip())
            return
        raise _refuse(diagnostics.NOTEBOOK_VALUE_OF_MAGIC, cell.number, escape.first + 1, text=text.strip())

    def line_magic(self, cell: _Cell, escape: _Escape, stripped: str) -> bool:
        """Report a line magic; True when it was rewritten to its Python equivalent (else it is commented out)."""
        row = escape.first
        words = stripped.lstrip("%").split(None, 1)
        name = words[0] if words else ""
        if name in ("pip", "conda", "mamba"):
            self.install(cell, row, stripped, stripped.lstrip("%"))
        elif name in _SESSION_MAGICS:
            _report(self.found, diagnostics.SESSION_MAGIC_COMMENTED, cell.number, row + 1, text=stripped)
        elif name == "time" and len(words) == 2 and escape.first == escape.last:
            cell.rewrite(row, _indent(cell.lines[row]) + words[1])
            _report(self.found, diagnostics.TIMING_MAGIC_DROPPED, cell.number, row + 1, text=stripped)
            return True
        elif name == "timeit":
            _report(self.found, diagnostics.TIMEIT_COMMENTED, cell.number, row + 1, text=stripped)
        else:
            _report(self.found, diagnostics.MAGIC_COMMENTED, cell.number, row + 1, text=stripped)
        return False

    def shell(self, cell: _Cell, row: int, stripped: str) -> None:
        command = stripped.lstrip("!")
        if _install_words(command) is not None:
            self.install(cell, row, stripped, command)
        else:
            _report(self.found, diagnostics.SHELL_COMMENTED, cell.number, row + 1, text=stripped)

    def install(self, cell: _Cell, row: int, shown: str, command: str) -> None:
        """`pip install ...` (or conda's): requirement lines for requirements.txt, each problem reported."""
        from packaging.utils import canonicalize_name

        words = _install_words(command)
        if words is None:
            _report(self.found, diagnostics.SHELL_COMMENTED, cell.number, row + 1, text=shown)
            return
        tool, arguments = words
        if tool != "pip":
            _report(self.found, diagnostics.PIP_INSTALL_UNLISTED, cell.number, row + 1, text=shown,
                    what=f"{tool} packages are not pip requirements")
            return
        listed, in_image, unlisted = [], [], []
        arguments = iter(arguments)
        for argument in arguments:
            if argument in ("-r", "--requirement", "-e", "--editable"):
                unlisted.append(f"{argument} {next(arguments, '')}".strip())
            elif argument in _PIP_VALUE_OPTIONS:
                next(arguments, None)
            elif argument.startswith("-"):
                continue
            elif "$" in argument or "{" in argument:
                unlisted.append(f"{argument} (an IPython variable)")
            else:
                name = _requirement_name(argument)
                if name is None:
                    unlisted.append(argument)
                elif canonicalize_name(name) in _IMAGE_FRAMEWORK:
                    in_image.append(argument)
                else:
                    listed.append(argument)
        for requirement in listed:
            if requirement not in self.requirements:
                self.requirements.append(requirement)
        if listed:
            _report(self.found, diagnostics.PIP_INSTALL_MOVED, cell.number, row + 1, text=shown,
                    packages=", ".join(listed))
        if in_image:
            _report(self.found, diagnostics.PIP_INSTALL_IN_IMAGE, cell.number, row + 1, text=shown,
                    packages=", ".join(in_image))
        for what in unlisted:
            _report(self.found, diagnostics.PIP_INSTALL_UNLISTED, cell.number, row + 1, text=shown, what=what)

    # cell magics
    def cell_magic(self, cell: _Cell) -> bool:
        """Handle a `%%magic` first line; False when the whole cell was commented out."""
        lines = cell.lines
        first = next((row for row, line in enumerate(lines) if line.strip()), None)
        if first is None or not lines[first].startswith("%%"):
            return True
        words = lines[first][2:].split()
        name = words[0] if words else ""
        shown = lines[first].strip()
        if name in _KEEP_BODY_CELL_MAGICS:
            if name == "capture" and any(not word.startswith("-") for word in words[1:]):
                raise _refuse(diagnostics.NOTEBOOK_VALUE_OF_MAGIC, cell.number, first + 1, text=shown)
            _report(self.found, diagnostics.TIMING_MAGIC_DROPPED, cell.number, first + 1, text=shown)
            _comment_out(lines, first, first, keep_block=False)
            return True
        if name == "timeit":
            _report(self.found, diagnostics.TIMEIT_COMMENTED, cell.number, first + 1, text=shown)
        else:
            _report(self.found, diagnostics.CELL_MAGIC_COMMENTED, cell.number, first + 1, text=shown)
        for row, line in enumerate(lines):
            lines[row] = "# " + line if line.strip() else line
        return False

    # display-only statements
    def display_only(self, cell: _Cell, notebook_names: _Names) -> None:
        """`display(...)`, pyplot's `show()` and a shown last expression, now that the cell parses."""
        code = "\n".join(cell.lines) + "\n"
        try:
            tree = ast.parse(code)
        except SyntaxError:
            return  # reported by the caller's compile
        edits: list[tuple[ast.stmt, list[str] | None, list[ast.stmt]]] = []  # (statement, replacement, its block)
        last = tree.body[-1] if tree.body else None

        def visit(body: list[ast.stmt], repeated: bool) -> None:
            for statement in body:
                if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
                    function = notebook_names.qualified(statement.value.func)
                    if _calls_ipython(statement.value, notebook_names):  # what nbconvert writes for a magic
                        edits.append((statement, None, body))
                        _report(self.found, diagnostics.IPYTHON_CALL_COMMENTED, cell.number, statement.lineno,
                                statement.col_offset + 1, text=ast.get_source_segment(code, statement))
                        continue
                    if function == "display":
                        edits.append((statement, None, body))
                        _report(self.found, diagnostics.DISPLAY_COMMENTED, cell.number, statement.lineno,
                                statement.col_offset + 1)
                        continue
                    if function == "matplotlib.pyplot.show":
                        self.figures += 1
                        path = f"{self.stem}_figure_{self.figures}.png"
                        receiver = ast.get_source_segment(code, statement.value.func.value) \
                            if isinstance(statement.value.func, ast.Attribute) else None
                        prefix = f"{receiver}." if receiver else ""
                        edits.append((statement, [f'{prefix}savefig("{path}")', f'{prefix}close("all")'], body))
                        message = diagnostics.SHOW_SAVED_REPEATEDLY if repeated else diagnostics.SHOW_SAVED
                        _report(self.found, message, cell.number, statement.lineno, statement.col_offset + 1,
                                path=path)
                        continue
                if statement is last and _only_shown(statement):
                    edits.append((statement, None, body))
                    _report(self.found, diagnostics.SHOWN_EXPRESSION_COMMENTED, cell.number, statement.lineno,
                            statement.col_offset + 1)
                    continue
                loops = (ast.For, ast.AsyncFor, ast.While, ast.FunctionDef, ast.AsyncFunctionDef)
                for child_body in _bodies(statement):
                    visit(child_body, repeated or isinstance(statement, loops))

        visit(tree.body, False)
        # from the end, so that an edit never moves the text of one still to come (`a; display(a)` on one line)
        for statement, replacement, body in sorted(edits, key=lambda edit: (-edit[0].lineno, -edit[0].col_offset)):
            self.replace_statement(cell, statement, replacement, alone_in_block=len(body) == 1)

    def replace_statement(self, cell: _Cell, statement: ast.stmt, replacement: list[str] | None,
                          alone_in_block: bool) -> None:
        """Replace `statement` by the statements `replacement` (on lines of their own where it had its line to
        itself), or comment it out (None)."""
        lines = cell.lines
        first, last = statement.lineno - 1, statement.end_lineno - 1
        start = _char_col(lines[first], statement.col_offset)
        end = _char_col(lines[last], statement.end_col_offset)
        before, after = lines[first][:start], lines[last][end:]
        alone = not before.strip() and (not after.strip() or after.strip().startswith("#"))
        if replacement is not None:
            lines[first + 1:last + 1] = [""] * (last - first)
            if alone and not after.strip():
                cell.split(first, [before + text for text in replacement])
            else:
                lines[first] = before + "; ".join(replacement) + after
        elif alone:
            _comment_out(lines, first, last, keep_block=alone_in_block and bool(_indent(lines[first])))
        else:  # shares its line with other statements (`a; display(a)`): only this statement goes
            lines[first:last + 1] = [before + "pass" + after] + [""] * (last - first)


# get_ipython as IPython puts it in the builtins of a notebook, or imported
IPYTHON_SHELL = frozenset({"IPython.get_ipython", "IPython.core.getipython.get_ipython"})


def _calls_ipython(call: ast.Call, notebook_names: _Names) -> bool:
    """`get_ipython().run_line_magic("matplotlib", "inline")`: the shell only a notebook (or IPython) has."""
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    return isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name) and \
        receiver.func.id == "get_ipython" and set(notebook_names.bindings.get("get_ipython", ())) <= IPYTHON_SHELL


def _char_col(line: str, byte_col: int) -> int:
    """ast columns count UTF-8 bytes."""
    return len(line.encode("utf-8")[:byte_col].decode("utf-8", "replace"))


def _bodies(statement: ast.stmt) -> list[list[ast.stmt]]:
    bodies = [getattr(statement, name) for name in ("body", "orelse", "finalbody")
              if isinstance(getattr(statement, name, None), list)]
    bodies += [handler.body for handler in getattr(statement, "handlers", [])]
    bodies += [case.body for case in getattr(statement, "cases", [])]
    return bodies


def _only_shown(statement: ast.stmt) -> bool:
    """An expression statement whose only effect in a notebook was to show its value: no call, await, yield or
    `:=` in it; a string is kept (it may be the docstring)."""
    if not isinstance(statement, ast.Expr):
        return False
    value = statement.value
    if isinstance(value, ast.Constant) and (isinstance(value.value, str) or value.value is Ellipsis):
        return False
    effects = (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)
    return not any(isinstance(node, effects) for node in ast.walk(value))


class _Names:
    """Which module-level names of the notebook are pyplot or IPython's display (imported once, never rebound)."""

    def __init__(self, trees: list[ast.Module]):
        bindings: dict[str, list[str | None]] = {}
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    for alias in node.names:
                        if alias.asname:
                            bindings.setdefault(alias.asname, []).append(alias.name)
                        else:
                            top = alias.name.split(".")[0]
                            bindings.setdefault(top, []).append(top)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    for alias in node.names:
                        bindings.setdefault(alias.asname or alias.name, []).append(f"{node.module}.{alias.name}")
                elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
                    bindings.setdefault(node.id, []).append(None)
                elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    bindings.setdefault(node.name, []).append(None)
                elif isinstance(node, ast.arg):
                    bindings.setdefault(node.arg, []).append(None)
        self.bindings = bindings

    def qualified(self, node: ast.expr) -> str | None:
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        bound = set(self.bindings.get(node.id, []))
        if not bound:
            origin = "display" if node.id == "display" else None  # IPython puts display() in the builtins
        elif len(bound) == 1 and None not in bound:
            origin = bound.pop()
        else:
            return None
        if origin in ("IPython.display.display", "IPython.core.display.display"):
            origin = "display"
        return ".".join([origin, *reversed(parts)]) if origin else None


def _install_words(command: str) -> tuple[str, list[str]] | None:
    """(`pip`|`conda`|`mamba`, the words after `install`) for an install command (`pip install`, `pip3 install`,
    `python -m pip install`, `{sys.executable} -m pip install`), else None."""
    try:
        words = shlex.split(command)
    except ValueError:
        return None
    for index, word in enumerate(words):
        base = os.path.basename(word)
        tool = "pip" if re.fullmatch(r"pip3?(\.\d+)?", base) else base if base in ("conda", "mamba") else None
        if tool and index + 1 < len(words) and words[index + 1] == "install":
            return tool, words[index + 2:]
    return None


def _requirement_name(argument: str) -> str | None:
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        return Requirement(argument).name
    except InvalidRequirement:
        egg = re.search(r"#egg=([A-Za-z0-9][A-Za-z0-9._-]*)", argument)
        return egg.group(1) if egg and "://" in argument else None


# --- papermill parameters --------------------------------------------------------------------------------------

def _literal(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str, bool))


def _parameters(cell: _Cell) -> tuple[list[str], dict[str, str]]:
    """The names a papermill parameters cell assigns, and why some of them can't become hyperparameters
    ("" for a path: the channels and outputs rules take those)."""
    tree = ast.parse("\n".join(cell.lines) + "\n")
    names: list[str] = []
    unliftable: dict[str, str] = {}
    for statement in tree.body:
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)):
            continue
        name, value = statement.targets[0].id, statement.value
        names.append(name)
        if not _literal(value):
            unliftable[name] = "its value is not a literal"
        elif isinstance(value, ast.Constant) and isinstance(value.value, str) and catalog.looks_like_path(value.value):
            unliftable[name] = ""
    return names, unliftable


# --- the whole notebook ----------------------------------------------------------------------------------------

def notebook_to_script(text: str, name: str, markdown: bool = True) -> NotebookScript:
    """The plain script of the notebook `text` (read from `name`); raises NotebookError."""
    notebook = read_notebook(text)
    converter = _Converter(name)
    cells: list[tuple[_Cell, str]] = []  # (cell, its `# %%` marker)
    injected: list[tuple[int, str]] = []  # papermill's injected-parameters cells: (cell, source)
    parameter_cell = None
    for number, cell in enumerate(notebook.cells, start=1):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type == "markdown":
            if markdown and source.strip():
                cells.append((_Cell(number, ["# " + line if line else "#" for line in source.splitlines()]),
                              "# %% [markdown]"))
            continue
        if cell.cell_type != "code" or not source.strip():
            continue
        if "skip" in tags:
            _report(converter.found, diagnostics.SKIPPED_CELL, number, 1)
            continue
        if "injected-parameters" in tags:
            injected.append((number, source))
            continue
        current = _Cell(number, source.rstrip().splitlines())
        if converter.cell_magic(current):
            converter.escapes(current)
        try:
            compile("\n".join(current.lines) + "\n", f"<cell {number}>", "exec", dont_inherit=True)
        except SyntaxError as exc:
            raise _refuse(diagnostics.NOTEBOOK_CELL_INVALID, number, exc.lineno or 1, exc.offset or 1,
                          reason=exc.msg) from None
        marker = "# %%"
        if "parameters" in tags and parameter_cell is None:
            parameter_cell = current
            marker = '# %% tags=["parameters"]'
        cells.append((current, marker))

    code_cells = [cell for cell, marker in cells if not marker.endswith("[markdown]")]
    names = _Names([ast.parse("\n".join(cell.lines) + "\n") for cell in code_cells])
    for cell in code_cells:
        converter.display_only(cell, names)
    parameters, unliftable = _parameters(parameter_cell) if parameter_cell else ([], {})
    for number, source in injected:
        assigned = _assigned_names(source)
        _report(converter.found, diagnostics.INJECTED_PARAMETERS_LEFT_OUT, number, 1,
                names=", ".join(assigned) or "its values")

    out = [_HEADER.format(name=os.path.basename(name))]
    line_map = [(0, 0, 0), (cells[0][0].number if cells else 1, 1, 0)]
    for cell, marker in cells:
        out += ["", marker]
        line_map += [line_map[-1], (cell.number, 1, 0)]
        out += cell.lines
        line_map += [(cell.number, *origin) for origin in cell.origins]
    return NotebookScript(code="\n".join(out) + "\n", diagnostics=converter.found,
                          requirements=converter.requirements, parameters=parameters, unliftable=unliftable,
                          parameter_cell=parameter_cell.number if parameter_cell else 0, line_map=line_map)


def _assigned_names(source: str) -> list[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    return [target.id for statement in tree.body if isinstance(statement, ast.Assign)
            for target in statement.targets if isinstance(target, ast.Name)]


def parameter_diagnostics(script: NotebookScript, result: MigrationResult) -> list[CellDiagnostic]:
    """SM506 for each papermill parameter the migration did not turn into a hyperparameter."""
    lifted = {hp.target for hp in result.hyperparameters}
    found: list[CellDiagnostic] = []
    for name in script.parameters:
        why = script.unliftable.get(name, "it flows into no training argument and its name is not an upper-case "
                                          "hyperparameter constant: add it to the script's command line by hand")
        if name in lifted or not why:
            continue
        _report(found, diagnostics.PARAMETER_NOT_LIFTED, script.parameter_cell, 1, name=name, why=why)
    return found


def add_requirements(text: str, requirements: list[str], notebook_name: str) -> str:
    """requirements.txt text with the notebook's `pip install` requirements that it does not name yet; a line
    naming the package bare (found by its import) takes the version the notebook asks for."""
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines()
    named, bare = set(), {}
    for index, line in enumerate(lines):
        stripped = line.split(" #", 1)[0].strip()
        if stripped and not stripped.startswith(("#", "-")):
            try:
                parsed = Requirement(stripped)
            except InvalidRequirement:
                named.add(stripped)
                continue
            named.add(canonicalize_name(parsed.name))
            if not parsed.specifier and not parsed.marker and not parsed.url and not parsed.extras:
                bare[canonicalize_name(parsed.name)] = index
    missing = []
    for requirement in requirements:
        name = _requirement_name(requirement)
        key = canonicalize_name(name) if name else requirement
        if key in bare and requirement.strip() != name:  # `rich` from its import, `rich==13.*` from the cell
            lines[bare.pop(key)] = f"{requirement}  # as {notebook_name}'s cells install it"
        elif key not in named:
            named.add(key)
            missing.append(requirement)
    if text and lines != text.splitlines():
        text = newline.join(lines) + newline
    if not missing:
        return text
    body = text if not text or text.endswith(("\n", "\r")) else text + newline
    lines = [f"# installed by {notebook_name}'s cells (pip install)", *missing]
    return body + newline.join(lines) + newline


# --- one notebook file (the runner's pipeline for .ipynb inputs) -----------------------------------------------

def script_destination(job) -> str:
    """Where a notebook job's script goes: beside the notebook, `-o FILE`, or beside the notebook's copy in
    `--out-dir` (there `job.output` is the notebook's own place in the tree)."""
    if job.output is None:
        return script_path_for(job.path)
    return script_path_for(job.output) if job.copy_if_failed else job.output


def _failure_reason(diagnostic: CellDiagnostic) -> str:
    where = f"cell {diagnostic.cell}:{diagnostic.line}:{diagnostic.col}: " if diagnostic.cell else ""
    return where + diagnostic.message


def migrate_notebook(job, settings, data: bytes):
    """Convert, migrate, then write / diff / compare the notebook's script; a FileOutcome for the notebook
    (its `output` is the script). The notebook itself is only ever read (with `--out-dir`, copied)."""
    from sm_migrate.files import SourceText
    from sm_migrate.runner import (
        FileFailure,
        FileOutcome,
        is_read_only,
        migrate_text,
        result_fields,
        unified_diff,
        write_like,
    )

    script = script_destination(job)
    if settings.mode == "write" and job.output is not None and job.copy_if_failed:  # --out-dir: the tree has it
        try:
            write_like(job.output, data, job.path)
        except OSError as exc:
            return FileOutcome(job.path, "failed", reason=f"cannot write {job.output}: {exc.strerror or exc}")
    try:
        text = data.decode("utf-8-sig")
        converted = notebook_to_script(text, job.path, settings.notebook_markdown)
    except UnicodeDecodeError as exc:
        return FileOutcome(job.path, "failed", reason=f"not valid Jupyter notebook JSON (UTF-8): {exc.reason}")
    except NotebookError as exc:
        return FileOutcome(job.path, "failed", reason=_failure_reason(exc.diagnostic), diagnostics=[exc.diagnostic])
    try:
        with open(script, "rb") as handle:
            previous = handle.read()
    except FileNotFoundError:
        previous = None
    except OSError as exc:
        return FileOutcome(job.path, "failed", reason=f"cannot read {script}: {exc.strerror or exc}")
    if previous is not None and not is_generated_from_notebook(previous.decode("utf-8-sig", "replace")):
        return FileOutcome(job.path, "failed", reason=f"{script} exists and was not generated from a notebook: "
                                                      "not overwritten (remove it, or choose another with -o)")
    try:
        result = migrate_text(SourceText(converted.code, "utf-8", "\n"), settings.options)
    except FileFailure as exc:
        located = converted.cell_position(exc.diagnostic) if exc.diagnostic else None
        reason = _failure_reason(located) if located else exc.reason
        return FileOutcome(job.path, "failed", reason=reason, diagnostics=[located] if located else [])
    if not result.is_training_script:
        reason = next((d.message for d in result.diagnostics if d.code == "SM002"), "not a TensorFlow training script")
        return FileOutcome(job.path, "skipped", reason=reason)
    fields = result_fields(result)
    fields["diagnostics"] = sorted(
        [*converted.diagnostics, *(converted.cell_position(d) for d in result.diagnostics),
         *parameter_diagnostics(converted, result)],
        key=lambda d: (d.cell, d.line, d.col, d.code))
    if settings.emit is not None:
        from sm_migrate.emit import EmitError, emit_files

        try:
            emitted = emit_files(script, result, settings.emit)
        except EmitError as exc:
            return FileOutcome(job.path, "failed", reason=f"cannot emit: {exc}", **fields)
        installs = _not_in_the_image(converted.requirements, emitted.target.image.known_packages)
        files = [_with_requirements(file, installs, os.path.basename(job.path))
                 if file.kind == "requirements" else file for file in emitted.files]
        fields.update(emitted_files=files, emit_notes=emitted.notes)
    new = result.code.encode("utf-8")
    if previous == new:
        return FileOutcome(job.path, "already_migrated", output=script, **fields)
    if settings.mode != "write":
        diff = ""
        if settings.mode == "diff":
            old = previous.decode("utf-8-sig", "replace") if previous is not None else ""
            old_label = f"{script}\t(previous)" if previous is not None else "/dev/null"
            diff = unified_diff(old, result.code, old_label, f"{script}\t(from {job.path})")
        return FileOutcome(job.path, "would_migrate", output=script, diff=diff, **fields)
    if previous is not None and is_read_only(script):
        return FileOutcome(job.path, "failed", reason=f"read-only file: {script} not modified", **fields)
    if settings.emit is not None:  # written with the emitted files, unless they clash with another script's
        return FileOutcome(job.path, "migrated", output=script,
                           deferred_write=(script, new, script if previous is not None else job.path), **fields)
    try:
        write_like(script, new, script if previous is not None else job.path)
    except OSError as exc:
        return FileOutcome(job.path, "failed", reason=f"cannot write {script}: {exc.strerror or exc}", **fields)
    return FileOutcome(job.path, "migrated", output=script, **fields)


def _not_in_the_image(requirements: list[str], image_packages: frozenset[str]) -> list[str]:
    """A cell's `pip install pandas` of what the image has already: left out, as the emitter leaves out the
    imports the image serves (reinstalling replaces the image's build); a version the cell asks for is kept."""
    from packaging.utils import canonicalize_name

    return [requirement for requirement in requirements
            if _requirement_name(requirement) is None or requirement.strip() != _requirement_name(requirement)
            or canonicalize_name(_requirement_name(requirement)) not in image_packages]


def _with_requirements(file, requirements: list[str], notebook_name: str):
    """The emitted requirements.txt with the notebook's `pip install` requirements added."""
    import dataclasses

    text = add_requirements(file.data.decode("utf-8"), requirements, notebook_name)
    data = text.encode("utf-8")
    try:
        with open(file.path, "rb") as handle:
            changed = handle.read() != data
    except FileNotFoundError:
        changed = True
    return dataclasses.replace(file, data=data, changed=changed)


def notebook_prefilter(data: bytes, check_imports: bool = True) -> str | None:
    """`discovery.prefilter` for notebook bytes: cell lines are JSON strings, so nothing is at a line start."""
    from sm_migrate.discovery import NOT_TF_REASON, SKIP_PRAGMA_REASON

    if _NOTEBOOK_SKIP_PRAGMA.search(data):
        return SKIP_PRAGMA_REASON
    if check_imports and not _NOTEBOOK_TF_WORD.search(data):
        return NOT_TF_REASON
    return None


_NOTEBOOK_SKIP_PRAGMA = re.compile(rb'"[ \t]*#[ \t]*sm-migrate:[ \t]*skip[ \t]*(?:\\n)?"')
_NOTEBOOK_TF_WORD = re.compile(rb"\b(?:tensorflow|keras|tf_keras)\b")
