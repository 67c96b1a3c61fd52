"""A script that keeps its settings in a file of its code (`config.json`): the file stays with the code, and the
training arguments read from it take SageMaker's hyperparameters when the job passes them, the file's values when
it does not. Run for real: locally and as a job through the real toolkit, the data only in its channel."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from sm_migrate.transforms.engine import migrate_source
from test_samples_local import logged_epochs, run_python

SCRIPT = '''\
import json

import numpy as np
import tensorflow as tf

with open("config.json") as handle:
    config = json.load(handle)
with np.load("data/train.npz") as arrays:
    x, y = arrays["x"], arrays["y"]
model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(config["model"]["units"]),
                             tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(config["optimizer"]["learning_rate"]), loss="mse")
model.fit(x, y, epochs=config["epochs"], batch_size=config.get("batch_size", 16), verbose=2)
print("learning rate", round(float(model.optimizer.learning_rate.numpy()), 4))
'''
CONFIG = {"epochs": 3, "batch_size": 8, "model": {"units": 4}, "optimizer": {"learning_rate": 0.01}}


def make_source(folder: Path, with_data: bool) -> Path:
    folder.mkdir(parents=True)
    (folder / "train.py").write_text(migrate_source(SCRIPT).code)
    (folder / "config.json").write_text(json.dumps(CONFIG))
    if with_data:
        (folder / "data").mkdir()
        rng = np.random.default_rng(3)
        np.savez(folder / "data" / "train.npz", x=rng.random((32, 3), "float32"), y=rng.random((32, 1), "float32"))
    return folder


def test_the_settings_file_is_no_channel_and_its_reads_get_overrides():
    result = migrate_source(SCRIPT)

    assert result.channels == {"data": "data"}
    assert {hp.name: hp.default for hp in result.hyperparameters} == \
        {"epochs": None, "batch_size": None, "learning_rate": None}
    assert 'open("config.json")' in result.code


@pytest.mark.e2e
def test_locally_the_files_values_train(tmp_path: Path):
    source = make_source(tmp_path / "source", with_data=True)

    run = run_python(["train.py"], cwd=source)

    assert run.returncode == 0, run.stderr[-3000:]
    assert logged_epochs(run.stdout, "Epoch {epoch}/{epochs}", 3) == [1, 2, 3]
    assert "learning rate 0.01" in run.stdout


@pytest.mark.e2e
@pytest.mark.toolkit
def test_as_a_job_the_hyperparameters_win_over_the_file(tmp_path: Path, sagemaker_job):
    source = make_source(tmp_path / "source", with_data=False)
    channel = make_source(tmp_path / "channel_source", with_data=True) / "data"

    job = sagemaker_job(source / "train.py", {"data": channel}, {"epochs": 2, "learning_rate": 0.5},
                        install_requirements=False)

    assert job.succeeded, job.failure + job.log[-3000:]
    assert logged_epochs(job.log, "Epoch {epoch}/{epochs}", 2) == [1, 2]  # (Keras logs no "Epoch 1/1")
    assert not logged_epochs(job.log, "Epoch {epoch}/{epochs}", 3), "the file's epochs trained"
    assert "learning rate 0.5" in job.log
    assert [model.path for model in job.servable_models] == ["1"], job.saved_models
