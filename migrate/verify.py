"""The emulated SageMaker training job: lay out `/opt/ml`, run the real toolkit, check what the job left.

One harness for `sm-migrate verify` and for every end-to-end test:

    result = run_job("src/train.py", {"train": "data/train"}, {"epochs": 1})
    result.ok, result.problems, result.servable_models, result.script_error

How it emulates a job (rules from docs/sagemaker-contract.md, "§n" below):
- The tree of §1 is laid out in a temp dir that `SAGEMAKER_BASE_DIR` points at (§9). The toolkit only
  creates `code/`, so `model/`, `output/data/`, `input/config/` and `checkpoints/` are created here:
  without `output/` a failing script is reported as a success (§1).
- The source dir (`source_dir` semantics: the script's folder, or an explicit one) is first copied to a
  snapshot dir, which is what `sagemaker_submit_directory` names. The toolkit copies it into `code/`, exactly
  as it unpacks `sourcedir.tar.gz` on SageMaker. The snapshot keeps the user's folder out of reach of the job
  and is the baseline for finding files the script wrote into its code dir (lost on SageMaker).
- Hyperparameters are written as the SDK sends them: every value JSON-encoded into a string (§9), plus the TF
  estimator's `model_dir` (§3: by default `s3://<bucket>/<job>/model`; the generic toolkit passes it through
  to the script as `--model_dir`), `sagemaker_program`, `sagemaker_submit_directory`, `sagemaker_region`,
  `sagemaker_job_name` and `sagemaker_container_log_level`.
- The real `train` console script of `sagemaker-training` (next to `sys.executable`) runs in its own process
  group with `SM_STUDIO_LOCAL_MODE=true` so it does not wait for `algo-1` in DNS (§9).
- Without requirements install (`install_requirements=False`) the snapshot is made without the top-level
  `requirements.txt`, so the toolkit has nothing to install (§4: it installs only when that file is in the
  code dir). A source dir with `setup.py` is still `pip install .`-ed by the toolkit, as on SageMaker.
  With install on, pip runs in this interpreter, as in the container; pip options pass through the
  environment (`PIP_NO_INDEX`, `PIP_FIND_LINKS`, ...).
- A model is servable when TF Serving would load it (§5): `saved_model.pb` in an all-digit version folder,
  loadable with the `serve` tag, with a `serving_default` signature that can be called on zeros (where no
  probe fits its unknown dimensions: "signature present, probe skipped", not a false failure). TensorFlow is
  only imported in a subprocess of the same interpreter (`check_servable`), never in the caller.

SDK v3 (`sdk="v3"`, docs/sagemaker-contract.md §10): ModelTrainer's driver replaces the toolkit, so it is
emulated here from its contract rather than run: the code is unpacked into `input/data/code` (a channel, as
are `sm_drivers`) and is the working directory, `requirements.txt` is pip-installed when there, the
hyperparameters are stored and passed as `--key value` with strings as they are and everything else as JSON
(`true`, `[64, 32]`), in the order given; `SM_HPS`, `SM_HP_*`, `SM_CHANNEL_*`, `SM_HOSTS`, `SM_CURRENT_HOST`,
`SM_MASTER_ADDR`/`SM_MASTER_PORT` and the folders are set; no `--model_dir` and no `TF_CONFIG`.

Several hosts (`run_multi_host_job`): one job tree and one toolkit process per host, started together, with
the `TF_CONFIG` the TensorFlow container sets for `multi_worker_mirrored_strategy` (§6) pointing at free
loopback ports (127.0.0.1) instead of the hosts' names; each host's `resourceconfig.json` names it.

Known differences from a real job: the script runs on this machine's TensorFlow, not the image's; the
toolkit here (5.1.4) passes hyperparameters intact where the TF container's (<= 4.8.3) splits values with
spaces (warned about, see `shell_split_warnings`); the host is `algo-1` as on SageMaker, but a literal
`/opt/ml/...` path in a script is not redirected (the script can read `SAGEMAKER_BASE_DIR`); nothing talks
to S3, so writing to the `s3://` `model_dir` fails here; channel data is copied, so keep it small.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

DEFAULT_REGION = "us-east-1"
DEFAULT_HOSTS = ("algo-1",)
SDKS = ("v2", "v3")
# SDK v3's driver: the code channel and the rendezvous it announces (container_drivers/scripts/environment.py).
V3_CODE_CHANNEL, V3_DRIVERS_CHANNEL = "code", "sm_drivers"
V3_MASTER_PORT = 7777
LOOPBACK = "127.0.0.1"
# The instance type of a job that names none: the launcher's default, and what the emulated job reports.
DEFAULT_INSTANCE_TYPE = "ml.m5.xlarge"
VERIFY_EXTRA_HINT = "pip install 'sm-migrate[verify]'"

# SageMaker's ChannelName pattern (API_Channel): letters, digits, '.', '-', '_', at most 64 characters.
CHANNEL_NAME = re.compile(r"[A-Za-z0-9._-]{1,64}")
CHANNEL_NAME_RULE = "letters, digits, '.', '-', '_' (at most 64)"
# The toolkit's own log lines: "2026-11-26 05:48:37,284 sagemaker-training-toolkit ERROR ...".
_TOOLKIT_LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ sagemaker-training-toolkit ")
_KERAS_FILE_SUFFIXES = (".keras", ".h5", ".hdf5")
# Variables a job sets: a caller's own (e.g. inside SageMaker Studio) must not leak into the emulated job.
_JOB_VARIABLE_PREFIXES = ("SM_", "SAGEMAKER_")
_JOB_VARIABLES = ("TF_CONFIG", "TRAINING_JOB_NAME")
_STOP_GRACE_SECONDS = 5.0
_WAIT_SLICE_SECONDS = 0.2

LogCallback = Callable[[str], None]


class VerifyError(Exception):
    """Verification could not start; the message is the one-line reason shown to the user."""


class JobInputError(VerifyError, ValueError):
    """A bad input: script or channel path not found, bad channel or hyperparameter name."""


def parse_channel_option(text: str) -> tuple[str, str]:
    """`--channel NAME=PATH`, as both `sm-migrate` and `sm-migrate verify` take it -> (name, path)."""
    name, sep, path = text.partition("=")
    if not sep or not path or not CHANNEL_NAME.fullmatch(name):
        raise JobInputError(f"bad --channel {text!r}: expected NAME=PATH, NAME of {CHANNEL_NAME_RULE}")
    return name, path


class VerifyEnvironmentError(VerifyError):
    """Something verification needs is not installed (the toolkit, TensorFlow)."""


# ---------------------------------------------------------------------------------------------------------
# Layout


@dataclass(frozen=True)
class JobLayout:
    """Where one emulated job lives. `base_dir` is the job's `/opt/ml`."""

    root: Path  # temp dir holding everything below
    base_dir: Path  # SAGEMAKER_BASE_DIR
    submit_dir: Path  # snapshot of the source dir: sagemaker_submit_directory
    entry_point: str  # the script, relative to the source dir: sagemaker_program
    job_name: str
    region: str
    hyperparameters: dict[str, Any]  # the decoded values: what the toolkit turns into `--key value`
    submitted_files: dict[str, tuple[int, int]]  # snapshot: relative path -> (size, mtime_ns)
    sdk: str = "v2"
    hosts: tuple[str, ...] = DEFAULT_HOSTS  # sorted
    current_host: str = DEFAULT_HOSTS[0]
    channels: tuple[str, ...] = ()  # the user's channels, as given

    @property
    def code_dir(self) -> Path:
        """Where the script runs: the toolkit unpacks into `code/`, SDK v3 into the `code` channel."""
        if self.sdk == "v3":
            return self.channel_dir(V3_CODE_CHANNEL)
        return self.base_dir / "code"

    @property
    def input_config_dir(self) -> Path:
        return self.base_dir / "input" / "config"

    @property
    def model_dir(self) -> Path:
        return self.base_dir / "model"

    @property
    def output_dir(self) -> Path:
        return self.base_dir / "output"

    @property
    def output_data_dir(self) -> Path:
        return self.base_dir / "output" / "data"

    @property
    def checkpoint_dir(self) -> Path:
        return self.base_dir / "checkpoints"

    def channel_dir(self, name: str) -> Path:
        return self.base_dir / "input" / "data" / name


