"""The emulated SageMaker job (`migrate.verify`) and `sm-migrate verify`.

Fast tests check the layout and parsing; the `toolkit` tests run the real sagemaker-training toolkit on the
tiny scripts in tests/verify_scripts/ (each run costs several seconds: the toolkit imports TensorFlow).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from sm_migrate import verify
from sm_migrate.verify_cli import (
    format_multi_host_report,
    framework_warnings,
    parse_hyperparameter,
    run_verify_cli,
    undeclared_hyperparameter_warnings,
    verify_app,
)

SCRIPTS = Path(__file__).parent / "verify_scripts"
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(verify_app, list(args), prog_name="sm-migrate verify")


@pytest.fixture
def train_channel(tmp_path: Path) -> Path:
    """A `train` channel folder with 16 random rows of 4 features and a label."""
    folder = tmp_path / "data" / "train"
    folder.mkdir(parents=True)
    rows = np.random.default_rng(0).random((16, 5))
    np.savetxt(folder / "train.csv", rows, delimiter=",", fmt="%.5f")
    return folder


def is_running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped (Linux /proc)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def stops(pid: int) -> bool:
    """The process ends soon: a SIGKILL takes effect asynchronously, within milliseconds."""
    for _ in range(100):
        if not is_running(pid):
            return True
        time.sleep(0.1)
    return False


def make_source(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    (source / "pkg").mkdir(parents=True)
    (source / "pkg" / "train.py").write_text("print('hi')\n")
    (source / "helpers.py").write_text("X = 1\n")
    (source / "requirements.txt").write_text("pandas\n")
    return source


# --- layout and parsing (no toolkit) ---------------------------------------------------------------------


def test_hyperparameters_are_encoded_as_the_sdk_sends_them():
    typed = {"epochs": 3, "optimizer": "adam", "flag": True, "sizes": [64, 32]}
    encoded = verify.encode_hyperparameters(typed)
    assert encoded == {"epochs": "3", "optimizer": '"adam"', "flag": "true", "sizes": "[64, 32]"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("epochs=1", ("epochs", 1)),
        ("lr=1e-3", ("lr", 0.001)),
        ("flag=true", ("flag", True)),
        ("sizes=[64,32]", ("sizes", [64, 32])),
        ("optimizer=adam", ("optimizer", "adam")),
        ("name=a=b", ("name", "a=b")),
        ("empty=", ("empty", "")),
    ],
)
def test_hp_values_are_json_when_they_parse_else_strings(text, expected):
    assert parse_hyperparameter(text) == expected


def test_layout_is_the_sagemaker_tree(tmp_path: Path):
    source = make_source(tmp_path)
    single_file = tmp_path / "test.csv"
    single_file.write_text("1,2\n")
    folder = tmp_path / "train"
    (folder / "part").mkdir(parents=True)
    (folder / "part" / "a.csv").write_text("3,4\n")
    (tmp_path / "job").mkdir()

    layout = verify.lay_out_job(
        tmp_path / "job",
        source / "pkg" / "train.py",
        {"train": folder, "test": single_file},
        {"epochs": 2, "optimizer": "adam"},
        source_dir=source,
        job_name="job-1",
    )

    for folder_name in ("code", "input/config", "model", "output/data", "checkpoints"):
        assert (layout.base_dir / folder_name).is_dir()
    assert (layout.channel_dir("train") / "part" / "a.csv").read_text() == "3,4\n"
    assert (layout.channel_dir("test") / "test.csv").read_text() == "1,2\n"
    assert not any(layout.code_dir.iterdir()), "code/ is left for the toolkit to fill"
    config = layout.input_config_dir
    sent = json.loads((config / "hyperparameters.json").read_text())
    assert sent == {
        "epochs": "2",
        "optimizer": '"adam"',
        "model_dir": '"s3://sagemaker-us-east-1-000000000000/job-1/model"',
        "sagemaker_program": '"pkg/train.py"',
        "sagemaker_submit_directory": json.dumps(str(layout.submit_dir)),
        "sagemaker_region": '"us-east-1"',
        "sagemaker_job_name": '"job-1"',
        "sagemaker_container_log_level": "20",
    }
    assert json.loads((config / "inputdataconfig.json").read_text())["test"]["TrainingInputMode"] == "File"
    resources = json.loads((config / "resourceconfig.json").read_text())
    assert resources["current_host"] == "algo-1" and resources["hosts"] == ["algo-1"]
    assert sorted(layout.submitted_files) == ["helpers.py", "pkg/train.py", "requirements.txt"]


def test_layout_without_install_drops_requirements_and_model_dir_false_sends_none(tmp_path: Path):
    source = make_source(tmp_path)
    (tmp_path / "job").mkdir()
    layout = verify.lay_out_job(
        tmp_path / "job", source / "pkg" / "train.py", {}, {}, source_dir=source,
        install_requirements=False, model_dir=False,
    )
    assert not (layout.submit_dir / "requirements.txt").exists()
    assert (source / "requirements.txt").exists(), "the user's folder is never touched"
    sent = json.loads((layout.input_config_dir / "hyperparameters.json").read_text())
    assert "model_dir" not in sent


def test_sdk_v3_layout_puts_the_code_in_its_channel_and_sends_no_model_dir(tmp_path: Path):
    source = make_source(tmp_path)
    (tmp_path / "job").mkdir()
    layout = verify.lay_out_job(tmp_path / "job", source / "pkg" / "train.py", {}, {"epochs": 2, "flag": True,
                                "name": "two words"}, source_dir=source, sdk="v3")  # fmt: skip

    assert layout.code_dir == layout.channel_dir("code") and (layout.code_dir / "pkg" / "train.py").is_file()
    sent = json.loads((layout.input_config_dir / "hyperparameters.json").read_text())
    assert sent == {"epochs": "2", "flag": "true", "name": "two words"}  # no model_dir, no sagemaker_*
    assert set(json.loads((layout.input_config_dir / "inputdataconfig.json").read_text())) == {"code", "sm_drivers"}
    variables = verify.v3_environment(layout)
    assert json.loads(variables["SM_HPS"]) == {"epochs": 2, "flag": True, "name": "two words"}
    assert (variables["SM_HP_FLAG"], variables["SM_HOSTS"], variables["SM_CURRENT_HOST"]) == ("true", '["algo-1"]',
                                                                                               "algo-1")  # fmt: skip
    assert variables["SM_MODEL_DIR"] == str(layout.model_dir) and "TF_CONFIG" not in variables


def test_sdk_v3_arguments_keep_the_order_and_send_json_for_all_but_strings():
    arguments = verify.v3_arguments({"use_augmentation": False, "epochs": 3, "name": "two words", "sizes": [64, 32]})
    assert arguments == ["--use_augmentation", "false", "--epochs", "3", "--name", "two words", "--sizes", "[64, 32]"]


def test_multi_worker_tf_config_names_loopback_workers_in_host_order():
    config = json.loads(verify.multi_worker_tf_config(["algo-1", "algo-2"], "algo-2", [4001, 4002]))
    assert config["cluster"] == {"worker": ["127.0.0.1:4001", "127.0.0.1:4002"]}
    assert config["task"] == {"type": "worker", "index": 1}


def test_several_hosts_are_refused_for_sdk_v3(tmp_path: Path):
    with pytest.raises(verify.JobInputError, match="SDK v2 only"):
        verify.run_multi_host_job(SCRIPTS / "records_contract.py", hosts=2, sdk="v3", work_dir=tmp_path)


@pytest.mark.parametrize(
    "channels, hyperparameters, message",
    [
        ({"train": "/no/such/path"}, {}, "channel 'train': path not found: /no/such/path"),
        ({"bad name": "."}, {}, "bad channel name 'bad name'"),
        ({}, {"sagemaker_program": "x.py"}, "names starting with 'sagemaker_' are reserved"),
    ],
)
def test_bad_inputs_are_rejected_before_anything_runs(tmp_path: Path, channels, hyperparameters, message):
    source = make_source(tmp_path)
    with pytest.raises(verify.JobInputError, match=message):
        verify.lay_out_job(tmp_path, source / "helpers.py", channels, hyperparameters)
    assert not (tmp_path / "opt").exists()


def test_script_outside_the_source_dir_is_rejected(tmp_path: Path):
    source = make_source(tmp_path)
    with pytest.raises(verify.JobInputError, match="is not inside the source dir"):
        verify.lay_out_job(tmp_path, SCRIPTS / "raises.py", {}, {}, source_dir=source)


def test_a_local_tensorflow_other_than_the_targets_is_warned_about(monkeypatch):
    monkeypatch.setattr(verify, "installed_tensorflow_version", lambda: "2.21.0")
    assert framework_warnings("2.21") == []
    (warning,) = framework_warnings("2.19")
    assert "local TensorFlow 2.21.0, not the target image's 2.19" in warning and "proves less" in warning


def test_a_hyperparameter_no_option_declares_is_warned_about(tmp_path: Path):
    (tmp_path / "train.py").write_text('parser.add_argument("--epochs", type=int)\nimport helpers\n')
    (tmp_path / "helpers.py").write_text("flags.DEFINE_float('learning_rate', 0.1, 'step size')\n")

    warnings = undeclared_hyperparameter_warnings(tmp_path, {"epochs": 2, "learning_rate": 0.5, "steps": 9})

    assert len(warnings) == 1 and "'steps'" in warnings[0] and "never sees it" in warnings[0]


def test_last_traceback_stops_at_the_toolkit_log():
    log = (
        "Traceback (most recent call last):\n  old\nKeyError: 'x'\n"
        "epoch 1\n"
        "Traceback (most recent call last):\n"
        '  File "train.py", line 3, in <module>\n'
        "ValueError: boom\n"
        "2026-11-26 05:48:37,284 sagemaker-training-toolkit ERROR    Reporting training FAILURE\n"
    )
    assert verify.last_traceback(log).splitlines()[-1] == "ValueError: boom"
    assert verify.last_traceback("all fine\n") == ""


def test_values_the_container_shell_would_split_are_warned_about():
    hyperparameters = {"sizes": [64, 32], "name": "two words", "empty": "", "epochs": 3, "opts": {"a": 1}}
    warnings = verify.shell_split_warnings(hyperparameters)
    assert [warning.split("'")[1] for warning in warnings] == ["empty", "name", "sizes"]
    assert "passed as '[64, 32]'" in warnings[2]


def test_check_servable_on_an_empty_model_dir_finds_nothing(tmp_path: Path):
    assert verify.check_servable(tmp_path) == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.py"], "error: script not found: missing.py"),
        ([str(SCRIPTS / "raises.py"), "--channel", "train=/no/such/data"], "path not found: /no/such/data"),
        ([str(SCRIPTS / "raises.py"), "--hp", "epochs"], "bad --hp 'epochs': expected KEY=VALUE"),
        ([str(SCRIPTS / "raises.py"), "--channel", "train"], "bad --channel 'train': expected NAME=PATH"),
        ([str(SCRIPTS / "raises.py"), "--sdk", "v4"], "--sdk must be one of v2, v3, not 'v4'"),
        ([str(SCRIPTS / "raises.py"), "--sdk", "v3", "--hosts", "2"], "several hosts are emulated for SDK v2 only"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, message):
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr.strip() == message or message in result.stderr
    assert "Traceback" not in result.output


def test_missing_toolkit_is_one_line_naming_the_extra(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(verify.sys, "executable", str(tmp_path / "bin" / "python"))
    result = invoke(str(SCRIPTS / "raises.py"))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: the SageMaker training toolkit is not installed")
    assert "pip install 'sm-migrate[verify]'" in result.stderr


def test_migrate_refuses_a_script_it_cannot_parse_with_exit_2(tmp_path: Path):
    script = tmp_path / "train.py"
    script.write_text("import tensorflow as tf\nprint 'python 2'\n")
    result = invoke(str(script), "--migrate")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot migrate train.py: ")
    assert "Traceback" not in result.output


def test_run_verify_cli_returns_the_exit_code():
    assert run_verify_cli(["missing.py"]) == 2


def test_run_local_strips_sagemaker_variables(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SM_MODEL_DIR", "/opt/ml/model")
    monkeypatch.setenv("SAGEMAKER_BASE_DIR", "/tmp/elsewhere")
    local = verify.run_local(SCRIPTS / "prints_env.py", cwd=tmp_path)
    assert local.ok
    assert local.output.strip().splitlines() == ["local run done"]


def test_nothing_a_run_started_outlives_it(tmp_path: Path):
    local = verify.run_local(SCRIPTS / "leaves_a_child.py", cwd=tmp_path)
    assert local.ok
    child_pid = int(local.output.split("child pid=")[1].split()[0])
    assert stops(child_pid)


# --- the real toolkit -------------------------------------------------------------------------------------


@pytest.mark.toolkit
@pytest.mark.e2e
def test_cli_json_for_a_servable_model(train_channel: Path):
    result = invoke(
        str(SCRIPTS / "servable.py"), "--channel", f"train={train_channel}",
        "--hp", "epochs=1", "--hp", "optimizer=adam", "--json", "--keep",
    )
    report = json.loads(result.stdout)
    base_dir = Path(report["base_dir"])
    try:
        assert result.exit_code == 0, result.stdout + result.stderr
        assert report["ok"] and report["problems"] == [] and report["warnings"] == []
        (model,) = report["saved_models"]
        assert model["path"] == "1" and model["servable"] and model["version"] == 1
        assert model["inputs"][0]["dtype"] == "float32" and model["inputs"][0]["shape"] == [None, 4]
        assert report["output_data_files"] == ["args.json"]
        assert report["checkpoint_files"] == ["epoch-1.txt"]
        assert report["code_dir_writes"] == []
        # The override reached the script as command-line text, keys sorted, model_dir as the SDK sends it.
        argv = json.loads((base_dir / "output" / "data" / "args.json").read_text())
        assert argv[:4] == ["--epochs", "1", "--model_dir", argv[3]] and argv[4:] == ["--optimizer", "adam"]
        assert argv[3].startswith("s3://sagemaker-us-east-1-") and argv[3].endswith("/model")
        assert "Reporting training SUCCESS" in result.stderr, "the job log streams to stderr"
    finally:
        shutil.rmtree(base_dir.parents[1])


@pytest.mark.toolkit
def test_a_passing_job_with_warnings_says_so_and_fails_under_strict(train_channel: Path):
    """A hyperparameter no option declares passes the job but reaches nothing: the verdict counts it, and
    `--strict` makes it an exit 1 for CI."""
    args = [str(SCRIPTS / "servable.py"), "--channel", f"train={train_channel}", "--hp", "steps=3"]
    lenient, strict = invoke(*args), invoke(*args, "--strict")

    assert lenient.exit_code == 0, lenient.stdout + lenient.stderr
    assert "hyperparameter 'steps': no '--steps' option is declared" in lenient.stdout
    assert lenient.stdout.strip().splitlines()[-1] == "verdict: OK, with 1 warning above"
    assert strict.exit_code == 1
    assert strict.stdout.strip().splitlines()[-1] == "verdict: NOT OK (--strict): 1 warning above"


@pytest.mark.toolkit
def test_cli_table_shows_the_scripts_error():
    result = invoke(str(SCRIPTS / "raises.py"))
    assert result.exit_code == 1
    table = result.stdout
    assert "FAILED (exit 1): ValueError: no column named 'label' in the training data" in table
    assert "script error:" in table and 'raises.py", line 3, in <module>' in table
    assert "servable model  NONE" in table
    assert table.strip().splitlines()[-1].startswith("verdict: NOT OK: job failed (exit 1)")


@pytest.mark.toolkit
def test_no_model_is_the_reported_reason_and_code_dir_writes_are_warned(sagemaker_job):
    result = sagemaker_job(SCRIPTS / "no_model.py")
    assert result.succeeded and not result.ok
    assert result.problems == ["no servable model: model/ has no <digits>/saved_model.pb"]
    assert result.code_dir_writes == ["metrics.txt"]
    assert "lost on SageMaker: metrics.txt" in result.warnings[0]
    assert result.layout.submitted_files.keys() >= {"no_model.py", "servable.py"}


@pytest.mark.toolkit
@pytest.mark.e2e
def test_savedmodel_in_a_non_numeric_folder_is_not_servable(sagemaker_job):
    result = sagemaker_job(SCRIPTS / "non_numeric.py")
    assert result.succeeded and not result.ok
    (model,) = result.saved_models
    assert model.path == "export" and not model.servable and model.version is None
    assert "non-numeric folder 'export'" in model.reason
    assert model.signatures == ["serve", "serving_default"], "still loaded, to show what it is"
    assert result.keras_files == ["model.keras"]
    assert result.problems == ["no servable model: model/export, model/model.keras not servable"]
    assert result.non_servable[0].startswith("model/export: SavedModel in a non-numeric folder 'export'")
    assert result.non_servable[1].startswith("model/model.keras: a Keras file is not servable")


@pytest.mark.toolkit
def test_timeout_stops_the_job_and_removes_its_tree():
    result = verify.run_job(SCRIPTS / "sleeps.py", timeout=1)
    assert result.timed_out and result.exit_code is None and not result.ok
    assert result.problems[0].startswith("job timed out after")
    assert not result.kept and not result.layout.root.exists()


@pytest.mark.toolkit
def test_ctrl_c_stops_the_script_and_removes_the_tree():
    seen: dict[str, str] = {}

    def interrupt_when_the_script_runs(line: str) -> None:
        if line.startswith("sleeping pid="):
            pid, cwd = line.removeprefix("sleeping pid=").split(" cwd=")
            seen.update(pid=pid, cwd=cwd)
            os.kill(os.getpid(), signal.SIGINT)  # what Ctrl-C in a terminal delivers

    # A shell that starts a job in the background (`cmd &`) leaves SIGINT ignored in it: restore Python's
    # handler, or the signal would be dropped and the script would sleep on for an hour.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            verify.run_job(SCRIPTS / "sleeps.py", log=interrupt_when_the_script_runs)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert seen, "the script ran"
    assert stops(int(seen["pid"]))
    assert not Path(seen["cwd"]).exists(), "the job's tree (and code dir) is removed"


@pytest.mark.toolkit
@pytest.mark.e2e
def test_cli_migrate_then_verify_and_run_locally(tmp_path: Path):
    source = tmp_path / "project"
    shutil.copytree(SCRIPTS / "unmigrated", source)
    (source / "data").mkdir()
    rows = np.random.default_rng(1).random((16, 5)).astype("float32")
    np.savez(source / "data" / "train.npz", x=rows[:, :4], y=rows[:, 4:])
    original = (source / "train.py").read_text()

    result = invoke(str(source / "train.py"), "--migrate", "--local", "--hp", "epochs=1", "--json")

    assert result.exit_code == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] and report["servable_models"] == ["1"]
    assert report["hyperparameters"]["epochs"] == 1
    assert any(note.startswith("migrated a temp copy") for note in report["notes"])
    assert "channel 'data' taken from the script: data" in report["notes"]
    assert report["local_run"]["ok"], "the migrated script still runs with no SM_* variables"
    assert (source / "train.py").read_text() == original and not (source / "model.keras").exists()


@pytest.mark.toolkit
def test_requirements_are_installed_unless_no_install(sagemaker_job):
    script = SCRIPTS / "needs_requirements" / "train.py"
    offline = {"PIP_NO_INDEX": "1"}  # pip options pass through the environment

    installed = sagemaker_job(script, env=offline)
    assert not installed.succeeded
    assert installed.failure_reason.startswith("InstallRequirementsError: ")
    assert "sm-migrate-no-such-package==1.0" in installed.failure_reason
    assert "ran without installing requirements" not in installed.log

    skipped = sagemaker_job(script, env=offline, install_requirements=False)
    assert skipped.succeeded and "ran without installing requirements" in skipped.log
    assert skipped.problems == ["no servable model: model/ has no <digits>/saved_model.pb"]


@pytest.mark.toolkit
def test_sdk_v3_job_gets_v3s_argv_and_variables(sagemaker_job, train_channel: Path):
    hyperparameters = {"epochs": 2, "use_augmentation": True, "note": "two words"}
    job = sagemaker_job(SCRIPTS / "records_contract.py", {"train": train_channel}, hyperparameters, sdk="v3",
                        check_model=False)  # fmt: skip

    assert job.succeeded, job.failure or job.log
    recorded = json.loads((job.layout.output_data_dir / "contract.json").read_text())
    assert recorded["argv"] == ["--epochs", "2", "--use_augmentation", "true", "--note", "two words"]
    variables = recorded["variables"]
    assert "TF_CONFIG" not in variables and "SM_TRAINING_ENV" in variables
    assert json.loads(variables["SM_HPS"]) == {"epochs": 2, "use_augmentation": True, "note": "two words"}
    assert variables["SM_CHANNEL_TRAIN"] == str(job.layout.channel_dir("train"))
    assert recorded["cwd"] == str(job.layout.code_dir)


@pytest.mark.toolkit
def test_sdk_v3_failure_is_reported_from_output_failure(sagemaker_job):
    job = sagemaker_job(SCRIPTS / "raises.py", sdk="v3", check_model=False)

    assert not job.succeeded and "non-zero exit status" in job.failure
    assert "ValueError" in job.failure_reason or job.script_error


@pytest.mark.toolkit
@pytest.mark.e2e
def test_two_host_mwms_job_on_loopback_only_the_chief_writes_the_model(tmp_path: Path, train_channel: Path):
    """Two toolkit processes, one per host, each with its own resourceconfig.json and a TF_CONFIG on 127.0.0.1
    ports: they train together (the same loss on both) and only the chief exports model/1. About 35 s."""
    job = verify.run_multi_host_job(SCRIPTS / "mwms.py", {"train": train_channel}, hosts=2,
                                    work_dir=tmp_path / "jobs", install_requirements=False, log=print)  # fmt: skip

    assert job.ok, job.problems
    chief, worker = job.jobs
    for host, host_job in (("algo-1", chief), ("algo-2", worker)):
        resources = json.loads((host_job.layout.input_config_dir / "resourceconfig.json").read_text())
        assert (resources["current_host"], resources["hosts"]) == (host, ["algo-1", "algo-2"])
    tasks = [json.loads((host_job.layout.output_data_dir / "task.json").read_text()) for host_job in job.jobs]
    assert [record["task"]["index"] for record in tasks] == [0, 1] and tasks[0]["replicas"] == 2
    assert [model.path for model in chief.servable_models] == ["1"] and worker.saved_models == []
    losses = [[line.split()[-1] for line in host_job.log.splitlines() if line.startswith("loss ")]
              for host_job in job.jobs]  # fmt: skip
    assert losses[0] and losses[0] == losses[1]
    report = format_multi_host_report(job)
    assert report.endswith("verdict: OK") and "algo-2 (worker)  succeeded; no SavedModel" in report


SEQUENCE_MODELS = """
import sys
import tensorflow as tf

def export(kernel, folder):
    model = tf.keras.Sequential([tf.keras.Input((None, 2)), tf.keras.layers.Conv1D(4, kernel),
                                 tf.keras.layers.GlobalMaxPooling1D(), tf.keras.layers.Dense(1)])
    model.export(folder, verbose=False)

export(3, sys.argv[1] + "/conv/1")  # takes any sequence of 3 steps or more
export(500, sys.argv[1] + "/long/1")  # longer than any probe: only real requests can show it works
"""


@pytest.mark.e2e
def test_the_servable_probe_fits_unknown_dimensions_or_says_it_skipped(tmp_path: Path):
    script = tmp_path / "export.py"
    script.write_text(SEQUENCE_MODELS)
    exported = subprocess.run([sys.executable, str(script), str(tmp_path / "model")],
                              capture_output=True, text=True)
    assert exported.returncode == 0, exported.stderr[-2000:]

    conv, long = verify.check_servable(tmp_path / "model")

    assert (conv.path, conv.servable, conv.probe_skipped) == ("conv/1", True, "")
    assert (long.path, long.servable) == ("long/1", True), long.reason
    assert long.probe_skipped and "probe skipped" in long.signature_text()
