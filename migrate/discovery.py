"""Finding the files to migrate: directory walk, ignore rules, symlinks, and the cheap byte pre-filter.

Rules:
- Directories are walked without following symlinks. A symlink is never migrated through: a target inside the
  root is reached at its own path, one outside the root is skipped, and a loop is reported as skipped.
- Built-in excludes (`BUILTIN_EXCLUDES`) prune whole directories; `.gitignore` files (pathspec, gitignore
  semantics, nested files honoured, deeper files win) and `--exclude` globs skip paths; `--include` globs
  (default `*.py`) select the Python files. All globs are gitignore-style, matched relative to the root.
- Files named explicitly on the command line are always processed and go to the engine without the import
  pre-filter (like black), unless `force_exclude` is set (pre-commit passes every staged file): then the
  built-in excludes, `--include`/`--exclude` (relative to the working directory) and the pre-filter apply too.
- `prefilter()` decides from bytes alone whether a file can be a TF training script or a package's entry point
  (a command line parsed), and honours the `# sm-migrate: skip` pragma, so other modules never reach libcst.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

BUILTIN_EXCLUDES = frozenset(
    {".git", ".hg", ".svn", ".venv", "venv", "env", "site-packages", "node_modules", "build", "dist",
     "__pycache__", ".tox", ".nox"}
)
DEFAULT_INCLUDE = ("*.py",)

# An import of TensorFlow or Keras at the start of a line (`import tensorflow as tf`, `import os, keras`,
# `from tensorflow.keras import layers`, `from keras.models import Sequential`, `import tf_keras`).
_TF_IMPORT = re.compile(
    rb"^[ \t]*(?:from[ \t]+(?:tensorflow|keras|tf_keras)\b|import[ \t]+[^\r\n#]*\b(?:tensorflow|keras|tf_keras)\b)",
    re.MULTILINE,
)
# A command line parsed (argparse, absl): without a TF import, still maybe the entry point of a package whose
# modules train (`trainer/task.py`), which only the engine and the files beside it can tell.
_COMMAND_LINE = re.compile(rb"\b(?:parse_args|parse_known_args)[ \t]*\(|\bflags\.DEFINE_")
_SKIP_PRAGMA = re.compile(rb"^[ \t]*#[ \t]*sm-migrate:[ \t]*skip[ \t]*\r?$", re.MULTILINE)

SKIP_PRAGMA_REASON = "has a '# sm-migrate: skip' pragma"
NOT_TF_REASON = "no TensorFlow/Keras import"


# `from .x import y, z`, `from pkg.mod import (y,`, `import a.b as c, d`: enough to find the modules a file may load.
_IMPORT = re.compile(rb"^[ \t]*(?:from[ \t]+(\.*)[ \t]*([\w.]*)[ \t]+import[ \t]+([^\r\n#]*)|import[ \t]+([^\r\n#]*))",
                     re.MULTILINE)

PACKAGE_DEPTH = 3  # folders above a script an absolute import of its own package may start from


def prefilter(data: bytes, check_imports: bool = True, path: str | None = None) -> str | None:
    """Return why a file is skipped without parsing it, or None if it must go to the engine.

    A file without a TF import goes to the engine only when it parses a command line and imports a module that
    exists beside it (`path` given): a package's entry point, whose modules may train.
    """
    data = _searchable(data)
    if _SKIP_PRAGMA.search(data):
        return SKIP_PRAGMA_REASON
    if check_imports and not imports_tensorflow(data):
        if path is None or not _COMMAND_LINE.search(data) or not _imports_a_module_beside(path, data):
            return NOT_TF_REASON
    return None


def imports_tensorflow(data: bytes) -> bool:
    return bool(_TF_IMPORT.search(_searchable(data)))


def _searchable(data: bytes) -> bytes:
    """The bytes the patterns read (which start lines at "\n"): a UTF-16/32 file (a BOM says so) as UTF-8, so that
    a script saved that way is told from one without TensorFlow, and the engine says it can't be read as Python
    source; an old Mac's "\r" line endings as "\n"."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            data = data.decode(encoding, "replace").encode("utf-8")
            break
    if b"\n" not in data and b"\r" in data:
        data = data.replace(b"\r", b"\n")
    return data


def _imports_a_module_beside(path: str, data: bytes) -> bool:
    folder = os.path.dirname(os.path.abspath(path))
    for match in _IMPORT.finditer(data):
        dots, module, names, plain = (group.decode("utf-8", "replace") if group else "" for group in match.groups())
        if plain:
            found = (module_files(folder, 0, name.split(" as ")[0].strip(), ()) for name in plain.split(","))
        else:
            imported = tuple(name.split(" as ")[0].strip(" \t()\\") for name in names.split(","))
            found = [module_files(folder, len(dots), module, tuple(name for name in imported if name.isidentifier()))]
        if any(next(files, None) for files in found):
            return True
    return False