def sdk_model_dir(job_name: str, region: str = DEFAULT_REGION) -> str:
    """The `model_dir` hyperparameter the TF estimator adds by default (§3), in the SDK's default bucket."""
    return f"s3://sagemaker-{region}-000000000000/{job_name}/model"


def encode_hyperparameters(hyperparameters: Mapping[str, Any]) -> dict[str, str]:
    """Encode hyperparameters as the SDK writes them to hyperparameters.json: values as JSON strings (§9)."""
    return {str(name): json.dumps(value) for name, value in hyperparameters.items()}


def v3_serialize(value: Any) -> str:
    """A value as SDK v3 stores and passes it (`safe_serialize`): a string as it is, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value)


def lay_out_job(
    root: str | Path,
    script: str | Path,
    channels: Mapping[str, str | Path],
    hyperparameters: Mapping[str, Any],
    *,
    source_dir: str | Path | None = None,
    model_dir: str | bool | None = None,
    job_name: str | None = None,
    region: str = DEFAULT_REGION,
    install_requirements: bool = True,
    hosts: Sequence[str] = DEFAULT_HOSTS,
    current_host: str | None = None,
    instance_type: str = DEFAULT_INSTANCE_TYPE,
    sdk: str = "v2",
) -> JobLayout:
    """Lay out a job's `/opt/ml` tree under `root` (which must exist), ready for the toolkit (or, with
    `sdk="v3"`, for the emulated SDK v3 driver).

    `model_dir`: None sends the SDK's default S3 URI, False sends none (like the SDK's `model_dir=False`),
    a string is sent as given; SDK v3 sends none whatever it is. `current_host` (default `hosts[0]`) is the
    host this tree belongs to, named in resourceconfig.json. Raises JobInputError for bad inputs.
    """
    if sdk not in SDKS:
        raise JobInputError(f"sdk must be one of {', '.join(SDKS)}, not {sdk!r}")
    current_host = current_host or hosts[0]
    script_path, source_path = _resolve_script(script, source_dir)
    channel_paths = _resolve_channels(channels)
    _check_hyperparameter_names(hyperparameters)
    root = Path(root).resolve()
    job_name = job_name or time.strftime("sm-migrate-verify-%Y%m%d-%H%M%S")
    base_dir = root / "opt" / "ml"
    layout_dirs = ["code", "input/config", "model", "output/data", "checkpoints"]
    for relative in layout_dirs + [f"input/data/{name}" for name in channel_paths]:
        (base_dir / relative).mkdir(parents=True, exist_ok=True)

    submit_dir = root / "submit"
    skipped = set() if install_requirements else {"requirements.txt"}
    shutil.copytree(
        source_path,
        submit_dir,
        ignore=lambda folder, names: _top_level_skips(source_path, folder, names, skipped),
    )
    for name, path in channel_paths.items():
        _copy_channel(path, base_dir / "input" / "data" / name)

    sent = dict(hyperparameters)
    entry_point = script_path.relative_to(source_path).as_posix()
    config_dir = base_dir / "input" / "config"
    file_channel = {
        "TrainingInputMode": "File",
        "S3DistributionType": "FullyReplicated",
        "RecordWrapperType": "None",
    }
    channel_names = list(channel_paths)
    if sdk == "v3":
        # ModelTrainer uploads the code and its drivers as two more channels; it sends no model_dir.
        shutil.copytree(submit_dir, base_dir / "input" / "data" / V3_CODE_CHANNEL)
        (base_dir / "input" / "data" / V3_DRIVERS_CHANNEL).mkdir()
        channel_names += [V3_CODE_CHANNEL, V3_DRIVERS_CHANNEL]
        _write_json(config_dir / "hyperparameters.json", {name: v3_serialize(value) for name, value in sent.items()})
    else:
        if model_dir is None:
            sent.setdefault("model_dir", sdk_model_dir(job_name, region))
        elif model_dir is not False:
            sent.setdefault("model_dir", model_dir)
        sent.update(
            sagemaker_program=entry_point,
            sagemaker_submit_directory=str(submit_dir),
            sagemaker_region=region,
            sagemaker_job_name=job_name,
            sagemaker_container_log_level=20,
        )
        _write_json(config_dir / "hyperparameters.json", encode_hyperparameters(sent))
    _write_json(config_dir / "inputdataconfig.json", {name: file_channel for name in channel_names})
    _write_json(
        config_dir / "resourceconfig.json",
        {
            "current_host": current_host,
            "hosts": sorted(hosts),
            "current_instance_type": instance_type,
            "current_group_name": "homogeneousCluster",
            "instance_groups": [
                {
                    "instance_group_name": "homogeneousCluster",
                    "instance_type": instance_type,
                    "hosts": sorted(hosts),
                }
            ],
            "network_interface_name": "eth0",
        },
    )
    return JobLayout(
        root=root,
        base_dir=base_dir,
        submit_dir=submit_dir,
        entry_point=entry_point,
        job_name=job_name,
        region=region,
        hyperparameters={name: value for name, value in sent.items() if not name.startswith("sagemaker_")},
        submitted_files=_file_stamps(submit_dir),
        sdk=sdk,
        hosts=tuple(sorted(hosts)),
        current_host=current_host,
        channels=tuple(channel_paths),
    )


def _resolve_script(script: str | Path, source_dir: str | Path | None) -> tuple[Path, Path]:
    script_path = Path(script).resolve()
    if not script_path.is_file():
        raise JobInputError(f"script not found: {script}")
    source_path = Path(source_dir).resolve() if source_dir is not None else script_path.parent
    if not source_path.is_dir():
        raise JobInputError(f"source dir not found: {source_dir}")
    if not script_path.is_relative_to(source_path):
        raise JobInputError(f"script {script} is not inside the source dir {source_dir}")
    return script_path, source_path


def _resolve_channels(channels: Mapping[str, str | Path]) -> dict[str, Path]:
    resolved = {}
    for name, path in channels.items():
        if not CHANNEL_NAME.fullmatch(name):
            raise JobInputError(f"bad channel name {name!r}: use {CHANNEL_NAME_RULE}")
        if not Path(path).exists():
            raise JobInputError(f"channel {name!r}: path not found: {path}")
        resolved[name] = Path(path).resolve()
    return resolved


def _check_hyperparameter_names(hyperparameters: Mapping[str, Any]) -> None:
    for name in hyperparameters:
        if not isinstance(name, str) or not name:
            raise JobInputError(f"bad hyperparameter name {name!r}")
        if name.startswith("sagemaker_"):
            raise JobInputError(f"hyperparameter {name!r}: names starting with 'sagemaker_' are reserved")


def _top_level_skips(source: Path, folder: str, names: list[str], skipped: set[str]) -> set[str]:
    return {name for name in names if name in skipped} if Path(folder) == source else set()


def _copy_channel(source: Path, channel_dir: Path) -> None:
    """Copy a channel's data in: a folder's contents, or one file (an S3 prefix naming a single object)."""
    if source.is_dir():
        shutil.copytree(source, channel_dir, dirs_exist_ok=True)
    else:
        shutil.copy2(source, channel_dir / source.name)


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def _file_stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Relative path -> (size, mtime_ns) of every file, bytecode caches left out (not user artefacts)."""
    stamps = {}
    for path in folder.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            stat = path.stat()
            stamps[path.relative_to(folder).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return stamps


def _list_files(folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())


# ---------------------------------------------------------------------------------------------------------
# Servable models


@dataclass(frozen=True)
class TensorInfo:
    name: str
    dtype: str
    shape: list[int | None] | None  # None: unknown rank

    def format(self) -> str:
        dims = "?" if self.shape is None else ",".join("?" if dim is None else str(dim) for dim in self.shape)
        return f"{self.name}: {self.dtype}[{dims}]"


@dataclass
class ServableModel:
    """One `saved_model.pb` found under the model dir, and whether TF Serving would serve it (§5)."""

    path: str  # the SavedModel folder, relative to the model dir: "1", "clf/2", "export"
    servable: bool
    reason: str = ""  # why not servable; empty when servable
    version: int | None = None  # the all-digit folder name, when it is one
    signatures: list[str] = field(default_factory=list)
    inputs: list[TensorInfo] = field(default_factory=list)  # of serving_default
    outputs: list[TensorInfo] = field(default_factory=list)
    probe_skipped: str = ""  # why serving_default was not run: no probe input fits its unknown dimensions

    def signature_text(self) -> str:
        if "serving_default" not in self.signatures:
            return "no serving_default"
        inputs = ", ".join(tensor.format() for tensor in self.inputs)
        outputs = ", ".join(tensor.format() for tensor in self.outputs)
        probe = f"  (signature present, probe skipped: {self.probe_skipped})" if self.probe_skipped else ""
        return f"serving_default({inputs}) -> {outputs}{probe}"


def check_servable(model_dir: str | Path) -> list[ServableModel]:
    """Report every SavedModel under `model_dir`, loading each in a subprocess of this interpreter.

    Servable means all of: the parent folder name is all digits (TF Serving's version folder), it loads with
    the `serve` tag, it has a `serving_default` signature, and that signature runs on zero-filled inputs
    (an unknown batch dimension taken as 1, other unknown ones as each of PROBE_SIZES in turn; when none fits,
    the probe is skipped, not failed). A SavedModel elsewhere is still loaded, to show its signature, and
    reported as not servable with the reason.
    """
    model_dir = Path(model_dir)
    folders = sorted(path.parent for path in model_dir.rglob("saved_model.pb"))
    if not folders:
        return []
    require_tensorflow()
    with tempfile.TemporaryDirectory(prefix="sm-migrate-servable-") as scratch:
        report_path = Path(scratch) / "report.json"
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
        command = [
            sys.executable,
            "-c",
            _LOAD_SAVED_MODELS,
            str(Path(__file__).resolve()),
            json.dumps([str(folder) for folder in folders]),
            str(report_path),
        ]
        completed = subprocess.run(command, env=env, capture_output=True, text=True, errors="replace")
        if not report_path.exists():
            tail = (completed.stderr or completed.stdout).strip().splitlines()[-1:] or ["no output"]
            raise VerifyEnvironmentError(f"the SavedModel check failed ({completed.returncode}): {tail[0]}")
        loaded = json.loads(report_path.read_text(encoding="utf-8"))
    return [_servable_model(model_dir, folder, report) for folder, report in zip(folders, loaded)]


def _servable_model(model_dir: Path, folder: Path, report: dict) -> ServableModel:
    relative = folder.relative_to(model_dir).as_posix()
    model = ServableModel(
        path=relative,
        servable=False,
        version=int(folder.name) if folder.name.isdigit() else None,
        signatures=report.get("signatures", []),
        inputs=[TensorInfo(**tensor) for tensor in report.get("inputs", [])],
        outputs=[TensorInfo(**tensor) for tensor in report.get("outputs", [])],
        probe_skipped=report.get("probe_skipped", ""),
    )
    if folder == model_dir:
        model.reason = "saved_model.pb directly in model/: TF Serving needs a version folder (model/1/)"
    elif model.version is None:
        model.reason = (
            f"SavedModel in a non-numeric folder {folder.name!r}: TF Serving only loads "
            f"<model dir>/[<name>/]<digits>/saved_model.pb (use $SM_MODEL_DIR/1)"
        )
    elif report.get("error"):
        model.reason = f"cannot be loaded with the 'serve' tag: {report['error']}"
    elif "serving_default" not in model.signatures:
        model.reason = f"no serving_default signature (has: {', '.join(model.signatures) or 'none'})"
    elif report.get("call_error"):
        model.reason = f"serving_default fails on zero inputs: {report['call_error']}"
    else:
        model.servable = True
    return model


# This file is loaded by its path, not as `sm_migrate.verify`: the check then works from a wheel, an editable
# install or another interpreter alike, and imports nothing of the package (no libcst).
_LOAD_SAVED_MODELS = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("sm_migrate_verify", sys.argv[1])
verify = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = verify
spec.loader.exec_module(verify)
verify._load_saved_models_main()
"""


def _load_saved_models_main() -> None:
    """Subprocess side of check_servable: argv = [this file, JSON list of SavedModel folders, report path]."""
    folders, report_path = json.loads(sys.argv[2]), sys.argv[3]
    import tensorflow as tf

    reports = [_describe_saved_model(tf, folder) for folder in folders]
    Path(report_path).write_text(json.dumps(reports), encoding="utf-8")


def _describe_saved_model(tf: Any, folder: str) -> dict:
    try:
        loaded = tf.saved_model.load(folder, tags=["serve"])
    except Exception as exc:  # any load failure is the finding itself
        return {"error": _one_line(exc)}
    report: dict[str, Any] = {"signatures": sorted(loaded.signatures.keys())}
    serving = loaded.signatures.get("serving_default")
    if serving is None:
        return report
    _, input_specs = serving.structured_input_signature
    report["inputs"] = [_tensor_info(name, spec) for name, spec in sorted(input_specs.items())]
    outputs = serving.structured_outputs
    report["outputs"] = [_tensor_info(name, tensor) for name, tensor in sorted(outputs.items())]
    unknown = any(spec.shape.rank is None or None in spec.shape.as_list() for spec in input_specs.values())
    error = None
    for size in PROBE_SIZES if unknown else PROBE_SIZES[:1]:
        try:
            serving(**{name: _zeros_like_spec(tf, spec, size) for name, spec in input_specs.items()})
            return report
        except Exception as exc:  # the call failing is the finding itself
            error = error or _one_line(exc)
    # With unknown dimensions a failure may be the probe's (a sequence shorter than a Conv1D's kernel), not the
    # model's: only a fully known signature that fails on its own shapes is a finding.
    report["probe_skipped" if unknown else "call_error"] = error
    return report


# What an unknown dimension is taken as, in turn: a batch of 1, then lengths that convolutions and pooling take.
PROBE_SIZES = (1, 16, 128)


def _tensor_info(name: str, tensor: Any) -> dict:
    shape = tensor.shape.as_list() if tensor.shape.rank is not None else None
    return {"name": name, "dtype": tensor.dtype.name, "shape": shape}


def _zeros_like_spec(tf: Any, spec: Any, size: int = 1) -> Any:
    """Zeros of the spec's shape; the batch (first) dimension 1 when unknown, other unknown ones `size`."""
    dims = spec.shape.as_list() if spec.shape.rank is not None else []
    shape = [(1 if index == 0 else size) if dim is None else dim for index, dim in enumerate(dims)]
    if spec.dtype == tf.string:
        return tf.fill(shape, "")
    return tf.zeros(shape, dtype=spec.dtype)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": ")


