"""migrate.emit: requirements.txt, the shell entry point for old TF images, and the job launcher.

Generated files are checked by running them (the shell entry point with fake `pip`/`python`, the launcher's
`--help` without the SDK or credentials) and by parsing them with `ast`, never by substring.
"""

from __future__ import annotations

import ast
import importlib.metadata
import json
import os
import re
import runpy
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name
from sdk_v3 import run_in_sdk_v3, sdk_v3_python

from sm_migrate.emit import (
    EmitError,
    EmitOptions,
    build_launcher,
    emit_files,
    needs_shell_entrypoint,
    plan_requirements,
    render_requirements,
    resolve_target,
    scan_imports,
)
from sm_migrate.emit import requirements as requirements_module
from sm_migrate.emit.requirements import (
    CONTAINER_COMMENT_PREFIX,
    Requirement,
    RequirementsPlan,
    python_allowed,
)
from sm_migrate.files import write_atomic
from sm_migrate.transforms.contract import HyperParameter, MigrationResult

FIXTURE = Path(__file__).parent / "emit_fixtures" / "project"
HYPERPARAMETERS = [
    HyperParameter("epochs", 10, "int", 30, "EPOCHS"),
    HyperParameter("learning_rate", 0.001, "float", 31, "LR"),
    HyperParameter("batch_size", 64, "int", 32, "fit(batch_size=)"),
    HyperParameter("use_augmentation", False, "bool", 33, "AUGMENT"),
    HyperParameter("optimizer", "adam 100%", "str", 34, "OPTIMIZER"),
]
CHANNELS = {"train": "data/train.csv", "eval-set": "data/eval 100%.csv"}
# An image the SDK resolves and whose package list sm-migrate does not know: only its TensorFlow stack is
# left out of requirements.txt. The default (2.21) is an image whose whole package list is known.
TF_STACK_ONLY_VERSION = "2.19"


def _installed_or(module: str, alias: str) -> str:
    """The distribution providing `module` here, else the curated alias (cv2 and sklearn may or may not be
    installed in the test environment)."""
    return importlib.metadata.packages_distributions().get(module, [alias])[0]


