"""Batch conversion of a repository, through the real CLI, the real engine and real worker processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from fixtures_repo import build_fixture_repo, snapshot, training_script
from sm_migrate.cli import app
from sm_migrate.files import decode_source
from sm_migrate.summary import REPORT_SCHEMA
from sm_migrate.transforms.engine import migrate_source


def sm_migrate(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args], prog_name="sm-migrate")


def migrated_bytes(data: bytes) -> bytes:
    """What the pipeline must write for a file: the engine's code in the file's own encoding and newlines."""
    source = decode_source(data)
    return source.encode(migrate_source(source.text).code)


def by_relpath(report: dict, root: Path) -> dict[str, dict]:
    return {Path(record["path"]).relative_to(root).as_posix(): record for record in report["files"]}


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    return build_fixture_repo(root)


def test_in_place_changes_exactly_the_training_scripts(repo, tmp_path):
    before = snapshot(repo.root)
    report_path = tmp_path / "report.json"
    result = sm_migrate(repo.root, "-j", "2", "--report", report_path)

    assert result.exit_code == 3, result.output  # some files failed, even though others changed
    after = snapshot(repo.root)
    changed = {rel for rel in before if before[rel] != after.get(rel)}
    assert changed == repo.migrated
    assert set(after) == set(before), "a file appeared or vanished"
    for relpath in repo.migrated:
        kind, data, mode = before[relpath]
        assert after[relpath] == (kind, migrated_bytes(data), mode)  # encoding, newlines, mode bits kept

    for relpath, reason in repo.failed.items():
        line = next(line for line in result.stderr.splitlines() if line.startswith(f"{repo.path(relpath)}: "))
        assert reason in line
    assert "symlink loop" in result.stderr

    report = json.loads(report_path.read_text())
    jsonschema.validate(report, REPORT_SCHEMA)
    records = by_relpath(report, repo.root)
    assert {rel for rel, r in records.items() if r["status"] == "migrated"} == repo.migrated
    assert {rel for rel, r in records.items() if r["status"] == "already_migrated"} == repo.already_migrated
    assert {rel: r["reason"] for rel, r in records.items() if r["status"] == "failed"}.keys() == repo.failed.keys()
    for relpath, reason in {**repo.failed, **repo.skipped}.items():
        assert reason in records[relpath]["reason"], records[relpath]
    assert not repo.never_seen & records.keys()
    mnist = records["projects/mnist/train.py"]
    assert {h["name"] for h in mnist["hyperparameters"]} >= {"epochs", "batch_size"}
    assert mnist["transforms"]
    totals = report["totals"]
    assert totals["migrated"] == len(repo.migrated) and totals["failed"] == len(repo.failed)
    assert totals["scanned"] == len(records)
    assert totals["candidates"] == len(repo.migrated) + len(repo.failed) + len(repo.already_migrated) + 1  # model_def

    summary = result.stderr.strip().splitlines()
    assert any(f"{len(repo.migrated)} files migrated" in line and f"{len(repo.failed)} failed" in line
               for line in summary)

    second = sm_migrate(repo.root, "-j", "2", "--report", report_path)
    assert snapshot(repo.root) == after, "a second run changed something"
    assert second.exit_code == 3
    second_totals = json.loads(report_path.read_text())["totals"]
    assert second_totals["migrated"] == 0
    assert second_totals["already_migrated"] == len(repo.migrated) + len(repo.already_migrated)


def test_check_and_diff_write_nothing(repo):
    before = snapshot(repo.root)
    check = sm_migrate(repo.root, "--check", "-j", "2")
    assert check.exit_code == 3  # failures win over pending changes
    assert f"{len(repo.migrated) + 1} files would be migrated" in check.stderr  # + the read-only one
    diff = sm_migrate(repo.root, "--diff", "-j", "1", "--exclude", "broken/", "--exclude", "readonly/")
    assert diff.exit_code == 1, diff.output
    assert snapshot(repo.root) == before
    headers = {line[4:].split("\t")[0] for line in diff.stdout.splitlines() if line.startswith("+++ ")}
    assert headers == {str(repo.path(rel)) for rel in repo.migrated}
    assert "\x1b[" not in diff.stdout  # not a terminal: no colour


def test_out_dir_copies_the_tree_and_never_touches_the_source(repo, tmp_path):
    before = snapshot(repo.root)
    out = tmp_path / "out"
    result = sm_migrate(repo.root, "--out-dir", out, "-j", "2")
    assert result.exit_code == 3
    assert snapshot(repo.root) == before

    copied = snapshot(out)
    pruned = (".git/", ".venv/", "build/")
    expected_paths = {rel for rel in before if not rel.startswith(pruned) and rel not in (".git", ".venv", "build")}
    assert set(copied) == expected_paths
    # The read-only file is only a problem in place: its copy is migrated (and keeps mode 0o444).
    rewritten = repo.migrated | {"readonly/train.py"}
    for relpath in expected_paths:
        kind, data, mode = before[relpath]
        if relpath in rewritten:
            assert copied[relpath] == (kind, migrated_bytes(data), mode), relpath
        else:
            assert copied[relpath] == before[relpath], relpath
    assert copied["projects/loop"] == ("symlink", "..", 0)

    again = sm_migrate(repo.root, "--out-dir", out, "-j", "2")
    assert again.exit_code == 3 and snapshot(out) == copied


def test_worker_timeout_fails_the_file_and_the_run_goes_on(tmp_path):
    # Long enough to take far more than the timeout even on a fast machine, so a busy parent still kills the
    # worker before it could finish (a tiny script could be written in the moment the parent looks away).
    padding = "".join(f"padding_{index} = {index}\n" for index in range(20_000))
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.py").write_text(training_script() + padding)
    before = snapshot(tmp_path)
    result = sm_migrate(tmp_path, "-j", "2", "--timeout", "0.001")
    assert result.exit_code == 3
    assert result.stderr.count("timed out after 0.001 s") == 3
    assert snapshot(tmp_path) == before


def test_a_file_that_crashes_the_parser_fails_alone(tmp_path):
    """libcst 1.9's native parser overflows its stack (SIGSEGV) on 100,000 nested brackets: a real crash."""
    crasher = tmp_path / "deep.py"
    crasher.write_text("import tensorflow as tf\nx = " + "[" * 100_000 + "]" * 100_000 + "\n")
    good = tmp_path / "train.py"
    good.write_text(training_script())
    alone = sm_migrate(crasher)
    assert alone.exit_code == 3 and f"{crasher}: worker crashed (SIGSEGV)" in alone.stderr
    both = sm_migrate(tmp_path, "-j", "1")
    assert both.exit_code == 3
    assert "worker crashed (SIGSEGV)" in both.stderr
    assert good.read_bytes() == migrated_bytes(training_script().encode())