# ---------------------------------------------------------------------------------------------------------
# Running


@dataclass
class ProcessOutcome:
    exit_code: int | None  # None when stopped (timeout)
    output: str  # stdout and stderr, interleaved as printed
    wall_time: float
    timed_out: bool


@dataclass(frozen=True)
class ProcessSpec:
    """One process to run: a job's toolkit (or driver), or a plain local run."""

    command: Sequence[str]
    cwd: Path
    env: Mapping[str, str]
    log: LogCallback | None = None


def _run_streaming(
    command: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str],
    timeout: float | None,
    log: LogCallback | None,
) -> ProcessOutcome:
    """Run `command` in its own process group, streaming its lines to `log` (see _run_together)."""
    return _run_together([ProcessSpec(command, cwd, env, log)], timeout)[0]


def _run_together(specs: Sequence[ProcessSpec], timeout: float | None) -> list[ProcessOutcome]:
    """Start every process at once, each in its own process group, streaming its lines to its `log`; wait
    for all of them (the hosts of one job start and end together).

    On timeout or Ctrl-C every group (the toolkit and the script it started) is stopped: SIGTERM, then
    SIGKILL after a grace period. KeyboardInterrupt is re-raised after the groups are stopped. Whatever a
    command leaves running in its group is killed when it ends, as when a job's container stops.
    """
    started = time.monotonic()
    processes: list[subprocess.Popen] = []
    outputs: list[list[str]] = []
    readers: list[threading.Thread] = []
    ended: dict[int, float] = {}
    timed_out = False
    try:
        for spec in specs:
            process = subprocess.Popen(
                spec.command,
                cwd=spec.cwd,
                env=dict(spec.env),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                errors="replace",
                start_new_session=True,
            )
            lines: list[str] = []
            reader = threading.Thread(target=_pump, args=(process, lines, spec.log), daemon=True)
            reader.start()
            processes.append(process)
            outputs.append(lines)
            readers.append(reader)
        deadline = None if timeout is None else started + timeout
        # Wait in short slices: a blocking wait() would not see a Ctrl-C delivered to another thread.
        while len(ended) < len(processes):
            for index, process in enumerate(processes):
                if index not in ended and process.poll() is not None:
                    ended[index] = time.monotonic()
            if len(ended) == len(processes):
                break
            if deadline is not None and time.monotonic() >= deadline:
                timed_out = True
                for process in processes:
                    _terminate_group(process)
                break
            with contextlib.suppress(subprocess.TimeoutExpired):
                next(p for i, p in enumerate(processes) if i not in ended).wait(timeout=_WAIT_SLICE_SECONDS)
    except BaseException:
        for process in processes:
            _terminate_group(process)
        raise
    finally:
        for process, reader in zip(processes, readers):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            reader.join(timeout=_STOP_GRACE_SECONDS)
            process.stdout.close()
    now = time.monotonic()
    return [
        ProcessOutcome(
            exit_code=None if timed_out and index not in ended else process.returncode,
            output="".join(lines),
            wall_time=ended.get(index, now) - started,
            timed_out=timed_out and index not in ended,
        )
        for index, (process, lines) in enumerate(zip(processes, outputs))
    ]