EXPECTED_DISTRIBUTIONS = {
    canonicalize_name(name)
    for name in (
        "numpy",
        "pandas",
        "PyYAML",
        _installed_or("cv2", "opencv-python"),
        _installed_or("sklearn", "scikit-learn"),
        "Pillow",  # from helpers.py
        "beautifulsoup4",  # bs4, from dataprep/readers.py, reached through a relative import
    )
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the fixture source dir, so that emitted files can be written next to the script."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURE, target)
    return target


def _result(script: Path) -> MigrationResult:
    source = script.read_text()
    return MigrationResult(source=source, code=source, hyperparameters=list(HYPERPARAMETERS), channels=dict(CHANNELS))


def _write(report) -> None:
    """What the CLI does with an EmitReport: write each file atomically, then set its mode."""
    for emitted in report.files:
        write_atomic(emitted.path, emitted.data)
        if emitted.mode is not None:
            os.chmod(emitted.path, emitted.mode)


def _requirement_names(text: str) -> list[str]:
    """Project names of the requirement lines (not comments, blanks or pip options)."""
    lines = [line.strip() for line in text.splitlines()]
    return [re.match(r"[A-Za-z0-9._-]+", line).group() for line in lines if line and line[0] not in "#-"]


def _emit(project: Path, **options):
    return emit_files(str(project / "train.py"), _result(project / "train.py"), EmitOptions(**options))


def _file(report, kind: str):
    return next(emitted for emitted in report.files if emitted.kind == kind)


# --- requirements.txt --------------------------------------------------------------------------------------


def test_requirements_list_exactly_the_third_party_distributions(project):
    report = _emit(project, kinds=frozenset({"requirements"}), framework_version=TF_STACK_ONLY_VERSION)
    text = _file(report, "requirements").data.decode()
    names = _requirement_names(text)

    assert {canonicalize_name(name) for name in names} == EXPECTED_DISTRIBUTIONS
    assert names == sorted(names, key=canonicalize_name)
    assert report.unmapped_imports == ["acme_internal_metrics"]
    assert any("acme_internal_metrics" in note for note in report.notes)
    assert any("ujson" in note and "ImportError" in note for note in report.notes)


def test_tensorflow_and_keras_are_left_out_with_the_reason(project):
    text = _file(_emit(project, kinds=frozenset({"requirements"}), framework_version=TF_STACK_ONLY_VERSION),
                 "requirements").data.decode()  # fmt: skip
    comments = [line for line in text.splitlines() if line.startswith(CONTAINER_COMMENT_PREFIX)]

    assert len(comments) == 1
    assert "tensorflow" in comments[0] and "TensorFlow 2.19 training image" in comments[0]
    assert not {"tensorflow", "tensorflow-cpu", "keras", "tf-keras"} & {
        canonicalize_name(name) for name in _requirement_names(text)
    }


def test_what_the_tf_2_21_image_ships_is_left_out_and_the_comment_names_the_image(project):
    report = _emit(project, kinds=frozenset({"requirements"}), pin=True)
    text = _file(report, "requirements").data.decode()
    (comment,) = [line for line in text.splitlines() if line.startswith(CONTAINER_COMMENT_PREFIX)]

    # numpy, pandas, cv2, sklearn and PIL are in the image (docs/sagemaker-contract.md §10); bs4 and yaml are not
    assert {canonicalize_name(name) for name in _requirement_names(text)} == {"beautifulsoup4", "pyyaml"}
    for module in ("cv2", "numpy", "pandas", "sklearn", "PIL", "tensorflow"):
        assert module in comment
    assert "tensorflow-training:2.21-cpu-py312-amzn2023-sagemaker-v1" in comment
    assert not any(line.startswith(("numpy", "pandas")) for line in text.splitlines())  # --pin pins none of them


def _script_project(tmp_path: Path, source: str) -> Path:
    script = tmp_path / "job" / "train.py"
    script.parent.mkdir()
    script.write_text(source)
    return script


@pytest.mark.parametrize(
    "source",
    [
        'import os\nos.environ["TF_USE_LEGACY_KERAS"] = "1"\nimport tensorflow as tf\n',
        "import tf_keras as keras\nimport tensorflow as tf\n",
    ],
)
def test_keras_2_scripts_get_tf_keras_in_the_images_tensorflow_version(tmp_path, source):
    script = _script_project(tmp_path, source)
    report = emit_files(str(script), MigrationResult(source=source, code=source),
                        EmitOptions(kinds=frozenset({"requirements"}), pin=True))  # fmt: skip
    lines = _file(report, "requirements").data.decode().splitlines()

    assert "tf-keras==2.21.*" in lines  # tf-keras 2.X goes with TensorFlow 2.X, whatever is installed here
    assert _requirement_names("\n".join(lines)) == ["tf-keras"]


def test_legacy_keras_needs_no_tf_keras_before_keras_3(tmp_path):
    source = 'import os\nos.environ["TF_USE_LEGACY_KERAS"] = "1"\nimport tensorflow as tf\n'
    script = _script_project(tmp_path, source)
    report = emit_files(str(script), MigrationResult(source=source, code=source),
                        EmitOptions(kinds=frozenset({"requirements"}), framework_version="2.14"))  # fmt: skip

    assert _requirement_names(_file(report, "requirements").data.decode()) == []


def test_horovod_is_added_with_a_note_on_building_it(tmp_path):
    source = "import horovod.tensorflow.keras as hvd\nimport tensorflow as tf\nhvd.init()\n"
    script = _script_project(tmp_path, source)
    report = emit_files(str(script), MigrationResult(source=source, code=source),
                        EmitOptions(kinds=frozenset({"requirements"})))  # fmt: skip

    assert _requirement_names(_file(report, "requirements").data.decode()) == ["horovod"]
    assert any(note.startswith("horovod added") and "MPI" in note for note in report.notes)


def test_local_modules_are_scanned_once_and_not_listed(project):
    scan = scan_imports(str(project / "train.py"), (project / "train.py").read_text())
    local = sorted(os.path.relpath(path, project) for path in scan.local_files)

    assert local == ["dataprep/__init__.py", "dataprep/readers.py", "helpers.py"]
    assert not {"helpers", "dataprep", "train", "os", "json", "glob", "__future__"} & set(scan.required)


def test_pin_takes_versions_from_the_local_environment(project):
    report = _emit(project, kinds=frozenset({"requirements"}), pin=True, framework_version=TF_STACK_ONLY_VERSION)
    lines = [line for line in _file(report, "requirements").data.decode().splitlines() if not line.startswith("#")]

    pinned = dict(line.split("==") for line in lines if "==" in line)
    assert pinned  # numpy, pandas and PyYAML are installed in the test environment
    for name, version in pinned.items():
        assert version == importlib.metadata.version(name)
    for name in (line for line in lines if "==" not in line):
        try:
            metadata = importlib.metadata.metadata(name)
        except importlib.metadata.PackageNotFoundError:
            assert any(note.startswith(f"{name}: not installed here") for note in report.notes)
        else:  # installed, but not for the image's Python 3.12
            assert not python_allowed(metadata["Requires-Python"], (3, 12))
            assert any(note.startswith(f"{name}: left unpinned") for note in report.notes)


@pytest.mark.parametrize(
    ("requires_python", "python", "admitted"),
    [
        (">=3.11", (3, 10), False),
        (">=3.11", (3, 12), True),
        (">=3.9, <3.13", (3, 12), True),
        (">=3.9,<3.12", (3, 12), False),
        ("<3.11.2", (3, 11), True),
        ("!=3.0.*,!=3.1.*,>=2.7", (3, 6), True),
        ("!=3.6.*", (3, 6), False),
        ("==3.*", (2, 7), False),
        ("~=3.8", (3, 12), True),
        ("~=3.8", (3, 7), False),
        ("", (3, 6), True),
        (None, (3, 6), True),
        ("not a specifier", (3, 6), True),
    ],
)
def test_python_allowed(requires_python, python, admitted):
    assert python_allowed(requires_python, python) is admitted


def test_pin_leaves_a_version_the_images_python_cannot_install_unpinned():
    plan = RequirementsPlan(
        requirements=[Requirement("numpy", "2.4.6", ">=3.11"), Requirement("PyYAML", "6.0.4", ">=3.8")],
        container_provided=[], unmapped=[], optional=[], notes=[],
    )  # fmt: skip
    rendered = render_requirements(plan, "train.py", pin=True, python=(3, 10))

    assert _requirement_names(rendered.text) == ["numpy", "PyYAML"]
    assert [line for line in rendered.text.splitlines() if "==" in line] == ["PyYAML==6.0.4"]
    assert any(note.startswith("numpy: left unpinned") and "3.10" in note for note in rendered.notes)


def test_merge_keeps_the_users_lines_and_reports_pin_conflicts(project):
    existing = (
        "# pinned by the team\nnumpy==1.26\npandas>=2  # data frames\n\n--extra-index-url https://example.org/simple\n"
    )
    (project / "requirements.txt").write_text(existing)

    report = _emit(project, kinds=frozenset({"requirements"}), pin=True, framework_version=TF_STACK_ONLY_VERSION)
    text = _file(report, "requirements").data.decode()

    assert text.startswith(existing)
    assert {canonicalize_name(name) for name in _requirement_names(text)} == EXPECTED_DISTRIBUTIONS
    assert _requirement_names(text).count("numpy") == 1
    local_numpy = importlib.metadata.version("numpy")
    conflicts = [note for note in report.notes if note.startswith("conflict:")]
    assert len(conflicts) == 1 and "numpy==1.26" in conflicts[0] and local_numpy in conflicts[0]


def test_running_twice_changes_nothing(project):
    (project / "requirements.txt").write_text("numpy==1.26\n")
    options = {"pin": True, "framework_version": "2.1", "py_version": "py36"}
    _write(_emit(project, **options))
    before = {path: path.read_bytes() for path in project.iterdir() if path.is_file()}

    second = _emit(project, **options)
    _write(second)

    assert [emitted.changed for emitted in second.files] == [False, False, False]
    assert {path: path.read_bytes() for path in project.iterdir() if path.is_file()} == before


@pytest.mark.parametrize(
    ("numpy_line", "conflict"),
    [
        ("numpy==1.26.* --hash=sha256:0123 \\", None),
        ("numpy===1.26.4", None),
        ("numpy == 1.26.0+cpu", "conflict: requirements.txt pins numpy==1.26.0+cpu, the local environment has 1.26.4"),
        ("NumPy==1.25.*  # old", "conflict: requirements.txt pins numpy==1.25.*, the local environment has 1.26.4"),
    ],
)
def test_merge_reads_requirement_lines_as_pip_does(numpy_line, conflict):
    plan = RequirementsPlan(
        requirements=[Requirement("attrs", "23.1.0"), Requirement("numpy", "1.26.4"), Requirement("Pillow", "10.0.0"),
                      Requirement("PyYAML", "6.0.1"), Requirement("requests", "2.31.0")],
        container_provided=[], unmapped=[], optional=[], notes=[],
    )  # fmt: skip
    existing = (
        f"{numpy_line}\n"
        "    --hash=sha256:4567\n"
        "pyyaml[extra]>=6 ; python_version >= '3.8'  # config\n"
        "-e git+https://example.org/pillow.git#egg=Pillow\n"
        "requests @ https://example.org/requests-2.31.0-py3-none-any.whl\n"
        "https://example.org/attrs-23.1.0-py3-none-any.whl\n"
    )
    rendered = render_requirements(plan, "train.py", existing=existing, pin=True)

    added = rendered.text[len(existing) :].splitlines()
    assert added == ["# Added by sm-migrate from the imports of train.py:", "attrs==23.1.0"]
    conflicts = [note for note in rendered.notes if note.startswith("conflict:")]
    assert conflicts == ([f"{conflict} (kept the file's pin)"] if conflict else [])


def test_merge_keeps_windows_line_endings(project):
    (project / "requirements.txt").write_bytes(b"numpy\r\npandas\r\n")
    data = _file(_emit(project, kinds=frozenset({"requirements"})), "requirements").data

    assert data.startswith(b"numpy\r\npandas\r\n") and data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_a_tensorflow_line_in_an_existing_file_is_kept_and_reported(project):
    (project / "requirements.txt").write_text("tensorflow==2.19.0\n")
    report = _emit(project, kinds=frozenset({"requirements"}))

    assert _file(report, "requirements").data.decode().startswith("tensorflow==2.19.0\n")
    assert any("lists tensorflow" in note for note in report.notes)


def test_render_requirements_for_a_script_with_only_stdlib_and_tensorflow(tmp_path):
    script = tmp_path / "train.py"
    script.write_text("import os\nimport tensorflow as tf\n")
    plan = plan_requirements(scan_imports(str(script), script.read_text()))

    assert plan.requirements == [] and plan.container_provided == ["tensorflow"]
    rendered = render_requirements(plan, "train.py")
    assert _requirement_names(rendered.text) == []
    assert render_requirements(plan, "train.py", existing=rendered.text).text == rendered.text


def _install_fake_distribution(site: Path, name: str, files: list[str]) -> None:
    """A real (tiny) installed distribution: its files plus a dist-info with METADATA and RECORD."""
    for relative in files:
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text("")
    info = site / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (info / "RECORD").write_text("".join(f"{relative},,\n" for relative in files))


@pytest.fixture
def fresh_installed_modules():
    """Forget the per-process cache of installed distributions before and after the test."""
    requirements_module._installed_modules.cache_clear()
    yield
    requirements_module._installed_modules.cache_clear()


def test_a_namespace_package_shared_by_distributions_maps_by_submodule(tmp_path, monkeypatch, fresh_installed_modules):
    site = tmp_path / "site"
    _install_fake_distribution(site, "nsdemo-alpha", ["nsdemo/alpha/__init__.py"])
    _install_fake_distribution(site, "nsdemo-beta", ["nsdemo/beta/__init__.py"])
    monkeypatch.syspath_prepend(str(site))
    script = tmp_path / "train.py"

    script.write_text("from nsdemo.beta import thing\n")
    plan = plan_requirements(scan_imports(str(script), script.read_text()))
    assert [requirement.name for requirement in plan.requirements] == ["nsdemo-beta"]

    script.write_text("import nsdemo\n")
    plan = plan_requirements(scan_imports(str(script), script.read_text()))
    assert plan.requirements == [] and plan.unmapped == ["nsdemo"]
    assert any("nsdemo-alpha" in note and "nsdemo-beta" in note for note in plan.notes)


# --- shell entry point ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("framework_version", "py_version", "needed"),
    [
        ("2.1", "py36", True),
        ("2.1", "py3", True),
        ("2.0.0", "py2", True),  # "2.0" resolves to 2.0.4, which has no py2 image
        ("1.11", "py2", True),
        ("1.15", "py3", True),
        ("1.15.2", "py2", True),
        ("1.15.2", "py37", False),
        ("1.15", "py37", False),
        ("2.2", None, False),
        ("2.18", "py310", False),
        ("2.19", "py312", False),
    ],
)
def test_shell_entrypoint_policy(framework_version, py_version, needed):
    assert needs_shell_entrypoint(resolve_target(framework_version, py_version)) is needed


