"""requirements.txt for the job's `source_dir`: the third-party distributions the script imports.

SageMaker installs `requirements.txt` from `source_dir` before a `.py` entry point on TF >= 2.2 (and 1.15.2 with
Python >= 3.7); older images need the shell entry point of `entrypoint.py` (docs/sagemaker-contract.md §4). Imports
are read with `ast` from the migrated script and, recursively, from the local modules it imports from the same
directory. Each top-level module is mapped to a distribution with `importlib.metadata` (what is installed here),
else with a short curated alias table; nothing is guessed. What the target image already installs is left out
(the framework table, transforms/frameworks.py: TensorFlow and its Keras on every image, and the whole package
list of an image whose contents are known): reinstalling it from requirements.txt replaces the image's build.
What a script needs that no image ships is always added: `tf-keras` for Keras 2 (`tf_keras`, or
`TF_USE_LEGACY_KERAS` on TF >= 2.16, which has Keras 3), `horovod` for a Horovod script.
"""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import os
import re
import sys
from dataclasses import dataclass, field

from packaging import requirements as pep508
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from sm_migrate.emit.entrypoint import EmitError, TargetFramework
from sm_migrate.files import SourceError, read_source

REQUIREMENTS_NAME = "requirements.txt"

# Import names whose distribution is not the same word, for when it is not installed locally.
# Dotted keys match a longer import first ("google.protobuf" before "google").
MODULE_ALIASES = {
    "attr": "attrs",
    "bs4": "beautifulsoup4",
    "cv2": "opencv-python",
    "Crypto": "pycryptodome",
    "dateutil": "python-dateutil",
    "docx": "python-docx",
    "dotenv": "python-dotenv",
    "fitz": "PyMuPDF",
    "google.protobuf": "protobuf",
    "jwt": "PyJWT",
    "PIL": "Pillow",
    "serial": "pyserial",
    "skimage": "scikit-image",
    "sklearn": "scikit-learn",
    "yaml": "PyYAML",
}

# Modules of the TensorFlow stack that every training image has, caught by name when not installed here.
CONTAINER_MODULES = frozenset({"tensorflow", "keras", "tensorboard", "tensorflow_estimator", "sagemaker_training"})
# What no image ships (transforms/frameworks.py): module -> distribution, added whenever a script needs it.
IMAGE_LACKS = {"tf_keras": "tf-keras", "horovod": "horovod"}
# The environment variable that makes `tf.keras` Keras 2 on TF >= 2.16; it needs the tf-keras package.
LEGACY_KERAS_VARIABLE = "TF_USE_LEGACY_KERAS"
CONTAINER_COMMENT_PREFIX = "# sm-migrate: not listed:"


@dataclass
class ImportScan:
    """The non-stdlib, non-local imports of a script and its local modules."""

    required: dict[str, set[str]] = field(default_factory=dict)  # top-level module -> dotted names imported
    optional: set[str] = field(default_factory=set)  # top-level modules only imported under `except ImportError`
    local_files: list[str] = field(default_factory=list)  # local modules read, in the order they were read
    notes: list[str] = field(default_factory=list)
    legacy_keras: bool = False  # some file names TF_USE_LEGACY_KERAS (sets or reads it)


_TRY_NODES = tuple(getattr(ast, name) for name in ("Try", "TryStar") if hasattr(ast, name))
_IMPORT_ERROR_CATCHERS = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


def _guarded_by_import_error(handlers: list[ast.ExceptHandler]) -> bool:
    """True if one of the handlers catches a failed import (a bare `except:` does too)."""
    for handler in handlers:
        caught = handler.type
        if caught is None:
            return True
        for node in caught.elts if isinstance(caught, ast.Tuple) else [caught]:
            if isinstance(node, ast.Name) and node.id in _IMPORT_ERROR_CATCHERS:
                return True
    return False


