"""`sm-migrate`: the command line, a thin typer layer over `migrate.runner` and `migrate.batch`.

    sm-migrate PATH...            rewrite files in place (directories are walked)
    sm-migrate --diff PATH...     print a unified diff, write nothing (exit 1 if changes are pending)
    sm-migrate --check PATH...    write nothing, exit 1 if changes are pending
    sm-migrate -o OUT FILE        write the result elsewhere
    sm-migrate -                  stdin -> stdout
    sm-migrate verify ...         run a script as an emulated SageMaker job (migrate/verify_cli.py)

Exit codes: 0 success / nothing to do, 1 changes pending (--check/--diff), 2 usage error, 3 a file failed.
Human output goes to stderr; stdout carries only diffs and stdin-mode code. Heavy modules (the engine,
libcst, rich, pathspec) are imported inside the command, so `--help` stays fast.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Annotated

import typer

EXIT_OK, EXIT_CHANGES, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
# --keras: which Keras a script runs on where the target ships Keras 3 (MigrationOptions.keras).
KERAS_MODES = ("2", "3")

app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,  # plain help text: "[default: ...]" must not be read as markup
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Rewrite local TensorFlow/Keras training scripts into SageMaker script-mode training scripts.",
)


class UsageError(Exception):
    """A bad combination of arguments or a bad config file: exit 2."""


def _echo_err(line: str) -> None:
    typer.echo(line, err=True)


@app.command()
def migrate(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH", help="Files or directories to migrate; '-' reads stdin, writes stdout."),
    ] = None,
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff and write nothing.")] = False,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if a file would change.")] = False,
    output: Annotated[
        str | None,
        typer.Option("-o", "--output", metavar="FILE", help="Write the result to this file (one input only)."),
    ] = None,
    out_dir: Annotated[
        str | None,
        typer.Option("--out-dir", metavar="DIR",
                     help="Write the converted tree here, copying every other file; sources untouched."),
    ] = None,
    framework_version: Annotated[
        str | None,
        typer.Option("--framework-version", metavar="VERSION",
                     help="Target SageMaker TensorFlow version [default: 2.21, the newest training image]."),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("-j", "--jobs", metavar="N", min=1, help="Worker processes [default: number of CPUs].")
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option("--include", metavar="GLOB", help="Glob of files to consider (repeatable) [default: *.py]."),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", metavar="GLOB", help="Glob of paths to skip (repeatable); replaces the configured."),
    ] = None,
    extend_exclude: Annotated[
        list[str] | None,
        typer.Option("--extend-exclude", metavar="GLOB", help="Glob of paths to skip too (repeatable)."),
    ] = None,
    respect_gitignore: Annotated[
        bool | None, typer.Option("--gitignore/--no-gitignore", help="Skip files ignored by .gitignore [default: on].")
    ] = None,
    force_exclude: Annotated[
        bool | None,
        typer.Option(
            "--force-exclude/--no-force-exclude",
            help="Apply excludes and the TensorFlow pre-filter to files named explicitly too (for pre-commit).",
        ),
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option("--timeout", metavar="SECONDS", min=0.001, help="Seconds allowed per file [default: 120]."),
    ] = None,
    report: Annotated[
        str | None,
        typer.Option("--report", metavar="FILE", help="Write a JSON report of every file here."),
    ] = None,
    color: Annotated[
        bool | None, typer.Option("--color/--no-color", help="Colour the diff [default: only on a terminal].")
    ] = None,
    emit: Annotated[
        list[str] | None,
        typer.Option(
            "--emit",
            metavar="KIND",
            help="Also write next to each script: requirements, entrypoint, launcher or all (repeatable).",
        ),
    ] = None,
    pin: Annotated[
        bool | None, typer.Option("--pin/--no-pin", help="requirements.txt: pin the locally installed versions.")
    ] = None,
    py_version: Annotated[
        str | None,
        typer.Option("--py-version", metavar="PYVER",
                     help="Python of the SageMaker image, e.g. py310 [default: the image's]."),
    ] = None,
    launcher_sdk: Annotated[
        str | None,
        typer.Option("--launcher-sdk", metavar="v2|v3",
                     help="Launcher for SageMaker Python SDK v3 (ModelTrainer) or v2 (estimator) [default: v3]."),
    ] = None,
    distribution: Annotated[
        str | None,
        typer.Option("--distribution", metavar="KIND",
                     help="Distributed job: mwms, horovod, parameter-server or none [default: none]."),
    ] = None,
    keras: Annotated[
        str | None,
        typer.Option("--keras", metavar="2|3",
                     help="On a Keras 3 target (TF >= 2.16): 3 rewrites the Keras 2 APIs it can; 2 keeps Keras 2 "
                          "(TF_USE_LEGACY_KERAS=1, tf-keras) [default: 3]."),
    ] = None,
    entrypoint_name: Annotated[
        str | None,
        typer.Option("--entrypoint-name", metavar="NAME", help="Shell entry point file name [default: train.sh]."),
    ] = None,
    launcher_name: Annotated[
        str | None,
        typer.Option("--launcher-name", metavar="NAME", help="Launcher file name [default: launch_sagemaker.py]."),
    ] = None,
    channel: Annotated[
        list[str] | None,
        typer.Option("--channel", metavar="NAME=PATH", help="Reads under PATH form input channel NAME (repeatable)."),
    ] = None,
    export: Annotated[
        str | None,
        typer.Option("--export", metavar="NAME", help="Where a script trains several models, export only this one."),
    ] = None,
    notebook_markdown: Annotated[
        bool | None,
        typer.Option("--notebook-markdown/--no-notebook-markdown",
                     help="A notebook's markdown cells become comments in its script [default: on]."),
    ] = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Only print failures.")] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Also print a line for every file.")] = False,
) -> None:
    """Migrate TensorFlow/Keras training scripts to SageMaker script mode, in place by default."""
    try:
        code = _run(
            paths or [],
            diff=diff,
            check=check,
            output=output,
            out_dir=out_dir,
            framework_version=framework_version,
            jobs=jobs,
            include=include,
            exclude=exclude,
            extend_exclude=extend_exclude,
            respect_gitignore=respect_gitignore,
            force_exclude=force_exclude,
            timeout=timeout,
            report=report,
            color=color,
            emit=emit,
            pin=pin,
            py_version=py_version,
            launcher_sdk=launcher_sdk,
            distribution=distribution,
            keras=keras,
            entrypoint_name=entrypoint_name,
            launcher_name=launcher_name,
            channel=channel,
            export=export,
            notebook_markdown=notebook_markdown,
            quiet=quiet,
            verbose=verbose,
        )
    except UsageError as exc:
        _echo_err(f"sm-migrate: error: {exc}")
        code = EXIT_USAGE
    raise typer.Exit(code)


def _validate(paths: list[str], *, diff, check, output, out_dir, report, quiet, verbose) -> None:
    if not paths:
        raise UsageError("no paths given (use '-' to read from stdin)")
    if quiet and verbose:
        raise UsageError("--quiet and --verbose exclude each other")
    if "-" in paths and len(paths) > 1:
        raise UsageError("'-' (stdin) cannot be combined with other paths")
    if paths == ["-"] and (out_dir or report):
        raise UsageError("--out-dir and --report need file paths, not '-' (stdin)")
    if report is not None and (not report or os.path.isdir(report)
                               or not os.path.isdir(os.path.dirname(os.path.abspath(report)))):
        raise UsageError(f"--report {report!r}: not a file in an existing folder")
    if output and out_dir:
        raise UsageError("-o/--output and --out-dir exclude each other")
    if (output or out_dir) and (diff or check):
        raise UsageError("--check/--diff write nothing: they cannot be combined with -o/--out-dir")
    if output and (len(paths) > 1 or os.path.isdir(paths[0])):
        raise UsageError("-o/--output takes exactly one input file")
    if output and output.endswith(".ipynb"):
        raise UsageError("-o/--output names the script written from a notebook, not a notebook")
    for path in paths:
        if path != "-" and not os.path.lexists(path):
            raise UsageError(f"{path}: no such file or directory")
    if out_dir:
        out_real = os.path.realpath(out_dir)
        for path in paths:
            real = os.path.realpath(path)
            home = real if os.path.isdir(real) else os.path.dirname(real)
            if home == out_real or home.startswith(out_real + os.sep):
                raise UsageError(f"--out-dir {out_dir} would overwrite the sources in {path}")


def _run(paths: list[str], **args) -> int:
    _validate(paths, **{k: args[k] for k in ("diff", "check", "output", "out_dir", "report", "quiet", "verbose")})
    from sm_migrate.config import ConfigError, load_config
    from sm_migrate.runner import RunSettings
    from sm_migrate.transforms.contract import MigrationOptions
    from sm_migrate.transforms.frameworks import find_image, known_versions
    from sm_migrate.transforms.versions import framework_release

    try:
        config = load_config(paths)
    except ConfigError as exc:
        raise UsageError(str(exc)) from None

    def setting(name: str, default):
        """CLI value, else the pyproject.toml value, else the default."""
        value = args.get(name)
        return value if value is not None else config.cli.get(name, default)

    engine_options = dict(config.engine)
    if args["framework_version"]:
        engine_options["framework_version"] = args["framework_version"]
    if args["channel"]:  # the command line wins: its channels replace the configuration's, as --exclude does
        engine_options["channels"] = _channels(args["channel"])
    if args["export"]:
        engine_options["export_model"] = args["export"]
    if args["distribution"]:
        engine_options["distribution"] = args["distribution"]
    if args["keras"]:
        engine_options["keras"] = args["keras"]
    options = MigrationOptions(**engine_options)
    if framework_release(options.framework_version) is None:
        raise UsageError(f"framework version must look like 2.21, not {options.framework_version!r}")
    if find_image(options.framework_version) is None and not args["quiet"]:  # (a newer image than this release)
        _echo_err(f"sm-migrate: warning: no SageMaker TensorFlow training image is known for "
                  f"{options.framework_version} (known: {', '.join(known_versions())}): migrating for it anyway")
    _check_distribution(options.distribution)
    if options.keras not in KERAS_MODES:
        raise UsageError(f"--keras must be one of {', '.join(KERAS_MODES)}, not {options.keras!r}")
    mode = "diff" if args["diff"] else "check" if args["check"] else "write"
    emit_options = _emit_options(setting, options.framework_version, options.distribution)
    settings = RunSettings(mode=mode, options=options, emit=emit_options,
                           notebook_markdown=setting("notebook_markdown", True))
    if paths == ["-"]:
        if emit_options:
            raise UsageError("--emit needs a script path: it cannot be used with '-' (stdin)")
        return _run_stdin(settings, args["output"], args["quiet"], args["color"])
    return _run_paths(paths, settings, setting=setting, **args)


def _channels(values: list[str]) -> dict[str, str]:
    """`--channel NAME=PATH`, repeatable; a name given again takes the later path."""
    from sm_migrate.verify import parse_channel_option

    try:
        return dict(parse_channel_option(value) for value in values)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _check_distribution(distribution: str) -> None:
    from sm_migrate.emit.launcher import DISTRIBUTIONS

    if distribution not in DISTRIBUTIONS:
        raise UsageError(f"--distribution must be one of {', '.join(DISTRIBUTIONS)}, not {distribution!r}")


def _emit_options(setting, framework_version: str, distribution: str):
    """EmitOptions from --emit and its companions (or the config), checked up front: bad values exit 2."""
    kinds = setting("emit", None)
    if not kinds:
        return None
    from sm_migrate.emit import EMIT_KINDS, EmitError, EmitOptions, resolve_target
    from sm_migrate.emit.entrypoint import validate_entrypoint_name
    from sm_migrate.emit.launcher import LAUNCHER_SDKS, validate_distribution, validate_launcher_name

    wanted = set(EMIT_KINDS) if "all" in kinds else set(kinds)
    unknown = wanted - set(EMIT_KINDS)
    if unknown:
        raise UsageError(f"--emit takes {', '.join(EMIT_KINDS)} or all, not {', '.join(sorted(unknown))}")
    defaults = EmitOptions()
    emit_options = EmitOptions(
        kinds=frozenset(wanted),
        pin=setting("pin", defaults.pin),
        framework_version=framework_version,
        py_version=setting("py_version", defaults.py_version),
        launcher_sdk=setting("launcher_sdk", defaults.launcher_sdk),
        distribution=distribution,
        entrypoint_name=setting("entrypoint_name", defaults.entrypoint_name),
        launcher_name=setting("launcher_name", defaults.launcher_name),
    )
    try:
        resolve_target(emit_options.framework_version, emit_options.py_version)
        validate_entrypoint_name(emit_options.entrypoint_name)
        validate_launcher_name(emit_options.launcher_name)
    except EmitError as exc:
        raise UsageError(str(exc)) from None
    if emit_options.launcher_sdk not in LAUNCHER_SDKS:
        raise UsageError(f"--launcher-sdk must be one of {', '.join(LAUNCHER_SDKS)}, not {emit_options.launcher_sdk!r}")
    if "launcher" in wanted:
        try:
            validate_distribution(emit_options.launcher_sdk, distribution)
        except EmitError as exc:
            raise UsageError(str(exc)) from None
    return emit_options


def _run_stdin(settings, output: str | None, quiet: bool, color: bool | None) -> int:
    """`-`: read stdin, write the migrated code to stdout (or -o), or the diff, or nothing (--check)."""
    from sm_migrate.discovery import SKIP_PRAGMA_REASON, prefilter
    from sm_migrate.files import SourceError, decode_source, write_atomic
    from sm_migrate.runner import FileFailure, migrate_text, unified_diff

    data = typer.get_binary_stream("stdin").read()
    if prefilter(data, check_imports=False) == SKIP_PRAGMA_REASON:  # an editor piping a file the user opted out of
        if not quiet:
            _echo_err(f"-: skipped: {SKIP_PRAGMA_REASON}")
        if settings.mode == "write":
            if output:
                write_atomic(output, data)
            else:
                typer.get_binary_stream("stdout").write(data)
        return EXIT_OK
    try:
        source = decode_source(data)
        result = migrate_text(source, settings.options)
    except (SourceError, FileFailure) as exc:
        _echo_err(f"-: {exc}")
        return EXIT_FAILED
    if not quiet:
        for diagnostic in result.diagnostics:
            _echo_err(diagnostic.format("-"))
    new_bytes = source.encode(result.code) if result.changed else data
    if settings.mode == "diff":
        _write_stdout(_maybe_colour(unified_diff(source.text, result.code, "-\t(original)", "-\t(migrated)"), color))
    elif settings.mode == "write":
        if output:
            write_atomic(output, new_bytes)
        else:
            typer.get_binary_stream("stdout").write(new_bytes)
    pending = result.changed and settings.mode != "write"
    return EXIT_CHANGES if pending else EXIT_OK


def _maybe_colour(diff: str, color: bool | None) -> str:
    from sm_migrate.summary import colorize_diff

    use_colour = color if color is not None else sys.stdout.isatty() and "NO_COLOR" not in os.environ
    return colorize_diff(diff) if use_colour else diff


def _write_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:  # a stdout that can't encode the source's text (PYTHONIOENCODING=ascii): its bytes
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def _run_paths(paths: list[str], settings, *, setting, **args) -> int:
    from sm_migrate.batch import DEFAULT_TIMEOUT, default_jobs, run_jobs
    from sm_migrate.discovery import DEFAULT_INCLUDE, DiscoverySettings, discover
    from sm_migrate.runner import FileJob, FileOutcome, apply_emitted
    from sm_migrate.summary import Tally, build_report, outcome_lines, summary_lines, write_report

    started = time.perf_counter()
    quiet, verbose, out_dir = args["quiet"], args["verbose"], args["out_dir"]
    roots = discover(
        paths,
        DiscoverySettings(
            include=tuple(setting("include", None) or DEFAULT_INCLUDE),
            exclude=(*(setting("exclude", None) or ()), *(setting("extend_exclude", None) or ())),
            respect_gitignore=setting("respect_gitignore", True),
            collect_others=bool(out_dir),
            skip_dirs=(out_dir,) if out_dir else (),
            force_exclude=setting("force_exclude", False),
        ),
    )
    outcomes: list[FileOutcome] = []
    file_jobs = []
    destinations = [_destination_base(root.path, out_dir, several=len(paths) > 1) for root in roots]
    if out_dir:
        _refuse_collisions(roots, destinations)
    for root, destination in zip(roots, destinations):
        for candidate in root.candidates:
            output = args["output"] or (os.path.join(destination, candidate.relpath) if destination else None)
            file_jobs.append(FileJob(candidate.path, output, candidate.explicit, copy_if_failed=bool(out_dir)))
        for skipped in root.skipped:
            outcomes.append(FileOutcome(skipped.path, "skipped", reason=skipped.reason))
            if not quiet:
                _echo_err(f"{skipped.path}: {skipped.reason}")
        if destination:
            for path, reason in _copy_others(root.others, destination):
                outcomes.append(FileOutcome(path, "failed", reason=reason))
                _echo_err(f"{path}: {reason}")

    progress = _progress(len(file_jobs), quiet)
    # A single named file says why it was skipped; with many (pre-commit), the summary counts the reasons.
    explicit_paths = {job.path for job in file_jobs if job.explicit} if len(paths) == 1 else set()

    def report_lines(outcome: FileOutcome) -> None:
        if outcome.status == "failed" or not quiet:
            for line in outcome_lines(outcome, verbose, explicit=outcome.path in explicit_paths):
                if progress:
                    progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
                else:
                    _echo_err(line)

    def on_outcome(outcome: FileOutcome) -> None:
        outcomes.append(outcome)
        report_lines(outcome)
        if progress:
            progress.update(task, advance=1, refresh=True)

    workers = setting("jobs", None) or default_jobs()
    timeout = setting("timeout", DEFAULT_TIMEOUT)
    if progress:
        task = progress.add_task("migrating", total=len(file_jobs))
        with progress:
            stats = run_jobs(file_jobs, settings, workers, on_outcome, timeout)
    else:
        stats = run_jobs(file_jobs, settings, workers, on_outcome, timeout)

    if settings.emit is not None:
        failed_before = {id(o) for o in outcomes if o.status == "failed"}
        apply_emitted(outcomes, settings.mode)
        for outcome in outcomes:
            if outcome.status == "failed" and id(outcome) not in failed_before:
                report_lines(outcome)
    tally = Tally()
    for outcome in outcomes:
        tally.add(outcome)
    diffs = "".join(o.diff for o in sorted(outcomes, key=lambda o: o.path) if o.diff)
    if diffs:
        _write_stdout(_maybe_colour(diffs, args["color"]))
    seconds = time.perf_counter() - started
    if args["report"]:
        write_report(
            args["report"],
            build_report(
                outcomes,
                tally,
                mode=settings.mode,
                out_dir=out_dir,
                framework_version=settings.options.framework_version,
                seconds=seconds,
                workers=stats.workers,
                worker_peak_rss_kb=stats.worker_peak_rss_kb,
            ),
        )
    if not quiet:
        for line in summary_lines(tally, seconds, settings.mode):
            _echo_err(line)
    if tally.counts["failed"]:
        return EXIT_FAILED
    pending = tally.counts["would_migrate"] or (settings.mode != "write" and tally.counts["emitted"])
    return EXIT_CHANGES if pending else EXIT_OK


def _refuse_collisions(roots, destinations: list[str]) -> None:
    """--out-dir: two inputs that would be written to one place (`a/src` and `b/src`, or two `train.py` files)
    are a usage error before anything is written; the second would silently replace the first."""
    written: dict[str, str] = {}
    for root, destination in zip(roots, destinations):
        for item in (*root.candidates, *root.others):
            target = os.path.normpath(os.path.abspath(os.path.join(destination, item.relpath)))
            if written.setdefault(target, item.path) != item.path:
                raise UsageError(f"--out-dir: {written[target]} and {item.path} would both be written to {target}")


def _destination_base(argument: str, out_dir: str | None, several: bool) -> str | None:
    """Where an argument's tree goes under --out-dir: DIR itself for a single directory, else DIR/<name>."""
    if not out_dir:
        return None
    if os.path.isdir(argument) and several:
        return os.path.join(out_dir, os.path.basename(os.path.normpath(os.path.abspath(argument))))
    return out_dir


