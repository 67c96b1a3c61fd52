"""What the rules' exact examples (tests/test_rules.py) don't show: the contract a migration reports, import
styles, the injected helpers' behaviour, refusals, the diagnostics registry and every catalogue row.

Every migration here is also checked to compile and to be a fixed point (migrating it again changes nothing);
the samples' tests prove on top that migrated scripts really run.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from sm_migrate import MigrationError, MigrationOptions, migrate_source
from sm_migrate.transforms import catalog
from sm_migrate.transforms.rules.hyperparameters import ANOTHER_MODULES_CALL


def migrate(source: str, **options):
    source = textwrap.dedent(source)
    result = migrate_source(source, MigrationOptions(**options))
    compile(result.code, "<migrated>", "exec")
    assert migrate_source(result.code, MigrationOptions(**options)).code == result.code, "not idempotent"
    return result


def codes(result) -> list[str]:
    return [d.code for d in result.diagnostics]


FLAT = """\
    import tensorflow as tf

    EPOCHS = 5
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    model.fit(tf.zeros((4, 2)), tf.zeros((4,)), epochs=EPOCHS)
"""


def test_flat_script_reports_its_contract_and_the_rules_that_changed_it():
    result = migrate(FLAT)

    assert [(hp.name, hp.default, hp.type_name, hp.target) for hp in result.hyperparameters] == [
        ("epochs", 5, "int", "EPOCHS")
    ]
    assert result.transforms == ["hyperparameters", "model_dir", "export"]


def test_the_declared_contract_leaves_out_what_a_launcher_cannot_pass():
    # A flag that takes no value is set by SageMaker's `--flag False`; a constant default is the constant's value.
    result = migrate(
        """\
        import argparse
        import tensorflow as tf
        from absl import flags

        EPOCHS = 4
        flags.DEFINE_boolean("use_dropout", False, "dropout")
        parser = argparse.ArgumentParser()
        parser.add_argument("--epochs", type=int, default=EPOCHS)
        parser.add_argument("--resume", action="store_true", default=False)
        args = parser.parse_args()
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(tf.zeros((4, 2)), tf.zeros((4,)), epochs=args.epochs)
        """
    )

    assert [(hp.name, hp.default) for hp in result.hyperparameters] == [("epochs", 4)]


def test_a_sagemaker_ready_script_is_launched_by_its_own_flag_spellings():
    # Left as it is, `--batch-size` never sees `--batch_size`: the contract names the option as the script does.
    result = migrate(
        """\
        import argparse
        import os
        import tensorflow as tf

        parser = argparse.ArgumentParser()
        parser.add_argument("--batch-size", type=int, default=32)
        parser.add_argument("--epochs", type=int, default=2)
        parser.add_argument("--model_dir", type=str)
        parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
        args, _ = parser.parse_known_args()
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(tf.zeros((4, 2)), tf.zeros((4,)), epochs=args.epochs, batch_size=args.batch_size)
        tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))
        """
    )

    assert not result.changed
    assert [(hp.name, hp.default) for hp in result.hyperparameters] == [("batch-size", 32), ("epochs", 2)]


@pytest.mark.parametrize(
    "imports, optimizer",
    [
        ("import tensorflow as tf", "tf.keras.optimizers.Adam(learning_rate=0.01)"),
        ("import tensorflow as tf", "tf.optimizers.Adam(0.01)"),
        ("from tensorflow import keras", "keras.optimizers.Adam(lr=0.01)"),
        ("import keras as K", "K.optimizers.Adam(0.01)"),
        ("from tensorflow.keras.optimizers import Adam as Opt", "Opt(0.01)"),
        ("from keras.optimizers import legacy", "legacy.Adam(learning_rate=0.01)"),
    ],
)
def test_learning_rate_found_through_any_import_style(imports, optimizer):
    result = migrate(f"""\
        {imports}
        from keras.models import Sequential
        model = Sequential()
        model.compile(optimizer={optimizer}, loss="mse")
        model.fit([[0.0]], [0.0])
    """)

    assert [(hp.name, hp.default) for hp in result.hyperparameters] == [("learning_rate", 0.01)]
    assert "(0.01" not in result.code and "=0.01" not in result.code.split("parse_known_args")[1]


def test_sklearn_fit_is_not_a_training_call():
    result = migrate("""\
        import tensorflow as tf
        from sklearn.preprocessing import StandardScaler
        scaler = StandardScaler()
        scaler.fit([[1.0]])
    """)

    assert not result.is_training_script and not result.changed
    assert codes(result) == ["SM002"]


def test_only_hyperparameters_are_lifted_and_a_name_bound_twice_gets_one_override():
    result = migrate("""\
        import tensorflow as tf
        NUM_CLASSES = 10
        DATA_FILE = "data/train.npz"
        EPOCHS = 3
        STEPS = 1
        STEPS = STEPS * 2
        UNUSED_DROPOUT = 0.5
        OPTIMIZER = "adam"
        model = tf.keras.Sequential([tf.keras.layers.Dense(NUM_CLASSES)])
        model.compile(optimizer=OPTIMIZER, loss="mse")
        model.fit([[0.0]], [0.0], epochs=EPOCHS, steps_per_epoch=STEPS)
        print(DATA_FILE)
    """)

    # NUM_CLASSES, DATA_FILE and the unused dropout stay; STEPS, bound twice, gets one override (default None)
    assert [(hp.name, hp.default) for hp in result.hyperparameters] == [
        ("epochs", 3), ("optimizer", "adam"), ("steps_per_epoch", None)]


def test_settings_of_a_function_only_another_module_calls_are_reported_as_such():
    """A trainer package's `model.train_and_evaluate(args)`: its values come from task.py, not from this file."""
    result = migrate("""\
        import tensorflow as tf
        def train_and_evaluate(args, batch_size):
            model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
            model.compile(optimizer="adam", loss="mse")
            model.fit([[0.0]], [0.0], epochs=args.num_epochs, batch_size=batch_size)
    """)

    reports = [d.message for d in result.diagnostics if d.code == "SM101"]
    assert reports == [
        "hyperparameter fit(epochs=) not lifted: args.num_epochs reads a parameter of train_and_evaluate(), "
        + ANOTHER_MODULES_CALL,
        "hyperparameter fit(batch_size=) not lifted: 'batch_size' is a parameter of train_and_evaluate(), "
        + ANOTHER_MODULES_CALL,
    ]
    assert ANOTHER_MODULES_CALL.startswith("which only another module calls")