@pytest.mark.parametrize(
    ("framework_version", "py_version", "message"),
    [
        ("1.10", "py2", "legacy mode"),
        ("1.4.1", None, "legacy mode"),
        ("2", None, "invalid TensorFlow version"),
        ("2.19rc1", None, "invalid TensorFlow version"),
        ("2.15", None, "no SageMaker TensorFlow training image"),
        ("2.19", "py310", "available: py312"),
        ("1.15.2", None, "needs --py-version"),
        ("2.2", "py36", "available: py37"),
    ],
)
def test_unusable_versions_are_refused(framework_version, py_version, message):
    with pytest.raises(EmitError, match=message):
        resolve_target(framework_version, py_version)


def _fake_tool(bin_dir: Path, name: str, log: Path, exit_code: int = 0) -> None:
    tool = bin_dir / name
    tool.write_text(f"#!/bin/sh\nprintf '%s\\0' {name} \"$@\" >> '{log}'\nprintf '\\n' >> '{log}'\nexit {exit_code}\n")
    tool.chmod(0o755)


def _calls(log: Path) -> list[list[str]]:
    return [line.rstrip("\0").split("\0") for line in log.read_text().splitlines()]


def test_entrypoint_for_tf_2_1_installs_requirements_then_passes_arguments_through(project, tmp_path):
    report = _emit(project, framework_version="2.1", py_version="py36")
    _write(report)
    entrypoint = project / "train.sh"
    assert entrypoint.is_file() and stat.S_IMODE(entrypoint.stat().st_mode) == 0o755
    assert _file(report, "entrypoint").mode == 0o755

    bin_dir, log = tmp_path / "fakebin", tmp_path / "calls.log"
    bin_dir.mkdir()
    _fake_tool(bin_dir, "pip", log)
    _fake_tool(bin_dir, "python", log)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin"}
    run = subprocess.run(
        [str(entrypoint), "--epochs", "3", "--flag", "two words"], cwd=tmp_path, env=env, capture_output=True, text=True
    )

    assert run.returncode == 0, run.stderr
    assert _calls(log) == [
        ["pip", "install", "-r", "requirements.txt"],
        ["python", "train.py", "--epochs", "3", "--flag", "two words"],
    ]


