"""Notebooks as input (migrate/notebooks.py): the bundled notebook samples, and each notebook-only rule.

Each `samples/notebook_*/` holds `train.ipynb`, the script `sm-migrate` must make of it (`expected.py`), a
data generator and a manifest (samples/README.md; `requirements` lists what the notebook's `pip install` cells
must add to requirements.txt). The samples are checked like the script samples (tests/test_samples.py):
golden, idempotent (the script migrated again, and the notebook command run twice, change nothing), run
locally with no SM_* variables, and run as a SageMaker job through the real toolkit with an overridden
`epochs`, a servable `model/1`, figures in `output/data/` and the emitted requirements.txt installed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from sm_migrate.notebooks import NotebookError, notebook_to_script
from sm_migrate.transforms.contract import Diagnostic
from sm_migrate.transforms.engine import migrate_source
from test_samples_local import SAMPLES_DIR, load_manifest, logged_epochs, run_python

NOTEBOOK_SAMPLES = sorted(path.parent for path in SAMPLES_DIR.glob("notebook_*/train.ipynb"))
SDK_MODEL_DIR = "s3://bucket/job/model"
PYTHON_KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
R_KERNEL = {"name": "ir", "display_name": "R", "language": "R"}


def sm_migrate(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sm_migrate.cli", *args], cwd=cwd, capture_output=True, text=True)


def write_notebook(path: Path, *cells, metadata=None) -> Path:
    notebook = new_notebook(cells=list(cells), metadata=PYTHON_KERNEL if metadata is None else metadata)
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"c{number}"
    nbformat.write(notebook, str(path))
    return path


def code(source: str, *tags: str):
    cell = new_code_cell(source)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


TRAINING = code("import numpy as np\nimport tensorflow as tf\nx = np.zeros((8, 2))\ny = np.zeros(8)\n"
                "model = tf.keras.Sequential([tf.keras.layers.Input((2,)), tf.keras.layers.Dense(1)])\n"
                'model.compile(loss="mse")\nmodel.fit(x, y, epochs=1)')


def script_of(*cells, markdown: bool = True):
    notebook = new_notebook(cells=list(cells), metadata=PYTHON_KERNEL)
    return notebook_to_script(nbformat.writes(notebook), "nb.ipynb", markdown)


def body(script) -> list[str]:
    """The script's lines without the generated marker and cell markers."""
    return [line for line in script.code.splitlines()[1:] if line and line != "# %%" and not line.startswith("# %% ")]


# --- the samples -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sample_dir", NOTEBOOK_SAMPLES, ids=lambda path: path.name)
def test_notebook_sample_golden(sample_dir: Path):
    manifest = load_manifest(sample_dir)
    script = notebook_to_script((sample_dir / "train.ipynb").read_text(), "train.ipynb")

    result = migrate_source(script.code)

    assert result.code == (sample_dir / "expected.py").read_text()
    assert script.requirements == manifest.get("requirements", [])
    assert result.channels == manifest["channels"]
    lifted = {hp.name: hp.default for hp in result.hyperparameters}
    for name, value in manifest["hyperparameters"].items():
        assert lifted[name] == pytest.approx(value), name


@pytest.mark.parametrize("sample_dir", NOTEBOOK_SAMPLES, ids=lambda path: path.name)
def test_notebook_sample_is_a_fixed_point(sample_dir: Path, tmp_path: Path):
    expected = (sample_dir / "expected.py").read_text()
    assert not migrate_source(expected).changed
    shutil.copy2(sample_dir / "train.ipynb", tmp_path / "train.ipynb")
    notebook = (tmp_path / "train.ipynb").read_bytes()

    first = sm_migrate("train.ipynb", cwd=tmp_path)
    second = sm_migrate("-v", "train.ipynb", cwd=tmp_path)
    again = sm_migrate("--check", "train.py", cwd=tmp_path)

    assert first.returncode == 0, first.stderr
    assert (tmp_path / "train.py").read_text() == expected
    assert second.returncode == 0 and "train.ipynb: already migrated -> train.py" in second.stderr
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "train.ipynb").read_bytes() == notebook, "the notebook is never modified"


