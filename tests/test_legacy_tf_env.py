"""The TF 2.15 test environment (tests/legacy_tf.py): what it contains, and that its toolkit runs a job.

Estimator samples need TensorFlow 2.15 (tf.estimator is gone from 2.16), so the suite builds a second venv
and runs them there. These tests prove that env really is TF 2.15 with tf.estimator, that its SageMaker
toolkit works with the protobuf/numpy pins TF 2.15 needs, and that an estimator's export is servable.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import legacy_tf
from legacy_tf import REPINNED_DEPENDENCIES, TOOLKIT_DEPENDENCIES, find_base_python, run_legacy_job
from sm_migrate.verify import check_servable

ESTIMATOR_JOB_SCRIPT = '''
import argparse, os
import numpy as np
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--steps", type=int, default=3)
parser.add_argument("--model_dir", default="runs")
parser.add_argument("--sm-model-dir", default=os.environ.get("SM_MODEL_DIR", "model"))
parser.add_argument("--train", default=os.environ.get("SM_CHANNEL_TRAIN", "data"))
args, _ = parser.parse_known_args()

data = np.load(os.path.join(args.train, "points.npz"))

def input_fn():
    return tf.data.Dataset.from_tensor_slices(({"x": data["x"]}, data["y"])).repeat().batch(8)

def serving_input_receiver_fn():
    x = tf.compat.v1.placeholder(tf.float32, [None, 2], name="x")
    return tf.estimator.export.ServingInputReceiver({"x": x}, {"x": x})

def model_fn(features, labels, mode):
    logits = tf.keras.layers.Dense(2)(features["x"])
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions={"probabilities": tf.nn.softmax(logits)})
    loss = tf.compat.v1.losses.sparse_softmax_cross_entropy(labels, logits)
    train_op = tf.compat.v1.train.AdamOptimizer(0.1).minimize(loss, tf.compat.v1.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)

# A canned estimator (LinearClassifier) exports only a "predict" signature for raw tensor inputs; a custom
# model_fn's predictions become serving_default.
estimator = tf.estimator.Estimator(model_fn, model_dir=args.model_dir)
estimator.train(input_fn, max_steps=args.steps)
print("trained steps:", estimator.get_variable_value("global_step"))
estimator.export_saved_model(args.sm_model_dir, serving_input_receiver_fn)
'''


def run_in(python: Path, code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True)


def requirement_name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_env_has_tensorflow_215_with_estimator(legacy_tf_python: Path):
    probe = run_in(
        legacy_tf_python,
        "import tensorflow as tf, tensorflow.estimator, numpy, google.protobuf as pb;"
        "print(tf.__version__, tf.estimator.Estimator.__module__, numpy.__version__, pb.__version__)",
    )

    assert probe.returncode == 0, probe.stderr[-2000:]
    tf_version, estimator_module, numpy_version, protobuf_version = probe.stdout.split()[-4:]
    assert tf_version == "2.15.1"
    assert estimator_module.startswith("tensorflow_estimator."), estimator_module
    assert numpy_version.startswith("1.") and protobuf_version.startswith("4."), probe.stdout


def test_toolkit_dependencies_are_the_wheels_own_with_tf_215_pins(legacy_tf_python: Path):
    """TOOLKIT_DEPENDENCIES is the installed toolkit's Requires-Dist, only numpy/protobuf re-pinned."""
    probe = run_in(
        legacy_tf_python,
        "import importlib.metadata as m; print('\\n'.join(m.requires('sagemaker-training')))",
    )
    assert probe.returncode == 0, probe.stderr[-2000:]
    wheel_requirements = [line for line in probe.stdout.splitlines() if "extra ==" not in line]

    expected = {
        REPINNED_DEPENDENCIES.get(requirement_name(requirement), requirement).replace(" ", "")
        for requirement in wheel_requirements
    }
    # The wheel lists boto3 twice (bare and >=1.28.57); the bare one adds nothing.
    expected = {req for req in expected if not any(other.startswith(req) and other != req for other in expected)}
    assert expected == {requirement.replace(" ", "") for requirement in TOOLKIT_DEPENDENCIES}


def test_no_supported_python_gives_a_visible_reason(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(sys, "base_prefix", str(tmp_path))
    monkeypatch.setenv(legacy_tf.PYTHON_VARIABLE, sys.executable if sys.version_info >= (3, 12) else "/nonexistent")

    python, reason = find_base_python()

    assert python is None
    assert "3.11" in reason and legacy_tf.PYTHON_VARIABLE in reason


def test_the_env_is_reused_not_rebuilt(legacy_tf_python: Path):
    environment = legacy_tf.legacy_environment()

    assert environment.python == legacy_tf_python
    assert (legacy_tf_python.parent.parent / legacy_tf.COMPLETE_MARKER).is_file()
    assert legacy_tf_python.parent.parent.parent == legacy_tf.cache_dir()


@pytest.mark.e2e
@pytest.mark.toolkit
def test_toolkit_runs_an_estimator_job_that_exports_a_servable_model(legacy_tf_python: Path, tmp_path: Path):
    import numpy as np

    source = tmp_path / "source"
    source.mkdir()
    (source / "train.py").write_text(ESTIMATOR_JOB_SCRIPT)
    data = tmp_path / "data"
    data.mkdir()
    rng = np.random.default_rng(0)
    points = rng.normal(size=(64, 2)).astype(np.float32)
    np.savez(data / "points.npz", x=points, y=(points.sum(axis=1) > 0).astype(np.int64))

    job = run_legacy_job(
        legacy_tf_python, source / "train.py", {"train": data}, {"steps": 7},
        work_dir=tmp_path / "jobs", model_dir=False, install_requirements=False,
    )

    assert job["succeeded"], job["failure"] + job["log"][-3000:]
    assert "trained steps: 7" in job["log"]
    model_dir = Path(job["base_dir"]) / "model"
    served = check_servable(model_dir)  # loaded by TF 2.21, the test's own interpreter
    assert [model.servable for model in served] == [True], served
    assert served[0].version is not None and "serving_default" in served[0].signatures
