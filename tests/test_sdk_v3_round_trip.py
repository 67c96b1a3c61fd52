"""A bundled sample through SDK v3 end to end: migrate it, emit its v3 launcher, build the launcher's
ModelTrainer offline in the SDK v3 venv, and run the job the way v3's driver starts it (sm_migrate.verify,
sdk="v3": no --model_dir, booleans as JSON, SM_HPS), with the launcher's own hyperparameters.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from sdk_v3 import run_in_sdk_v3, sdk_v3_python
from typer.testing import CliRunner

from sm_migrate.cli import app
from test_samples_local import SAMPLES_DIR, run_python

SAMPLE = SAMPLES_DIR / "subclassed_checkpoints"  # it has a boolean hyperparameter, USE_AUGMENTATION = True

_TRAINER_HYPERPARAMETERS = """
import json, runpy, sys
launcher = runpy.run_path(sys.argv[1])
args = launcher["parse_args"](["--role", "arn:aws:iam::123456789012:role/Fake", "--region", "us-east-1",
                               "--images-s3", "s3://bucket/images", "--output-path", "s3://bucket/out",
                               "--checkpoint-s3", "s3://bucket/checkpoints"])  # no S3 default bucket offline
trainer = launcher["build_trainer"](args)
print(json.dumps({"hyperparameters": trainer.hyperparameters, "image": trainer.training_image}))
"""


def _launcher_hyperparameters(launcher: Path) -> dict:
    tree = ast.parse(launcher.read_text())
    (assignment,) = [node for node in tree.body if isinstance(node, ast.Assign)
                     and [getattr(target, "id", None) for target in node.targets] == ["HYPERPARAMETERS"]]  # fmt: skip
    return ast.literal_eval(assignment.value)


@pytest.mark.e2e
@pytest.mark.toolkit
@pytest.mark.install
def test_a_sample_round_trips_through_the_v3_launcher_and_v3s_contract(tmp_path: Path, sagemaker_job):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("train.py", "make_data.py"):
        shutil.copy(SAMPLE / name, project / name)
    assert run_python(["make_data.py"], cwd=project).returncode == 0
    data = tmp_path / "images"
    shutil.move(project / "data" / "images", data)  # channel data stays out of the uploaded code
    shutil.rmtree(project / "data")
    (project / "make_data.py").unlink()

    migrated = CliRunner().invoke(app, ["--emit", "all", str(project / "train.py")], prog_name="sm-migrate")
    assert migrated.exit_code == 0, migrated.stderr
    launcher = project / "launch_sagemaker.py"
    hyperparameters = _launcher_hyperparameters(launcher)
    assert hyperparameters["use_augmentation"] is True

    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SAGEMAKER_VALIDATE_ROLE": "false"}
    built = run_in_sdk_v3(sdk_v3_python(), _TRAINER_HYPERPARAMETERS, str(launcher), env=env)
    assert built["hyperparameters"] == hyperparameters
    assert built["image"].endswith("/tensorflow-training:2.21-cpu-py312-amzn2023-sagemaker-v1")

    sent = dict(built["hyperparameters"], epochs=1, use_augmentation=False)
    job = sagemaker_job(project / "train.py", {"images": data}, sent, sdk="v3", install_requirements=False)

    assert job.ok, job.problems
    command = next(line for line in job.log.splitlines()
                   if line.startswith("Executing command:") and "train.py" in line)  # fmt: skip
    assert "--use_augmentation false" in command and "--model_dir" not in command
    assert job.checkpoint_files, "checkpoints go to /opt/ml/checkpoints, beside the model dir"