def test_entrypoint_stops_when_pip_fails(project, tmp_path):
    _write(_emit(project, framework_version="2.1", py_version="py36"))
    bin_dir, log = tmp_path / "fakebin", tmp_path / "calls.log"
    bin_dir.mkdir()
    _fake_tool(bin_dir, "pip", log, exit_code=1)
    _fake_tool(bin_dir, "python", log)

    run = subprocess.run([str(project / "train.sh")], env={"PATH": f"{bin_dir}:/usr/bin:/bin"}, capture_output=True)

    assert run.returncode == 1
    assert [call[0] for call in _calls(log)] == ["pip"]


def test_no_entrypoint_for_tf_2_19(project):
    report = _emit(project, framework_version="2.19", py_version="py312")

    assert [emitted.kind for emitted in report.files] == ["requirements", "launcher"]
    assert any("no shell entry point needed" in note for note in report.notes)


def test_tf_1_10_is_refused(project):
    with pytest.raises(EmitError, match="legacy mode"):
        _emit(project, framework_version="1.10", py_version="py2")


# --- launcher -------------------------------------------------------------------------------------------


def _assigned_literal(tree: ast.Module, name: str):
    for node in tree.body:
        if isinstance(node, ast.Assign) and [target.id for target in node.targets] == [name]:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} is not assigned a literal at module level")