def module_files(folder: str, level: int, module: str, names: tuple[str, ...]):
    """(the module as the importing script in `folder` names it, its file) for each module that the import
    `from <level dots><module> import <names>` (or `import <module>`) may load and that exists, looked up as
    Python would when the script's package is run (`python -m trainer.task` from the folder holding `trainer/`)."""
    if level:
        bases = [folder]
        for _ in range(level - 1):
            bases = [os.path.dirname(bases[0])]
    else:
        bases, current = [], folder
        for _ in range(PACKAGE_DEPTH + 1):
            bases.append(current)
            current = os.path.dirname(current)
    dots = "." * level
    modules = [module] if module else []
    modules += [f"{module}.{name}" if module else name for name in names]
    for base in bases:
        for dotted in modules:
            relative = os.path.join(*dotted.split("."))
            for candidate in (os.path.join(base, relative + ".py"), os.path.join(base, relative, "__init__.py")):
                if os.path.isfile(candidate):
                    yield dots + dotted, candidate


@dataclass(frozen=True)
class Candidate:
    """A Python file to run through the pipeline."""

    path: str  # as the user sees it (relative if the argument was relative)
    relpath: str  # relative to its root; for an explicit file, its name (where it goes under --out-dir)
    explicit: bool  # named on the command line: no import pre-filter, the engine decides


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True)
class Other:
    """A file, symlink or empty directory that is not migrated but belongs in an `--out-dir` copy."""

    path: str
    relpath: str
    kind: str  # "file" | "symlink" | "dir"


@dataclass
class WalkRoot:
    """One command-line argument and what was found under it."""

    path: str  # the argument (a directory, or a file's path)
    candidates: list[Candidate] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    others: list[Other] = field(default_factory=list)


@dataclass(frozen=True)
class DiscoverySettings:
    include: Sequence[str] = DEFAULT_INCLUDE
    exclude: Sequence[str] = ()
    respect_gitignore: bool = True
    collect_others: bool = False  # --out-dir: also list what to copy (incl. ignored and excluded files)
    skip_dirs: Sequence[str] = ()  # absolute paths never entered (the --out-dir itself)
    force_exclude: bool = False  # apply the rules to explicitly named files too


def _gitignore_spec(directory: str):
    path = os.path.join(directory, ".gitignore")
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    import pathspec  # ~60 ms to import: only when a walk meets a .gitignore

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _spec(patterns: Sequence[str]):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def _ancestor_gitignores(directory: str) -> list[tuple[str, object]]:
    """`.gitignore` specs of the directories above `directory` inside its git work tree (none outside git)."""
    ancestors = []
    current = directory
    while not os.path.exists(os.path.join(current, ".git")):
        parent = os.path.dirname(current)
        if parent == current:
            return []  # not in a git work tree: only the walked tree's own .gitignore files count
        current = parent
        ancestors.append(current)
    specs = [(ancestor, _gitignore_spec(ancestor)) for ancestor in reversed(ancestors)]
    return [(base, spec) for base, spec in specs if spec is not None]


def _gitignored(specs: list[tuple[str, object]], path: str, is_dir: bool) -> bool:
    """Git semantics across nested files: the deepest `.gitignore` with a matching pattern decides."""
    for base, spec in reversed(specs):
        rel = os.path.relpath(path, base).replace(os.sep, "/") + ("/" if is_dir else "")
        decision = spec.check_file(rel).include
        if decision is not None:
            return decision
    return False


def _classify_symlink(path: str, root_real: str, walked_real: str) -> str | None:
    """Why a symlink is reported, or None when it is harmless (its target is walked at its own path)."""
    try:
        target = os.path.realpath(path, strict=True)
    except OSError as exc:
        return "symlink loop" if exc.errno == errno.ELOOP else "broken symlink"
    if os.path.isdir(target) and (walked_real == target or walked_real.startswith(target + os.sep)):
        return "symlink loop"
    if target != root_real and not target.startswith(root_real + os.sep):
        return "symlink points outside the root: not followed"
    return None