def _pump(process: subprocess.Popen, lines: list[str], log: LogCallback | None) -> None:
    for line in process.stdout:
        lines.append(line)
        if log is not None:
            log(line.rstrip("\n"))


def _terminate_group(process: subprocess.Popen) -> None:
    """SIGTERM the process group and give its leader a grace period to end (SIGKILL follows)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=_STOP_GRACE_SECONDS)


def _clean_environment(env: Mapping[str, str] | None) -> dict[str, str]:
    """This process's environment without job variables (SM_*, SAGEMAKER_*, TF_CONFIG, ...), plus `env`."""
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(_JOB_VARIABLE_PREFIXES) and name not in _JOB_VARIABLES
    }
    clean.update(env or {})
    return clean


def toolkit_command() -> list[str]:
    """The `train` console script of sagemaker-training installed next to this interpreter."""
    train = Path(sys.executable).parent / "train"
    if importlib.util.find_spec("sagemaker_training") is None or not train.is_file():
        raise VerifyEnvironmentError(
            f"the SageMaker training toolkit is not installed for {sys.executable}: {VERIFY_EXTRA_HINT}"
        )
    return [str(train)]


def require_tensorflow() -> None:
    """Fail clearly when TensorFlow is missing (found without importing it)."""
    if importlib.util.find_spec("tensorflow") is None:
        raise VerifyEnvironmentError(f"TensorFlow is not installed for {sys.executable}: {VERIFY_EXTRA_HINT}")


