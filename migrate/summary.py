"""What a run tells the user: per-file lines, the summary, coloured diffs, and the JSON report (stable schema).

Human output goes to stderr (stdout carries only diffs and stdin-mode code):
  `path:line:col: CODE message` for each diagnostic, `path: reason` for each failure, then one summary line.
The JSON report's schema is `REPORT_SCHEMA` (JSON Schema 2020-12); `schema_version` changes only when a field
is removed or changes meaning (new fields may be added).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sm_migrate.files import write_atomic
from sm_migrate.runner import STATUSES, FileOutcome

REPORT_SCHEMA_VERSION = 1

_DIAGNOSTIC_SCHEMA = {
    "type": "object",
    "required": ["path", "line", "col", "code", "message", "severity"],
    "properties": {
        "path": {"type": "string"},
        "line": {"type": "integer", "minimum": 0},
        "col": {"type": "integer", "minimum": 0},
        "code": {"type": "string", "pattern": "^SM[0-9]{3}$"},
        "message": {"type": "string"},
        "severity": {"enum": ["warning", "error", "info"]},
    },
}
_COUNT = {"type": "integer", "minimum": 0}
TOTAL_KEYS = ("scanned", "candidates", *STATUSES, "warnings", "emitted")

REPORT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "sm-migrate report",
    "type": "object",
    "required": ["schema_version", "tool", "mode", "out_dir", "framework_version", "totals", "seconds", "files"],
    "properties": {
        "schema_version": {"const": REPORT_SCHEMA_VERSION},
        "tool": {
            "type": "object",
            "required": ["name", "version"],
            "properties": {"name": {"const": "sm-migrate"}, "version": {"type": "string"}},
        },
        "mode": {"enum": ["write", "check", "diff"]},
        "out_dir": {"type": ["string", "null"]},
        "framework_version": {"type": "string"},
        "totals": {
            "type": "object",
            "required": list(TOTAL_KEYS),
            "properties": {key: _COUNT for key in TOTAL_KEYS},
            "additionalProperties": False,
        },
        "skipped_reasons": {"type": "object", "additionalProperties": _COUNT},
        "seconds": {"type": "number", "minimum": 0},
        "workers": {"type": "integer", "minimum": 0},
        "worker_peak_rss_kb": {"type": "integer", "minimum": 0},
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "path", "output", "status", "reason", "transforms", "hyperparameters", "channels", "emitted",
                    "diagnostics", "seconds",
                ],
                "properties": {
                    "path": {"type": "string"},
                    "output": {"type": ["string", "null"]},
                    "status": {"enum": list(STATUSES)},
                    "reason": {"type": "string"},
                    "transforms": {"type": "array", "items": {"type": "string"}},
                    "hyperparameters": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["name", "default", "type", "line", "target"],
                            "properties": {
                                "name": {"type": "string"},
                                "default": {"type": ["string", "number", "boolean", "null"]},
                                "type": {"enum": ["int", "float", "str", "bool"]},
                                "line": {"type": "integer"},
                                "target": {"type": "string"},
                            },
                        },
                    },
                    "channels": {"type": "object", "additionalProperties": {"type": "string"}},
                    "emitted": {"type": "array", "items": {"type": "string"}},
                    "emit_notes": {"type": "array", "items": {"type": "string"}},
                    "diagnostics": {"type": "array", "items": _DIAGNOSTIC_SCHEMA},
                    "seconds": {"type": "number", "minimum": 0},
                },
            },
        },
    },
}


@dataclass
class Tally:
    """Counts for the summary line and the report's `totals`."""

    counts: Counter = field(default_factory=Counter)
    skipped_reasons: Counter = field(default_factory=Counter)

    def add(self, outcome: FileOutcome) -> None:
        self.counts["scanned"] += 1
        self.counts[outcome.status] += 1
        if outcome.candidate:
            self.counts["candidates"] += 1
        if outcome.status == "skipped":
            self.skipped_reasons[outcome.reason] += 1
        self.counts["warnings"] += sum(d.severity == "warning" for d in outcome.diagnostics)
        self.counts["emitted"] += len(outcome.emitted)

    def totals(self) -> dict[str, int]:
        return {key: self.counts[key] for key in TOTAL_KEYS}


def summary_lines(tally: Tally, seconds: float, mode: str = "write") -> list[str]:
    """`2 files migrated, 1 already migrated, 1 failed; 3 warnings (12 files scanned, 4 candidates, 0.8 s)`."""
    counts = tally.counts
    labels = [
        ("migrated", "migrated"),
        ("would_migrate", "would be migrated"),
        ("already_migrated", "already migrated"),
        ("skipped", "skipped"),
        ("failed", "failed"),
    ]
    parts = [f"{counts[key]} {label}" for key, label in labels if counts[key]]
    if parts:
        number, rest = parts[0].split(" ", 1)
        parts[0] = f"{number} {'file' if number == '1' else 'files'} {rest}"
    else:
        parts = ["no Python files found"]
    if counts["emitted"]:
        emitted = counts["emitted"]
        parts.append(f"{_count(emitted, 'emitted file')} {'written' if mode == 'write' else 'pending'}")
    warnings = counts["warnings"]
    line = ", ".join(parts) + (f"; {_count(warnings, 'warning')}" if warnings else "")
    lines = [f"{line} ({counts['scanned']} scanned, {_count(counts['candidates'], 'candidate')}, {seconds:.1f} s)"]
    if tally.skipped_reasons:
        reasons = ", ".join(f"{n} {reason}" for reason, n in tally.skipped_reasons.most_common())
        lines.append(f"  skipped: {reasons}")
    return lines


