"""A trainer package: an entry point that parses the command line and trains nothing itself (`task.py`), and the
module that trains (`model.py`), migrated together from their folder (samples/trainer_package).

The entry point is what SageMaker runs, so it must take SageMaker's arguments (`parse_known_args`, `--model_dir`)
even though it has no fit of its own; the module gets the export. Proven the way every sample is: the goldens,
a second run that changes nothing, the package run locally as before, and run as a SageMaker job through the
real toolkit with an overridden `epochs` that reaches the module's fit, and a servable `model/1`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from sm_migrate.cli import app
from sm_migrate.summary import REPORT_SCHEMA
from sm_migrate.verify_cli import format_report, verify_app
from test_samples_local import SAMPLES_DIR, logged_epochs, run_python

SAMPLE = SAMPLES_DIR / "trainer_package"
FILES = ("task.py", "model.py")
SDK_MODEL_DIR = "s3://bucket/job/model"


# The sample's entry point seeds TensorFlow; many import none of it and leave TensorFlow to the module.
TF_LINES = ("import tensorflow as tf\n", "    tf.random.set_seed(7)\n")


def without_tensorflow(entry_point: str) -> str:
    assert all(line in entry_point for line in TF_LINES)
    for line in TF_LINES:
        entry_point = entry_point.replace(line, "")
    return entry_point


def package_without_tensorflow_in_its_entry_point(tmp_path: Path) -> Path:
    package = tmp_path / "package"
    package.mkdir()
    shutil.copy2(SAMPLE / "model.py", package / "model.py")
    (package / "task.py").write_text(without_tensorflow((SAMPLE / "task.py").read_text()))
    return package


def migrated_package(tmp_path: Path) -> Path:
    """The sample's package copied to `tmp_path/package` and migrated there in place, as a user would."""
    package = tmp_path / "package"
    package.mkdir()
    for name in FILES:
        shutil.copy2(SAMPLE / name, package / name)
    result = CliRunner().invoke(app, [str(package)])
    assert result.exit_code == 0, result.output
    return package


def test_the_entry_point_and_the_training_module_are_both_migrated(tmp_path: Path):
    package = migrated_package(tmp_path)
    for name in FILES:
        assert (package / name).read_text() == (SAMPLE / "expected" / name).read_text(), name
    entry = (package / "task.py").read_text()
    assert "parser.parse_known_args()" in entry and "parser.parse_args()" not in entry
    assert '"--model_dir"' in entry


def test_the_entry_point_is_reported_with_the_module_that_trains(tmp_path: Path):
    package = tmp_path / "package"
    shutil.copytree(SAMPLE, package)
    result = CliRunner().invoke(app, ["--check", str(package / "task.py")])
    assert result.exit_code == 1, result.output
    assert "task.py:17:12: SM003 entry point of a package that trains in model:" in result.output


def test_the_json_report_of_a_package_keeps_to_its_schema(tmp_path: Path):
    """The entry point's SM003 is of severity "info": the report's schema allows it."""
    package = tmp_path / "package"
    shutil.copytree(SAMPLE, package)
    result = CliRunner().invoke(app, ["--check", "--report", str(tmp_path / "report.json"), str(package)])
    assert result.exit_code == 1, result.output
    report = json.loads((tmp_path / "report.json").read_text())
    jsonschema.validate(report, REPORT_SCHEMA)
    severities = {d["code"]: d["severity"] for f in report["files"] for d in f["diagnostics"]}
    assert severities["SM003"] == "info"


def test_an_entry_point_without_a_tensorflow_import_is_reported_not_changed(tmp_path: Path):
    """Found in a folder walk although it imports no TensorFlow; a file without TensorFlow is never changed, but
    its strict parse_args would stop a job started by SDK v2's estimator (which passes --model_dir): said."""
    package = package_without_tensorflow_in_its_entry_point(tmp_path)
    entry_point = (package / "task.py").read_text()
    result = CliRunner().invoke(app, [str(package)])
    assert result.exit_code == 0, result.output
    assert "1 file migrated, 1 skipped" in result.output, result.output
    assert "task.py:16:12: SM303 entry point of a package that trains in model: left unchanged" in result.output
    assert (package / "task.py").read_text() == entry_point
    assert (package / "model.py").read_text() == (SAMPLE / "expected" / "model.py").read_text()
    assert CliRunner().invoke(app, ["--check", str(package)]).exit_code == 0


def test_a_command_line_tool_without_tensorflow_is_left_alone(tmp_path: Path):
    folder = tmp_path / "tools"
    folder.mkdir()
    shutil.copy2(SAMPLE / "model.py", folder / "model.py")
    tool = "import argparse\n\nparser = argparse.ArgumentParser()\nparser.add_argument('--rows', type=int)\n" \
           "print(parser.parse_args().rows)\n"
    (folder / "count_rows.py").write_text(tool)
    result = CliRunner().invoke(app, [str(folder)])
    assert result.exit_code == 0, result.output
    assert "1 file migrated" in result.output, result.output
    assert (folder / "count_rows.py").read_text() == tool