def prepared_job_dir(sample_dir: Path, work: Path, data: Path) -> Path:
    """The notebook migrated in `work` with its requirements emitted; its data generated into `data`."""
    work.mkdir(parents=True)
    shutil.copy2(sample_dir / "train.ipynb", work / "train.ipynb")
    migrated = sm_migrate("--emit", "requirements", "train.ipynb", cwd=work)
    assert migrated.returncode == 0, migrated.stderr
    generated = run_python([str(sample_dir / "make_data.py"), str(data)], cwd=work)
    assert generated.returncode == 0, generated.stderr
    return work / "train.py"


@pytest.mark.e2e
@pytest.mark.parametrize("sample_dir", NOTEBOOK_SAMPLES, ids=lambda path: path.name)
def test_notebook_script_runs_locally(sample_dir: Path, tmp_path: Path):
    manifest = load_manifest(sample_dir)
    script = prepared_job_dir(sample_dir, tmp_path / "work", tmp_path / "work")

    run = run_python([str(script)], cwd=script.parent)  # no SM_* variables, no arguments

    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-3000:]
    epochs = manifest["hyperparameters"]["epochs"]
    assert logged_epochs(output, manifest["epoch_log"], epochs) == list(range(1, epochs + 1))
    for artifact in manifest["artifacts"]:
        assert (script.parent / artifact).exists(), artifact
    assert list((script.parent / "sm_model").rglob("saved_model.pb"))


@pytest.mark.e2e
@pytest.mark.toolkit
@pytest.mark.parametrize("sample_dir", NOTEBOOK_SAMPLES, ids=lambda path: path.name)
def test_notebook_script_runs_as_a_sagemaker_job(sample_dir: Path, tmp_path: Path, sagemaker_job):
    manifest = load_manifest(sample_dir)
    data = tmp_path / "data"
    script = prepared_job_dir(sample_dir, tmp_path / "work", data)
    requirements = (script.parent / "requirements.txt").read_text()
    for requirement in manifest.get("requirements", []):
        assert requirement in requirements.splitlines()
    channels = {name: data / source for name, source in manifest["channels"].items()}

    job = sagemaker_job(script, channels, {"epochs": 2}, model_dir=SDK_MODEL_DIR, install_requirements=True,
                        env={"PIP_NO_INDEX": "1"})  # what the file lists is installed here: pip needs no index

    assert job.succeeded, job.failure or job.log[-3000:]
    for requirement in manifest.get("requirements", []):
        assert f"Requirement already satisfied: {requirement}" in job.log
    assert logged_epochs(job.log, manifest["epoch_log"], 2) == [1, 2]
    assert [model.path for model in job.servable_models] == ["1"], job.saved_models
    assert all("serving_default" in model.signatures and model.outputs for model in job.servable_models)
    for artifact in manifest.get("outputs", {}):
        assert artifact in job.output_data_files, job.output_data_files
    for artifact in manifest["artifacts"]:
        if artifact.endswith(".keras"):
            assert artifact in job.keras_files


@pytest.mark.e2e
@pytest.mark.toolkit
def test_verify_migrates_a_notebook_and_runs_it_as_a_job(tmp_path: Path, monkeypatch):
    from typer.testing import CliRunner

    from sm_migrate.verify_cli import verify_app

    sample_dir = SAMPLES_DIR / "notebook_keras_classifier"
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy2(sample_dir / "train.ipynb", project / "train.ipynb")
    assert run_python([str(sample_dir / "make_data.py"), str(project)], cwd=project).returncode == 0
    monkeypatch.setenv("PIP_NO_INDEX", "1")  # h5py, from the notebook's pip cell, is installed here

    result = CliRunner().invoke(verify_app, [str(project / "train.ipynb"), "--migrate", "--hp", "epochs=1",
                                             "--json"], prog_name="sm-migrate verify")

    assert result.exit_code == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] and report["servable_models"] == ["1"]
    assert "train.ipynb converted to train.py" in report["notes"]
    assert "Requirement already satisfied: h5py>=3.10" in result.stderr
    assert sorted(path.name for path in project.iterdir()) == ["data", "train.ipynb"], "only a temp copy changes"


