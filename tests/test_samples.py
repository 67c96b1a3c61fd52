"""Every bundled sample: its golden migration, and proof that the migrated script really runs.

Like Fixit's rules carry their own examples, each `samples/<name>/` carries the local script (`train.py`)
and what it must become (`expected.py`); this one parametrised module runs every pair:
- golden: `migrate_source(train.py)` is exactly `expected.py`, compiles, and finds the manifest's
  hyperparameters; migrating `expected.py` again changes nothing;
- locally, with no SM_* variables, the migrated script trains with the script's own hyperparameters on the
  same inputs and still writes what the original wrote, where it wrote it;
- as a SageMaker job through the real `sagemaker-training` toolkit (migrate.verify, the harness behind
  `sm-migrate verify`), with hyperparameters JSON-encoded as the SDK sends them, an overridden `epochs` and
  `model_dir` set to the S3 URI the SDK passes, and the input data ONLY in the channels
  (`input/data/<channel>/`, not in the code dir): the override reaches the script, `output/success` is
  written, `model/1/` holds a SavedModel TF Serving can load with a callable `serving_default`, checkpoints
  and other outputs land under `checkpoints/` and `output/data/`, and nothing else is left in the code dir.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from migrate.engine import migrate_source
from migrate.verify import run_local
from test_samples_local import SAMPLE_DIRS, load_manifest, logged_epochs, run_python

SDK_MODEL_DIR = "s3://bucket/job/model"  # what the SageMaker SDK passes as --model_dir (contract §3)


def prepared_copy(sample_dir: Path, workdir: Path, data_dir: Path | None = None) -> Path:
    """The migrated sample as `train.py` in `workdir`; its data generated beside it, or into `data_dir`."""
    workdir.mkdir(parents=True)
    shutil.copy2(sample_dir / "expected.py", workdir / "train.py")
    data_dir = data_dir or workdir
    data_dir.mkdir(parents=True, exist_ok=True)
    generated = run_python([str(sample_dir / "make_data.py"), str(data_dir)], cwd=data_dir)
    assert generated.returncode == 0, generated.stderr
    return workdir / "train.py"


def require_runnable(manifest: dict) -> None:
    if not manifest.get("runnable", True):
        pytest.skip(f"not runnable offline: {manifest.get('not_runnable_because', 'downloads its data')}")


@pytest.mark.parametrize("sample_dir", SAMPLE_DIRS, ids=lambda path: path.name)
def test_golden_migration(sample_dir: Path):
    source = (sample_dir / "train.py").read_text()
    expected = (sample_dir / "expected.py").read_text()

    result = migrate_source(source)

    assert result.code == expected
    assert result.changed and result.is_training_script
    compile(result.code, str(sample_dir / "expected.py"), "exec")
    manifest = load_manifest(sample_dir)
    assert result.channels == manifest.get("channels", {})
    lifted = {hp.name: hp.default for hp in result.hyperparameters}
    for name, value in manifest["hyperparameters"].items():
        if name in lifted:
            assert lifted[name] == pytest.approx(value), name
        else:  # already an argument of the script's own parser
            assert f'"--{name}' in source.replace("_", "-") or f'"--{name.replace("_", "-")}' in source, name


@pytest.mark.parametrize("sample_dir", SAMPLE_DIRS, ids=lambda path: path.name)
def test_migration_is_idempotent(sample_dir: Path):
    expected = (sample_dir / "expected.py").read_text()

    again = migrate_source(expected)

    assert again.code == expected
    assert not again.changed


@pytest.mark.e2e
@pytest.mark.parametrize("sample_dir", SAMPLE_DIRS, ids=lambda path: path.name)
def test_migrated_sample_still_runs_locally(sample_dir: Path, tmp_path: Path):
    manifest = load_manifest(sample_dir)
    require_runnable(manifest)
    script = prepared_copy(sample_dir, tmp_path / sample_dir.name)
    workdir = script.parent

    run = run_local(script, cwd=workdir, timeout=600)

    assert run.exit_code == 0, run.output
    epochs = manifest["hyperparameters"]["epochs"]
    assert logged_epochs(run.output, manifest["epoch_log"], epochs) == list(range(1, epochs + 1))
    for artifact in [*manifest["artifacts"], *manifest.get("outputs", {})]:
        assert (workdir / artifact).exists(), f"{artifact} is no longer written where the original wrote it"
    own_saved_models = [a for a in manifest["artifacts"] if a.endswith("saved_model.pb")]
    if not own_saved_models:  # the added export goes to the documented local model dir
        assert (workdir / "sm_model" / "1" / "saved_model.pb").exists()
    assert not (workdir / "sm_model").exists() or own_saved_models == []
    assert not list(workdir.glob("s3:*")), "nothing may be written to a folder named after an S3 URI"


@pytest.mark.e2e
@pytest.mark.toolkit
@pytest.mark.parametrize("sample_dir", SAMPLE_DIRS, ids=lambda path: path.name)
def test_migrated_sample_runs_as_a_sagemaker_job(sample_dir: Path, tmp_path: Path, sagemaker_job):
    manifest = load_manifest(sample_dir)
    require_runnable(manifest)
    data_dir = tmp_path / "data"
    script = prepared_copy(sample_dir, tmp_path / "source", data_dir)
    migration = migrate_source((sample_dir / "train.py").read_text())
    channels = {name: data_dir / source for name, source in migration.channels.items()}
    default_epochs = manifest["hyperparameters"]["epochs"]
    override = 2 if default_epochs != 2 else 3  # Keras prints no "Epoch 1/1" line for a single epoch

    result = sagemaker_job(script, channels, {"epochs": override}, model_dir=SDK_MODEL_DIR, install_requirements=False)

    assert result.succeeded, result.failure or result.log[-3000:]
    assert (result.layout.output_dir / "success").exists()
    for input_path in manifest["inputs"]:  # the data was only in the channels
        assert not (result.layout.code_dir / input_path).exists()
    assert logged_epochs(result.log, manifest["epoch_log"], override) == list(range(1, override + 1))
    assert not logged_epochs(result.log, manifest["epoch_log"], default_epochs), "the epochs override was ignored"
    served = [model for model in result.saved_models if model.path == "1"]
    assert served and served[0].servable, served
    assert "serving_default" in served[0].signatures and served[0].outputs
    outputs = manifest.get("outputs", {})
    for artifact in manifest["artifacts"]:  # the script's own .keras/.h5 saves ship in model.tar.gz beside 1/
        if artifact.endswith((".keras", ".h5")) and artifact not in outputs:
            assert Path(artifact).name in result.keras_files
    kept_dirs = {"checkpoints": result.layout.checkpoint_dir, "output_data": result.layout.output_data_dir,
                 "model": result.layout.model_dir}
    for artifact, where in outputs.items():
        assert list(kept_dirs[where].rglob(Path(artifact).name)), f"{artifact} did not reach {where}/"
    # Only what the script writes and reads back itself (reported as SM302) may stay in the discarded code dir.
    scratch = [d.message.split("'")[1] for d in migration.diagnostics if d.code == "SM302"]
    lost = [path for path in result.code_dir_writes if not path.startswith("__pycache__")]
    assert all(any(path == s or path.startswith(s.rstrip("/") + "/") for s in scratch) for path in lost), lost