def _function(tree: ast.Module, name: str) -> ast.FunctionDef:
    return next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == name)


def _calls_named(tree: ast.AST, attribute: str) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (getattr(node.func, "attr", None) == attribute or getattr(node.func, "id", None) == attribute)
    ]


def _channel_options(tree: ast.Module) -> dict[str, str]:
    """`--<name>-s3` option -> dest, for the required channel arguments of parse_args."""
    options = {}
    for call in _calls_named(_function(tree, "parse_args"), "add_argument"):
        keywords = {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords if kw.arg in ("required", "dest")}
        if keywords.get("required"):
            options[ast.literal_eval(call.args[0])] = keywords["dest"]
    return options


def _inputs_dict(node: ast.Dict) -> dict[str, str]:
    return {ast.literal_eval(key): f"{value.value.id}.{value.attr}" for key, value in zip(node.keys, node.values)}


@pytest.mark.parametrize("sdk", ["v2", "v3"])
def test_launcher_compiles_and_matches_the_migration_result(project, sdk):
    text = _file(_emit(project, launcher_sdk=sdk), "launcher").data.decode()
    compile(text, "launch_sagemaker.py", "exec")
    tree = ast.parse(text)

    assert _assigned_literal(tree, "HYPERPARAMETERS") == {hp.name: hp.default for hp in HYPERPARAMETERS}
    assert _assigned_literal(tree, "FRAMEWORK_VERSION") == "2.21"
    assert _assigned_literal(tree, "PY_VERSION") == "py312"
    assert _assigned_literal(tree, "IMAGE_TAGS") == {
        "cpu": "2.21-cpu-py312-amzn2023-sagemaker-v1", "gpu": "2.21-gpu-py312-cu129-amzn2023-sagemaker-v1"
    }  # fmt: skip
    options = _channel_options(tree)
    assert set(options) == {f"--{name}-s3" for name in CHANNELS}
    expected_inputs = {name: f"args.{options[f'--{name}-s3']}" for name in CHANNELS}
    if sdk == "v2":
        assert _assigned_literal(tree, "ENTRY_POINT") == "train.py"
        (fit,) = _calls_named(_function(tree, "main"), "fit")
        assert _inputs_dict(fit.args[0]) == expected_inputs
        (estimator,) = _calls_named(_function(tree, "build_estimator"), "TensorFlow")
        assert {keyword.arg for keyword in estimator.keywords} >= {
            "entry_point", "source_dir", "role", "instance_type", "instance_count",
            "framework_version", "py_version", "hyperparameters", "image_uri", "checkpoint_s3_uri",
        }  # fmt: skip
    else:
        assert _assigned_literal(tree, "ENTRY_SCRIPT") == "train.py"
        channels = next(
            node.value
            for node in ast.walk(_function(tree, "input_data"))
            if isinstance(node, ast.Assign) and node.targets[0].id == "channels"
        )
        assert _inputs_dict(channels) == expected_inputs
        (source_code,) = _calls_named(_function(tree, "build_trainer"), "SourceCode")
        source_code_keywords = {keyword.arg: keyword.value for keyword in source_code.keywords}
        assert source_code_keywords["requirements"].value == "requirements.txt"
        assert _calls_named(_function(tree, "build_trainer"), "training_image_uri")
        assert _calls_named(_function(tree, "training_image_uri"), "retrieve")
        assert "no --model_dir" in ast.get_docstring(tree) and "`true`" in ast.get_docstring(tree)