# --- the command line --------------------------------------------------------------------------------------

def test_diff_is_against_nothing_then_against_the_previous_script(tmp_path: Path):
    write_notebook(tmp_path / "nb.ipynb", TRAINING)

    fresh = sm_migrate("--diff", "nb.ipynb", cwd=tmp_path)
    assert fresh.returncode == 1 and fresh.stdout.startswith("--- /dev/null\n+++ nb.py\t(from nb.ipynb)\n")
    assert not (tmp_path / "nb.py").exists()
    assert sm_migrate("--check", "nb.ipynb", cwd=tmp_path).returncode == 1
    assert sm_migrate("nb.ipynb", cwd=tmp_path).returncode == 0
    assert sm_migrate("--check", "nb.ipynb", cwd=tmp_path).returncode == 0

    write_notebook(tmp_path / "nb.ipynb", TRAINING, code('print("done")'))
    changed = sm_migrate("--diff", "nb.ipynb", cwd=tmp_path)
    assert changed.returncode == 1
    assert "--- nb.py\t(previous)" in changed.stdout and '+print("done")' in changed.stdout


def test_a_script_not_generated_from_the_notebook_is_never_overwritten(tmp_path: Path):
    write_notebook(tmp_path / "train.ipynb", TRAINING)
    (tmp_path / "train.py").write_text("# my own script\n")

    refused = sm_migrate("train.ipynb", cwd=tmp_path)
    chosen = sm_migrate("-o", "job/entry.py", "train.ipynb", cwd=tmp_path)

    assert refused.returncode == 3 and "train.py exists and was not generated from a notebook" in refused.stderr
    assert (tmp_path / "train.py").read_text() == "# my own script\n"
    assert chosen.returncode == 0, chosen.stderr
    assert (tmp_path / "job" / "entry.py").read_text().startswith("# sm-migrate: generated from train.ipynb")
    assert sm_migrate("-o", "other.ipynb", "train.ipynb", cwd=tmp_path).returncode == 2


def test_a_walk_takes_notebooks_when_included_and_leaves_their_scripts_to_them(tmp_path: Path):
    (tmp_path / "src").mkdir()
    write_notebook(tmp_path / "src" / "nb.ipynb", TRAINING)
    write_notebook(tmp_path / "src" / "plots.ipynb", code("import matplotlib.pyplot as plt"))

    default = sm_migrate("src", cwd=tmp_path)
    assert "no Python files found" in default.stderr and not (tmp_path / "src" / "nb.py").exists()
    included = sm_migrate("src", "--include", "*.ipynb", "--include", "*.py", cwd=tmp_path)
    assert included.returncode == 0, included.stderr
    assert (tmp_path / "src" / "nb.py").exists() and not (tmp_path / "src" / "plots.py").exists()
    again = sm_migrate("src", "--include", "*.ipynb", "--include", "*.py", "--report", "r.json", cwd=tmp_path)

    report = json.loads((tmp_path / "r.json").read_text())
    statuses = {Path(record["path"]).name: (record["status"], record["reason"]) for record in report["files"]}
    assert again.returncode == 0
    assert statuses["nb.ipynb"] == ("already_migrated", "")
    assert statuses["nb.py"] == ("skipped", "generated from its notebook, which is migrated instead")
    assert statuses["plots.ipynb"] == ("skipped", "no TensorFlow/Keras import")


def test_diagnostics_point_at_cells_and_the_report_names_the_cell(tmp_path: Path):
    write_notebook(tmp_path / "nb.ipynb", new_markdown_cell("# Title"), code("%matplotlib inline"), TRAINING)

    run = sm_migrate("nb.ipynb", "--report", "r.json", cwd=tmp_path)

    assert "nb.ipynb:cell 2:1:1: SM502 `%matplotlib inline` only sets up the notebook session" in run.stderr
    record = json.loads((tmp_path / "r.json").read_text())["files"][0]
    assert record["output"] == "nb.py"
    assert {"path": "nb.ipynb", "cell": 2, "line": 1, "col": 1, "code": "SM502"}.items() <= \
        record["diagnostics"][0].items()