def installed_tensorflow_version() -> str | None:
    """The version of the distribution providing `tensorflow` (tensorflow, tensorflow-cpu, ...), no import."""
    for distribution in importlib.metadata.packages_distributions().get("tensorflow", []):
        try:
            return importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            continue
    return None


@dataclass
class JobResult:
    """What an emulated job did and left behind. Paths are relative to the folder they are listed from."""

    layout: JobLayout
    exit_code: int | None  # the toolkit's; None when stopped on timeout
    timed_out: bool
    success_file: bool  # output/success was written
    failure: str  # text of output/failure ("" when none): SageMaker's FailureReason
    log: str
    wall_time: float
    saved_models: list[ServableModel]  # every SavedModel under model/, servable or not
    model_files: list[str]  # everything under model/
    keras_files: list[str]  # .keras/.h5 files under model/: not servable (§5)
    output_data_files: list[str]
    checkpoint_files: list[str]
    code_dir_writes: list[str]  # files the script created or changed in its code dir: lost on SageMaker
    kept: bool  # the tree is still on disk

    @property
    def succeeded(self) -> bool:
        # The toolkit writes output/success; SDK v3's driver writes only output/failure.
        result_written = self.success_file or self.layout.sdk == "v3"
        return not self.timed_out and self.exit_code == 0 and result_written and not self.failure

    @property
    def servable_models(self) -> list[ServableModel]:
        return [model for model in self.saved_models if model.servable]

    @property
    def ok(self) -> bool:
        """The job succeeded and left at least one servable model: what `verify` exits 0 on."""
        return self.succeeded and bool(self.servable_models)

    @property
    def script_error(self) -> str:
        """The last Python traceback the script printed (the toolkit's failure text does not include it)."""
        return last_traceback(self.log)

    @property
    def failure_reason(self) -> str:
        """One line: the script's exception when it raised, else the toolkit's error and what it said.

        The toolkit's failure text is `<Error>:`, `ExitCode n`, `ErrorMessage "..."`, `Command "..."` lines;
        its ErrorMessage is empty unless stderr was captured, so pip's last `ERROR:` line is used then.
        """
        if self.script_error:
            return self.script_error.splitlines()[-1]
        if not self.failure:
            return "no output/failure text"
        fields = dict(line.partition(" ")[::2] for line in self.failure.splitlines()[1:])
        message = fields.get("ErrorMessage", "").strip('"')
        pip_errors = [line[len("ERROR: ") :] for line in self.log.splitlines() if line.startswith("ERROR: ")]
        if not message and pip_errors:
            message = pip_errors[-1].strip()
        if not message and "Command" in fields:
            command = fields["Command"].strip('"')
            message = f"{command} exited with {fields.get('ExitCode', '?')}"
        return ": ".join(filter(None, [first_line(self.failure).rstrip(":"), message]))

    @property
    def non_servable(self) -> list[str]:
        """One line per model artefact SageMaker cannot serve."""
        not_servable = [model for model in self.saved_models if not model.servable]
        findings = [f"model/{model.path}: {model.reason}" for model in not_servable]
        keras_reason = "a Keras file is not servable; export a SavedModel to $SM_MODEL_DIR/1"
        findings += [f"model/{path}: {keras_reason}" for path in self.keras_files]
        return findings

    @property
    def problems(self) -> list[str]:
        """One line per reason the job is not OK (empty when `ok`)."""
        problems = []
        if self.timed_out:
            problems.append(f"job timed out after {self.wall_time:.0f} s and was stopped")
        elif not self.succeeded:
            problems.append(f"job failed (exit {self.exit_code}): {self.failure_reason}")
        if not self.servable_models:
            found = [f"model/{model.path}" for model in self.saved_models]
            found += [f"model/{path}" for path in self.keras_files]
            detail = f"{short_list(found)} not servable" if found else "model/ has no <digits>/saved_model.pb"
            problems.append(f"no servable model: {detail}")
        return problems

    @property
    def warnings(self) -> list[str]:
        """What passed here but needs a look: files lost with the code dir, hyperparameters at risk."""
        warnings = []
        if self.code_dir_writes:
            warnings.append(
                f"the script wrote {len(self.code_dir_writes)} file(s) into its code dir, lost on SageMaker: "
                f"{short_list(self.code_dir_writes)} (write to $SM_MODEL_DIR or $SM_OUTPUT_DATA_DIR)"
            )
        return warnings + self.hyperparameter_warnings

    @property
    def hyperparameter_warnings(self) -> list[str]:
        return shell_split_warnings(self.layout.hyperparameters)

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "succeeded": self.succeeded,
            "exit_code": self.exit_code,
            "timed_out": self.timed_out,
            "failure": self.failure,
            "script_error": self.script_error,
            "problems": self.problems,
            "warnings": self.warnings,
            "job_name": self.layout.job_name,
            "entry_point": self.layout.entry_point,
            "hyperparameters": self.layout.hyperparameters,
            "saved_models": [asdict(model) for model in self.saved_models],
            "servable_models": [model.path for model in self.servable_models],
            "non_servable": self.non_servable,
            "model_files": self.model_files,
            "output_data_files": self.output_data_files,
            "checkpoint_files": self.checkpoint_files,
            "code_dir_writes": self.code_dir_writes,
            "wall_time": round(self.wall_time, 3),
            "base_dir": str(self.layout.base_dir) if self.kept else None,
        }

    def cleanup(self) -> None:
        """Remove the job's tree (for callers that ran with keep=True)."""
        shutil.rmtree(self.layout.root, ignore_errors=True)
        self.kept = False