def test_launcher_runs_the_shell_entrypoint_for_old_images(project):
    tree = ast.parse(
        _file(_emit(project, framework_version="2.1", py_version="py36", launcher_sdk="v2"), "launcher").data
    )

    assert _assigned_literal(tree, "ENTRY_POINT") == "train.sh"
    assert (_assigned_literal(tree, "FRAMEWORK_VERSION"), _assigned_literal(tree, "PY_VERSION")) == ("2.1", "py36")
    assert "IMAGE_TAGS" not in {target.id for node in tree.body if isinstance(node, ast.Assign)
                                for target in node.targets if isinstance(target, ast.Name)}  # fmt: skip


def test_emit_launcher_alone_writes_the_entrypoint_and_requirements_it_runs(project):
    report = _emit(project, kinds=frozenset({"launcher"}), framework_version="2.1", py_version="py36",
                   launcher_sdk="v2")  # fmt: skip

    assert sorted(emitted.kind for emitted in report.files) == ["entrypoint", "launcher", "requirements"]
    assert any(note.startswith("also wrote train.sh and requirements.txt") for note in report.notes)
    assert _file(report, "entrypoint").mode == 0o755


_HELP_WITHOUT_SDK = """
import runpy, sys
sys.argv = [sys.argv[1], "--help"]
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
except SystemExit as exit:
    assert exit.code == 0, exit.code
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("sagemaker", "boto3", "botocore"))
assert not loaded, loaded
"""


@pytest.mark.parametrize("sdk", ["v2", "v3"])
def test_launcher_help_needs_neither_the_sdk_nor_credentials(project, tmp_path, sdk):
    _write(_emit(project, launcher_sdk=sdk))
    clean_env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}  # no AWS_* variables, no ~/.aws

    run = subprocess.run(
        [sys.executable, "-c", _HELP_WITHOUT_SDK, str(project / "launch_sagemaker.py")],
        env=clean_env, capture_output=True, text=True,
    )  # fmt: skip

    assert run.returncode == 0, run.stderr
    assert "--train-s3" in run.stdout and "--eval-set-s3" in run.stdout and "--role" in run.stdout
    missing = subprocess.run(
        [sys.executable, str(project / "launch_sagemaker.py"), "--role", "arn:aws:iam::1:role/x"],
        env=clean_env, capture_output=True, text=True,
    )  # fmt: skip
    assert missing.returncode == 2 and "--train-s3" in missing.stderr


def test_hyperparameter_values_round_trip_as_python_literals():
    odd = [HyperParameter("dropout", 1e-07, "float", 1), HyperParameter("name", "it's \"quoted\"", "str", 2)]
    text = build_launcher("train.py", resolve_target("2.19"), odd, {"train": "data"})

    assert _assigned_literal(ast.parse(text), "HYPERPARAMETERS") == {"dropout": 1e-07, "name": "it's \"quoted\""}