def test_requirements_from_pip_cells_are_emitted_once(tmp_path: Path):
    write_notebook(tmp_path / "nb.ipynb", code('%pip install -q "h5py>=3.10" tensorflow==2.15 -r extra.txt\n'
                                               '!{sys.executable} -m pip install --upgrade "pillow>=10" $EXTRA'),
                   TRAINING)

    run = sm_migrate("--emit", "requirements", "nb.ipynb", cwd=tmp_path)
    text = (tmp_path / "requirements.txt").read_text()
    again = sm_migrate("--check", "--emit", "requirements", "nb.ipynb", cwd=tmp_path)

    assert run.returncode == 0, run.stderr
    lines = text.splitlines()
    assert lines[-2:] == ["h5py>=3.10", "pillow>=10"] and not any(line.startswith("tensorflow") for line in lines)
    assert "$EXTRA (an IPython variable): not listed in requirements.txt" in run.stderr
    assert "the SageMaker TensorFlow image has tensorflow==2.15" in run.stderr
    assert "`-r extra.txt`" not in run.stderr and "-r extra.txt: not listed in requirements.txt" in run.stderr
    assert again.returncode == 0, again.stdout + again.stderr


def test_a_pip_cell_version_wins_over_the_bare_name_an_import_gives(tmp_path: Path):
    write_notebook(tmp_path / "nb.ipynb", code('!pip install "rich==13.*"'), code("import rich"), TRAINING)

    run = sm_migrate("--emit", "requirements", "nb.ipynb", cwd=tmp_path)
    again = sm_migrate("--check", "--emit", "requirements", "nb.ipynb", cwd=tmp_path)

    assert run.returncode == 0, run.stderr
    listed = [line for line in (tmp_path / "requirements.txt").read_text().splitlines() if line.startswith("rich")]
    assert listed == ["rich==13.*  # as nb.ipynb's cells install it"]
    assert again.returncode == 0, again.stdout + again.stderr


def test_a_pip_cell_of_what_the_image_has_is_left_out_as_the_emitters_imports_are(tmp_path: Path):
    write_notebook(tmp_path / "nb.ipynb", code('!pip install -q pandas "h5py>=3.10"'), code("import pandas"),
                   TRAINING)

    run = sm_migrate("--emit", "requirements", "nb.ipynb", cwd=tmp_path)
    lines = (tmp_path / "requirements.txt").read_text().splitlines()

    assert run.returncode == 0, run.stderr
    header = next(line for line in lines if line.startswith("# sm-migrate: not listed:"))
    assert "pandas" in header and "pandas" not in [line.strip() for line in lines]
    assert lines[-1] == "h5py>=3.10" and "reinstalling" not in run.stderr  # (no note on its own output)


def test_markdown_cells_can_be_dropped(tmp_path: Path):
    write_notebook(tmp_path / "nb.ipynb", new_markdown_cell("Some *prose*."), TRAINING)

    sm_migrate("--no-notebook-markdown", "nb.ipynb", cwd=tmp_path)
    assert "prose" not in (tmp_path / "nb.py").read_text()
    sm_migrate("nb.ipynb", cwd=tmp_path)
    assert "# %% [markdown]\n# Some *prose*.\n" in (tmp_path / "nb.py").read_text()


def test_out_dir_holds_the_notebook_and_its_script_and_the_config_can_drop_markdown(tmp_path: Path):
    (tmp_path / "src").mkdir()
    write_notebook(tmp_path / "src" / "nb.ipynb", new_markdown_cell("Some *prose*."), TRAINING)
    (tmp_path / "pyproject.toml").write_text('[tool.sm-migrate]\ninclude = ["*.ipynb"]\nnotebook-markdown = false\n')
    notebook = (tmp_path / "src" / "nb.ipynb").read_bytes()

    run = sm_migrate("src", "--out-dir", "out", cwd=tmp_path)

    assert run.returncode == 0, run.stderr
    assert sorted(path.name for path in (tmp_path / "src").iterdir()) == ["nb.ipynb"]
    assert (tmp_path / "out" / "nb.ipynb").read_bytes() == notebook
    assert "prose" not in (tmp_path / "out" / "nb.py").read_text()


