"""Shared fixtures: run a script as an emulated SageMaker job (the same harness as `sm-migrate verify`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from sm_migrate.verify import JobResult, run_job

# The fuzz test (tests/test_fuzz.py). Every test run: a few hundred inputs, the same ones each time, so that CI
# is repeatable. `--hypothesis-profile long`: 10,000+ new ones per test. Generated programs are slow to draw and
# often filtered out (CPython must compile them), which hypothesis's health checks would count against them.
_FUZZ = dict(deadline=None, database=None, print_blob=True,
             suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
settings.register_profile("ci", max_examples=125, derandomize=True, **_FUZZ)
settings.register_profile("long", max_examples=6000, **_FUZZ)
settings.load_profile("ci")


@pytest.fixture
def sagemaker_job(tmp_path: Path):
    """`sagemaker_job(script, channels, hyperparameters, **run_job_options) -> JobResult`.

    Runs `migrate.verify.run_job` with the job's tree kept under the test's tmp_path (inspect
    `result.layout.model_dir` etc. freely); the job log is printed, so pytest shows it when a test fails.
    """

    def run(script, channels=None, hyperparameters=None, **options) -> JobResult:
        options.setdefault("work_dir", tmp_path / "jobs")
        options.setdefault("log", print)
        return run_job(script, channels, hyperparameters, **options)

    return run


@pytest.fixture(scope="session")
def legacy_tf_python() -> Path:
    """The python of the TF 2.15 + tf.estimator venv (tests/legacy_tf.py), built on first use, then reused.

    Skips, with the reason, only when no Python that TF 2.15 supports is available; a failed build errors.
    """
    from legacy_tf import legacy_environment

    environment = legacy_environment()
    if environment.python is None:
        pytest.skip(environment.reason)
    return environment.python