def test_config_in_pyproject_and_cli_override(repo):
    (repo.root / "pyproject.toml").write_text('[tool.sm-migrate]\nexclude = ["broken/", "readonly/"]\njobs = 1\n')
    check = sm_migrate(repo.root, "--check")
    assert check.exit_code == 1, check.output  # the failing files are excluded by the config
    override = sm_migrate(repo.root, "--check", "--exclude", "broken/")
    assert override.exit_code == 1  # --exclude replaces the configured list; readonly is fine in --check
    bad = repo.root / "pyproject.toml"
    bad.write_text("[tool.sm-migrate]\nexclud = []\n")
    assert sm_migrate(repo.root, "--check").exit_code == 2


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_sigkill_mid_run_leaves_every_file_original_or_complete(tmp_path):
    """SIGKILL the run's parent part-way: no file is partially written, and the orphaned workers exit."""
    root = tmp_path / "many"
    originals = {}
    for index in range(16):
        path = root / f"pkg{index % 4}" / f"train_{index}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(training_script(epochs=index + 1))
        originals[path] = path.read_bytes()
    expected = {path: migrated_bytes(data) for path, data in originals.items()}

    process = subprocess.Popen(
        [sys.executable, "-m", "sm_migrate.cli", str(root), "-j", "2", "-q"],
        start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    while process.poll() is None and all(p.read_bytes() == data for p, data in originals.items()):
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 120  # a hang guard, not a speed limit: workers poll for their parent each second
    while _group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _group_alive(process.pid), "worker processes outlived their killed parent"

    assert process.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    states = {path: path.read_bytes() for path in originals}
    for path, data in states.items():
        assert data in (originals[path], expected[path]), f"{path} is partially written"
    assert any(data == originals[p] for p, data in states.items()), "killed too late to prove anything"
    assert any(data == expected[p] for p, data in states.items())
    leftovers = {p.name for p in root.rglob("*") if p.is_file() and p not in originals}
    assert all(name.startswith(".sm-migrate-") and name.endswith(".tmp") for name in leftovers)

    rerun = subprocess.run([sys.executable, "-m", "sm_migrate.cli", str(root), "-q"])
    assert rerun.returncode == 0
    assert all(path.read_bytes() == expected[path] for path in originals)