def _copy_others(others, destination: str) -> list[tuple[str, str]]:
    """--out-dir: copy what is not migrated (files with their modes, symlinks as symlinks, empty dirs).

    Returns (path, reason) for each entry that could not be copied; the others are still copied.
    """
    import shutil

    failures = []
    for other in others:
        target = os.path.join(destination, other.relpath)
        try:
            if other.kind == "dir":
                os.makedirs(target, exist_ok=True)
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if os.path.lexists(target):
                os.unlink(target)
            if other.kind == "symlink":
                os.symlink(os.readlink(other.path), target)
            else:
                shutil.copy2(other.path, target)
        except OSError as exc:
            failures.append((other.path, f"cannot copy to {target}: {exc.strerror or exc}"))
    return failures


def _progress(total: int, quiet: bool):
    """A rich progress bar on stderr, only when it is a terminal and there is more than one file."""
    if quiet or total < 2 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=False,  # no refresh thread: worker processes are forked (migrate.batch)
    )


def main(argv: list[str] | None = None) -> None:
    """Console-script entry: `sm-migrate verify ...` goes to the verify CLI, anything else migrates."""
    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] == ["verify"]:
        from sm_migrate.verify_cli import verify_app

        verify_app(args=args[1:], prog_name="sm-migrate verify")
        return
    app(args=args, prog_name="sm-migrate")


if __name__ == "__main__":
    main()
