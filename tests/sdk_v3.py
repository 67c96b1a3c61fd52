"""A test-only venv with the SageMaker Python SDK v3, beside the main test env's SDK v2.

v2 and v3 install as the same `sagemaker` distribution, so one environment holds one of them: the main test
env keeps v2 (the `sdk` extra) and the v3 launcher is built in this venv. Like the TF 2.15 env
(tests/legacy_tf.py) it is built once per requirement set, in the same cache folder, and published by a
`complete` marker written last; a file lock keeps parallel workers from building it twice.

    python = sdk_v3_python()   # Path to the venv's python
    report = run_in_sdk_v3(python, CODE, argument)   # runs CODE there; CODE prints one JSON document
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import subprocess
import sys
from pathlib import Path

from legacy_tf import COMPLETE_MARKER, cache_dir

# The SDK v3 the launcher is tested against: what `pip install sagemaker` gave when it was written.
SDK_V3_REQUIREMENTS = ("sagemaker==3.27.*",)


class SdkEnvBuildError(RuntimeError):
    """pip could not build the SDK v3 venv: a real failure, not a reason to skip."""


def requirements_key() -> str:
    spec = [list(sys.version_info[:2]), SDK_V3_REQUIREMENTS]
    return hashlib.sha256(json.dumps(spec).encode()).hexdigest()[:12]


@functools.cache
def sdk_v3_python() -> Path:
    """The SDK v3 venv's python, built from this interpreter on first use."""
    env_dir = cache_dir() / f"sdk-v3-py{sys.version_info[0]}{sys.version_info[1]}-{requirements_key()}"
    python = env_dir / "bin" / "python"
    if (env_dir / COMPLETE_MARKER).exists():
        return python
    env_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(env_dir.parent / f"{env_dir.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (env_dir / COMPLETE_MARKER).exists():
            _build(env_dir)
    return python


def _base_python() -> str:
    """The interpreter behind the running venv: a venv made from a venv's python inherits nothing from it."""
    return str(Path(sys.base_prefix) / "bin" / f"python{sys.version_info[0]}.{sys.version_info[1]}")


def _build(env_dir: Path) -> None:
    import shutil

    shutil.rmtree(env_dir, ignore_errors=True)
    _run([_base_python(), "-m", "venv", str(env_dir)])
    _run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", *SDK_V3_REQUIREMENTS])
    marker = env_dir / f"{COMPLETE_MARKER}.tmp"
    marker.write_text(json.dumps({"requirements": list(SDK_V3_REQUIREMENTS)}) + "\n")
    marker.rename(env_dir / COMPLETE_MARKER)


def _run(command: list[str]) -> None:
    completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode != 0:
        tail = "\n".join((completed.stderr or completed.stdout).strip().splitlines()[-15:])
        raise SdkEnvBuildError(f"building the SDK v3 env failed: {' '.join(command)}\n{tail}")


def run_in_sdk_v3(python: Path, code: str, *arguments: str, env: dict[str, str] | None = None) -> dict:
    """Run `code` with the SDK v3 interpreter; it must print one JSON document as its last line."""
    completed = subprocess.run([str(python), "-c", code, *arguments], capture_output=True, text=True, env=env)
    if completed.returncode != 0:
        raise AssertionError(f"SDK v3 check failed ({completed.returncode}):\n{completed.stderr[-4000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])