def test_a_value_computed_at_run_time_is_not_sent():
    # None reaches the script as an empty value, which `--epochs` (type=int) can't parse: the job fails at once.
    computed = [HyperParameter("epochs", None, "int", 1, "EPOCHS"), HyperParameter("batch_size", 32, "int", 2)]
    text = build_launcher("train.py", resolve_target("2.19"), computed, {"train": "data"})

    assert _assigned_literal(ast.parse(text), "HYPERPARAMETERS") == {"batch_size": 32}
    assert "# 'epochs': ...,  # computed by the script at run time" in text


def test_bad_names_and_sdk_choices_are_refused(project):
    for options, message in (
        ({"entrypoint_name": "run.py"}, "ending in .sh"),
        ({"entrypoint_name": "../train.sh"}, "ending in .sh"),
        ({"launcher_name": "launch.sh"}, "plain Python file name"),
        ({"launcher_name": "jobs/launch.py"}, "plain Python file name"),
        ({"launcher_name": "train.py"}, "would be overwritten"),
        ({"launcher_sdk": "v1"}, "--launcher-sdk"),
    ):
        with pytest.raises(EmitError, match=message):
            _emit(project, **options)


def test_v2_estimator_constructs_offline_with_the_lifted_hyperparameters(project, tmp_path, monkeypatch):
    """Runs where the optional SageMaker SDK v2 is installed (it has sagemaker.tensorflow; v3 does not)."""
    pytest.importorskip("sagemaker.tensorflow", reason="SageMaker Python SDK v2 is not installed")
    _write(_emit(project, framework_version="2.1", py_version="py36", launcher_sdk="v2"))
    for variable in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("HOME", str(tmp_path))
    launcher = runpy.run_path(str(project / "launch_sagemaker.py"))

    args = launcher["parse_args"](
        ["--role", "arn:aws:iam::123456789012:role/Fake", "--output-path", "s3://b/out",
         "--train-s3", "s3://b/train", "--eval-set-s3", "s3://b/e"]
    )  # fmt: skip
    estimator = launcher["build_estimator"](args)

    hyperparameters = estimator.hyperparameters()
    assert {name: json.loads(hyperparameters[name]) for name in launcher["HYPERPARAMETERS"]} == {
        hp.name: hp.default for hp in HYPERPARAMETERS
    }
    assert (estimator.entry_point, estimator.framework_version, estimator.py_version) == ("train.sh", "2.1", "py36")
    assert (estimator.source_dir, estimator.output_path) == (str(project), "s3://b/out")


def test_v2_estimator_for_tf_2_21_gets_the_image_uri_the_sdk_cannot_resolve(project, tmp_path, monkeypatch):
    pytest.importorskip("sagemaker.tensorflow", reason="SageMaker Python SDK v2 is not installed")
    _write(_emit(project, launcher_sdk="v2", distribution="mwms"))
    for variable in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    launcher = runpy.run_path(str(project / "launch_sagemaker.py"))
    required = ["--role", "arn:aws:iam::123456789012:role/Fake", "--train-s3", "s3://b/t", "--eval-set-s3", "s3://b/e"]

    def image(*options):
        return launcher["build_estimator"](launcher["parse_args"]([*required, *options])).training_image_uri()

    assert image("--region", "us-east-1") == (
        "763104351884.dkr.ecr.us-east-1.amazonaws.com/tensorflow-training:2.21-cpu-py312-amzn2023-sagemaker-v1"
    )
    assert image("--region", "eu-west-1", "--instance-type", "ml.g5.xlarge") == (
        "763104351884.dkr.ecr.eu-west-1.amazonaws.com/tensorflow-training:2.21-gpu-py312-cu129-amzn2023-sagemaker-v1"
    )
    assert image("--region", "cn-north-1").startswith("727897471807.dkr.ecr.cn-north-1.amazonaws.com.cn/")
    assert image("--region", "us-east-1", "--image-uri", "1.dkr.ecr.x/mine:1") == "1.dkr.ecr.x/mine:1"
    estimator = launcher["build_estimator"](launcher["parse_args"]([*required, "--region", "us-east-1"]))
    assert estimator.distribution == {"multi_worker_mirrored_strategy": {"enabled": True}}


