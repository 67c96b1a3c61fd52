"""`sm-migrate verify`: run a script as a SageMaker training job on this machine and say whether it works.

    sm-migrate verify train.py --channel train=./data/train --hp epochs=1 [--migrate] [--local] [--json]

The job's log streams to stderr; the verdict (a short table, or JSON with `--json`) goes to stdout.
Exit codes: 0 the job succeeded and left a servable model (and `--local` ran OK when asked);
1 the job failed, the model is not servable, or the local run failed (or, with `--strict`, a warning: a
hyperparameter the script never sees, files lost with the code dir); 2 usage or set-up errors
(script or channel path not found, bad `--hp`, toolkit or TensorFlow not installed); 130 interrupted.
The work is done by `migrate.verify` (the same harness the end-to-end tests use).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

import typer

from sm_migrate import verify
from sm_migrate.transforms.contract import DEFAULT_FRAMEWORK_VERSION
from sm_migrate.transforms.versions import release

verify_app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

EXIT_OK, EXIT_NOT_OK, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
NO_MODEL_DIR = "none"


def parse_hyperparameter(text: str) -> tuple[str, Any]:
    """`KEY=VALUE` -> (key, value); VALUE is JSON when it parses (1, 0.5, true, [1,2]), else a string."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise verify.JobInputError(f"bad --hp {text!r}: expected KEY=VALUE")
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    return key.strip(), value


def _pairs(texts: list[str], parse: Callable[[str], tuple[str, Any]], option: str) -> dict[str, Any]:
    """Parse repeated `--option K=V` values into a dict, refusing a key given twice."""
    pairs: dict[str, Any] = {}
    for text in texts:
        key, value = parse(text)
        if key in pairs:
            raise verify.JobInputError(f"{option} {key!r} given twice")
        pairs[key] = value
    return pairs


@verify_app.command()
def verify_command(
    script: Path = typer.Argument(..., help="The training script (entry point)."),
    channel: Optional[list[str]] = typer.Option(
        None, "--channel", help="NAME=PATH: a data channel, copied to input/data/NAME (repeatable)."
    ),
    hp: Optional[list[str]] = typer.Option(
        None, "--hp", help="KEY=VALUE hyperparameter; VALUE is JSON when it parses, else text (repeatable)."
    ),
    source_dir: Optional[Path] = typer.Option(
        None, "--source-dir", help="Folder uploaded with the script (default: the script's folder)."
    ),
    framework_version: str = typer.Option(
        DEFAULT_FRAMEWORK_VERSION, "--framework-version", help="TensorFlow version of the SageMaker image."
    ),
    model_dir: Optional[str] = typer.Option(
        None,
        "--model-dir",
        help=f"The model_dir hyperparameter (default: the SDK's s3://.../model; '{NO_MODEL_DIR}': none).",
    ),
    keep: bool = typer.Option(False, "--keep", help="Keep the job's /opt/ml tree and print where it is."),
    as_json: bool = typer.Option(False, "--json", help="Print the verdict as JSON."),
    timeout: float = typer.Option(3600.0, "--timeout", help="Stop the job after this many seconds."),
    no_install: bool = typer.Option(
        False,
        "--no-install",
        help="Do not pip-install the source dir's requirements.txt (offline use). When installed, as on "
        "SageMaker, pip runs in this Python environment; PIP_* variables (PIP_NO_INDEX, ...) apply.",
    ),
    local: bool = typer.Option(
        False, "--local/--no-local", help="Also run the script plainly, without SM_* variables."
    ),
    migrate_first: bool = typer.Option(
        False, "--migrate", help="Migrate the script in a temp copy of the source dir first."
    ),
    sdk: str = typer.Option(
        "v2", "--sdk", help="Emulate the job as SDK v2's TensorFlow estimator starts it (the real toolkit) or as "
        "SDK v3's ModelTrainer driver does (no --model_dir, booleans as JSON true, SM_HPS).",
    ),
    hosts: int = typer.Option(
        1, "--hosts", min=1, help="Hosts of the job (SDK v2): one toolkit process each, started together, with a "
        "multi-worker-mirrored TF_CONFIG on loopback ports; only the chief may write a model.",
    ),
    strict: bool = typer.Option(
        False, "--strict", help="Exit 1 on a warning too (a hyperparameter the script never sees, files written "
        "into the code dir, which SageMaker loses).",
    ),
) -> None:
    """Run SCRIPT as a SageMaker TensorFlow training job with the real toolkit (no Docker, no AWS)."""
    scratch = Path(tempfile.mkdtemp(prefix="sm-migrate-verify-cli-"))
    try:
        code = _verify(
            script=script,
            channels=_pairs(channel or [], verify.parse_channel_option, "--channel"),
            hyperparameters=_pairs(hp or [], parse_hyperparameter, "--hp"),
            source_dir=source_dir,
            framework_version=framework_version,
            model_dir=False if model_dir == NO_MODEL_DIR else model_dir,
            keep=keep,
            as_json=as_json,
            timeout=timeout,
            install_requirements=not no_install,
            local=local,
            migrate_first=migrate_first,
            scratch=scratch,
            sdk=sdk,
            hosts=hosts,
            strict=strict,
        )
    except verify.VerifyError as exc:
        typer.echo(f"error: {exc}", err=True)
        code = EXIT_USAGE
    except KeyboardInterrupt:
        typer.echo("interrupted: the job was stopped", err=True)
        code = EXIT_INTERRUPTED
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    raise typer.Exit(code)


