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
from dataclasses import dataclass
from pathlib import Path

import pytest

from legacy_tf import run_legacy_job
from sm_migrate.transforms.contract import MigrationOptions
from sm_migrate.transforms.engine import migrate_source
from sm_migrate.verify import check_servable
from test_samples_local import SAMPLE_DIRS, load_manifest, logged_epochs, run_python, sample_python

SDK_MODEL_DIR = "s3://bucket/job/model"  # what the SageMaker SDK passes as --model_dir (docs/sagemaker-contract.md §3)


def options_for(manifest: dict) -> MigrationOptions:
    """tf.estimator samples target the last SageMaker image that has it."""
    return MigrationOptions(framework_version="2.14") if manifest.get("python") == "legacy" else MigrationOptions()


@dataclass
class JobView:
    """What a test checks of an emulated job, whichever interpreter ran it."""

    succeeded: bool
    failure: str
    log: str
    base: Path  # the job's /opt/ml
    saved_models: list
    keras_files: list[str]
    code_dir_writes: list[str]


def run_sample_job(manifest, python, script, channels, hyperparameters, tmp_path, sagemaker_job) -> JobView:
    if manifest.get("python") == "legacy":
        # TF 2.15 has no S3 file system: a local model_dir, as SageMaker passes under MPI
        # (docs/sagemaker-contract.md §3).
        job = run_legacy_job(python, script, channels, hyperparameters, work_dir=tmp_path / "jobs",
                             model_dir=str(tmp_path / "model_dir"), install_requirements=False)
        base = Path(job["base_dir"])
        return JobView(job["succeeded"], job["failure"], job["log"], base, check_servable(base / "model"),
                       [f for f in job["model_files"] if f.endswith((".keras", ".h5"))], job["code_dir_writes"])
    result = sagemaker_job(script, channels, hyperparameters, model_dir=SDK_MODEL_DIR, install_requirements=False)
    return JobView(result.succeeded, result.failure, result.log, result.layout.base_dir, result.saved_models,
                   result.keras_files, result.code_dir_writes)


def prepared_copy(sample_dir: Path, workdir: Path, data_dir: Path | None = None) -> Path:
    """The migrated sample as `train.py` in `workdir` with the modules it imports; its data generated beside it,
    or into `data_dir`."""
    workdir.mkdir(parents=True)
    shutil.copy2(sample_dir / "expected.py", workdir / "train.py")
    for module in load_manifest(sample_dir).get("modules", []):
        shutil.copy2(sample_dir / module, workdir / module)
    data_dir = data_dir or workdir
    data_dir.mkdir(parents=True, exist_ok=True)
    generated = run_python([str(sample_dir / "make_data.py"), str(data_dir)], cwd=data_dir)
    assert generated.returncode == 0, generated.stderr
    return workdir / "train.py"


def manifest_says_unchanged(sample_dir: Path) -> bool:
    """An already SageMaker-ready script must come back byte-identical."""
    return load_manifest(sample_dir).get("unchanged", False)


def require_runnable(manifest: dict) -> None:
    if not manifest.get("runnable", True):
        pytest.skip(f"not runnable offline: {manifest.get('not_runnable_because', 'downloads its data')}")


@pytest.mark.parametrize("sample_dir", SAMPLE_DIRS, ids=lambda path: path.name)
def test_golden_migration(sample_dir: Path):
    source = (sample_dir / "train.py").read_text()
    expected = (sample_dir / "expected.py").read_text()

    result = migrate_source(source, options_for(load_manifest(sample_dir)))

    assert result.code == expected
    assert result.is_training_script
    assert result.changed != manifest_says_unchanged(sample_dir)
    for module in load_manifest(sample_dir).get("modules", []):  # imported helpers that train nothing
        helper = migrate_source((sample_dir / module).read_text())
        assert not helper.changed and not helper.is_training_script, module
    compile(result.code, str(sample_dir / "expected.py"), "exec")
    manifest = load_manifest(sample_dir)
    assert result.channels == manifest.get("channels", {})
    lifted = {hp.name: hp.default for hp in result.hyperparameters}
    for name, value in manifest["hyperparameters"].items():
        if name in lifted:
            assert lifted[name] == pytest.approx(value), name
        else:  # already an argument of the script's own CLI, or reported as out of its reach
            declared = f'"--{name}' in source or f'"--{name.replace("_", "-")}' in source
            reported = any(d.code == "SM101" and name in d.message for d in result.diagnostics)
            assert declared or reported, name


