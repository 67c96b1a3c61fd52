"""The second test environment: TensorFlow 2.15 (the last with `tf.estimator`) plus the SageMaker toolkit.

`tf.estimator` was removed in TF 2.16 and `tensorflow-estimator` 2.15 fails to import next to TF 2.21, so
estimator scripts run in their own venv (docs/tensorflow-and-libcst-notes.md, "Installing TensorFlow for
tests"). The tests build it themselves, once per requirement set, and reuse it afterwards:

    python = legacy_python()   # Path to the venv's python, or None when no Python can run TF 2.15
    job = run_legacy_job(python, "src/train.py", {"train": "data"}, {"steps": 5}, work_dir=tmp_path)

Where it lives: `$SM_MIGRATE_TEST_CACHE` or `~/.cache/sm-migrate-tests/`, in a folder named after a hash of
the interpreter version and every requirement below, so changing a pin builds a fresh env next to the old.
A venv is not relocatable (its console scripts, such as the toolkit's `train`, hard-code the interpreter
path), so it is built in place and published by a `complete` marker written atomically last; a folder
without the marker is a crashed build and is rebuilt. A file lock keeps parallel pytest workers from
building it twice.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from sm_migrate import verify

TENSORFLOW_REQUIREMENTS = ("tensorflow-cpu==2.15.1", "tensorflow-estimator==2.15.0")
# The same toolkit as the `verify` extra, installed without its dependencies: it asks for protobuf>=5.28.1,
# which breaks TF 2.15 (notes, "Installing TensorFlow for tests").
TOOLKIT_REQUIREMENT = "sagemaker-training==5.1.4"
# sagemaker-training 5.1.4's Requires-Dist (non-extra), with its protobuf and numpy pins replaced by what
# TF 2.15 needs. tests/test_legacy_tf_env.py checks this against the installed wheel's metadata.
TOOLKIT_DEPENDENCIES = (
    "numpy<2",
    "protobuf<5",
    "boto3>=1.28.57",
    "botocore>=1.31.57",
    "six",
    "pip",
    "retrying>=1.3.3",
    "gevent",
    "inotify_simple==1.2.1",
    "werkzeug>=0.15.5",
    "paramiko>=2.4.2",
    "psutil>=5.6.7",
    "scipy>=1.2.2",
)
# The toolkit's dependencies whose version the TF 2.15 env pins differently from the wheel's metadata.
REPINNED_DEPENDENCIES = {"numpy": "numpy<2", "protobuf": "protobuf<5"}
# Python versions with a tensorflow-cpu 2.15.1 wheel (there is none for 3.12).
SUPPORTED_PYTHONS = ((3, 11), (3, 10), (3, 9))
CACHE_VARIABLE = "SM_MIGRATE_TEST_CACHE"
PYTHON_VARIABLE = "SM_MIGRATE_LEGACY_PYTHON"  # an explicit base interpreter to build the venv from
COMPLETE_MARKER = "complete"
# Runs sm_migrate.verify.run_job in the TF 2.15 interpreter. verify.py is loaded from its file, not as
# `sm_migrate.verify`: sm-migrate is not installed in that env, and verify.py needs only the standard library.
_JOB_RUNNER = """
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("sm_migrate_verify", sys.argv[1])
verify = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = verify
spec.loader.exec_module(verify)
request = json.loads(sys.argv[2])
result = verify.run_job(request["script"], request["channels"], request["hyperparameters"], **request["options"])
with open(sys.argv[3], "w") as report:
    json.dump(dict(result.to_dict(), log=result.log), report)
"""


class LegacyEnvBuildError(RuntimeError):
    """A suitable Python was found but the venv could not be built (pip failed): a real failure."""


@dataclass(frozen=True)
class LegacyEnvironment:
    """The TF 2.15 venv: `python` is its interpreter, or None and `reason` says why there is none."""

    python: Path | None
    reason: str = ""
    build_seconds: float | None = None  # None when an existing env was reused


def legacy_python() -> Path | None:
    """The TF 2.15 venv's python (built on first use), or None when no Python can run TF 2.15."""
    return legacy_environment().python


@functools.cache
def legacy_environment() -> LegacyEnvironment:
    """Find or build the TF 2.15 venv; None-python with a reason when no supported Python exists."""
    base_python, reason = find_base_python()
    if base_python is None:
        return LegacyEnvironment(None, reason)
    version = _python_version(base_python)
    env_dir = cache_dir() / f"tf215-py{version[0]}{version[1]}-{requirements_key(version)}"
    python = env_dir / "bin" / "python"
    if (env_dir / COMPLETE_MARKER).exists():
        return LegacyEnvironment(python)
    env_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(env_dir.parent / f"{env_dir.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another worker may be building it: wait, then reuse
        if (env_dir / COMPLETE_MARKER).exists():
            return LegacyEnvironment(python)
        started = time.monotonic()
        _build(base_python, env_dir)
        return LegacyEnvironment(python, build_seconds=time.monotonic() - started)


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_VARIABLE) or Path.home() / ".cache" / "sm-migrate-tests")