def _verify(
    *,
    script: Path,
    channels: dict[str, str],
    hyperparameters: dict[str, Any],
    source_dir: Path | None,
    framework_version: str,
    model_dir: str | bool | None,
    keep: bool,
    as_json: bool,
    timeout: float,
    install_requirements: bool,
    local: bool,
    migrate_first: bool,
    scratch: Path,
    sdk: str = "v2",
    hosts: int = 1,
    strict: bool = False,
) -> int:
    if not script.is_file():
        raise verify.JobInputError(f"script not found: {script}")
    source = (source_dir or script.parent).resolve()
    if not source.is_dir():
        raise verify.JobInputError(f"source dir not found: {source_dir}")
    script = script.resolve()
    if not script.is_relative_to(source):
        raise verify.JobInputError(f"script {script} is not inside the source dir {source}")
    if sdk not in verify.SDKS:
        raise verify.JobInputError(f"--sdk must be one of {', '.join(verify.SDKS)}, not {sdk!r}")
    if sdk == "v2":
        verify.toolkit_command()
    verify.require_tensorflow()
    warnings = framework_warnings(framework_version)
    notes = []
    if migrate_first:
        copy = scratch / "migrated"
        shutil.copytree(source, copy)
        script, source = copy / script.relative_to(source), copy
        if script.suffix == ".ipynb":
            script, converted = _notebook_script(script, source)
            notes += converted
        notes += _migrate_in_place(script, framework_version, channels, source, hosts)
    elif script.suffix == ".ipynb":
        raise verify.JobInputError(f"{script.name} is a notebook: it becomes the job's script with --migrate")

    warnings += undeclared_hyperparameter_warnings(source, hyperparameters)

    def stream(line: str) -> None:
        typer.echo(line, err=True)

    options = dict(source_dir=source, model_dir=model_dir, timeout=timeout, keep=keep,
                   install_requirements=install_requirements, log=stream, sdk=sdk)  # fmt: skip
    if hosts > 1:
        job = verify.run_multi_host_job(script, channels, hyperparameters, hosts=hosts, **options)
        if as_json:
            typer.echo(json.dumps(dict(job.to_dict(), notes=notes, warnings=warnings), indent=2))
        else:
            typer.echo(format_multi_host_report(job, notes, warnings, strict))
        warned = bool(warnings or job.chief.warnings)
        return EXIT_OK if job.ok and not (strict and warned) else EXIT_NOT_OK
    result = verify.run_job(script, channels, hyperparameters, **options)
    local_run = None
    if local:
        local_dir = scratch / "local"
        shutil.copytree(source, local_dir)
        # the code folder on the import path, as in the job: a package's `from trainer import model` resolves
        python_path = os.pathsep.join(filter(None, (str(local_dir), os.environ.get("PYTHONPATH"))))
        local_run = verify.run_local(local_dir / script.relative_to(source), env={"PYTHONPATH": python_path},
                                     timeout=timeout, log=stream)
    if as_json:
        report = dict(result.to_dict(), notes=notes, local_run=_local_dict(local_run))
        report["warnings"] = warnings + report["warnings"]
        typer.echo(json.dumps(report, indent=2))
    else:
        typer.echo(format_report(result, local_run, notes, warnings, strict))
    passed = result.ok and (local_run is None or local_run.ok)
    warned = bool(warnings or result.warnings)
    return EXIT_OK if passed and not (strict and warned) else EXIT_NOT_OK


def framework_warnings(framework_version: str) -> list[str]:
    """Warn when the local TensorFlow is not the target image's: the job runs on the local one, so the
    emulation proves less (an API the image's version lacks or changed passes here)."""
    installed = verify.installed_tensorflow_version()
    if installed and release(installed)[:2] != release(framework_version)[:2]:
        return [
            f"the job ran on the local TensorFlow {installed}, not the target image's {framework_version}: "
            f"this proves less than a run on TensorFlow {framework_version} would"
        ]
    return []