def _iter_imports(tree: ast.AST):
    """Yield (import node, guarded) for every import, `guarded` if it sits in a `try` that catches ImportError."""

    def visit(node: ast.AST, guarded: bool):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node, guarded
            return
        if isinstance(node, _TRY_NODES):
            body_guarded = guarded or _guarded_by_import_error(node.handlers)
            for child in node.body:
                yield from visit(child, body_guarded)
            for child in [*node.handlers, *node.orelse, *node.finalbody]:
                yield from visit(child, guarded)
            return
        for child in ast.iter_child_nodes(node):
            yield from visit(child, guarded)

    yield from visit(tree, False)


def _local_module_files(source_dir: str, dotted: str) -> list[str] | None:
    """The files Python would run for `dotted` from `source_dir` (packages' __init__ first), or None if its
    top-level name is not a module or package in `source_dir`."""
    parts = dotted.split(".")
    if not _is_local_top(source_dir, parts[0]):
        return None
    files = []
    for end in range(1, len(parts) + 1):
        base = os.path.join(source_dir, *parts[:end])
        for candidate in (os.path.join(base, "__init__.py"), base + ".py"):
            if os.path.isfile(candidate):
                files.append(candidate)
    return files


def _is_local_top(source_dir: str, name: str) -> bool:
    base = os.path.join(source_dir, name)
    if os.path.isfile(base + ".py"):
        return True
    return os.path.isdir(base) and any(entry.endswith(".py") for entry in os.listdir(base))


def scan_imports(script_path: str, code: str) -> ImportScan:
    """Collect the imports of `code` (the script at `script_path`) and of the local modules it reaches."""
    source_dir = os.path.dirname(os.path.abspath(script_path))
    scan = ImportScan()
    guarded_only: set[str] = set()
    pending = [(os.path.abspath(script_path), code, "")]  # (file, source, its package as a dotted name)
    seen = {os.path.abspath(script_path)}
    while pending:
        path, text, package = pending.pop(0)
        try:
            tree = ast.parse(text, filename=path)
        except SyntaxError as exc:
            if path == os.path.abspath(script_path):
                raise EmitError(f"cannot read the imports of {script_path}: {exc.msg} (line {exc.lineno})") from None
            scan.notes.append(f"{os.path.relpath(path, source_dir)}: not scanned for imports ({exc.msg})")
            continue
        scan.legacy_keras = scan.legacy_keras or _names_legacy_keras(tree)
        for node, guarded in _iter_imports(tree):
            for dotted in _imported_modules(node, package):
                top = dotted.split(".")[0]
                local = _local_module_files(source_dir, dotted)
                if local is not None:
                    for local_file in local:
                        if local_file not in seen:
                            seen.add(local_file)
                            pending.append(_read_local(local_file, source_dir, scan))
                    continue
                if getattr(node, "level", 0) or top == "__future__" or top in sys.stdlib_module_names:
                    continue
                if guarded:
                    guarded_only.add(top)
                    continue
                scan.required.setdefault(top, set()).add(dotted)
        if path != os.path.abspath(script_path):
            scan.local_files.append(path)
    scan.optional = guarded_only - set(scan.required)
    return scan


def _names_legacy_keras(tree: ast.AST) -> bool:
    """A string literal TF_USE_LEGACY_KERAS: `os.environ["TF_USE_LEGACY_KERAS"] = "1"`, `setdefault(...)`."""
    return any(
        isinstance(node, ast.Constant) and node.value == LEGACY_KERAS_VARIABLE for node in ast.walk(tree)
    )


def _read_local(path: str, source_dir: str, scan: ImportScan) -> tuple[str, str, str]:
    """(path, text, package) of a local module for the scan queue; its package is its directory, dotted."""
    relative = os.path.relpath(path, source_dir)
    package = ".".join(relative.split(os.sep)[:-1])
    try:
        text = read_source(path).text
    except SourceError as exc:
        scan.notes.append(f"{relative}: not scanned for imports ({exc})")
        text = ""
    return path, text, package