def run_job(
    script: str | Path,
    channels: Mapping[str, str | Path] | None = None,
    hyperparameters: Mapping[str, Any] | None = None,
    *,
    source_dir: str | Path | None = None,
    model_dir: str | bool | None = None,
    job_name: str | None = None,
    region: str = DEFAULT_REGION,
    timeout: float | None = None,
    keep: bool = False,
    work_dir: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    install_requirements: bool = True,
    check_model: bool = True,
    log: LogCallback | None = None,
    sdk: str = "v2",
) -> JobResult:
    """Run `script` as a SageMaker training job with the real toolkit and report what it left.

    `channels` maps channel names to local files/folders (copied in); `hyperparameters` are typed values as
    given to the estimator. The tree lives in a new temp dir, removed afterwards unless `keep`; with
    `work_dir` it is created inside that folder instead and always kept (the caller owns it). `env` adds
    variables for the job (e.g. PIP_NO_INDEX). `log` receives each log line as it is printed. `sdk="v3"`
    runs it as SDK v3's ModelTrainer driver would (module docstring).
    Raises JobInputError / VerifyEnvironmentError before anything runs; KeyboardInterrupt stops the job.
    """
    return run_multi_host_job(
        script, channels, hyperparameters, hosts=1, source_dir=source_dir, model_dir=model_dir, job_name=job_name,
        region=region, timeout=timeout, keep=keep, work_dir=work_dir, env=env,
        install_requirements=install_requirements, check_model=check_model, log=log, sdk=sdk,
    ).jobs[0]  # fmt: skip


def host_names(count: int) -> tuple[str, ...]:
    """SageMaker's host names: algo-1, algo-2, ..."""
    return tuple(f"algo-{number}" for number in range(1, count + 1))


def free_loopback_ports(count: int) -> list[int]:
    """Ports free on 127.0.0.1 now (the OS picks them), for the workers of a multi-host job."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind((LOOPBACK, 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def multi_worker_tf_config(hosts: Sequence[str], current_host: str, ports: Sequence[int]) -> str:
    """The TF_CONFIG the TensorFlow container sets for multi_worker_mirrored_strategy (§6): one worker per
    host, in host order, this host's index as the task; the addresses are loopback ports here."""
    workers = [f"{LOOPBACK}:{port}" for port in ports]
    return json.dumps(
        {
            "cluster": {"worker": workers},
            "environment": "cloud",
            "task": {"type": "worker", "index": list(hosts).index(current_host)},
        }
    )


@dataclass
class MultiHostResult:
    """One job over several hosts: each host's JobResult, the chief (the first host) first."""

    jobs: list[JobResult]

    @property
    def chief(self) -> JobResult:
        return self.jobs[0]

    @property
    def problems(self) -> list[str]:
        problems = [f"{job.layout.current_host}: {problem}" for job in self.jobs for problem in job.problems
                    if job is self.chief or not problem.startswith("no servable model")]  # fmt: skip
        for job in self.jobs[1:]:
            if job.saved_models:
                found = ", ".join(f"model/{model.path}" for model in job.saved_models)
                problems.append(f"{job.layout.current_host} is not the chief but wrote {found}")
        return problems

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "problems": self.problems,
            "hosts": {job.layout.current_host: job.to_dict() for job in self.jobs},
        }


