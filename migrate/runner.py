"""The per-file pipeline shared by the one-shot CLI and the batch runner.

read bytes (encoding, newlines, BOM kept) -> pre-filter -> `migrate_source` (which compiles the code it
returns) -> the new code must be encodable in the file's encoding -> write atomically / diff / check. A file is
never written unless its new text compiled; every problem becomes a `failed` outcome with a one-line reason,
never an exception, so one bad file cannot stop a batch.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import stat
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sm_migrate.discovery import NOT_TF_REASON, imports_tensorflow, prefilter
from sm_migrate.files import SourceError, SourceText, decode_source, write_atomic
from sm_migrate.notebooks import is_notebook, migrate_notebook, notebook_prefilter
from sm_migrate.packages import training_modules
from sm_migrate.transforms import diagnostics
from sm_migrate.transforms.contract import Diagnostic, MigrationError, MigrationOptions, MigrationResult
from sm_migrate.transforms.engine import migrate_source

if TYPE_CHECKING:
    from sm_migrate.emit import EmitOptions, EmittedFile

STATUSES = ("migrated", "would_migrate", "already_migrated", "skipped", "failed")


@dataclass(frozen=True)
class RunSettings:
    """What every file of a run is done with (picklable: sent once to each worker)."""

    mode: str = "write"  # "write" | "check" | "diff"
    options: MigrationOptions = field(default_factory=MigrationOptions)
    emit: EmitOptions | None = None  # --emit: also produce requirements.txt / entry point / launcher
    notebook_markdown: bool = True  # a notebook's markdown cells become comments in its script


@dataclass(frozen=True)
class FileJob:
    path: str
    output: str | None = None  # None: in place
    explicit: bool = True  # named by the user: no import pre-filter
    copy_if_failed: bool = False  # --out-dir: a file that cannot be migrated is copied unchanged


@dataclass
class FileOutcome:
    path: str
    status: str  # one of STATUSES
    output: str | None = None
    reason: str = ""  # for skipped and failed
    diagnostics: list[Diagnostic] = field(default_factory=list)
    transforms: list[str] = field(default_factory=list)
    hyperparameters: list[dict] = field(default_factory=list)
    channels: dict[str, str] = field(default_factory=dict)
    emitted: list[str] = field(default_factory=list)  # emitted files written (or, with --check/--diff, pending)
    emit_notes: list[str] = field(default_factory=list)
    emitted_files: list[EmittedFile] = field(default_factory=list)  # built by the worker, written by `apply_emitted`
    # With --emit, the migrated script's (destination, bytes, original path) waits for `apply_emitted` too: a
    # file whose emitted files clash with another's fails untouched.
    deferred_write: tuple[str, bytes, str] | None = None
    diff: str = ""
    seconds: float = 0.0
    candidate: bool = False  # passed the pre-filter and reached the engine


class FileFailure(Exception):
    """The file cannot be migrated; `reason` is the one-line message, `diagnostic` the engine's, if any."""

    def __init__(self, reason: str, diagnostic: Diagnostic | None = None):
        super().__init__(reason)
        self.reason = reason
        self.diagnostic = diagnostic


def migrate_text(source: SourceText, options: MigrationOptions) -> MigrationResult:
    """Run the engine and check its output can be saved; raises FileFailure instead of returning bad code."""
    try:
        result = migrate_source(source.text, options)
    except MigrationError as exc:
        diagnostic = exc.diagnostic
        raise FileFailure(f"line {diagnostic.line}:{diagnostic.col}: {diagnostic.message}", diagnostic) from None
    if result.changed:  # the engine has compiled the new code (SM900 otherwise): what is left is saving it
        try:
            source.encode(result.code)
        except UnicodeEncodeError:
            reason = f"the migrated code cannot be encoded as {source.encoding}; file left untouched"
            raise FileFailure(reason) from None
    return result


def unified_diff(old: str, new: str, old_label: str, new_label: str) -> str:
    """A unified diff with `\\ No newline at end of file` markers, or "" when equal."""
    if old == new:
        return ""
    lines = []
    for line in difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), old_label, new_label
    ):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(lines)


def is_read_only(path: str) -> bool:
    """No write bit at all, or no write access: root ignores the bits, the user's intent does not."""
    mode = os.stat(path).st_mode
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK)


def _read_only_output(job: FileJob) -> bool:
    """Is the destination of `-o`/`--out-dir` a file that exists read-only (the user's, not to be replaced)?"""
    return job.output is not None and os.path.isfile(job.output) and is_read_only(job.output)


