"""The bundled samples are real local scripts, and their `sample.toml` manifests tell the truth.

Every `samples/<name>/train.py` is run UNMIGRATED, as its author would run it, on the data its own
`make_data.py` writes. The golden and end-to-end tests of the migrated scripts rely on what is proven
here: the inputs the generator writes, the artefacts the original writes, and the epoch count it trains
for (read from the log line Keras or the script's own loop prints for each epoch).
Manifest format: see samples/README.md.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_DIRS = sorted(path.parent for path in SAMPLES_DIR.glob("*/train.py"))
# The files every sample is made of (plus its manifest's `modules`); everything else in its folder is generated.
SAMPLE_SOURCES = ("train.py", "make_data.py", "sample.toml")
# Manifest `python` values: which interpreter runs the sample. "legacy" is the TF 2.15 env (tests/legacy_tf.py).
PYTHONS = ("default", "legacy")


def load_manifest(sample_dir: Path) -> dict:
    with open(sample_dir / "sample.toml", "rb") as handle:
        return tomllib.load(handle)


def sample_sources(manifest: dict) -> list[str]:
    """The files a sample's run needs: train.py, make_data.py, sample.toml and the modules train.py imports."""
    return [*SAMPLE_SOURCES, *manifest.get("modules", [])]


def sample_python(manifest: dict, request: pytest.FixtureRequest) -> Path:
    """The interpreter a sample runs with: this one, or the TF 2.15 env's (skips when that can't exist)."""
    if manifest.get("python", "default") == "legacy":
        return request.getfixturevalue("legacy_tf_python")
    return Path(sys.executable)


def run_python(args: list[str], cwd: Path, python: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python` (default: this interpreter) as a laptop user would: no SageMaker (`SM_*`) variables set."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("SM_")}
    return subprocess.run([str(python or sys.executable), *args], cwd=cwd, env=env, capture_output=True, text=True)


def logged_epochs(stdout: str, epoch_log: str, epochs: int) -> list[int]:
    """The epoch numbers of every per-epoch log line that names `epochs` as the total."""
    marker = "\0"
    pattern = re.escape(epoch_log.format(epoch=marker, epochs=epochs)).replace(re.escape(marker), r"(\d+)")
    return [int(epoch) for epoch in re.findall(pattern + r"(?!\d)", stdout)]


def test_samples_exist():
    assert len(SAMPLE_DIRS) >= 6, f"expected at least 6 samples in {SAMPLES_DIR}"


@pytest.mark.parametrize("sample_dir", SAMPLE_DIRS, ids=lambda path: path.name)
def test_manifest_is_complete(sample_dir: Path):
    manifest = load_manifest(sample_dir)
    assert isinstance(manifest["description"], str) and manifest["description"]
    assert manifest["inputs"] and all(isinstance(path, str) for path in manifest["inputs"])
    assert all(isinstance(path, str) for path in manifest["artifacts"])
    assert isinstance(manifest["hyperparameters"]["epochs"], int)
    assert "{epoch}" in manifest["epoch_log"] and "{epochs}" in manifest["epoch_log"]
    for path in [*manifest["inputs"], *manifest["artifacts"]]:
        assert not Path(path).is_absolute() and ".." not in Path(path).parts, path
    assert manifest.get("python", "default") in PYTHONS
    assert isinstance(manifest.get("unchanged", False), bool)
    assert isinstance(manifest.get("fails_before_upgrade", ""), str)
    assert isinstance(manifest.get("fails_as_job", ""), str)
    for module in manifest.get("modules", []):
        assert module.endswith(".py") and (sample_dir / module).is_file(), module


@pytest.mark.parametrize("sample_dir", SAMPLE_DIRS, ids=lambda path: path.name)
def test_make_data_writes_the_inputs_into_a_given_folder(sample_dir: Path, tmp_path: Path):
    generated = run_python([str(sample_dir / "make_data.py"), str(tmp_path)], cwd=tmp_path)

    assert generated.returncode == 0, generated.stderr
    for input_path in load_manifest(sample_dir)["inputs"]:
        assert (tmp_path / input_path).exists(), f"make_data.py did not write {input_path}"


@pytest.mark.e2e
@pytest.mark.parametrize("sample_dir", SAMPLE_DIRS, ids=lambda path: path.name)
def test_original_sample_trains_locally_and_writes_its_artifacts(
    sample_dir: Path, tmp_path: Path, request: pytest.FixtureRequest
):
    manifest = load_manifest(sample_dir)
    if not manifest.get("runnable", True):
        pytest.skip(f"downloads its data at run time: {', '.join(manifest['downloads'])}")
    python = sample_python(manifest, request)
    workdir = tmp_path / sample_dir.name
    workdir.mkdir()
    for name in sample_sources(manifest):
        shutil.copy2(sample_dir / name, workdir)

    generated = run_python(["make_data.py"], cwd=workdir, python=python)
    assert generated.returncode == 0, generated.stderr
    trained = run_python(["train.py"], cwd=workdir, python=python)

    if manifest.get("fails_before_upgrade"):  # written for older SageMaker images: only its upgrade runs
        assert trained.returncode != 0 and manifest["fails_before_upgrade"] in trained.stderr, trained.stderr[-3000:]
        return
    assert trained.returncode == 0, trained.stdout[-3000:] + trained.stderr[-3000:]
    for artifact in manifest["artifacts"]:
        assert (workdir / artifact).exists(), f"train.py did not write {artifact}"
    epochs = manifest["hyperparameters"]["epochs"]
    assert logged_epochs(trained.stdout, manifest["epoch_log"], epochs) == list(range(1, epochs + 1))


@pytest.mark.e2e
def test_help_of_a_migrated_absl_script_is_its_own(tmp_path: Path):
    """The argparse block added beside absl flags parses first: it must leave `--help` to absl, which lists the
    script's own flags (it used to print only SageMaker's options and exit)."""
    script = tmp_path / "train.py"
    shutil.copy2(SAMPLES_DIR / "absl_flags" / "expected.py", script)
    run = run_python([script.name, "--help"], cwd=tmp_path)
    assert "--batch_size: Examples per gradient step." in run.stdout, run.stdout + run.stderr[-2000:]
    assert "--sm-model-dir" not in run.stdout