def run_multi_host_job(
    script: str | Path,
    channels: Mapping[str, str | Path] | None = None,
    hyperparameters: Mapping[str, Any] | None = None,
    *,
    hosts: int = 2,
    source_dir: str | Path | None = None,
    model_dir: str | bool | None = None,
    job_name: str | None = None,
    region: str = DEFAULT_REGION,
    timeout: float | None = None,
    keep: bool = False,
    work_dir: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    install_requirements: bool = True,
    check_model: bool = True,
    log: LogCallback | None = None,
    sdk: str = "v2",
) -> MultiHostResult:
    """run_job over `hosts` hosts on this machine: one job tree and one toolkit process per host, run at the
    same time, with a multi-worker-mirrored TF_CONFIG on loopback ports when there is more than one host.

    SDK v3 sets no TF_CONFIG and its script builds one from the host names, which do not resolve here: several
    hosts are emulated for SDK v2 only (JobInputError otherwise).
    """
    if hosts < 1:
        raise JobInputError(f"hosts must be at least 1, not {hosts}")
    if hosts > 1 and sdk == "v3":
        raise JobInputError(
            "several hosts are emulated for SDK v2 only: under SDK v3 the script builds TF_CONFIG from host "
            "names (algo-1, ...) that do not resolve on this machine"
        )
    command = toolkit_command() if sdk == "v2" else _v3_driver_command()
    require_tensorflow()
    if work_dir is not None:
        Path(work_dir).mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="sm-migrate-verify-", dir=work_dir))
    kept = keep or work_dir is not None
    names = host_names(hosts)
    job_name = job_name or time.strftime("sm-migrate-verify-%Y%m%d-%H%M%S")
    ports = free_loopback_ports(hosts) if hosts > 1 else []
    try:
        layouts, specs = [], []
        for host in names:
            host_root = root / host if hosts > 1 else root
            host_root.mkdir(exist_ok=True)
            layout = lay_out_job(
                host_root, script, channels or {}, hyperparameters or {}, source_dir=source_dir,
                model_dir=model_dir, job_name=job_name, region=region, install_requirements=install_requirements,
                hosts=names, current_host=host, sdk=sdk,
            )  # fmt: skip
            job_env = _clean_environment(env)
            job_env.update(
                AWS_DEFAULT_REGION=region,
                TRAINING_JOB_NAME=layout.job_name,
                # As the SageMaker TensorFlow images set them: logs arrive line by line, no bytecode in code/.
                PYTHONUNBUFFERED="1",
                PYTHONDONTWRITEBYTECODE="1",
            )
            if sdk == "v2":
                job_env.update(SAGEMAKER_BASE_DIR=str(layout.base_dir), SM_STUDIO_LOCAL_MODE="true")
                host_command, cwd = command, layout.root
            else:
                job_env.update(v3_environment(layout))
                host_command = [*command, _v3_driver_request(layout, install_requirements)]
                cwd = layout.code_dir
            if ports:
                job_env["TF_CONFIG"] = multi_worker_tf_config(names, host, ports)
            host_log = log if log is None or hosts == 1 else _prefixed(log, f"[{host}] ")
            layouts.append(layout)
            specs.append(ProcessSpec(host_command, cwd, job_env, host_log))
        outcomes = _run_together(specs, timeout)
        jobs = [_collect(layout, outcome, kept=kept, check_model=check_model)
                for layout, outcome in zip(layouts, outcomes)]  # fmt: skip
        return MultiHostResult(jobs)
    finally:
        if not kept:
            shutil.rmtree(root, ignore_errors=True)


def _prefixed(log: LogCallback, prefix: str) -> LogCallback:
    return lambda line: log(prefix + line)


def _safe_deserialize(text: str) -> Any:
    """SDK v3 reads a stored hyperparameter back as JSON when it is JSON, else as the string."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def v3_environment(layout: JobLayout) -> dict[str, str]:
    """The SM_* variables SDK v3's driver sets (container_drivers/scripts/environment.py; §10), for `layout`:
    strings as they are, everything else as JSON; no TF_CONFIG."""
    base = layout.base_dir
    channels = [*layout.channels, V3_CODE_CHANNEL, V3_DRIVERS_CHANNEL]
    hyperparameters = {name: _safe_deserialize(v3_serialize(value)) for name, value in layout.hyperparameters.items()}
    resource_config = json.loads((layout.input_config_dir / "resourceconfig.json").read_text(encoding="utf-8"))
    input_data_config = json.loads((layout.input_config_dir / "inputdataconfig.json").read_text(encoding="utf-8"))
    variables: dict[str, Any] = {
        "SM_MODEL_DIR": str(layout.model_dir),
        "SM_INPUT_DIR": str(base / "input"),
        "SM_INPUT_DATA_DIR": str(base / "input" / "data"),
        "SM_INPUT_CONFIG_DIR": str(layout.input_config_dir),
        "SM_OUTPUT_DIR": str(layout.output_dir),
        "SM_OUTPUT_FAILURE": str(layout.output_dir / "failure"),
        "SM_OUTPUT_DATA_DIR": str(layout.output_data_dir),
        "SM_LOG_LEVEL": 20,
        "SM_MASTER_ADDR": layout.hosts[0],
        "SM_MASTER_PORT": V3_MASTER_PORT,
        "SM_SOURCE_DIR": str(layout.code_dir),
        "SM_ENTRY_SCRIPT": layout.entry_point,
        **{f"SM_CHANNEL_{name.upper()}": str(layout.channel_dir(name)) for name in channels},
        "SM_CHANNELS": channels,
        **{f"SM_HP_{name.replace('-', '_').upper()}": value for name, value in hyperparameters.items()},
        "SM_HPS": hyperparameters,
        "SM_CURRENT_HOST": layout.current_host,
        "SM_CURRENT_INSTANCE_TYPE": resource_config["current_instance_type"],
        "SM_HOSTS": list(layout.hosts),
        "SM_NETWORK_INTERFACE_NAME": resource_config["network_interface_name"],
        "SM_HOST_COUNT": len(layout.hosts),
        "SM_CURRENT_HOST_RANK": layout.hosts.index(layout.current_host),
        "SM_NUM_CPUS": os.cpu_count() or 1,
        "SM_NUM_GPUS": 0,
        "SM_NUM_NEURONS": 0,
        "SM_RESOURCE_CONFIG": resource_config,
        "SM_INPUT_DATA_CONFIG": input_data_config,
    }
    variables["SM_TRAINING_ENV"] = {
        "channel_input_dirs": {name: variables[f"SM_CHANNEL_{name.upper()}"] for name in channels},
        "current_host": layout.current_host,
        "hosts": list(layout.hosts),
        "hyperparameters": hyperparameters,
        "job_name": layout.job_name,
        "model_dir": variables["SM_MODEL_DIR"],
        "output_data_dir": variables["SM_OUTPUT_DATA_DIR"],
    }
    return {name: v3_serialize(value) for name, value in variables.items()}


def v3_arguments(hyperparameters: Mapping[str, Any]) -> list[str]:
    """The script's arguments under SDK v3: `--key value` in the order given, the value read back from its
    stored form and written again (strings as they are, everything else as JSON: `true`, `[64, 32]`)."""
    arguments = []
    for name, value in hyperparameters.items():
        arguments += [f"--{name}", v3_serialize(_safe_deserialize(v3_serialize(value)))]
    return arguments


def _v3_driver_command() -> list[str]:
    """This file's SDK v3 driver emulation, run by path in this interpreter (like the servable check)."""
    return [sys.executable, "-c", _V3_DRIVER, str(Path(__file__).resolve())]