@pytest.mark.parametrize("sample_dir", SAMPLE_DIRS, ids=lambda path: path.name)
def test_migration_is_idempotent(sample_dir: Path):
    expected = (sample_dir / "expected.py").read_text()

    again = migrate_source(expected, options_for(load_manifest(sample_dir)))

    assert again.code == expected
    assert not again.changed
    if manifest_says_unchanged(sample_dir):
        assert expected == (sample_dir / "train.py").read_text()


@pytest.mark.e2e
@pytest.mark.parametrize("sample_dir", SAMPLE_DIRS, ids=lambda path: path.name)
def test_migrated_sample_still_runs_locally(sample_dir: Path, tmp_path: Path, request):
    manifest = load_manifest(sample_dir)
    require_runnable(manifest)
    python = sample_python(manifest, request)
    script = prepared_copy(sample_dir, tmp_path / sample_dir.name)
    workdir = script.parent

    run = run_python([str(script)], cwd=workdir, python=python)  # no SM_* variables, no arguments

    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-3000:]
    epochs = manifest["hyperparameters"]["epochs"]
    assert logged_epochs(output, manifest["epoch_log"], epochs) == list(range(1, epochs + 1))
    for artifact in [*manifest["artifacts"], *manifest.get("outputs", {})]:
        assert (workdir / artifact).exists(), f"{artifact} is no longer written where the original wrote it"
    own_exports = [a for a in manifest["artifacts"] if a.endswith("saved_model.pb") or a in ("export", "exported")]
    if not own_exports and not manifest.get("unchanged"):  # the added export goes to the local model dir
        assert list((workdir / "sm_model").rglob("saved_model.pb"))
    if own_exports:
        assert not (workdir / "sm_model").exists()
    assert not list(workdir.glob("s3:*")), "nothing may be written to a folder named after an S3 URI"


@pytest.mark.e2e
@pytest.mark.toolkit
@pytest.mark.parametrize("sample_dir", SAMPLE_DIRS, ids=lambda path: path.name)
def test_migrated_sample_runs_as_a_sagemaker_job(sample_dir: Path, tmp_path: Path, sagemaker_job, request):
    manifest = load_manifest(sample_dir)
    require_runnable(manifest)
    python = sample_python(manifest, request)
    data_dir = tmp_path / "data"
    script = prepared_copy(sample_dir, tmp_path / "source", data_dir)
    migration = migrate_source((sample_dir / "train.py").read_text(), options_for(manifest))
    channels = {name: data_dir / source for name, source in migration.channels.items()}
    default_epochs = manifest["hyperparameters"]["epochs"]
    override = 2 if default_epochs != 2 else 3  # Keras prints no "Epoch 1/1" line for a single epoch

    job = run_sample_job(manifest, python, script, channels, {"epochs": override}, tmp_path, sagemaker_job)

    assert job.succeeded, job.failure or job.log[-3000:]
    assert (job.base / "output" / "success").exists()
    for input_path in manifest["inputs"]:  # the data was only in the channels
        assert not (job.base / "code" / input_path).exists()
    assert logged_epochs(job.log, manifest["epoch_log"], override) == list(range(1, override + 1))
    assert not logged_epochs(job.log, manifest["epoch_log"], default_epochs), "the epochs override was ignored"
    served = [model for model in job.saved_models if model.servable]
    assert served and all(model.servable for model in job.saved_models), job.saved_models
    assert all("serving_default" in model.signatures and model.outputs for model in served)
    outputs = manifest.get("outputs", {})
    for artifact in manifest["artifacts"]:  # the script's own .keras/.h5 saves ship in model.tar.gz beside 1/
        if artifact.endswith((".keras", ".h5")) and artifact not in outputs:
            assert Path(artifact).name in job.keras_files
    kept_dirs = {"checkpoints": job.base / "checkpoints", "output_data": job.base / "output" / "data",
                 "model": job.base / "model"}
    for artifact, where in outputs.items():
        assert list(kept_dirs[where].rglob(Path(artifact).name)), f"{artifact} did not reach {where}/"
    # Only what the script writes and reads back itself (reported as SM302) may stay in the discarded code dir.
    scratch = [d.message.split("'")[1] for d in migration.diagnostics if d.code == "SM302"]
    lost = [path for path in job.code_dir_writes if not path.startswith("__pycache__")]
    assert all(any(path == s or path.startswith(s.rstrip("/") + "/") for s in scratch) for path in lost), lost