def test_booleans_use_a_converter_never_type_bool():
    result = migrate("""\
        import tensorflow as tf
        USE_AUGMENTATION = True
        model = tf.keras.Sequential()
        model.fit([[0.0]], [0.0], shuffle=False)
        print(USE_AUGMENTATION)
    """)

    namespace: dict = {}
    exec(result.code.split("parser = ")[0], namespace)  # the helpers, as generated
    convert = namespace["_str_to_bool"]
    assert [convert(v) for v in ("True", "False", "true", "false", "1", "0")] == [True, False, True, False, True, False]


def test_two_fits_with_different_literals_get_two_arguments():
    result = migrate("""\
        import tensorflow as tf
        model = tf.keras.Sequential()
        model.fit([[0.0]], [0.0], epochs=5)
        model.fit([[0.0]], [0.0], epochs=2)
    """)

    assert [(hp.name, hp.default) for hp in result.hyperparameters] == [("epochs", 5), ("epochs_2", 2)]


def test_not_a_tensorflow_script_is_left_alone():
    result = migrate("import numpy as np\nprint(np.zeros(3))\n")

    assert not result.changed and not result.is_training_script and codes(result) == ["SM002"]


@pytest.mark.parametrize(
    "source, message",
    [
        ('print "hello"\n', "not valid Python 3: Missing parentheses"),
        ("import tensorflow as tf\nx = 1\n  # a\n  # b\n", "libcst cannot reproduce this file exactly"),
        ("def f(:\n", "not valid Python 3"),
    ],
)
def test_input_that_cannot_be_migrated_is_refused_with_a_reason(source, message):
    with pytest.raises(MigrationError) as refused:
        migrate_source(source)

    assert refused.value.diagnostic.code == "SM001"
    assert refused.value.diagnostic.message.startswith(message)
    assert refused.value.diagnostic.line >= 1


def test_every_diagnostic_code_is_registered_and_documented():
    import pathlib

    from sm_migrate.transforms import diagnostics

    messages = [value for value in vars(diagnostics).values() if isinstance(value, diagnostics.Message)]
    assert {message.code for message in messages} == set(diagnostics.CODES)
    root = pathlib.Path(__file__).resolve().parents[1]
    spelled = set()  # codes the application names directly (SM002 in the runner's reasons)
    for path in [*root.glob("migrate/**/*.py"), *root.glob("transforms/**/*.py")]:
        if path.name != "diagnostics.py":
            spelled.update(re.findall(r'"(SM\d{3})"', path.read_text()))
    assert spelled <= set(diagnostics.CODES)
    readme = (root / "README.md").read_text()
    assert all(f"| {code} |" in readme for code in diagnostics.CODES)