def write_like(path: str, data: bytes, mode_from: str) -> None:
    """Atomically write `data` to `path` (parents created) with the permission bits of `mode_from`."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    write_atomic(path, data)
    os.chmod(path, stat.S_IMODE(os.stat(mode_from).st_mode))


def result_fields(result: MigrationResult) -> dict:
    return {
        "diagnostics": list(result.diagnostics),
        "transforms": list(result.transforms),
        "hyperparameters": [
            {"name": h.name, "default": h.default, "type": h.type_name, "line": h.line, "target": h.target}
            for h in result.hyperparameters
        ],
        "channels": dict(result.channels),
    }


def settle_without_engine(job: FileJob, settings: RunSettings) -> tuple[FileOutcome | None, bytes]:
    """The outcome of a file decided before any parsing: unreadable, or skipped by the byte pre-filter (with
    `--out-dir`, copied there unchanged). (None, its bytes) when the engine must see it. Never parses, so the
    batch parent runs it itself instead of a round trip to a worker for each of a repository's many non-TF files.
    """
    try:
        with open(job.path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return FileOutcome(job.path, "failed", reason=f"cannot read: {exc.strerror or exc}"), b""
    if is_notebook(job.path):
        skip_reason = notebook_prefilter(data, check_imports=not job.explicit)
    else:
        skip_reason = prefilter(data, check_imports=not job.explicit, path=job.path)
    if skip_reason:
        return _keep_original(job, settings, data, FileOutcome(job.path, "skipped", reason=skip_reason)), data
    return None, data


def _keep_original(job: FileJob, settings: RunSettings, data: bytes, outcome: FileOutcome) -> FileOutcome:
    """With a destination, a file that is not rewritten is still copied there unchanged."""
    if job.output and settings.mode == "write" and (outcome.status != "failed" or job.copy_if_failed):
        if _read_only_output(job):
            return FileOutcome(job.path, "failed", reason=f"read-only file: {job.output} not overwritten")
        try:
            write_like(job.output, data, job.path)
        except OSError as exc:
            return FileOutcome(job.path, "failed", reason=f"cannot write {job.output}: {exc.strerror or exc}")
        outcome.output = job.output
    return outcome


def _migrate_file(job: FileJob, settings: RunSettings) -> FileOutcome:
    settled, data = settle_without_engine(job, settings)
    if settled is not None:
        return settled
    outcome = migrate_notebook(job, settings, data) if is_notebook(job.path) else _run_engine(job, settings, data)
    outcome.candidate = True
    if outcome.status in ("migrated", "would_migrate") or is_notebook(job.path):  # a notebook copies itself
        return outcome
    return _keep_original(job, settings, data, outcome)


def _run_engine(job: FileJob, settings: RunSettings, data: bytes) -> FileOutcome:
    """Decode, migrate, self-check, then write (in place or to `job.output`), diff or just compare."""
    try:
        source = decode_source(data)
        result = migrate_text(source, settings.options)
        if result.package_imports:  # trains nothing itself: the entry point of a package whose modules train?
            trained_in = training_modules(job.path, result.package_imports)
            if trained_in:
                result = migrate_text(source, dataclasses.replace(settings.options, trained_in=trained_in))
    except (SourceError, FileFailure) as exc:
        if not job.explicit and not imports_tensorflow(data):  # only a possible package entry point: not ours
            return FileOutcome(job.path, "skipped", reason=NOT_TF_REASON)
        if isinstance(exc, SourceError):
            return FileOutcome(job.path, "failed", reason=str(exc))
        reported = [exc.diagnostic] if exc.diagnostic else []
        return FileOutcome(job.path, "failed", reason=exc.reason, diagnostics=reported)
    if not result.is_training_script:
        reason = next((d.message for d in result.diagnostics if d.code == "SM002"), "not a TensorFlow training script")
        return FileOutcome(job.path, "skipped", reason=reason,
                           diagnostics=[d for d in result.diagnostics if d.code != "SM002"])
    fields = result_fields(result)
    if settings.emit is not None:
        from sm_migrate.emit import EmitError, emit_files

        try:
            emitted = emit_files(job.output or job.path, result, settings.emit)
        except EmitError as exc:
            return FileOutcome(job.path, "failed", reason=f"cannot emit: {exc}", **fields)
        fields.update(emitted_files=emitted.files, emit_notes=emitted.notes)
    if not result.changed:
        return FileOutcome(job.path, "already_migrated", **fields)
    if settings.mode != "write":
        diff = ""
        if settings.mode == "diff":
            diff = unified_diff(source.text, result.code, f"{job.path}\t(original)", f"{job.path}\t(migrated)")
        return FileOutcome(job.path, "would_migrate", diff=diff, **fields)
    destination = job.output or os.path.realpath(job.path)  # in place through a symlink keeps the symlink
    if job.output is None and is_read_only(destination):
        return FileOutcome(job.path, "failed", reason="read-only file: not modified", **fields)
    if _read_only_output(job):
        return FileOutcome(job.path, "failed", reason=f"read-only file: {job.output} not overwritten", **fields)
    if settings.emit is not None:
        return FileOutcome(job.path, "migrated", output=job.output,
                           deferred_write=(destination, source.encode(result.code), job.path), **fields)
    try:
        write_like(destination, source.encode(result.code), job.path)
    except OSError as exc:
        return FileOutcome(job.path, "failed", reason=f"cannot write {destination}: {exc.strerror or exc}", **fields)
    return FileOutcome(job.path, "migrated", output=job.output, **fields)


def migrate_file(job: FileJob, settings: RunSettings) -> FileOutcome:
    """The whole pipeline for one file. Never raises: an unexpected error is a `failed` outcome."""
    started = time.perf_counter()
    try:
        outcome = _migrate_file(job, settings)
    except Exception as exc:  # an engine bug must not stop a batch: report it against the file
        outcome = FileOutcome(job.path, "failed", reason=f"internal error: {type(exc).__name__}: {exc}")
    outcome.seconds = time.perf_counter() - started
    return outcome


def apply_emitted(outcomes: list[FileOutcome], mode: str) -> None:
    """Write (or diff, or just list) the emitted files of a whole run, after every script is done.

    Two scripts whose emitted files land on the same path (two training scripts in one folder) would overwrite
    each other: neither gets that file, and both fail with the reason, left as they were (their migrated text is
    written here, once no clash is left: `FileOutcome.deferred_write`). A package's entry point and
    the modules it imports are one job, though: the entry point's files are the job's (its requirements cover the
    modules it imports), and the modules emit none of their own.
    """
    owners: dict[str, list[FileOutcome]] = {}
    for outcome in outcomes:
        for emitted in outcome.emitted_files:
            owners.setdefault(emitted.path, []).append(outcome)
    for path, claimants in owners.items():
        entry_points = [outcome for outcome in claimants
                        if any(d.code == diagnostics.PACKAGE_ENTRY_POINT.code for d in outcome.diagnostics)]
        if len(claimants) > 1 and len(entry_points) == 1:
            for module in claimants:
                if module is not entry_points[0]:
                    module.emitted_files = [emitted for emitted in module.emitted_files if emitted.path != path]
        elif len(claimants) > 1:
            names = ", ".join(sorted(o.path for o in claimants))
            for outcome in claimants:
                outcome.status = "failed"
                outcome.reason = f"emit conflict: {path} would be written for each of {names}"
    for outcome in outcomes:
        if outcome.status == "failed":
            continue
        if outcome.deferred_write is not None:
            destination, data, like = outcome.deferred_write
            try:
                write_like(destination, data, like)
            except OSError as exc:
                outcome.status = "failed"
                outcome.reason = f"cannot write {destination}: {exc.strerror or exc}"
                continue
        for emitted in outcome.emitted_files:
            if not emitted.changed:
                continue
            if mode == "write":
                try:
                    write_atomic(emitted.path, emitted.data)
                    if emitted.mode is not None:
                        os.chmod(emitted.path, emitted.mode)
                except OSError as exc:
                    outcome.status = "failed"
                    outcome.reason = f"cannot write {emitted.path}: {exc.strerror or exc}"
                    break
            elif mode == "diff":
                outcome.diff += _emitted_diff(emitted.path, emitted.data)
            outcome.emitted.append(emitted.path)


def _emitted_diff(path: str, data: bytes) -> str:
    try:
        with open(path, "rb") as handle:
            old, old_label = handle.read().decode("utf-8", "replace"), f"{path}\t(current)"
    except FileNotFoundError:
        old, old_label = "", "/dev/null"
    return unified_diff(old, data.decode("utf-8"), old_label, f"{path}\t(emitted)")