@pytest.mark.parametrize("content, reason", [
    ("{not json", "not a valid Jupyter notebook: "),
    ('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5, "extra": 1}', "not a valid Jupyter notebook"),
    (nbformat.writes(new_notebook(cells=[TRAINING], metadata={"kernelspec": R_KERNEL})),
     "not a Python notebook: its kernel runs R"),
    (nbformat.writes(new_notebook(cells=[TRAINING, code("def broken(:\n    pass")], metadata=PYTHON_KERNEL)),
     "cell 2:1:12: not valid Python once its magics are commented out: "),
    (nbformat.writes(new_notebook(cells=[TRAINING, code("files = !ls data")], metadata=PYTHON_KERNEL)),
     "cell 2:1:1: `files = !ls data` keeps the output of IPython syntax in a variable"),
])
def test_a_notebook_that_cannot_become_a_script_gets_one_line_and_nothing_is_written(tmp_path, content, reason):
    (tmp_path / "nb.ipynb").write_text(content)

    run = sm_migrate("nb.ipynb", cwd=tmp_path)

    assert run.returncode == 3
    failure = [line for line in run.stderr.splitlines() if line.startswith("nb.ipynb: ")]
    assert len(failure) == 1 and failure[0].startswith(f"nb.ipynb: {reason}"), run.stderr
    assert not (tmp_path / "nb.py").exists()


# --- the notebook-only rules -------------------------------------------------------------------------------

def test_ipython_syntax_only_at_a_statement_start_is_handled():
    script = script_of(code('text = """\n!not a shell line\n%not a magic\n"""\nvalue = (3\n         % 2)\n'
                            "if True:\n    !echo inside\n%time total = value + 1\nx = %time value * 2"))

    assert body(script) == ['text = """', "!not a shell line", "%not a magic", '"""', "value = (3", "         % 2)",
                            "if True:", "    pass  # !echo inside", "total = value + 1", "x = value * 2"]
    assert [d.code for d in script.diagnostics] == ["SM502", "SM502", "SM502"]


def test_cell_magics_keep_or_comment_out_their_cell():
    script = script_of(code("%%time\nx = 1"), code("%%bash\nls -l\necho done"), code("%%timeit\ny = 2"))

    assert body(script) == ["# %%time", "x = 1", "# %%bash", "# ls -l", "# echo done", "# %%timeit", "# y = 2"]


def test_display_shown_values_and_help_are_commented_out_but_user_code_is_kept():
    script = script_of(code("import pandas as pd\ntable = pd.DataFrame({'a': [1]})\ndisplay(table)\n"
                            "for row in range(2):\n    display(row)\ntable.a; display(table)\ntable.shape"),
                       code("table.head()"), code("pd.read_csv?"))

    assert body(script) == ["import pandas as pd", "table = pd.DataFrame({'a': [1]})", "# display(table)",
                            "for row in range(2):", "    pass  # display(row)", "table.a; pass", "# table.shape",
                            "table.head()", "# pd.read_csv?"]


def test_calls_of_ipythons_shell_are_commented_out_unless_get_ipython_is_the_users():
    """nbconvert writes `%matplotlib inline` as `get_ipython().run_line_magic(...)`: NameError in a script."""
    script = script_of(code("get_ipython().run_line_magic('matplotlib', 'inline')\nx = 1"),
                       code("from IPython import get_ipython\nget_ipython().system('ls')"))
    assert body(script) == ["# get_ipython().run_line_magic('matplotlib', 'inline')", "x = 1",
                            "from IPython import get_ipython", "# get_ipython().system('ls')"]
    assert [d.code for d in script.diagnostics] == ["SM502", "SM502"]

    own = script_of(code("def get_ipython():\n    return shell\n\nget_ipython().run('x')"))
    assert "get_ipython().run('x')" in body(own)