def _v3_driver_request(layout: JobLayout, install_requirements: bool) -> str:
    install = install_requirements and (layout.code_dir / "requirements.txt").is_file()
    request = {
        "entry_point": layout.entry_point,
        "arguments": v3_arguments(layout.hyperparameters),
        "install_requirements": install,
        "failure_file": str(layout.output_dir / "failure"),
    }
    return json.dumps(request)


_V3_DRIVER = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("sm_migrate_verify", sys.argv[1])
verify = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = verify
spec.loader.exec_module(verify)
sys.exit(verify._v3_driver_main())
"""


def _v3_driver_main() -> int:
    """Subprocess side of the SDK v3 emulation, in the code dir: install requirements.txt when the launcher
    would (SourceCode(requirements=...)), run `python <entry> <arguments>`, write output/failure on failure."""
    request = json.loads(sys.argv[2])
    commands = []
    if request["install_requirements"]:
        commands.append([sys.executable, "-m", "pip", "install", "-r", "requirements.txt"])
    commands.append([sys.executable, request["entry_point"], *request["arguments"]])
    for command in commands:
        print("Executing command:", " ".join(command), flush=True)
        exit_code = subprocess.call(command)
        if exit_code != 0:
            failure = Path(request["failure_file"])
            if not failure.exists():
                failure.write_text(f"Command {command} returned non-zero exit status {exit_code}\n", encoding="utf-8")
            return exit_code
    return 0


def _collect(layout: JobLayout, outcome: ProcessOutcome, *, kept: bool, check_model: bool) -> JobResult:
    failure_path = layout.output_dir / "failure"
    failure = failure_path.read_text(encoding="utf-8", errors="replace") if failure_path.exists() else ""
    submitted = layout.submitted_files
    return JobResult(
        layout=layout,
        exit_code=outcome.exit_code,
        timed_out=outcome.timed_out,
        success_file=(layout.output_dir / "success").exists(),
        failure=failure.strip(),
        log=outcome.output,
        wall_time=outcome.wall_time,
        saved_models=check_servable(layout.model_dir) if check_model else [],
        model_files=_list_files(layout.model_dir),
        keras_files=[path for path in _list_files(layout.model_dir) if path.endswith(_KERAS_FILE_SUFFIXES)],
        output_data_files=_list_files(layout.output_data_dir),
        checkpoint_files=_list_files(layout.checkpoint_dir),
        code_dir_writes=sorted(
            path for path, stamp in _file_stamps(layout.code_dir).items() if submitted.get(path) != stamp
        ),
        kept=kept,
    )


@dataclass
class LocalRun:
    """A plain local run of a script (no SM_* variables)."""

    exit_code: int | None
    output: str
    wall_time: float
    timed_out: bool

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    @property
    def error(self) -> str:
        """The exception line of the last traceback printed, if any."""
        traceback = last_traceback(self.output)
        return traceback.splitlines()[-1] if traceback else ""


def run_local(
    script: str | Path,
    args: Sequence[str] = (),
    *,
    cwd: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float | None = None,
    log: LogCallback | None = None,
) -> LocalRun:
    """Run `python script args` as a user would, with every SM_*/SAGEMAKER_* variable stripped.

    `cwd` defaults to the script's folder. Shows that a migrated script still runs outside SageMaker.
    """
    script_path = Path(script).resolve()
    if not script_path.is_file():
        raise JobInputError(f"script not found: {script}")
    outcome = _run_streaming(
        [sys.executable, str(script_path), *args],
        cwd=Path(cwd) if cwd is not None else script_path.parent,
        env=_clean_environment(env),
        timeout=timeout,
        log=log,
    )
    return LocalRun(outcome.exit_code, outcome.output, outcome.wall_time, outcome.timed_out)


def shell_split_warnings(hyperparameters: Mapping[str, Any]) -> list[str]:
    """Hyperparameters that reach the script intact here but not in the SageMaker TF container.

    The container runs the script with capture_error=True, which toolkits 3.9.3 to 5.1.2 (it pins
    <= 4.8.3) turn into a shell command: a value with whitespace is split, an empty one vanishes (§3).
    """
    warnings = []
    for name, value in sorted(hyperparameters.items()):
        text = _command_line_text(value)
        if not text or any(character.isspace() for character in text):
            warnings.append(
                f"hyperparameter {name!r} is passed as {text!r}, which the SageMaker TF container's "
                f"shell splits or drops (read it from SM_HPS, or avoid spaces)"
            )
    return warnings


def _command_line_text(value: Any) -> str:
    """A hyperparameter as the toolkit puts it on the command line (§3): str(), dicts as `a=1,b=2`."""
    if isinstance(value, dict):
        return ",".join(f"{key}={item}" for key, item in sorted(value.items()))
    return "" if value is None else str(value)


def last_traceback(log: str) -> str:
    """The last Python traceback in `log`, up to the next toolkit log line."""
    lines = log.splitlines()
    starts = [index for index, line in enumerate(lines) if line.startswith("Traceback (most recent call")]
    if not starts:
        return ""
    block = []
    for line in lines[starts[-1] :]:
        if _TOOLKIT_LOG_LINE.match(line):
            break
        block.append(line)
    return "\n".join(block).strip()


def first_line(text: str) -> str:
    """The first non-blank line of `text`, stripped."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def short_list(items: Sequence[str], limit: int = 5) -> str:
    """`a, b, c, ... (n more)`: a list short enough for one line."""
    shown = ", ".join(items[:limit])
    return shown + (f", ... ({len(items) - limit} more)" if len(items) > limit else "")