def requirements_key(python_version: tuple[int, int]) -> str:
    """A short hash of everything that decides what the env contains."""
    spec = [list(python_version), TENSORFLOW_REQUIREMENTS, TOOLKIT_REQUIREMENT, TOOLKIT_DEPENDENCIES]
    return hashlib.sha256(json.dumps(spec).encode()).hexdigest()[:12]


def find_base_python() -> tuple[Path | None, str]:
    """A Python that TF 2.15 supports and that can make venvs; else None and why not.

    Tried in order: `$SM_MIGRATE_LEGACY_PYTHON`, the interpreter behind the one running the tests, then
    `python3.11`, `python3.10`, `python3.9` on PATH.
    """
    names = [f"python{major}.{minor}" for major, minor in SUPPORTED_PYTHONS]
    candidates = [
        os.environ.get(PYTHON_VARIABLE),
        str(Path(sys.base_prefix) / "bin" / f"python{sys.version_info[0]}.{sys.version_info[1]}"),
        *(shutil.which(name) for name in names),
    ]
    tried = []
    for candidate in dict.fromkeys(filter(None, candidates)):
        path = Path(candidate)
        version = _python_version(path) if path.is_file() else None
        if version in SUPPORTED_PYTHONS and _can_make_venvs(path):
            return path, ""
        tried.append(f"{candidate} ({_describe(version)})")
    supported = ", ".join(f"{major}.{minor}" for major, minor in SUPPORTED_PYTHONS)
    return None, (
        f"no Python {supported} with the venv module to build the TF 2.15 env (tensorflow-cpu 2.15.1 has no "
        f"wheel for newer Pythons); tried: {', '.join(tried) or 'nothing on PATH'}; set {PYTHON_VARIABLE}"
    )


def _describe(version: tuple[int, int] | None) -> str:
    return "not runnable" if version is None else f"Python {version[0]}.{version[1]}"


def _python_version(python: Path) -> tuple[int, int] | None:
    try:
        completed = subprocess.run(
            [str(python), "-c", "import sys; print(*sys.version_info[:2])"], capture_output=True, text=True
        )
    except OSError:
        return None
    if completed.returncode != 0:
        return None
    major, minor = completed.stdout.split()
    return int(major), int(minor)


def _can_make_venvs(python: Path) -> bool:
    """Debian splits `ensurepip` into python3.X-venv; without it `-m venv` fails."""
    return subprocess.run([str(python), "-c", "import ensurepip, venv"], capture_output=True).returncode == 0


def _build(base_python: Path, env_dir: Path) -> None:
    """Create the venv at `env_dir` (clearing a crashed build), install, then publish the marker."""
    shutil.rmtree(env_dir, ignore_errors=True)
    _run([str(base_python), "-m", "venv", str(env_dir)])
    python = env_dir / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    _run([*pip, *TENSORFLOW_REQUIREMENTS])
    _run([*pip, "--no-deps", TOOLKIT_REQUIREMENT])
    # Pin what TF already installed so resolving the toolkit's dependencies cannot move it.
    _run([*pip, *TENSORFLOW_REQUIREMENTS, *TOOLKIT_DEPENDENCIES])
    marker = env_dir / f"{COMPLETE_MARKER}.tmp"
    marker.write_text(json.dumps({"requirements": [*TENSORFLOW_REQUIREMENTS, TOOLKIT_REQUIREMENT]}) + "\n")
    marker.rename(env_dir / COMPLETE_MARKER)


def _run(command: list[str]) -> None:
    completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode != 0:
        tail = "\n".join((completed.stderr or completed.stdout).strip().splitlines()[-15:])
        raise LegacyEnvBuildError(f"building the TF 2.15 env failed: {' '.join(command)}\n{tail}")


def run_legacy_job(
    python: Path,
    script: str | Path,
    channels: dict[str, str | Path] | None = None,
    hyperparameters: dict | None = None,
    *,
    work_dir: str | Path,
    **options,
) -> dict:
    """`sm_migrate.verify.run_job` with the TF 2.15 venv's interpreter and toolkit; its `to_dict()` plus `log`.

    run_job uses the interpreter it runs in, so it runs inside the venv. The job's tree is kept under
    `work_dir` (the dict's `base_dir`). `check_model` is forced off: check the model dir with
    `sm_migrate.verify.check_servable` in the test's own interpreter instead. `options` are run_job's keyword
    options that JSON can carry (timeout, model_dir, env, install_requirements, ...).
    """
    request = {
        "script": str(script),
        "channels": {name: str(path) for name, path in (channels or {}).items()},
        "hyperparameters": hyperparameters or {},
        "options": {**options, "work_dir": str(work_dir), "check_model": False},
    }
    report_path = Path(work_dir) / "legacy-job.json"
    Path(work_dir).mkdir(parents=True, exist_ok=True)
    command = [str(python), "-c", _JOB_RUNNER, verify.__file__, json.dumps(request)]
    completed = subprocess.run([*command, str(report_path)], capture_output=True, text=True)
    if completed.returncode != 0:
        raise RuntimeError(f"run_job failed to start in {python}:\n{completed.stderr[-3000:]}")
    return json.loads(report_path.read_text(encoding="utf-8"))
