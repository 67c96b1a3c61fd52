"""The one-shot CLI: every mode and exit code, stdin/stdout, -o, bad inputs, bytes style, emitters.

Everything goes through typer's CliRunner and the real engine; the scripts are tiny and never run.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from fixtures_repo import training_script
from sm_migrate.cli import app, main
from sm_migrate.files import decode_source
from sm_migrate.summary import REPORT_SCHEMA
from sm_migrate.transforms.engine import migrate_source

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SCRIPT = training_script()
MIGRATED = migrate_source(SCRIPT).code
# Saved to a path built at run time: the engine leaves it and warns (SM201).
RUNTIME_PATH_SCRIPT = training_script().replace(
    'model.save("model.keras")', 'import time\nmodel.save("model_%d.keras" % int(time.time()))'
)


def sm_migrate(*args, input: bytes | None = None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input, prog_name="sm-migrate")


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(name: str, data: str | bytes, mode: int | None = None) -> Path:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    if mode is not None:
        path.chmod(mode)
    return path


def test_help_names_the_program_and_every_option():
    result = sm_migrate("--help")
    assert result.exit_code == 0
    assert "sm-migrate" in result.stdout
    for option in ("--diff", "--check", "--output", "--out-dir", "--framework-version", "--jobs", "--include",
                   "--exclude", "--report", "--quiet", "--verbose", "--emit", "--launcher-sdk", "--timeout"):
        assert option in result.stdout, option


def test_in_place_then_a_second_run_changes_nothing():
    path = write("train.py", SCRIPT)
    first = sm_migrate("train.py")
    assert first.exit_code == 0, first.output
    assert path.read_text() == MIGRATED
    assert "1 file migrated" in first.stderr
    second = sm_migrate("train.py")
    assert second.exit_code == 0
    assert path.read_text() == MIGRATED
    assert "1 file already migrated" in second.stderr


def test_check_exits_1_while_changes_are_pending_and_0_after():
    path = write("train.py", SCRIPT)
    pending = sm_migrate("--check", "train.py")
    assert pending.exit_code == 1
    assert path.read_text() == SCRIPT
    assert "1 file would be migrated" in pending.stderr
    assert sm_migrate("train.py").exit_code == 0
    assert sm_migrate("--check", "train.py").exit_code == 0


def test_diff_prints_an_applicable_patch_and_writes_nothing(in_tmp):
    path = write("train.py", SCRIPT)
    result = sm_migrate("--diff", "train.py")
    assert result.exit_code == 1
    assert path.read_text() == SCRIPT
    assert result.stdout.startswith("--- train.py\t(original)\n+++ train.py\t(migrated)\n")
    assert "\x1b[" not in result.stdout  # not a terminal
    Path("fix.patch").write_text(result.stdout)
    subprocess.run(["git", "apply", "-p0", "--unsafe-paths", "fix.patch"], cwd=in_tmp, check=True)
    assert path.read_text() == MIGRATED
    coloured = sm_migrate("--diff", "--color", "--check", write("again.py", SCRIPT))
    assert coloured.exit_code == 1 and "\x1b[32m+" in coloured.stdout


def test_output_file_keeps_the_source_and_its_mode():
    source = write("train.py", SCRIPT, mode=0o750)
    result = sm_migrate("-o", "out/sm_train.py", "train.py")
    assert result.exit_code == 0, result.output
    assert source.read_text() == SCRIPT
    out = Path("out/sm_train.py")
    assert out.read_text() == MIGRATED
    assert stat.S_IMODE(out.stat().st_mode) == 0o750
    untouched = write("util.py", "import os\n")
    assert sm_migrate("-o", "util_copy.py", "util.py").exit_code == 0
    assert Path("util_copy.py").read_bytes() == untouched.read_bytes()  # -o always produces the file


def test_stdin_to_stdout_keeps_crlf():
    crlf = SCRIPT.replace("\n", "\r\n").encode()
    result = sm_migrate("-", input=crlf)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == MIGRATED.replace("\n", "\r\n").encode()


def test_stdin_modes_and_failures():
    check = sm_migrate("--check", "-", input=SCRIPT.encode())
    assert (check.exit_code, check.stdout_bytes) == (1, b"")
    diff = sm_migrate("--diff", "-", input=SCRIPT.encode())
    assert diff.exit_code == 1 and diff.stdout.startswith("--- -\t(original)")
    plain = b"import os\nprint(os.getcwd())\n"
    not_tf = sm_migrate("-", input=plain)
    assert (not_tf.exit_code, not_tf.stdout_bytes) == (0, plain)
    broken = sm_migrate("-", input=b"import tensorflow as tf\nprint 'hi'\n")
    assert broken.exit_code == 3 and broken.stdout_bytes == b""
    assert re.search(r"^-: line 2:\d+: not valid Python 3", broken.stderr, re.M)
    to_file = sm_migrate("-o", "from_stdin.py", "-", input=SCRIPT.encode())
    assert to_file.exit_code == 0 and Path("from_stdin.py").read_text() == MIGRATED


def test_a_framework_version_with_no_known_image_is_warned_about():
    write("train.py", SCRIPT)
    unknown = sm_migrate("--check", "--framework-version", "9.9", "train.py")
    known = sm_migrate("--check", "--framework-version", "2.19", "train.py")
    assert unknown.exit_code == 1 and "no SageMaker TensorFlow training image is known for 9.9" in unknown.stderr
    assert known.exit_code == 1 and "warning" not in known.stderr


def test_stdin_honours_the_skip_pragma():
    skipped = b"# sm-migrate: skip\n" + SCRIPT.encode()
    diff = sm_migrate("--diff", "-", input=skipped)
    assert (diff.exit_code, diff.stdout_bytes) == (0, b"") and "skip" in diff.stderr
    written = sm_migrate("-", input=skipped)
    assert (written.exit_code, written.stdout_bytes) == (0, skipped)


def test_a_library_module_is_skipped_with_what_fails_on_the_target():
    library = (
        "import tensorflow as tf\n\n\n"
        "def train(model, batches, optimizer):\n"
        "    for x, y in batches:\n"
        "        with tf.GradientTape() as tape:\n"
        "            loss = tf.reduce_mean(tf.square(model(x) - y))\n"
        "        optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables),\n"
        "                                      model.trainable_variables))\n"
        "    return tf.estimator.RunConfig()\n"
    )
    write("lib/training.py", library)
    result = sm_migrate("lib", "--report", "report.json")
    assert result.exit_code == 0, result.output
    assert "a library module" in result.output and "SM401" in result.output
    assert Path("lib/training.py").read_text() == library
    report = json.loads(Path("report.json").read_text())
    assert [d["code"] for d in report["files"][0]["diagnostics"]] == ["SM401"]


def test_out_dir_refuses_two_inputs_written_to_one_place():
    write("a/src/train.py", SCRIPT)
    write("b/src/train.py", SCRIPT.replace("epochs=", "verbose=0, epochs="))
    for args in (["a/src", "b/src"], ["a/src/train.py", "b/src/train.py"]):
        result = sm_migrate(*args, "--out-dir", "out")
        assert result.exit_code == 2 and "would both be written to" in result.stderr, result.output
        assert not Path("out").exists()


BAD_INPUTS = {
    "syntax_error": (SCRIPT + "def broken(:\n").encode(),
    "undecodable": SCRIPT.encode() + b"# \xff\xfe\n",
    "python2": b"import tensorflow as tf\nprint 'training'\n",
    "libcst_roundtrip_bug": b"x = 1\n  # a\n  # b\n",
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_is_one_line_exit_3_and_untouched(name):
    path = write(f"{name}.py", BAD_INPUTS[name])
    result = sm_migrate(f"{name}.py")
    assert result.exit_code == 3
    failure_lines = [line for line in result.stderr.splitlines() if line.startswith(f"{name}.py: ")]
    assert len(failure_lines) == 1, result.stderr
    assert path.read_bytes() == BAD_INPUTS[name]
    assert "1 file failed" in result.stderr


def test_not_a_training_script_says_why_and_exits_0():
    path = write("utils.py", "import os\n\n\ndef here():\n    return os.getcwd()\n")
    before = path.read_bytes()
    result = sm_migrate("utils.py")
    assert result.exit_code == 0
    assert re.search(r"^utils\.py: skipped: no TensorFlow", result.stderr, re.M)
    assert path.read_bytes() == before


def test_one_failure_makes_exit_3_even_when_another_file_changed():
    good = write("good.py", SCRIPT)
    write("bad.py", BAD_INPUTS["python2"])
    result = sm_migrate("good.py", "bad.py", "-j", "1")
    assert result.exit_code == 3
    assert good.read_text() == MIGRATED
    assert "1 file migrated, 1 failed" in result.stderr


def test_crlf_and_latin1_files_keep_their_bytes_style():
    crlf = write("crlf.py", SCRIPT.replace("\n", "\r\n"))
    latin1_text = "# -*- coding: latin-1 -*-\n# Données d'entraînement\n" + SCRIPT
    latin1 = write("latin1.py", latin1_text.encode("latin-1"))
    result = sm_migrate("crlf.py", "latin1.py")
    assert result.exit_code == 0, result.output
    crlf_bytes = crlf.read_bytes()
    assert crlf_bytes.count(b"\r\n") == crlf_bytes.count(b"\n") > SCRIPT.count("\n")
    assert crlf_bytes.decode().replace("\r\n", "\n") == MIGRATED
    latin1_bytes = latin1.read_bytes()
    assert "Données".encode("latin-1") in latin1_bytes
    assert latin1_bytes.decode("latin-1") == migrate_source(latin1_text).code


def test_a_file_of_mixed_line_endings_keeps_each_untouched_lines_own():
    """Lines pasted in from another editor end in LF among CRLF ones: a rewrite of a few lines must not show as a
    change of every line (the rewritten and added lines take the dominant ending)."""
    lines = SCRIPT.split("\n")
    mixed_text = "".join(line + ("\n" if index % 3 == 0 else "\r\n") for index, line in enumerate(lines[:-1]))
    mixed = write("mixed.py", mixed_text + lines[-1])
    assert sm_migrate("mixed.py").exit_code == 0
    written = mixed.read_bytes().decode()
    assert written.replace("\r\n", "\n") == MIGRATED
    kept = [line + ending for line, ending in zip(lines, re.findall("\r\n|\n", mixed_text))
            if line and line in MIGRATED.split("\n")]
    assert kept and all(line in written for line in kept)
    assert sm_migrate("mixed.py").exit_code == 0 and mixed.read_bytes().decode() == written


@pytest.mark.parametrize("mode", [0o755, 0o640])
def test_permission_bits_are_kept(mode):
    path = write("train.py", SCRIPT, mode=mode)
    assert sm_migrate("train.py").exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_read_only_file_fails_and_is_untouched():
    path = write("train.py", SCRIPT, mode=0o444)
    result = sm_migrate("train.py")
    assert result.exit_code == 3
    assert "train.py: read-only file: not modified" in result.stderr
    assert path.read_text() == SCRIPT
    assert sm_migrate("--check", "train.py").exit_code == 1  # checking it is fine


def test_a_read_only_output_file_is_not_overwritten():
    write("train.py", SCRIPT)
    kept = write("out/train.py", "# the user's own file\n", mode=0o444)
    for args in (["-o", "out/train.py"], ["--out-dir", "out"]):
        result = sm_migrate("train.py", *args)
        assert result.exit_code == 3, result.output
        assert "read-only file: out/train.py not overwritten" in result.stderr
        assert kept.read_text() == "# the user's own file\n" and Path("train.py").read_text() == SCRIPT


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["missing.py"],
        ["--bogus", "train.py"],
        ["-q", "-v", "train.py"],
        ["--framework-version", "latest", "train.py"],
        ["-j", "0", "train.py"],
        ["-o", "a.py", "train.py", "other.py"],
        ["-o", "a.py", "--check", "train.py"],
        ["-o", "a.py", "."],
        ["-", "train.py"],
        ["--emit", "dockerfile", "train.py"],
        ["--emit", "all", "-"],
        ["--report", "r.json", "-"],
        ["--report", "missing/r.json", "train.py"],
        ["--report", ".", "train.py"],
        ["--out-dir", ".", "train.py"],
    ],
)
def test_usage_errors_exit_2(args):
    write("train.py", SCRIPT)
    write("other.py", SCRIPT)
    result = sm_migrate(*args)
    assert result.exit_code == 2, (args, result.output)
    assert Path("train.py").read_text() == SCRIPT


def test_config_reaches_the_engine_and_cli_overrides_it():
    write("pyproject.toml", '[tool.sm-migrate]\nlocal-model-dir = "team_models"\nframework-version = "2.16"\n')
    write("train.py", SCRIPT)
    assert sm_migrate("train.py", "--report", "r.json", "--framework-version", "2.18").exit_code == 0
    assert '"team_models"' in Path("train.py").read_text()
    assert json.loads(Path("r.json").read_text())["framework_version"] == "2.18"
    write("pyproject.toml", "[tool.sm-migrate]\nframework-version = 2.16\n")  # a number, not a string
    assert sm_migrate("train.py").exit_code == 2
    for setting in ("jobs = 0", "timeout = -1", 'jobs = "2"'):  # what the command line refuses, the file too
        write("pyproject.toml", f"[tool.sm-migrate]\n{setting}\n")
        refused = sm_migrate("--check", "train.py")
        assert refused.exit_code == 2 and "must be" in refused.stderr, (setting, refused.output)


def test_exclude_replaces_the_configured_globs_and_extend_exclude_adds_to_them():
    write("pyproject.toml", '[tool.sm-migrate]\nexclude = ["legacy/"]\n')
    for name in ("legacy/old.py", "experiments/try.py", "train.py"):
        write(name, SCRIPT)

    def would_migrate(*args: str) -> set[str]:
        result = sm_migrate("--check", "-v", ".", *args)
        return {line.split(":")[0] for line in result.stderr.splitlines() if line.endswith(": would migrate")}

    assert would_migrate() == {"experiments/try.py", "train.py"}
    assert would_migrate("--exclude", "experiments/") == {"legacy/old.py", "train.py"}
    assert would_migrate("--extend-exclude", "experiments/") == {"train.py"}
    write("pyproject.toml", '[tool.sm-migrate]\nexclude = ["legacy/"]\nextend-exclude = ["experiments/"]\n')
    assert would_migrate() == {"train.py"}


def test_diagnostics_are_path_line_col_code_and_quiet_verbose():
    write("train.py", RUNTIME_PATH_SCRIPT)
    result = sm_migrate("--check", "train.py")
    assert re.search(r"^train\.py:\d+:\d+: SM201 ", result.stderr, re.M), result.stderr
    quiet = sm_migrate("--check", "-q", "train.py")
    assert quiet.exit_code == 1 and quiet.stderr == ""
    verbose = sm_migrate("--check", "-v", "train.py")
    assert "train.py: would migrate" in verbose.stderr


def test_report_validates_against_its_schema():
    write("train.py", RUNTIME_PATH_SCRIPT)
    write("bad.py", BAD_INPUTS["python2"])
    assert sm_migrate("train.py", "bad.py", "--report", "report.json").exit_code == 3
    report = json.loads(Path("report.json").read_text())
    jsonschema.validate(report, REPORT_SCHEMA)
    records = {r["path"]: r for r in report["files"]}
    assert records["train.py"]["status"] == "migrated"
    assert any(d["code"] == "SM201" for d in records["train.py"]["diagnostics"])
    assert records["bad.py"]["status"] == "failed" and records["bad.py"]["diagnostics"][0]["code"] == "SM001"


def test_emit_writes_checks_and_diffs_the_extra_files():
    write("job/train.py", SCRIPT)
    diff = sm_migrate("--diff", "--emit", "requirements", "job/train.py")
    assert diff.exit_code == 1
    assert re.search(r"^\+\+\+ .*job/requirements\.txt\t\(emitted\)$", diff.stdout, re.M)
    assert not Path("job/requirements.txt").exists()
    written = sm_migrate("--emit", "requirements", "--emit", "launcher", "job/train.py")
    assert written.exit_code == 0, written.output
    assert "tensorflow" in Path("job/requirements.txt").read_text()
    assert Path("job/launch_sagemaker.py").is_file()
    assert "2 emitted files written" in written.stderr
    Path("job/requirements.txt").unlink()
    pending = sm_migrate("--check", "--emit", "requirements", "job/train.py")
    assert pending.exit_code == 1  # the script is migrated, but its requirements.txt is missing


def test_emit_conflict_between_two_scripts_in_one_folder():
    write("job/train_a.py", SCRIPT)
    write("job/train_b.py", SCRIPT)
    result = sm_migrate("--emit", "requirements", "job", "-j", "1")
    assert result.exit_code == 3
    assert result.stderr.count("emit conflict") == 2
    assert not Path("job/requirements.txt").exists()
    # failed means untouched: neither script is rewritten without its requirements
    assert Path("job/train_a.py").read_text() == SCRIPT and Path("job/train_b.py").read_text() == SCRIPT


def test_pre_commit_style_run_filters_the_named_files():
    """The .pre-commit-hooks.yaml entry: every staged .py is named; only TF training scripts count."""
    write("train.py", SCRIPT)
    write("utils.py", "import os\n")
    write("legacy_py2.py", "print 'no tensorflow here'\n")
    result = sm_migrate("--check", "--force-exclude", "train.py", "utils.py", "legacy_py2.py")
    assert result.exit_code == 1, result.output
    assert "1 file would be migrated, 2 skipped" in result.stderr
    hook = (PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "entry: sm-migrate --check --force-exclude" in hook


def test_verify_subcommand_is_dispatched(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["verify", "--help"])
    assert exit_info.value.code == 0
    assert "verify" in capsys.readouterr().out


def test_cli_path_never_imports_tensorflow():
    write("train.py", SCRIPT)
    probe = (
        "import sys\nfrom sm_migrate.cli import main\n"
        "try:\n    main(['train.py', '--emit', 'all'])\nexcept SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
        "print('tensorflow' in sys.modules, 'keras' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False"]
    assert decode_source(Path("train.py").read_bytes()).text == MIGRATED


def test_diff_of_non_ascii_source_survives_an_ascii_stdout():
    write("train.py", "# -*- coding: latin-1 -*-\n".encode("latin-1") + SCRIPT.encode() + "# café\n".encode("latin-1"))
    probe = "import sys\nfrom sm_migrate.cli import main\nmain(['--diff', 'train.py'])\n"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True,
                            env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert result.returncode == 1, result.stderr.decode()
    assert "café".encode() in result.stdout


CHANNEL_SCRIPT = """\
import numpy as np
import tensorflow as tf
x = np.load("inputs/all/x.npy")
model = tf.keras.Sequential()
model.fit(x, x, epochs=2)
"""


def test_channel_option_names_the_channel_and_config_does_too():
    write("train.py", CHANNEL_SCRIPT)

    named = sm_migrate("--channel", "training=inputs/all", "train.py")
    migrated = Path("train.py").read_text()

    assert named.exit_code == 0
    assert 'os.environ.get("SM_CHANNEL_TRAINING", "inputs/all")' in migrated
    assert 'np.load(os.path.join(args.training, "x.npy"))' in migrated
    write("train.py", CHANNEL_SCRIPT)
    write("pyproject.toml", '[tool.sm-migrate]\nchannels = {mine = "inputs"}\n')
    assert sm_migrate("train.py").exit_code == 0
    assert 'os.environ.get("SM_CHANNEL_MINE", "inputs")' in Path("train.py").read_text()
    write("train.py", CHANNEL_SCRIPT)  # the command line wins over the configuration
    assert sm_migrate("--channel", "theirs=inputs", "train.py").exit_code == 0
    assert 'os.environ.get("SM_CHANNEL_THEIRS", "inputs")' in Path("train.py").read_text()


@pytest.mark.parametrize("value", ["nonsense", "bad name=x", "=x", "train="])
def test_bad_channel_option_is_a_usage_error(value):
    write("train.py", CHANNEL_SCRIPT)

    result = sm_migrate("--channel", value, "train.py")

    assert result.exit_code == 2
    assert Path("train.py").read_text() == CHANNEL_SCRIPT


def test_export_option_picks_the_model_to_serve():
    write("train.py", """\
import tensorflow as tf
generator = tf.keras.Sequential()
critic = tf.keras.Sequential()

def step(x):
    with tf.GradientTape() as tape:
        loss = critic(generator(x))

for epoch in range(2):
    step(tf.zeros((1, 1)))
""")

    result = sm_migrate("--export", "generator", "train.py")

    migrated = Path("train.py").read_text()
    assert result.exit_code == 0
    assert '_sm_export(generator, os.path.join(args.sm_model_dir, "1"))' in migrated
    assert "_sm_export(critic" not in migrated


def test_one_shot_run_says_what_the_job_needs():
    write("train.py", CHANNEL_SCRIPT)

    result = sm_migrate("train.py")

    lines = result.stderr.splitlines()
    assert result.exit_code == 0
    assert lines[0] == "train.py: migrated"
    assert "  hyperparameters: epochs=2" in lines
    assert "  channels to upload as the job's input data: all <- inputs/all" in lines