# Options a script declares, as its code spells them: argparse/click flags, absl DEFINE_* names.
_OPTION_FLAG = re.compile(r"""["'](--[A-Za-z_][\w-]*)["']""")
_ABSL_FLAG = re.compile(r"""DEFINE_\w+\(\s*(?:name\s*=\s*)?["']([A-Za-z_]\w*)["']""")


def undeclared_hyperparameter_warnings(source: Path, hyperparameters: dict[str, Any]) -> list[str]:
    """A hyperparameter no file of the job's code declares as an option reaches no option: argparse's
    parse_known_args drops it, and the job runs with the script's own value while the report looks fine."""
    declared: set[str] = set()
    for path in sorted(source.rglob("*.py")):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        declared.update(_OPTION_FLAG.findall(text))
        declared.update("--" + name for name in _ABSL_FLAG.findall(text))
    return [f"hyperparameter {name!r}: no '--{name}' option is declared in the job's code, so the script never "
            f"sees it and runs with its own value" for name in hyperparameters if f"--{name}" not in declared]


def _migrate_in_place(
    script: Path, framework_version: str, channels: dict[str, str], source: Path, hosts: int = 1
) -> list[str]:
    """Migrate the (copied) script in place; add channels the migration found that the user did not give.

    A found channel's original path is taken relative to the source dir, where the script was meant to run.
    """
    from sm_migrate.files import SourceError, read_source, write_atomic
    from sm_migrate.transforms.contract import MigrationError, MigrationOptions
    from sm_migrate.transforms.engine import migrate_source

    try:
        text = read_source(str(script))
        distribution = "mwms" if hosts > 1 else "none"
        options = MigrationOptions(framework_version=framework_version, distribution=distribution)
        migration = migrate_source(text.text, options)
    except (SourceError, MigrationError) as exc:
        raise verify.JobInputError(f"cannot migrate {script.name}: {exc}") from None
    write_atomic(str(script), text.encode(migration.code))
    notes = [f"migrated a temp copy ({', '.join(migration.transforms) or 'no changes'})"]
    notes += [diagnostic.format(script.name) for diagnostic in migration.diagnostics]
    for name, original in migration.channels.items():
        path = source / original
        if name in channels:
            continue
        if path.exists():
            channels[name] = str(path)
            notes.append(f"channel {name!r} taken from the script: {original}")
        else:
            notes.append(f"channel {name!r}: {original} not in the source dir, pass --channel {name}=PATH")
    return notes


def _notebook_script(notebook: Path, source: Path) -> tuple[Path, list[str]]:
    """Write the (copied) notebook's plain script beside it, to be migrated next; its `pip install`
    requirements go to the source dir's requirements.txt, which the job installs."""
    from sm_migrate.files import write_atomic
    from sm_migrate.notebooks import NotebookError, add_requirements, notebook_to_script, script_path_for

    try:
        converted = notebook_to_script(notebook.read_text(encoding="utf-8-sig"), notebook.name)
    except (NotebookError, UnicodeDecodeError) as exc:
        raise verify.JobInputError(f"cannot convert {notebook.name}: {exc}") from None
    script = Path(script_path_for(str(notebook)))
    write_atomic(str(script), converted.code.encode("utf-8"))
    notes = [f"{notebook.name} converted to {script.name}"]
    notes += [diagnostic.format(notebook.name) for diagnostic in converted.diagnostics]
    if converted.requirements:
        requirements = source / "requirements.txt"
        existing = requirements.read_text(encoding="utf-8") if requirements.exists() else ""
        write_atomic(str(requirements), add_requirements(existing, converted.requirements, notebook.name).encode())
    return script, notes


def _local_dict(local_run: verify.LocalRun | None) -> dict | None:
    if local_run is None:
        return None
    return {
        "ok": local_run.ok,
        "exit_code": local_run.exit_code,
        "timed_out": local_run.timed_out,
        "wall_time": round(local_run.wall_time, 3),
        "error": local_run.error,
    }