def _imported_modules(node: ast.Import | ast.ImportFrom, package: str) -> list[str]:
    """Dotted module names an import may load. `from a import b` may load module `a.b`; relative imports
    are resolved against `package` (the importing module's package in the source dir)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base_parts = package.split(".") if package else []
        base_parts = base_parts[: max(0, len(base_parts) - (node.level - 1))]
        base = ".".join([*base_parts, *([node.module] if node.module else [])])
        if not base:
            return [alias.name for alias in node.names if alias.name != "*"]
    else:
        base = node.module
    return [base, *(f"{base}.{alias.name}" for alias in node.names if alias.name != "*")]


@dataclass(frozen=True)
class Requirement:
    name: str  # distribution name as its metadata spells it ("PyYAML")
    version: str | None = None  # installed here, if it is
    requires_python: str | None = None  # the installed version's Requires-Python (">=3.11")
    # A version the image decides, written as is and never replaced by a local pin: "==2.21.*" for tf-keras.
    image_specifier: str | None = None


@dataclass
class RequirementsPlan:
    """What the script needs, before it is written out."""

    requirements: list[Requirement]  # sorted by canonical name
    container_provided: list[str]  # top-level modules left out because the container has them
    unmapped: list[str]  # top-level modules with no known distribution
    optional: list[str]  # modules only imported under `except ImportError`: not required
    notes: list[str]
    image_label: str = "the SageMaker TensorFlow training image"  # as comments and notes name it
    image_packages: frozenset[str] = frozenset()  # canonical names of what the image installs


@functools.cache
def _installed_modules() -> dict[str, list[str]]:
    """Top-level module -> installed distributions; read once per process (about 0.3 s)."""
    return importlib.metadata.packages_distributions()


def _installed_requirement(distribution: str) -> Requirement:
    try:
        metadata = importlib.metadata.metadata(distribution)
    except importlib.metadata.PackageNotFoundError:
        return Requirement(name=distribution)
    return Requirement(name=distribution, version=metadata["Version"], requires_python=metadata["Requires-Python"])


def _narrow_by_files(candidates: list[str], dotted_names: set[str]) -> list[str]:
    """For a namespace package shared by several distributions (`google`), keep those that ship the
    deepest imported submodule."""
    for dotted in sorted(dotted_names, key=lambda name: -name.count(".")):
        prefix = dotted.replace(".", "/")
        owners = []
        for distribution in candidates:
            files = importlib.metadata.files(distribution) or []
            if any(str(file).startswith(prefix + "/") or str(file) == prefix + ".py" for file in files):
                owners.append(distribution)
        if owners:
            return owners
    return candidates


def _distribution_for(top: str, dotted_names: set[str], installed: dict[str, list[str]]) -> str | None:
    candidates = sorted(set(installed.get(top, [])))
    if len(candidates) > 1:
        candidates = _narrow_by_files(candidates, dotted_names)
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        return None
    for dotted in sorted(dotted_names, key=lambda name: -name.count(".")):
        parts = dotted.split(".")
        for end in range(len(parts), 0, -1):
            alias = MODULE_ALIASES.get(".".join(parts[:end]))
            if alias:
                return alias
    return None


def _image_provides(top: str, distribution: str | None, target: TargetFramework | None) -> bool:
    """Whether the target image already installs the distribution of module `top`, by whichever name
    (the one installed here, or the curated one: a local opencv-python-headless is the image's opencv-python)."""
    shipped = target.image.known_packages if target else frozenset()
    names = {distribution, MODULE_ALIASES.get(top)} - {None}
    return top in CONTAINER_MODULES or any(canonicalize_name(name) in shipped for name in names)


def _tf_keras_requirement(target: TargetFramework | None) -> Requirement:
    """tf-keras in the image's TensorFlow minor version: tf-keras 2.X works with TensorFlow 2.X only."""
    if target is None or target.full_version[:2] < (2, 15):  # tf-keras starts with TensorFlow 2.15's
        return Requirement(name="tf-keras")
    major, minor = target.full_version[:2]
    return Requirement(name="tf-keras", image_specifier=f"=={major}.{minor}.*")


def plan_requirements(scan: ImportScan, target: TargetFramework | None = None) -> RequirementsPlan:
    """Map the scanned imports to distributions (installed metadata first, then MODULE_ALIASES), leaving out
    what `target`'s image installs and adding what the script needs that no image has."""
    installed = _installed_modules()
    distributions: set[str] = set()
    container, unmapped = [], []
    notes = list(scan.notes)
    image_label = _image_label(target)
    lacking: dict[str, Requirement] = {}
    for top in sorted(scan.required):
        if top in IMAGE_LACKS:
            lacking[top] = (
                _tf_keras_requirement(target) if top == "tf_keras" else Requirement(name=IMAGE_LACKS[top])
            )
            continue
        distribution = _distribution_for(top, scan.required[top], installed)
        if _image_provides(top, distribution, target):
            container.append(top)
            continue
        if distribution is None:
            unmapped.append(top)
            if len(installed.get(top, [])) > 1:
                notes.append(f"{top}: provided by several installed distributions ({', '.join(installed[top])})")
            continue
        distributions.add(distribution)
    keras3_image = target is not None and target.full_version[:2] >= (2, 16)
    if scan.legacy_keras and keras3_image and "tf_keras" not in lacking:
        lacking["tf_keras"] = _tf_keras_requirement(target)
        notes.append(
            f"tf-keras added: the script sets {LEGACY_KERAS_VARIABLE}, and {image_label} has Keras 3 "
            "without the tf-keras package that variable needs"
        )
    if "horovod" in lacking:
        notes.append(
            f"horovod added: {image_label} does not ship it, so pip builds it from source when the job starts "
            "(minutes; it needs the image's MPI, a compiler and CMake, and HOROVOD_WITH_TENSORFLOW=1)"
        )
    requirements = [_installed_requirement(name) for name in distributions] + list(lacking.values())
    return RequirementsPlan(
        requirements=sorted(requirements, key=lambda requirement: canonicalize_name(requirement.name)),
        container_provided=container,
        unmapped=unmapped,
        optional=sorted(scan.optional - set(CONTAINER_MODULES)),
        notes=notes,
        image_label=image_label,
        image_packages=target.image.known_packages if target else frozenset(),
    )


def _image_label(target: TargetFramework | None) -> str:
    """How comments and notes name the image: its version and, where the SDK cannot name it, its tag."""
    if target is None:
        return "the SageMaker TensorFlow training image"
    image = target.image
    tag = f" (tensorflow-training:{image.cpu_tag})" if image.cpu_tag else ""
    return f"the SageMaker TensorFlow {image.version} training image{tag}"


# --- writing / merging -------------------------------------------------------------------------------

_EGG_RE = re.compile(r"#egg=([A-Za-z0-9][A-Za-z0-9._-]*)")
# Where pip stops reading the requirement of a line: its per-requirement options (`--hash=...`).
_PIP_OPTION_RE = re.compile(r"\s-")


def _listed_requirement(line: str) -> tuple[str, SpecifierSet] | None:
    """(canonical name, specifiers) of a requirements.txt line; None for comments, blanks, pip options and
    what is not a PEP 508 requirement (a bare URL or path)."""
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return None
    if stripped.startswith("-"):  # `-e git+https://...#egg=name` still names a project
        egg = _EGG_RE.search(stripped)
        return (canonicalize_name(egg.group(1)), SpecifierSet()) if egg else None
    text = _PIP_OPTION_RE.split(stripped.split(" #", 1)[0], maxsplit=1)[0]
    try:
        requirement = pep508.Requirement(text.removesuffix("\\").strip())
    except pep508.InvalidRequirement:
        return None
    return canonicalize_name(requirement.name), requirement.specifier


# Python's patch releases stay far below this: enough to try every one an image could run.
_PATCH_RELEASES = range(100)


def python_allowed(requires_python: str | None, python: tuple[int, int]) -> bool:
    """Whether a `Requires-Python` specifier admits Python `major.minor`. The image's patch level is unknown,
    so it is admitted when any of its patch releases is; a specifier this cannot read admits it."""
    try:
        specifiers = SpecifierSet(requires_python or "")
    except InvalidSpecifier:
        return True
    major, minor = python
    return any(Version(f"{major}.{minor}.{patch}") in specifiers for patch in _PATCH_RELEASES)


def _pins_another_version(specifiers: SpecifierSet, local: str) -> bool:
    """Whether the file pins an exact version (`==1.26`, `==1.26.*`, `===1.26`) that `local` is not."""
    if not any(specifier.operator in ("==", "===") for specifier in specifiers):
        return False
    try:
        return not specifiers.contains(Version(local), prereleases=True)
    except InvalidVersion:  # not PEP 440: it cannot be shown to be the pinned one
        return True


def container_comment(modules: list[str], image_label: str) -> str:
    return (
        f"{CONTAINER_COMMENT_PREFIX} {', '.join(modules)} -- installed in {image_label}; "
        "reinstalling from requirements.txt replaces the image's build and can break it"
    )


@dataclass
class RequirementsText:
    text: str
    notes: list[str]  # conflicts with an existing file, pins that could not be made, TF listed by the user, ...


def render_requirements(
    plan: RequirementsPlan,
    script_name: str,
    existing: str | None = None,
    pin: bool = False,
    python: tuple[int, int] | None = None,
) -> RequirementsText:
    """The requirements.txt text: a new file, or `existing` with what is missing appended.

    With `pin`, each installed distribution gets `==<local version>`, unless that version's Requires-Python
    excludes `python` (the image's Python): then it stays unpinned, with a note. An existing file keeps every
    line as it is; a requirement it already names is not added again, and an exact pin there that differs
    from the local version (with `pin`) is reported, not changed. A second run on its own output gives the
    same text.
    """
    notes = []
    pinned: set[str] = set()
    for requirement in plan.requirements if pin else []:
        if requirement.image_specifier:
            continue
        if requirement.version is None:
            notes.append(f"{requirement.name}: not installed here, left unpinned")
        elif python and not python_allowed(requirement.requires_python, python):
            notes.append(
                f"{requirement.name}: left unpinned: the local {requirement.version} needs Python "
                f"{requirement.requires_python}, the image runs Python {python[0]}.{python[1]}"
            )
        else:
            pinned.add(requirement.name)

    def requirement_line(requirement: Requirement) -> str:
        if requirement.image_specifier:
            return f"{requirement.name}{requirement.image_specifier}"
        return f"{requirement.name}=={requirement.version}" if requirement.name in pinned else requirement.name

    comment = container_comment(plan.container_provided, plan.image_label) if plan.container_provided else None
    if existing is None:
        lines = [f"# Generated by sm-migrate from the imports of {script_name} and the local modules it imports."]
        lines += [comment] if comment else []
        lines += [requirement_line(requirement) for requirement in plan.requirements]
        return RequirementsText(text="\n".join(lines) + "\n", notes=notes)

    newline = "\r\n" if "\r\n" in existing else "\n"
    existing_lines = existing.splitlines()
    listed: dict[str, SpecifierSet] = {}
    for line in existing_lines:
        project = _listed_requirement(line)
        if project:
            listed.setdefault(*project)
    for name in sorted(plan.image_packages & set(listed)):
        notes.append(
            f"{REQUIREMENTS_NAME} lists {name}: {plan.image_label} installs it, and reinstalling it "
            "replaces the image's build (kept, but consider removing it)"
        )
    missing = []
    for requirement in plan.requirements:
        specifiers = listed.get(canonicalize_name(requirement.name))
        if specifiers is None:
            missing.append(requirement)
            continue
        if requirement.name in pinned and _pins_another_version(specifiers, requirement.version):
            notes.append(
                f"conflict: {REQUIREMENTS_NAME} pins {requirement.name}{specifiers}, the local "
                f"environment has {requirement.version} (kept the file's pin)"
            )
    comment_index = next(
        (index for index, line in enumerate(existing_lines) if line.startswith(CONTAINER_COMMENT_PREFIX)), None
    )
    lines = list(existing_lines)
    if comment and comment_index is not None:
        lines[comment_index] = comment
    elif comment:
        lines.append(comment)
    if missing:
        lines.append(f"# Added by sm-migrate from the imports of {script_name}:")
        lines += [requirement_line(requirement) for requirement in missing]
    if lines == existing_lines:
        return RequirementsText(text=existing, notes=notes)
    return RequirementsText(text=newline.join(lines) + newline, notes=notes)