def test_emitted_files_are_the_entry_points(tmp_path: Path):
    """One job: the launcher starts task.py, and model.py's own launcher would only collide with it."""
    package = tmp_path / "package"
    package.mkdir()
    for name in FILES:
        shutil.copy2(SAMPLE / name, package / name)
    result = CliRunner().invoke(app, ["--emit", "launcher", "--emit", "requirements", str(package)])
    assert result.exit_code == 0, result.output
    assert "2 files migrated" in result.output and "conflict" not in result.output, result.output
    assert "ENTRY_SCRIPT = 'task.py'" in (package / "launch_sagemaker.py").read_text()
    assert "imports of task.py and the local modules it imports" in (package / "requirements.txt").read_text()


def test_a_command_line_without_tensorflow_that_is_not_python_3_is_skipped_not_failed(tmp_path: Path):
    """It reaches the engine only as a possible entry point: a file that is not ours fails no run."""
    folder = tmp_path / "tools"
    folder.mkdir()
    (folder / "helper.py").write_text("ROWS = 3\n")
    legacy = "import argparse\nimport helper\nprint 'rows', helper.ROWS\nargparse.ArgumentParser().parse_args()\n"
    (folder / "legacy.py").write_text(legacy)
    result = CliRunner().invoke(app, [str(folder)])
    assert result.exit_code == 0, result.output
    assert "2 files skipped" in result.output and "failed" not in result.output, result.output
    assert (folder / "legacy.py").read_text() == legacy


def test_a_second_run_changes_nothing(tmp_path: Path):
    package = migrated_package(tmp_path)
    result = CliRunner().invoke(app, ["--check", str(package)])
    assert result.exit_code == 0, result.output


def test_an_entry_point_whose_modules_train_nothing_is_left_alone(tmp_path: Path):
    package = tmp_path / "package"
    package.mkdir()
    shutil.copy2(SAMPLE / "task.py", package / "task.py")
    (package / "model.py").write_text("def train_and_evaluate(*settings):\n    return settings\n")
    result = CliRunner().invoke(app, ["--check", str(package)])
    assert result.exit_code == 0, result.output
    assert (package / "task.py").read_bytes() == (SAMPLE / "task.py").read_bytes()


@pytest.mark.e2e
def test_the_migrated_package_still_runs_locally(tmp_path: Path):
    package = migrated_package(tmp_path)
    run = run_python(["task.py"], cwd=package)
    assert run.returncode == 0, run.stderr[-3000:]
    assert logged_epochs(run.stdout, "Epoch {epoch}/{epochs}", 3) == [1, 2, 3]
    assert (package / "trained" / "regressor.keras").is_file()


@pytest.mark.e2e
def test_help_is_the_entry_points_own(tmp_path: Path):
    """model.py's parser runs when task.py imports it: it must leave --help to task.py's parser."""
    package = migrated_package(tmp_path)
    run = run_python(["task.py", "--help"], cwd=package)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Train the regression model." in run.stdout and "--output_dir" in run.stdout, run.stdout


@pytest.mark.e2e
@pytest.mark.toolkit
def test_the_migrated_package_runs_as_a_sagemaker_job(tmp_path: Path, sagemaker_job):
    package = migrated_package(tmp_path)
    job = sagemaker_job(package / "task.py", {}, {"epochs": 2}, model_dir=SDK_MODEL_DIR, install_requirements=False)
    assert job.succeeded, job.failure or job.log[-3000:]
    assert logged_epochs(job.log, "Epoch {epoch}/{epochs}", 2) == [1, 2]
    assert not logged_epochs(job.log, "Epoch {epoch}/{epochs}", 3), "the epochs override was ignored"
    served = [model for model in job.saved_models if model.servable]
    assert served and all("serving_default" in model.signatures for model in served), job.saved_models
    assert "regressor.keras" in job.keras_files
    table = format_report(job)  # the .keras kept beside the export is no finding next to a servable model/1
    assert "also in model/  regressor.keras" in table and "not servable" not in table, table


@pytest.mark.e2e
@pytest.mark.toolkit
def test_verify_runs_a_package_locally_with_its_code_folder_importable(tmp_path: Path):
    """`from trainer import model` resolves in the job (the code folder is on PYTHONPATH): locally too."""
    source = tmp_path / "source"
    (source / "trainer").mkdir(parents=True)
    (source / "trainer" / "__init__.py").write_text("")
    shutil.copy2(SAMPLE / "model.py", source / "trainer" / "model.py")
    entry_point = (SAMPLE / "task.py").read_text()
    assert "\nimport model\n" in entry_point
    absolute = entry_point.replace("\nimport model\n", "\nfrom trainer import model\n")
    (source / "trainer" / "task.py").write_text(absolute)
    assert CliRunner().invoke(app, [str(source)]).exit_code == 0

    result = CliRunner().invoke(verify_app, [str(source / "trainer" / "task.py"), "--source-dir", str(source),
                                             "--local", "--hp", "epochs=1", "--no-install", "--json"])

    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] and report["local_run"]["ok"], report["local_run"]
    assert report["hyperparameters"]["epochs"] == 1