def test_a_users_own_display_or_show_is_left_alone():
    script = script_of(code("def display(value):\n    print(value)\n\ndisplay(1)"),
                       code("import matplotlib.pyplot as plt\nplt = None\nplt.show()"))

    assert "display(1)" in body(script) and "plt.show()" in body(script)


def test_every_show_saves_its_own_figure():
    script = script_of(code("import matplotlib.pyplot as plt\nplt.plot([1])\nplt.show()"),
                       code("for n in range(2):\n    plt.plot([n])\n    plt.show()"))

    assert body(script)[2:] == ['plt.savefig("nb_figure_1.png")', 'plt.close("all")', "for n in range(2):",
                                "    plt.plot([n])", '    plt.savefig("nb_figure_2.png")', '    plt.close("all")']
    assert [d.message.split(":")[0] for d in script.diagnostics] == [
        "plt.show() becomes a save to nb_figure_1.png (under the output data dir on SageMaker)",
        "plt.show() in a loop or function becomes a save to nb_figure_2.png"]


def test_papermill_parameters_not_lifted_are_reported(tmp_path: Path):
    write_notebook(tmp_path / "nb.ipynb", code("epochs = 1\nwidth = 4\nscale = width * 2\nout = 'out/model.keras'",
                                               "parameters"),
                   code("epochs = 7", "injected-parameters"), code("print('debug')", "skip"),
                   code(TRAINING.source.replace("epochs=1", "epochs=epochs")))

    run = sm_migrate("nb.ipynb", cwd=tmp_path)

    lines = run.stderr.splitlines()
    assert "nb.ipynb:cell 1:1:1: SM506 papermill parameter `width` is not a hyperparameter of the job: it flows " \
           "into no training argument and its name is not an upper-case hyperparameter constant: add it to the " \
           "script's command line by hand" in lines
    assert "nb.ipynb:cell 1:1:1: SM506 papermill parameter `scale` is not a hyperparameter of the job: its value " \
           "is not a literal" in lines
    assert not any("`epochs`" in line or "`out`" in line for line in lines if "SM506" in line)
    assert "nb.ipynb:cell 2:1:1: SM505 papermill's injected-parameters cell is left out: pass epochs as " \
           "hyperparameters instead" in lines
    assert "nb.ipynb:cell 3:1:1: SM505 cell tagged `skip`: left out of the script" in lines
    script = (tmp_path / "nb.py").read_text()
    assert "epochs = args.epochs" in script and "epochs = 7" not in script and "debug" not in script


def test_engine_diagnostics_are_placed_in_their_cell():
    script = script_of(new_markdown_cell("# T"), code("%matplotlib inline\nimport matplotlib.pyplot as plt"),
                       code("plt.show()\n%time x = 1"))

    lines = script.code.splitlines()
    located = script.cell_position(Diagnostic(lines.index("x = 1") + 1, 3, "SM101", "m"))
    assert (located.cell, located.line, located.col) == (3, 2, 9)
    assert located.format("nb.ipynb") == "nb.ipynb:cell 3:2:9: SM101 m"
    closed = script.cell_position(Diagnostic(lines.index('plt.close("all")') + 1, 1, "SM302", "m"))
    assert (closed.cell, closed.line) == (3, 1)


def test_outputs_and_execution_counts_are_ignored():
    plain = script_of(TRAINING)
    executed = new_code_cell(TRAINING.source, execution_count=12,
                             outputs=[nbformat.v4.new_output("stream", name="stdout", text="Epoch 1/1\n")])

    assert script_of(executed).code == plain.code


def test_an_invalid_notebook_raises_with_the_reason():
    with pytest.raises(NotebookError) as refused:
        notebook_to_script("[]", "nb.ipynb")
    assert refused.value.diagnostic.code == "SM501"
    assert refused.value.diagnostic.message.startswith("not a valid Jupyter notebook: ")
