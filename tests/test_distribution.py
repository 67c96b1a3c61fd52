"""`--distribution` end to end through the CLI: the script's rewrite, the launcher's option, the refusals.

The rule's own cases are its examples (transforms/rules/examples/distribution.py, run by tests/test_rules.py);
the two-host job itself is tests/test_verify.py's.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from keras2_env import keras2_python
from typer.testing import CliRunner

from sm_migrate.cli import app

MWMS_NO_STRATEGY = Path(__file__).parent / "verify_scripts" / "mwms_no_strategy"

SCRIPT = """\
import tensorflow as tf

EPOCHS = 2

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(tf.zeros((8, 4)), tf.zeros((8, 1)), epochs=EPOCHS)
"""


def sm_migrate(*args):
    return CliRunner().invoke(app, [str(a) for a in args], prog_name="sm-migrate")


@pytest.fixture
def job(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "job").mkdir()
    (tmp_path / "job" / "train.py").write_text(SCRIPT)
    return tmp_path / "job"


def _launcher_keyword(path: Path, function: str, keyword: str) -> str | None:
    tree = ast.parse(path.read_text())
    body = next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == function)
    for node in ast.walk(body):
        if isinstance(node, ast.keyword) and node.arg == keyword:
            return ast.unparse(node.value)
    return None


def test_mwms_for_a_keras_2_target_rewrites_the_script_and_the_v2_launcher(job: Path):
    result = sm_migrate("--distribution", "mwms", "--framework-version", "2.14", "--emit", "launcher",
                        "--launcher-sdk", "v2", "job/train.py")  # fmt: skip

    assert result.exit_code == 0, result.stderr
    migrated = (job / "train.py").read_text()
    assert "strategy = tf.distribute.MultiWorkerMirroredStrategy()" in migrated
    assert "with strategy.scope():\n    model = tf.keras.Sequential" in migrated
    assert "_sm_chief_path(" in migrated  # the export rule saw the strategy: only the chief's copy is kept
    distribution = _launcher_keyword(job / "launch_sagemaker.py", "build_estimator", "distribution")
    assert distribution == "{'multi_worker_mirrored_strategy': {'enabled': True}}"


def test_mwms_on_keras_3_is_reported_not_rewritten(job: Path):
    result = sm_migrate("--distribution", "mwms", "job/train.py")

    assert result.exit_code == 0
    assert "SM601 Keras 3's fit fails under MultiWorkerMirroredStrategy" in result.stderr
    assert "MultiWorkerMirroredStrategy()" not in (job / "train.py").read_text()


def test_horovod_launcher_uses_mpi_under_v3(job: Path):
    result = sm_migrate("--distribution", "horovod", "--emit", "launcher", "job/train.py")

    assert result.exit_code == 0
    assert "SM602" in result.stderr  # this script does not use Horovod at all
    assert _launcher_keyword(job / "launch_sagemaker.py", "build_trainer", "distributed") == (
        "MPI(process_count_per_node=1)"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--distribution", "ring"], "--distribution must be one of none, mwms, horovod, parameter-server"),
        (["--distribution", "parameter-server", "--emit", "launcher"], "parameter-server has no SDK v3 form"),
    ],
)
def test_bad_distributions_are_usage_errors(job: Path, arguments, message):
    result = sm_migrate(*arguments, "job/train.py")

    assert result.exit_code == 2 and message in result.stderr
    assert (job / "train.py").read_text() == SCRIPT


@pytest.mark.e2e
@pytest.mark.toolkit
@pytest.mark.install
def test_a_script_without_a_strategy_trains_on_two_hosts_once_migrated(tmp_path: Path):
    """`sm-migrate verify --migrate --hosts 2` (so --distribution mwms) on a Keras 2 script with no strategy, in
    the tf-keras venv (tests/keras2_env.py): both workers train together and only the chief keeps model/1."""
    project = tmp_path / "project"
    shutil.copytree(MWMS_NO_STRATEGY, project)
    data = tmp_path / "data"
    data.mkdir()
    np.savetxt(data / "train.csv", np.random.default_rng(0).random((32, 5)), delimiter=",", fmt="%.5f")
    command = [str(keras2_python()), "-m", "sm_migrate.cli", "verify", str(project / "train.py"), "--migrate",
               "--hosts", "2", "--no-install", "--json", "--channel", f"data={data}"]  # fmt: skip

    run = subprocess.run(command, capture_output=True, text=True, timeout=600)

    report = json.loads(run.stdout)
    assert run.returncode == 0 and report["ok"], report["problems"] or run.stderr[-3000:]
    chief, worker = report["hosts"]["algo-1"], report["hosts"]["algo-2"]
    assert chief["servable_models"] == ["1"] and worker["saved_models"] == []
    assert any("distribution" in note for note in report["notes"])  # the rule ran on the copy