# Runs in the SDK v3 venv (tests/sdk_v3.py): builds the launcher's ModelTrainer offline, prints what it holds.
_V3_TRAINER_PROBE = """
import json, runpy, sys
launcher = runpy.run_path(sys.argv[1])
args = launcher["parse_args"](json.loads(sys.argv[2]))
trainer = launcher["build_trainer"](args)
distributed = trainer.distributed
print(json.dumps({
    "hyperparameters": trainer.hyperparameters,
    "image": trainer.training_image,
    "entry_script": trainer.source_code.entry_script,
    "requirements": trainer.source_code.requirements,
    "checkpoint": trainer.checkpoint_config and trainer.checkpoint_config.model_dump(),
    "distributed": distributed and [type(distributed).__name__, distributed.process_count_per_node],
    "channels": {data.channel_name: data.data_source for data in launcher["input_data"](args)},
}))
"""


@pytest.mark.install
@pytest.mark.parametrize(
    ("distribution", "instance_type", "image_tag", "distributed"),
    [
        ("none", "ml.m5.xlarge", "2.21-cpu-py312-amzn2023-sagemaker-v1", None),
        ("horovod", "ml.g5.xlarge", "2.21-gpu-py312-cu129-amzn2023-sagemaker-v1", ["MPI", 1]),
    ],
)
def test_v3_model_trainer_constructs_offline_in_the_sdk_v3_env(project, tmp_path, distribution, instance_type,
                                                               image_tag, distributed):
    _write(_emit(project, launcher_sdk="v3", distribution=distribution))
    # ModelTrainer checks the role with IAM (iam:SimulatePrincipalPolicy) when built unless
    # SAGEMAKER_VALIDATE_ROLE is false (sagemaker 3.27.0, sagemaker/core/helper/iam_role_resolver.py).
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SAGEMAKER_VALIDATE_ROLE": "false"}
    argv = ["--role", "arn:aws:iam::123456789012:role/Fake", "--region", "us-east-1", "--output-path", "s3://b/out",
            "--train-s3", "s3://b/train", "--eval-set-s3", "s3://b/e", "--checkpoint-s3", "s3://b/ckpt",
            "--instance-type", instance_type]  # fmt: skip

    built = run_in_sdk_v3(sdk_v3_python(), _V3_TRAINER_PROBE, str(project / "launch_sagemaker.py"), json.dumps(argv),
                          env=env)  # fmt: skip

    assert built["hyperparameters"] == {hp.name: hp.default for hp in HYPERPARAMETERS}
    assert built["image"] == f"763104351884.dkr.ecr.us-east-1.amazonaws.com/tensorflow-training:{image_tag}"
    assert (built["entry_script"], built["requirements"]) == ("train.py", "requirements.txt")
    assert built["checkpoint"] == {"s3_uri": "s3://b/ckpt", "local_path": "/opt/ml/checkpoints"}
    assert built["distributed"] == distributed
    assert built["channels"] == {"train": "s3://b/train", "eval-set": "s3://b/e"}


@pytest.mark.install
def test_v3_launcher_help_runs_in_the_sdk_v3_env(project, tmp_path):
    _write(_emit(project, launcher_sdk="v3"))
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    run = subprocess.run([str(sdk_v3_python()), str(project / "launch_sagemaker.py"), "--help"], env=env,
                         capture_output=True, text=True)  # fmt: skip

    assert run.returncode == 0, run.stderr
    assert "--image-uri" in run.stdout and "--checkpoint-s3" in run.stdout


@pytest.mark.toolkit
def test_shell_entrypoint_under_the_real_toolkit(tmp_path, sagemaker_job):
    """The toolkit runs a `.sh` entry point as `/bin/sh -c ./train.sh <args>` and does not install
    requirements.txt itself (docs/sagemaker-contract.md §4): the entry point must, then pass every argument on."""
    project = tmp_path / "argv_job"
    shutil.copytree(FIXTURE.parent / "argv_job", project)
    script = project / "train.py"
    source = script.read_text()
    options = EmitOptions(kinds=frozenset({"requirements", "entrypoint"}), framework_version="2.1", py_version="py36")
    _write(emit_files(str(script), MigrationResult(source=source, code=source), options))
    assert _requirement_names((project / "requirements.txt").read_text()) == ["numpy"]

    job = sagemaker_job(
        project / "train.sh",
        hyperparameters={"epochs": 3, "flag": "two words"},
        source_dir=project,
        model_dir=False,
        check_model=False,
        # the real pip and python of this environment; numpy is installed, so pip needs no index
        env={"PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}", "PIP_NO_INDEX": "1"},
    )

    assert job.succeeded, job.failure or job.log
    assert job.log.index("Requirement already satisfied: numpy") < job.log.index("ARGV-RECORDED")
    recorded = json.loads((job.layout.base_dir / "output" / "data" / "argv.json").read_text())
    assert recorded == ["--epochs", "3", "--flag", "two words"]