def format_report(
    result: verify.JobResult,
    local_run: verify.LocalRun | None = None,
    notes: Sequence[str] = (),
    warnings: Sequence[str] = (),
    strict: bool = False,
) -> str:
    """The short verdict table printed by `sm-migrate verify`."""
    rows: list[tuple[str, str]] = []
    if result.succeeded:
        rows.append(("result", "succeeded (output/success)"))
    elif result.timed_out:
        rows.append(("result", f"TIMED OUT after {result.wall_time:.0f} s (stopped)"))
    else:
        rows.append(("result", f"FAILED (exit {result.exit_code}): {result.failure_reason}"))
    for model in result.servable_models:
        rows.append(("servable model", f"model/{model.path}  {model.signature_text()}"))
    if not result.servable_models:
        rows.append(("servable model", "NONE"))
    kept_beside = result.keras_files if result.servable_models else []  # a .keras kept with the export: no problem
    rows += [("not servable", finding) for finding in result.non_servable
             if finding.split(":", 1)[0].removeprefix("model/") not in kept_beside]
    if kept_beside:
        rows.append(("also in model/", f"{verify.short_list(kept_beside)} (Keras files, packed with the model; "
                                       "TF Serving loads the SavedModel)"))
    rows.append(("output/data", verify.short_list(result.output_data_files) or "-"))
    rows.append(("checkpoints", verify.short_list(result.checkpoint_files) or "-"))
    lost = f"WARNING {len(result.code_dir_writes)} file(s) written, lost on SageMaker: "
    lost += verify.short_list(result.code_dir_writes)
    rows.append(("code dir", lost if result.code_dir_writes else "nothing written"))
    rows += [("warning", warning) for warning in [*warnings, *result.hyperparameter_warnings]]
    if local_run is not None:
        state = "OK" if local_run.ok else ("TIMED OUT" if local_run.timed_out else "FAILED")
        error = f": {local_run.error}" if local_run.error and not local_run.ok else ""
        timing = f"exit {local_run.exit_code}, {local_run.wall_time:.1f} s"
        rows.append(("local run", f"{state} ({timing}){error}"))
    rows.append(("wall time", f"{result.wall_time:.1f} s"))
    if result.kept:
        rows.append(("job tree", str(result.layout.base_dir)))
    rows += [("note", note) for note in notes]
    width = max(len(label) for label, _ in rows)
    lines = [f"verify {result.layout.entry_point} (job {result.layout.job_name}, SDK {result.layout.sdk})"]
    lines += [f"  {label.ljust(width)}  {value}" for label, value in rows]
    if result.script_error and not result.succeeded:
        lines.append("script error:")
        lines += [f"  {line}" for line in result.script_error.splitlines()]
    problems = list(result.problems)
    if local_run is not None and not local_run.ok:
        problems.append(f"the local run (no SM_* variables) failed (exit {local_run.exit_code})")
    lines.append("verdict: " + _verdict(problems, [*warnings, *result.warnings], strict))
    return "\n".join(lines)


def _verdict(problems: Sequence[str], warnings: Sequence[str], strict: bool) -> str:
    """`NOT OK: <problems>`, or `OK` with a count of the warnings above it (NOT OK with `--strict`): a job
    can pass here and still lose its files or train with the script's own values on SageMaker, which a bare
    OK would hide."""
    if problems:
        return "NOT OK: " + "; ".join(problems)
    counted = f"{len(warnings)} warning{'s' if len(warnings) > 1 else ''} above"
    if warnings:
        return f"NOT OK (--strict): {counted}" if strict else f"OK, with {counted}"
    return "OK"


def format_multi_host_report(
    job: verify.MultiHostResult, notes: Sequence[str] = (), warnings: Sequence[str] = (), strict: bool = False
) -> str:
    """One line per host (its result and what it left in model/), then the job's verdict: every host
    succeeded, the chief left a servable model and no other host wrote one."""
    first = job.chief.layout
    lines = [f"verify {first.entry_point} (job {first.job_name}, SDK {first.sdk}, {len(job.jobs)} hosts)"]
    for host_job in job.jobs:
        role = "chief" if host_job is job.chief else "worker"
        if host_job.succeeded:
            state = "succeeded"
        elif host_job.timed_out:
            state = f"TIMED OUT after {host_job.wall_time:.0f} s"
        else:
            state = f"FAILED (exit {host_job.exit_code}): {host_job.failure_reason}"
        models = ", ".join(f"model/{model.path}" + ("" if model.servable else " (not servable)")
                           for model in host_job.saved_models) or "no SavedModel"  # fmt: skip
        lines.append(f"  {host_job.layout.current_host} ({role})  {state}; {models}; "
                     f"{host_job.wall_time:.1f} s")  # fmt: skip
    for model in job.chief.servable_models:
        lines.append(f"  servable model  model/{model.path}  {model.signature_text()}")
    lines += [f"  warning  {warning}" for warning in [*warnings, *job.chief.warnings]]
    lines += [f"  note  {note}" for note in notes]
    if job.chief.kept:
        lines.append(f"  job trees  {first.root.parent if len(job.jobs) > 1 else first.root}")
    lines.append("verdict: " + _verdict(job.problems, [*warnings, *job.chief.warnings], strict))
    return "\n".join(lines)


def run_verify_cli(argv: list[str]) -> int:
    """Run `sm-migrate verify` with `argv` (the arguments after `verify`); returns the exit code."""
    try:
        verify_app(args=argv, prog_name="sm-migrate verify")
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(run_verify_cli(sys.argv[1:]))