def _count(number: int, noun: str) -> str:
    """`1 warning`, `3 warnings`."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def outcome_lines(outcome: FileOutcome, verbose: bool, explicit: bool = False) -> list[str]:
    """The diagnostics and failure line for one file; `verbose` adds a status line for every file, `explicit`
    (a file the user named) one for a skipped file, so `sm-migrate utils.py` says why nothing happened."""
    lines = [d.format(outcome.path) for d in outcome.diagnostics if outcome.status != "failed"]
    lines += [f"{outcome.path}: {note}" for note in outcome.emit_notes if outcome.status != "failed"]
    if outcome.status == "failed":
        lines.append(f"{outcome.path}: {outcome.reason}")
    elif verbose or explicit:
        status = outcome.status.replace("_", " ")
        detail = f": {outcome.reason}" if outcome.reason else ""
        target = f" -> {outcome.output}" if outcome.output else ""
        lines[:0] = [f"{outcome.path}: {status}{detail}{target}", *contract_lines(outcome)]
    return lines


def contract_lines(outcome: FileOutcome) -> list[str]:
    """What the SageMaker job will need from the user: the hyperparameters it can set and the channels to
    upload (the job's input channels: the keys of `estimator.fit({...})`, the channel names of ModelTrainer's
    `input_data_config`)."""
    if outcome.status not in ("migrated", "would_migrate", "already_migrated"):
        return []
    lines = []
    if outcome.hyperparameters:
        values = ", ".join(f"{hp['name']}={hp['default']!r}" for hp in outcome.hyperparameters)
        lines.append(f"  hyperparameters: {values}")
    if outcome.channels:
        sources = ", ".join(f"{name} <- {source}" for name, source in outcome.channels.items())
        lines.append(f"  channels to upload as the job's input data: {sources}")
    return lines


# Styles of a unified diff's lines by their start, the longest prefix first ("+++" before "+").
_DIFF_STYLES = (("+++", "bold"), ("---", "bold"), ("@@", "cyan"), ("+", "green"), ("-", "red"))


def colorize_diff(diff: str) -> str:
    """A unified diff in terminal colours (the caller decides whether stdout is a terminal that wants them)."""
    from rich.color import ColorSystem
    from rich.style import Style

    styles = [(prefix, Style.parse(style)) for prefix, style in _DIFF_STYLES]
    out = []
    for line in diff.splitlines(keepends=True):
        style = next((style for prefix, style in styles if line.startswith(prefix)), None)
        # Each line is styled on its own and ends with a reset, so a pager or a cut-off diff never bleeds colour.
        out.append(style.render(line.rstrip("\n"), color_system=ColorSystem.STANDARD) + "\n" if style else line)
    return "".join(out)


def _record(outcome: FileOutcome) -> dict:
    return {
        "path": outcome.path,
        "output": outcome.output,
        "status": outcome.status,
        "reason": outcome.reason,
        "transforms": outcome.transforms,
        "hyperparameters": outcome.hyperparameters,
        "channels": outcome.channels,
        "emitted": outcome.emitted,
        "emit_notes": outcome.emit_notes,
        "diagnostics": [{"path": outcome.path, **d.to_dict()} for d in outcome.diagnostics],
        "seconds": round(outcome.seconds, 4),
    }


def build_report(
    outcomes: Sequence[FileOutcome],
    tally: Tally,
    *,
    mode: str,
    out_dir: str | None,
    framework_version: str,
    seconds: float,
    workers: int,
    worker_peak_rss_kb: int,
) -> dict:
    from importlib.metadata import PackageNotFoundError, version

    try:
        tool_version = version("sm-migrate")
    except PackageNotFoundError:  # running from a source tree
        tool_version = "0+unknown"
    return {
        "schema_version": REPORT_SCHEMA_VERSION,
        "tool": {"name": "sm-migrate", "version": tool_version},
        "mode": mode,
        "out_dir": out_dir,
        "framework_version": framework_version,
        "totals": tally.totals(),
        "skipped_reasons": dict(tally.skipped_reasons),
        "seconds": round(seconds, 3),
        "workers": workers,
        "worker_peak_rss_kb": worker_peak_rss_kb,
        "files": [_record(o) for o in sorted(outcomes, key=lambda o: o.path)],
    }


def write_report(path: str, report: dict) -> None:
    write_atomic(path, (json.dumps(report, indent=2, default=str) + "\n").encode("utf-8"))
