"""Files that turn a migrated script into a SageMaker job: requirements.txt, a shell entry point, a launcher.

`emit_files()` is the one call the CLI makes: it reads what it needs (the existing requirements.txt, local
modules) but writes nothing; the caller writes each `EmittedFile` (atomically) and sets its mode.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from sm_migrate.emit.entrypoint import (
    DEFAULT_ENTRYPOINT_NAME,
    EmitError,
    TargetFramework,
    build_entrypoint,
    needs_shell_entrypoint,
    resolve_target,
    validate_entrypoint_name,
)
from sm_migrate.emit.launcher import DEFAULT_LAUNCHER_NAME, LAUNCHER_SDKS, build_launcher, validate_launcher_name
from sm_migrate.emit.requirements import REQUIREMENTS_NAME, plan_requirements, render_requirements, scan_imports
from sm_migrate.transforms.contract import DEFAULT_FRAMEWORK_VERSION, MigrationResult

EMIT_KINDS = ("requirements", "entrypoint", "launcher")

__all__ = [
    "EMIT_KINDS",
    "EmitError",
    "EmitOptions",
    "EmitReport",
    "EmittedFile",
    "TargetFramework",
    "build_entrypoint",
    "build_launcher",
    "emit_files",
    "needs_shell_entrypoint",
    "plan_requirements",
    "render_requirements",
    "resolve_target",
    "scan_imports",
]


@dataclass(frozen=True)
class EmitOptions:
    kinds: frozenset[str] = frozenset(EMIT_KINDS)  # what to produce; "--emit all" is all of EMIT_KINDS
    pin: bool = False  # requirements: add ==version from the local environment
    framework_version: str = DEFAULT_FRAMEWORK_VERSION
    py_version: str | None = None  # None: the only Python of that TF image (an error if it has several)
    # "v3" (ModelTrainer; what `pip install sagemaker` gives) or "v2" (the TensorFlow estimator)
    launcher_sdk: str = "v3"
    distribution: str = "none"  # the launcher's distribution: none, mwms, horovod, parameter-server
    entrypoint_name: str = DEFAULT_ENTRYPOINT_NAME
    launcher_name: str = DEFAULT_LAUNCHER_NAME


@dataclass(frozen=True)
class EmittedFile:
    kind: str  # one of EMIT_KINDS
    path: str  # absolute, next to the script
    data: bytes
    mode: int | None = None  # permission bits to set after writing (0o755 for the shell entry point)
    changed: bool = True  # False when the file already holds exactly `data` (and `mode`)


@dataclass
class EmitReport:
    target: TargetFramework
    files: list[EmittedFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one line each: what a person should know or check
    unmapped_imports: list[str] = field(default_factory=list)  # top-level modules with no known distribution


def _emitted(kind: str, path: str, data: bytes, mode: int | None = None) -> EmittedFile:
    try:
        with open(path, "rb") as handle:
            same = handle.read() == data
        if mode is not None:
            same = same and (os.stat(path).st_mode & 0o777) == mode
    except FileNotFoundError:
        same = False
    return EmittedFile(kind=kind, path=path, data=data, mode=mode, changed=not same)


def _read_existing_requirements(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8-sig")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise EmitError(f"cannot read {path}: {exc}") from None


def emit_files(script_path: str, result: MigrationResult, options: EmitOptions | None = None) -> EmitReport:
    """Build the requested files for the migrated script at `script_path` (not written; see EmittedFile).

    Raises EmitError (one-line message) for an unusable framework/Python pair (TF <= 1.10 is legacy mode),
    a bad file name or SDK choice, or a script whose imports cannot be read.
    """
    options = options or EmitOptions()
    unknown = set(options.kinds) - set(EMIT_KINDS)
    if unknown:
        raise EmitError(f"unknown --emit kind(s): {', '.join(sorted(unknown))}; choose from {', '.join(EMIT_KINDS)}")
    if options.launcher_sdk not in LAUNCHER_SDKS:
        raise EmitError(f"--launcher-sdk must be one of {', '.join(LAUNCHER_SDKS)}, got {options.launcher_sdk!r}")
    entrypoint_name = validate_entrypoint_name(options.entrypoint_name)
    launcher_name = validate_launcher_name(options.launcher_name)
    target = resolve_target(options.framework_version, options.py_version)
    source_dir = os.path.dirname(os.path.abspath(script_path))
    script_name = os.path.basename(script_path)
    if script_name in (entrypoint_name, launcher_name):
        raise EmitError(f"{script_name} would be overwritten: choose another entry point or launcher name")
    report = EmitReport(target=target)
    requirements_path = os.path.join(source_dir, REQUIREMENTS_NAME)
    shell_entrypoint = needs_shell_entrypoint(target)
    kinds = set(options.kinds)
    if "launcher" in kinds and shell_entrypoint and options.launcher_sdk == "v2" and not kinds >= {
        "entrypoint", "requirements"
    }:
        # A v2 launcher for these images runs the shell entry point, which installs requirements.txt.
        kinds |= {"entrypoint", "requirements"}
        report.notes.append(
            f"also wrote {entrypoint_name} and {REQUIREMENTS_NAME}: the launcher runs {entrypoint_name}, "
            f"which {target.label} needs to install {REQUIREMENTS_NAME} (docs/sagemaker-contract.md §4)"
        )

    if "requirements" in kinds:
        plan = plan_requirements(scan_imports(script_path, result.code), target)
        existing = _read_existing_requirements(requirements_path)
        rendered = render_requirements(plan, script_name, existing=existing, pin=options.pin, python=target.python)
        report.files.append(_emitted("requirements", requirements_path, rendered.text.encode("utf-8")))
        report.unmapped_imports = plan.unmapped
        report.notes += plan.notes + rendered.notes
        if plan.unmapped:
            report.notes.append(
                f"not in {REQUIREMENTS_NAME} (no known distribution; add them by hand): {', '.join(plan.unmapped)}"
            )
        if plan.optional:
            report.notes.append(
                f"not in {REQUIREMENTS_NAME} (only imported under `except ImportError`): {', '.join(plan.optional)}"
            )

    if "entrypoint" in kinds:
        if shell_entrypoint:
            text = build_entrypoint(script_name, target)
            report.files.append(
                _emitted("entrypoint", os.path.join(source_dir, entrypoint_name), text.encode("utf-8"), 0o755)
            )
        else:
            report.notes.append(
                f"no shell entry point needed for {target.label}: the container installs {REQUIREMENTS_NAME} "
                "from source_dir itself"
            )

    if "launcher" in kinds:
        has_requirements = "requirements" in kinds or os.path.isfile(requirements_path)
        if shell_entrypoint and options.launcher_sdk == "v2":
            entry_point = entrypoint_name
        else:
            entry_point = script_name
            if shell_entrypoint:
                report.notes.append(
                    f"the SDK v3 launcher runs {script_name} itself and installs {REQUIREMENTS_NAME} through "
                    f"SourceCode(requirements=...); whether ModelTrainer's driver runs on the {target.label} image "
                    "is not known here: prefer --launcher-sdk v2 for it"
                )
        text = build_launcher(
            script_name,
            target,
            result.hyperparameters,
            result.channels,
            sdk=options.launcher_sdk,
            entry_point=entry_point,
            requirements_file=REQUIREMENTS_NAME if has_requirements else None,
            launcher_name=launcher_name,
            distribution=options.distribution,
        )
        report.files.append(_emitted("launcher", os.path.join(source_dir, launcher_name), text.encode("utf-8")))
    return report
