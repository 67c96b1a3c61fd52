"""A script written for an older SageMaker image fails on today's, and the upgrade is what makes it work.

`samples/sagemaker_tf2_era` (manifest `fails_before_upgrade`) is run as the SageMaker job it was written for,
through the real toolkit on TF 2.21 with the S3 `--model_dir` the SDK passes: the original fails. Then its
upgrade (`expected.py`, which tests/test_samples.py runs locally and as a job) is run with one repair undone at a
time: each brings the job's failure back, so none of them is cosmetic. The `os.environ` fallbacks matter off
SageMaker only: the local run of the original (tests/test_samples_local.py) fails with the manifest's KeyError.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sm_migrate.transforms.engine import migrate_source
from test_samples_local import SAMPLES_DIR, load_manifest, run_python

SAMPLE_DIR = SAMPLES_DIR / "sagemaker_tf2_era"
SDK_MODEL_DIR = "s3://bucket/job/model"  # what the SageMaker SDK passes as --model_dir (docs/sagemaker-contract.md §3)
# (what the upgrade wrote, what the original had, what the job then fails with)
REPAIRS = {
    "learning_rate": ("Adam(learning_rate=", "Adam(lr=", "Argument(s) not recognized"),
    "fit": ("model.fit(batches(", "model.fit_generator(batches(", "fit_generator"),
    "output_data_dir": ('os.path.join(args.output_data_dir, "history.p")', 'os.path.join(args.model_dir, "history.p")',
                        "FileNotFoundError"),
}


def _job(script_text: str, tmp_path: Path, sagemaker_job):
    source, data = tmp_path / "source", tmp_path / "data"
    source.mkdir()
    (source / "train.py").write_text(script_text)
    generated = run_python([str(SAMPLE_DIR / "make_data.py"), str(data)], cwd=tmp_path)
    assert generated.returncode == 0, generated.stderr
    channels = {name: data / local for name, local in load_manifest(SAMPLE_DIR)["channels"].items()}
    return sagemaker_job(source / "train.py", channels, {"epochs": 2}, model_dir=SDK_MODEL_DIR,
                         install_requirements=False)


def test_the_upgrade_reports_every_repair():
    result = migrate_source((SAMPLE_DIR / "train.py").read_text())

    assert [d.code for d in result.diagnostics] == ["SM305", "SM305", "SM403", "SM404", "SM306"]
    assert result.code == (SAMPLE_DIR / "expected.py").read_text()
    for upgraded, original, _ in REPAIRS.values():
        assert upgraded in result.code and original not in result.code


@pytest.mark.e2e
@pytest.mark.toolkit
def test_the_original_fails_as_a_sagemaker_job(tmp_path: Path, sagemaker_job):
    job = _job((SAMPLE_DIR / "train.py").read_text(), tmp_path, sagemaker_job)

    assert not job.succeeded
    assert "Argument(s) not recognized" in job.failure + job.log  # Keras 3's optimizers take no lr=
    assert not job.saved_models


@pytest.mark.e2e
@pytest.mark.toolkit
@pytest.mark.parametrize("repair", sorted(REPAIRS))
def test_each_repair_is_needed_in_the_job(repair: str, tmp_path: Path, sagemaker_job):
    upgraded, original, failure = REPAIRS[repair]
    script = (SAMPLE_DIR / "expected.py").read_text()
    assert script.count(upgraded) == 1

    job = _job(script.replace(upgraded, original), tmp_path, sagemaker_job)

    assert not job.succeeded
    assert failure in job.failure + job.log, job.log[-3000:]

