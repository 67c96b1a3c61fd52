"""A script written for an older SageMaker image fails on today's, and the upgrade is what makes it work.

Each sample whose manifest says `fails_as_job` (written for an older image) is run as the SageMaker job it was
written for, through the real toolkit on TF 2.21 with the S3 `--model_dir` the SDK passes: the original fails
with that error. Its upgrade (`expected.py`) trains there, honours an overridden hyperparameter and leaves a
servable model/1: tests/test_samples.py runs it locally and as a job. For `samples/sagemaker_tf2_era` the upgrade
is also run with one repair undone at a time: each brings the job's failure back, so none of them is cosmetic.
The `os.environ` fallbacks matter off SageMaker only: the local run of an original (tests/test_samples_local.py)
fails with the manifest's `fails_before_upgrade`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from keras2_env import keras2_python

from sm_migrate.transforms import catalog
from sm_migrate.transforms.contract import MigrationOptions
from sm_migrate.transforms.engine import migrate_source
from test_samples_local import SAMPLE_DIRS, SAMPLES_DIR, load_manifest, logged_epochs, run_python

SAMPLE_DIR = SAMPLES_DIR / "sagemaker_tf2_era"
OLD_IMAGE_SAMPLES = [d for d in SAMPLE_DIRS if load_manifest(d).get("fails_as_job")]
SDK_MODEL_DIR = "s3://bucket/job/model"  # what the SageMaker SDK passes as --model_dir (docs/sagemaker-contract.md §3)
# (what the upgrade wrote, what the original had, what the job then fails with)
REPAIRS = {
    "learning_rate": ("Adam(learning_rate=", "Adam(lr=", "Argument(s) not recognized"),
    "fit": ("model.fit(batches(", "model.fit_generator(batches(", "fit_generator"),
    "output_data_dir": ('os.path.join(args.output_data_dir, "history.p")', 'os.path.join(args.model_dir, "history.p")',
                        "FileNotFoundError"),
}


def _job(script_text: str, tmp_path: Path, sagemaker_job, sample_dir: Path = SAMPLE_DIR):
    source, data = tmp_path / "source", tmp_path / "data"
    source.mkdir()
    (source / "train.py").write_text(script_text)
    generated = run_python([str(sample_dir / "make_data.py"), str(data)], cwd=tmp_path)
    assert generated.returncode == 0, generated.stderr
    channels = {name: data / local for name, local in load_manifest(sample_dir)["channels"].items()}
    return sagemaker_job(source / "train.py", channels, {"epochs": 2}, model_dir=SDK_MODEL_DIR,
                         install_requirements=False)


def test_there_are_scripts_for_old_images():
    assert {d.name for d in OLD_IMAGE_SAMPLES} >= {"sagemaker_tf2_era", "sagemaker_keras_session_export",
                                                   "sagemaker_opt_ml_model_save"}


def test_the_upgrade_reports_every_repair():
    result = migrate_source((SAMPLE_DIR / "train.py").read_text())

    assert [d.code for d in result.diagnostics] == ["SM305", "SM305", "SM403", "SM407", "SM404", "SM306"]
    assert result.code == (SAMPLE_DIR / "expected.py").read_text()
    for upgraded, original, _ in REPAIRS.values():
        assert upgraded in result.code and original not in result.code


@pytest.mark.e2e
@pytest.mark.toolkit
@pytest.mark.parametrize("sample_dir", OLD_IMAGE_SAMPLES, ids=lambda path: path.name)
def test_the_original_fails_as_a_sagemaker_job(sample_dir: Path, tmp_path: Path, sagemaker_job):
    job = _job((sample_dir / "train.py").read_text(), tmp_path, sagemaker_job, sample_dir)

    assert not job.succeeded
    assert load_manifest(sample_dir)["fails_as_job"] in job.failure + job.log, job.log[-3000:]
    assert not any(model.servable for model in job.saved_models)


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



LEGACY_OPTIMIZER = ("tf.keras.optimizers.Adam(lr=", "tf.keras.optimizers.legacy.Adam(lr=")


def test_what_keras3_cannot_rename_is_reported_not_rewritten():
    script = (SAMPLE_DIR / "train.py").read_text().replace(*LEGACY_OPTIMIZER)

    result = migrate_source(script)

    assert [d.code for d in result.diagnostics] == ["SM305", "SM305", "SM402", "SM404", "SM306"]
    assert LEGACY_OPTIMIZER[1] in result.code and "TF_USE_LEGACY_KERAS" not in result.code


@pytest.mark.e2e
def test_keras2_mode_keeps_keras2_and_the_script_trains_on_tf_keras(tmp_path: Path):
    """--keras 2: the legacy optimizer stays, TF_USE_LEGACY_KERAS=1 comes before the TensorFlow import, and the
    script trains locally on TF 2.21 with tf-keras (tests/keras2_env.py), the package requirements.txt adds."""
    script = (SAMPLE_DIR / "train.py").read_text().replace(*LEGACY_OPTIMIZER)

    result = migrate_source(script, MigrationOptions(keras="2"))

    assert [d.code for d in result.diagnostics] == ["SM406", "SM305", "SM305", "SM306"]
    assert result.code.index('os.environ["TF_USE_LEGACY_KERAS"] = "1"') < result.code.index("import tensorflow")
    assert LEGACY_OPTIMIZER[1] in result.code and "fit_generator(" in result.code
    assert migrate_source(result.code, MigrationOptions(keras="2")).code == result.code
    (tmp_path / "train.py").write_text(result.code)
    assert run_python([str(SAMPLE_DIR / "make_data.py"), str(tmp_path)], cwd=tmp_path).returncode == 0

    run = run_python(["train.py", "--epochs", "2"], cwd=tmp_path, python=keras2_python())

    assert run.returncode == 0, (run.stdout + run.stderr)[-3000:]
    assert logged_epochs(run.stdout, "Epoch {epoch}/{epochs}", 2) == [1, 2]
    assert (tmp_path / "sm_output" / "history.p").exists()
    assert list((tmp_path / "sm_model").rglob("saved_model.pb"))


@pytest.mark.e2e
def test_the_decay_schedule_decays_as_keras_2_did(tmp_path: Path):
    """Keras 2 trained with `lr / (1 + decay * step)`; Keras 3 ignores `decay=`. The rewritten optimizer must
    train at Keras 2's rate, step by step (checked on the optimizer the migrated script really builds)."""
    script = tmp_path / "train.py"
    script.write_text(migrate_source(
        "import numpy as np\nimport tensorflow as tf\n\n"
        "features = np.ones((32, 2), dtype='float32')\n"
        "model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])\n"
        "optimizer = tf.keras.optimizers.SGD(lr=0.1, decay=0.5)\n"
        "model.compile(optimizer=optimizer, loss='mse')\n"
        "model.fit(features, features[:, :1], epochs=1, batch_size=8, verbose=0)\n"
        "print('rate', float(optimizer.learning_rate), int(optimizer.iterations))\n"
    ).code)
    run = run_python([str(script)], cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    rate, steps = run.stdout.split("rate ", 1)[1].split()[:2]
    assert int(steps) == 4 and float(rate) == pytest.approx(0.1 / (1 + 0.5 * 4))


def test_the_keras3_names_the_module_moves_rely_on_are_keras3s():
    """catalog's table against the installed Keras 3: every moved module is gone, every listed name is public in
    the module it moves to, through `keras` and `tf.keras` alike."""
    import importlib

    import keras
    import tensorflow as tf

    for module in catalog.KERAS2_MODULE_MOVES:
        with pytest.raises(ImportError):
            importlib.import_module(module)
    for target, names in catalog.KERAS3_PUBLIC_NAMES.items():
        submodule = target.split(".", 1)[1]
        assert names <= set(dir(getattr(keras, submodule))) & set(dir(getattr(tf.keras, submodule))), target


def run_before_and_after(script: str, folder: Path):
    """Run `script` and its migration in `folder` on this TensorFlow: (migration, original's run, migrated's run)."""
    (folder / "original.py").write_text(script)
    result = migrate_source(script)
    (folder / "train.py").write_text(result.code)
    return (result, run_python([str(folder / "original.py")], cwd=folder),
            run_python([str(folder / "train.py")], cwd=folder))


KERAS2_PATHS_SCRIPT = (
    "import numpy as np\nimport tensorflow as tf\n"
    "from keras.models import Sequential\n"
    "from keras.layers.core import Dense, Dropout\n"
    "from keras.engine.topology import Layer\n"
    "from keras.utils.np_utils import to_categorical\n"
    "from tensorflow.keras.layers.experimental import preprocessing\n\n"
    "class Scale(Layer):\n    def call(self, x):\n        return 2.0 * x\n\n"
    "x = np.random.rand(32, 4).astype('float32')\n"
    "y = to_categorical(np.random.randint(0, 3, 32))\n"
    "normalizer = preprocessing.Normalization()\nnormalizer.adapt(x)\n"
    "model = Sequential([tf.keras.Input((4,)), normalizer, Scale(),\n"
    "                    tf.keras.layers.experimental.preprocessing.Rescaling(0.5), Dropout(0.1),\n"
    "                    Dense(3, activation='softmax')])\n"
    "model.compile(loss='categorical_crossentropy', optimizer='adam')\n"
    "history = model.fit(x, y, epochs=1, batch_size=8, verbose=0)\nprint('trained', len(history.history['loss']))\n"
)


@pytest.mark.e2e
def test_keras2_module_paths_moved_to_keras3s_public_ones_train_on_tf_2_21(tmp_path: Path):
    """The original fails at import on TF 2.21 (Keras 3); the migrated script trains."""
    result, original, migrated = run_before_and_after(KERAS2_PATHS_SCRIPT, tmp_path)

    assert "ModuleNotFoundError: No module named 'keras.layers.core'" in original.stderr
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    assert "trained" in migrated.stdout and (tmp_path / "sm_model" / "1" / "saved_model.pb").exists()
    assert [d.code for d in result.diagnostics].count("SM409") == 5


@pytest.mark.e2e
@pytest.mark.toolkit
def test_keras2_module_paths_moved_train_as_a_sagemaker_job(tmp_path: Path, sagemaker_job):
    """The same migrated script through the real toolkit: the epochs override reaches fit, model/1 serves."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "train.py").write_text(migrate_source(KERAS2_PATHS_SCRIPT).code)

    job = sagemaker_job(source / "train.py", {}, {"epochs": 2}, model_dir=SDK_MODEL_DIR, install_requirements=False)

    assert job.succeeded, job.failure + job.log[-3000:]
    assert "trained 2" in job.log
    assert [model.path for model in job.servable_models] == ["1"], job.saved_models


def test_the_removed_keras_calls_the_catalog_lists_are_gone_from_keras3():
    """catalog's tables against the installed Keras 3 (TF 2.21), through `keras` and `tf.keras` alike: each listed
    backend function is gone, so is each removed model method, and each Keras 1 layer keyword is refused while the
    Keras 2 name it is renamed to is the layer's own argument."""
    import importlib
    import importlib.util
    import inspect

    import keras
    import tensorflow as tf

    backend_functions = [name for name in [*catalog.KERAS3_REMOVED_APIS, *catalog.REMOVED_KERAS_APIS]
                         if name.startswith("keras.backend.")]
    for name in backend_functions:
        function = name.rsplit(".", 1)[-1]
        assert not hasattr(keras.backend, function) and not hasattr(tf.keras.backend, function), name
    for method in catalog.REMOVED_MODEL_METHODS:
        for model_class in (keras.Sequential, keras.Model, tf.keras.Sequential, tf.keras.Model):
            assert not hasattr(model_class, method), (model_class, method)
    for layer, (_, renamed) in catalog.KERAS1_LAYER_KEYWORDS.items():
        for layers in (keras.layers, tf.keras.layers):
            parameters = inspect.signature(getattr(layers, layer).__init__).parameters
            assert set(renamed.values()) <= set(parameters), layer
            assert not (set(renamed) | set(catalog.KERAS1_LAYER_KEYWORDS_REPORTED)) & set(parameters), layer
    with pytest.raises(ValueError, match="Unrecognized keyword arguments passed to Dense"):
        keras.layers.Dense(1, init="uniform")
    for name, home in catalog.TF_KERAS_LEGACY_HOMES.items():  # gone from keras 3, served by TF's own Keras
        module, _, attribute = name.rpartition(".")
        assert importlib.util.find_spec(module) is None or not hasattr(importlib.import_module(module), attribute)
        assert hasattr(importlib.import_module(home), attribute), home
    for method, keywords in ((keras.Model.fit, catalog.KERAS3_REMOVED_FIT_KEYWORDS),
                             (keras.callbacks.ModelCheckpoint.__init__, catalog.KERAS3_REMOVED_CALLBACK_KEYWORDS)):
        parameters = inspect.signature(method).parameters
        assert not set(keywords) & set(parameters) and not any(p.kind == p.VAR_KEYWORD for p in parameters.values())


KERAS1_LAYERS_SCRIPT = (
    "import numpy as np\n"
    "from keras.layers import Convolution2D, Dense, Dropout, Flatten, MaxPooling2D\n"
    "from keras.models import Sequential\nfrom keras.regularizers import l2\n\n"
    "model = Sequential()\n"
    "model.add(Convolution2D(4, (3, 3), border_mode='same', subsample=(2, 2), init='he_normal', "
    "input_shape=(8, 8, 1)))\n"
    "model.add(MaxPooling2D((2, 2), border_mode='same'))\nmodel.add(Flatten())\nmodel.add(Dropout(p=0.5))\n"
    "model.add(Dense(output_dim=3, init='uniform', W_regularizer=l2(0.01), b_regularizer=l2(0.01), bias=True,\n"
    "                activation='softmax'))\n"
    "model.compile(loss='sparse_categorical_crossentropy', optimizer='adam')\n"
    "history = model.fit(np.zeros((8, 8, 8, 1)), np.zeros(8), epochs=1, verbose=0)\n"
    "print('trained', len(history.history['loss']), model.layers[0].strides)\n"
)


@pytest.mark.e2e
def test_keras1_layer_keywords_renamed_train_on_tf_2_21(tmp_path: Path):
    """The original fails where its first layer is built on TF 2.21 (Keras 3); once the Keras 1 keywords have their
    Keras 2 names the script trains, with the strides `subsample=` asked for."""
    result, original, migrated = run_before_and_after(KERAS1_LAYERS_SCRIPT, tmp_path)

    assert "ValueError: Unrecognized keyword arguments passed to Conv2D" in original.stderr
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    assert "trained 1 (2, 2)" in migrated.stdout
    assert [d.code for d in result.diagnostics].count("SM405") == 10