def _call_for(qualified_name: str, spec, path: str) -> tuple[str, str]:
    """An import line and a call of `qualified_name` with `path` where the catalogue says the path goes."""
    module, _, _ = qualified_name.rpartition(".")
    top_level = ("tensorflow", "keras", "numpy", "pandas", "glob", "os", "io", "h5py")
    imported = module.split(".")[0] if module.startswith(top_level) else module
    imports = "" if module == "builtins" else f"import {imported}\n"
    name = qualified_name.removeprefix("builtins.")
    args = ["None"] * (spec.arg or 0) + [f'"{path}"']
    return imports, f"{name}({', '.join(args)})"


READ_ROWS = sorted(name for name, spec in catalog.PATH_FUNCTIONS.items() if spec.role in ("read", "read_dir"))
WRITE_ROWS = sorted(name for name, spec in catalog.PATH_FUNCTIONS.items() if spec.role in ("output", "checkpoint"))


@pytest.mark.parametrize("qualified_name", READ_ROWS)
def test_every_loader_in_the_catalogue_reads_from_its_channel(qualified_name):
    spec = catalog.PATH_FUNCTIONS[qualified_name]
    path = "data/train" if spec.role == "read_dir" else "data/train/part-0"  # a folder, or a file in one
    imports, call = _call_for(qualified_name, spec, path)
    result = migrate(f"{imports}import tensorflow as tf\nx = {call}\nmodel = tf.keras.Sequential()\nmodel.fit(x, x)\n")

    assert result.channels == {"train": "data/train"}
    rooted = "args.train" if spec.role == "read_dir" else 'os.path.join(args.train, "part-0")'
    assert call.replace(f'"{path}"', rooted) in result.code


@pytest.mark.parametrize("qualified_name", WRITE_ROWS)
def test_every_writer_in_the_catalogue_lands_in_a_kept_dir(qualified_name):
    spec = catalog.PATH_FUNCTIONS[qualified_name]
    imports, call = _call_for(qualified_name, spec, "results/out-0")
    result = migrate(f"{imports}import tensorflow as tf\nx = {call}\nmodel = tf.keras.Sequential()\nmodel.fit(x, x)\n")

    folder = "args.checkpoint_dir" if spec.role == "checkpoint" else "args.output_data_dir"
    assert f'_sm_path("results/out-0", os.path.join({folder}, "results/out-0"))' in result.code
    assert result.channels == {}


def test_multi_worker_export_goes_to_the_model_dir_on_the_chief_only(monkeypatch):
    result = migrate("""\
        import tensorflow as tf
        strategy = tf.distribute.MultiWorkerMirroredStrategy()
        with strategy.scope():
            model = tf.keras.Sequential()
        model.fit([[0.0]], [0.0], epochs=1)
    """)

    namespace: dict = {}
    exec(result.code.split("parser = ")[0], namespace)  # the helpers, as generated
    chief_path = namespace["_sm_chief_path"]
    monkeypatch.setenv("TF_CONFIG", '{"cluster": {}, "task": {"type": "worker", "index": 0}}')
    assert chief_path("/opt/ml/model/1") == "/opt/ml/model/1"
    monkeypatch.setenv("TF_CONFIG", '{"cluster": {}, "task": {"type": "worker", "index": 1}}')
    assert chief_path("/opt/ml/model/1") != "/opt/ml/model/1"
    monkeypatch.delenv("TF_CONFIG")
    assert chief_path("m/1") == "m/1"


def test_a_channel_named_on_the_command_line_that_matches_no_read_is_said():
    script = ("import numpy as np\nimport tensorflow as tf\n\nx = np.load('data/x.npy')\n"
              "model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nmodel.compile(loss='mse')\n"
              "model.fit(x, x, epochs=1)\n")
    result = migrate_source(script, MigrationOptions(channels={"images": "images", "data": "data"}))
    said = [d for d in result.diagnostics if d.code == "SM104"]
    assert [d.message.split(":")[0] for d in said] == ["--channel images=images"]
    assert result.channels == {"data": "data"}
