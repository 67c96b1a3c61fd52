"""sm-migrate as a user gets it: the wheel (not the checkout) in a fresh venv, beside an unrelated `transforms`.

The wheel's dependencies come from the package index (pip's cache makes a second run quick). Every command
runs isolated (`python -I`, no PYTHONPATH) from a folder outside the checkout, whose `migrate/` and
`transforms/` folders would otherwise be importable from the working directory.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fixtures_repo import training_script
from sm_migrate import MigrationOptions, migrate_source

pytestmark = pytest.mark.install

PROJECT_ROOT = Path(__file__).resolve().parents[1]
# Where each installed package's modules come from (pyproject's package-dir).
SOURCE_FOLDERS = {"sm_migrate": "migrate", "sm_migrate/transforms": "transforms"}
UNRELATED_TRANSFORMS = "the unrelated transforms package"


def _user_environment() -> dict[str, str]:
    """This environment without what would make the checkout importable."""
    return {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", "PYTHONHOME")}


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=_user_environment(), capture_output=True, text=True)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the sources: a build in the checkout reuses its `build/` folder, where
    modules deleted since the last build would still be picked up."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(PROJECT_ROOT / name, source / name)
    for folder in SOURCE_FOLDERS.values():
        shutil.copytree(PROJECT_ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("dist")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(source)], out)
    assert built.returncode == 0, built.stderr
    (path,) = out.glob("sm_migrate-*.whl")
    return path


@pytest.fixture(scope="module")
def unrelated_transforms(tmp_path_factory) -> Path:
    """A local project literally named `transforms`, as other projects on PyPI are."""
    project = tmp_path_factory.mktemp("unrelated")
    (project / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=68"]\nbuild-backend = "setuptools.build_meta"\n\n'
        '[project]\nname = "transforms"\nversion = "0.0.1"\n\n[tool.setuptools]\npackages = ["transforms"]\n'
    )
    (project / "transforms").mkdir()
    (project / "transforms" / "__init__.py").write_text(f"WHOSE = {UNRELATED_TRANSFORMS!r}\n")
    return project


def _venv(root: Path, *requirements: str) -> Path:
    """A fresh venv with `requirements` installed; returns its python."""
    created = _run([sys.executable, "-m", "venv", str(root)], root.parent)
    assert created.returncode == 0, created.stderr
    python = root / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requirements]
    installed = _run(pip, root.parent)
    assert installed.returncode == 0, installed.stderr
    return python


@pytest.fixture(scope="module")
def alone(wheel, tmp_path_factory) -> Path:
    """The python of a venv where only sm-migrate (and its dependencies) is installed."""
    return _venv(tmp_path_factory.mktemp("alone") / "venv", str(wheel))


@pytest.fixture(scope="module")
def beside(wheel, unrelated_transforms, tmp_path_factory) -> Path:
    """The python of a venv with sm-migrate and the unrelated `transforms` installed side by side."""
    return _venv(tmp_path_factory.mktemp("beside") / "venv", str(wheel), str(unrelated_transforms))


def test_the_wheel_ships_every_module_of_the_source_folders(wheel):
    shipped = {name for name in zipfile.ZipFile(wheel).namelist() if name.endswith(".py")}
    expected = set()
    for package, folder in SOURCE_FOLDERS.items():
        for path in (PROJECT_ROOT / folder).rglob("*.py"):
            expected.add(f"{package}/{path.relative_to(PROJECT_ROOT / folder).as_posix()}")

    assert shipped == expected


@pytest.mark.parametrize("name", ["transforms", "migrate"])
def test_alone_it_installs_no_generic_top_level_name(alone, tmp_path, name):
    result = _run([str(alone), "-I", "-c", f"import {name}"], tmp_path)

    assert result.returncode == 1
    assert f"ModuleNotFoundError: No module named {name!r}" in result.stderr


def test_beside_an_unrelated_transforms_both_work(beside, tmp_path):
    script = tmp_path / "train.py"
    script.write_text(training_script())
    probe = (
        "import json, sys\n"
        "import transforms\n"
        "import sm_migrate, sm_migrate.transforms\n"
        "from sm_migrate import MigrationOptions, migrate_source\n"
        "from sm_migrate.summary import REPORT_SCHEMA\n"
        "result = migrate_source(open(sys.argv[1]).read(), MigrationOptions())\n"
        "json.dump({'transforms': transforms.WHOSE, 'package': sm_migrate.transforms.__name__,\n"
        "           'code': result.code, 'schema_title': REPORT_SCHEMA['title'],\n"
        "           'tensorflow_imported': 'tensorflow' in sys.modules}, sys.stdout)\n"
    )
    result = _run([str(beside), "-I", "-c", probe, str(script)], tmp_path)

    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert seen["transforms"] == UNRELATED_TRANSFORMS
    assert seen["package"] == "sm_migrate.transforms"
    assert seen["code"] == migrate_source(training_script(), MigrationOptions()).code  # the same as the checkout's
    assert seen["schema_title"] == "sm-migrate report"
    assert seen["tensorflow_imported"] is False


@pytest.mark.parametrize("command", [["--help"], ["verify", "--help"]])
def test_the_console_script_runs(beside, tmp_path, command):
    result = _run([str(beside.parent / "sm-migrate"), *command], tmp_path)

    assert result.returncode == 0, result.stderr
    assert "Usage: sm-migrate" in result.stdout