def _walk(root: WalkRoot, settings: DiscoverySettings) -> None:
    root_abs = os.path.abspath(root.path)
    root_real = os.path.realpath(root_abs)
    include = _spec(settings.include)
    exclude = _spec(settings.exclude) if settings.exclude else None
    skip_dirs = {os.path.realpath(d) for d in settings.skip_dirs}
    base_specs = _ancestor_gitignores(root_abs) if settings.respect_gitignore else []

    def visit(directory: str, specs: list, ignored: bool) -> None:
        if settings.respect_gitignore and not ignored:
            spec = _gitignore_spec(directory)
            if spec is not None:
                specs = [*specs, (directory, spec)]
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as exc:
            root.skipped.append(Skipped(_display(root.path, root_abs, directory), f"cannot list: {exc.strerror}"))
            return
        if not entries and settings.collect_others and directory != root_abs:
            root.others.append(Other(directory, os.path.relpath(directory, root_abs), "dir"))
        walked_real = os.path.realpath(directory)
        for entry in entries:
            full = entry.path
            rel = os.path.relpath(full, root_abs)
            rel_posix = rel.replace(os.sep, "/")
            shown = _display(root.path, root_abs, full)
            if entry.is_symlink():
                is_py = include.match_file(rel_posix)
                reason = _classify_symlink(full, root_real, walked_real)
                if reason and (is_py or reason == "symlink loop" or os.path.isdir(full)):
                    root.skipped.append(Skipped(shown, reason))
                if settings.collect_others:
                    root.others.append(Other(full, rel, "symlink"))
                continue
            if entry.is_dir(follow_symlinks=False):
                if entry.name in BUILTIN_EXCLUDES or os.path.realpath(full) in skip_dirs:
                    continue
                sub_ignored = ignored or (exclude is not None and exclude.match_file(rel_posix + "/")) or (
                    bool(specs) and _gitignored(specs, full, is_dir=True)
                )
                if sub_ignored and not settings.collect_others:
                    continue
                visit(full, specs, sub_ignored)
                continue
            if not entry.is_file(follow_symlinks=False):
                continue
            wanted = (
                not ignored
                and include.match_file(rel_posix)
                and not (exclude is not None and exclude.match_file(rel_posix))
                and not (specs and _gitignored(specs, full, is_dir=False))
            )
            if wanted:
                root.candidates.append(Candidate(shown, rel, explicit=False))
            elif settings.collect_others:
                root.others.append(Other(full, rel, "file"))

    visit(root_abs, base_specs, False)


def _display(argument: str, argument_abs: str, path: str) -> str:
    """`path` spelled from the user's argument, so `sm-migrate src` prints `src/pkg/train.py`."""
    return os.path.normpath(os.path.join(argument, os.path.relpath(path, argument_abs)))


def _excluded_explicit(path: str, settings: DiscoverySettings) -> bool:
    rel = os.path.relpath(os.path.abspath(path)).replace(os.sep, "/")
    if any(part in BUILTIN_EXCLUDES for part in rel.split("/")[:-1]):
        return True
    if settings.exclude and _spec(settings.exclude).match_file(rel):
        return True
    return not _spec(settings.include).match_file(rel)


def discover(paths: Sequence[str], settings: DiscoverySettings = DiscoverySettings()) -> list[WalkRoot]:
    """One WalkRoot per argument: a file argument is an explicit candidate, a directory is walked."""
    roots = []
    for path in paths:
        root = WalkRoot(path)
        if os.path.isdir(path) and not os.path.islink(path):
            _walk(root, settings)
        elif os.path.islink(path) and os.path.isdir(path):
            root.skipped.append(Skipped(path, "symlink to a directory: not followed (pass its target)"))
        elif not (settings.force_exclude and _excluded_explicit(path, settings)):
            root.candidates.append(Candidate(path, os.path.basename(path), explicit=not settings.force_exclude))
        _leave_scripts_to_their_notebooks(root)
        roots.append(root)
    return roots


def _leave_scripts_to_their_notebooks(root: WalkRoot) -> None:
    """A walk that finds `x.ipynb` and the `x.py` sm-migrate generated from it migrates the notebook only:
    the notebook's run rewrites that script, and two workers must not race on it."""
    from sm_migrate.notebooks import GENERATED_MARKER, is_notebook, script_path_for

    scripts = {script_path_for(c.path) for c in root.candidates if is_notebook(c.path) and not c.explicit}
    kept = []
    for candidate in root.candidates:
        if candidate.path in scripts and not candidate.explicit and _starts_with(candidate.path, GENERATED_MARKER):
            root.skipped.append(Skipped(candidate.path, "generated from its notebook, which is migrated instead"))
        else:
            kept.append(candidate)
    root.candidates = kept


def _starts_with(path: str, text: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(text.encode())) == text.encode()
    except OSError:
        return False
