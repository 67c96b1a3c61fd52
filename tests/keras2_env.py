"""A test-only venv with tf-keras on top of the test environment: Keras 2 on TF 2.21.

tf-keras is not a dependency of sm-migrate or of its tests; scripts that set TF_USE_LEGACY_KERAS need it.
The venv holds only tf-keras (matching TensorFlow's minor version, docs/sagemaker-contract.md §10) and sees
the test environment's packages through a `.pth` line (`site.addsitedir`, so that the editable sm-migrate
install works there too); its `train` runs the same SageMaker toolkit with this venv's interpreter. Built
once per requirement set in the cache folder of tests/legacy_tf.py, published by a `complete` marker.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from legacy_tf import COMPLETE_MARKER, cache_dir

TF_KERAS_REQUIREMENT = "tf-keras==2.21.*"
TRAIN_SCRIPT = "#!{python}\nimport sys\nfrom sagemaker_training.cli.train import main\nsys.exit(main())\n"


def _test_site_packages() -> str:
    return sysconfig.get_paths()["purelib"]


@functools.cache
def keras2_python() -> Path:
    key = hashlib.sha256(json.dumps([sys.prefix, TF_KERAS_REQUIREMENT]).encode()).hexdigest()[:12]
    env_dir = cache_dir() / f"keras2-py{sys.version_info[0]}{sys.version_info[1]}-{key}"
    python = env_dir / "bin" / "python"
    if (env_dir / COMPLETE_MARKER).exists():
        return python
    env_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(env_dir.parent / f"{env_dir.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (env_dir / COMPLETE_MARKER).exists():
            _build(env_dir)
    return python


def _build(env_dir: Path) -> None:
    shutil.rmtree(env_dir, ignore_errors=True)
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    subprocess.run([str(base), "-m", "venv", str(env_dir)], check=True, capture_output=True)
    python = env_dir / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "sm_migrate_test_env.pth").write_text(f"import site; site.addsitedir({_test_site_packages()!r})\n")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", TF_KERAS_REQUIREMENT],
                   check=True, capture_output=True)
    train = env_dir / "bin" / "train"
    train.write_text(TRAIN_SCRIPT.format(python=python))
    train.chmod(0o755)
    marker = env_dir / f"{COMPLETE_MARKER}.tmp"
    marker.write_text(json.dumps({"requirements": [TF_KERAS_REQUIREMENT]}) + "\n")
    marker.rename(env_dir / COMPLETE_MARKER)
