"""The transforms case by case: import styles, script shapes, scoping, existing parsers, exports, refusals.

Every migration here is also checked to compile and to be a fixed point (migrating it again changes nothing);
the samples' tests prove on top that migrated scripts really run.
"""

from __future__ import annotations

import re
import textwrap

import pytest

from sm_migrate.transforms.engine import migrate_source

from sm_migrate.transforms.contract import MigrationError, MigrationOptions
from sm_migrate.transforms import catalog


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


def test_flat_script_exact_output():
    result = migrate(FLAT)

    assert result.code == textwrap.dedent('''\
        import tensorflow as tf
        import argparse
        import os


        # SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
        # `--name value` and sets SM_* variables; without them the script's own values are used.
        parser = argparse.ArgumentParser(allow_abbrev=False)
        parser.add_argument("--epochs", type=int, default=5, help="EPOCHS in the original script")
        parser.add_argument(
            "--sm-model-dir", "--sm_model_dir",
            type=str,
            default=os.environ.get("SM_MODEL_DIR", "sm_model"),
            help="where the final model goes (SageMaker: SM_MODEL_DIR)",
        )
        parser.add_argument(
            "--output-data-dir", "--output_data_dir",
            type=str,
            default=os.environ.get("SM_OUTPUT_DATA_DIR", "sm_output"),
            help="other artefacts (SageMaker: SM_OUTPUT_DATA_DIR)",
        )
        parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                            help="checkpoints; an S3 URI on SageMaker (never the final model)")
        args, _ = parser.parse_known_args()

        EPOCHS = args.epochs
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(tf.zeros((4, 2)), tf.zeros((4,)), epochs=EPOCHS)

        # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
        tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))
    ''')
    assert [(hp.name, hp.default, hp.type_name, hp.target) for hp in result.hyperparameters] == [
        ("epochs", 5, "int", "EPOCHS")
    ]
    assert result.transforms == ["hyperparameters", "sm_env", "model_dir", "export"]


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


def test_an_optimizer_of_another_library_is_not_touched():
    result = migrate("""\
        import tensorflow as tf
        import torch
        opt = torch.optim.Adam([], 0.01)
        model = tf.keras.Sequential()
        model.fit([[0.0]], [0.0], epochs=2)
    """)

    assert "torch.optim.Adam([], 0.01)" in result.code
    assert [hp.name for hp in result.hyperparameters] == ["epochs"]


def test_sklearn_fit_is_not_a_training_call():
    result = migrate("""\
        import tensorflow as tf
        from sklearn.preprocessing import StandardScaler
        scaler = StandardScaler()
        scaler.fit([[1.0]])
    """)

    assert not result.is_training_script and not result.changed
    assert codes(result) == ["SM002"]


def test_constants_that_are_not_hyperparameters_stay():
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

    assert [(hp.name, hp.default) for hp in result.hyperparameters] == [("epochs", 3), ("optimizer", "adam")]
    for kept in ("NUM_CLASSES = 10", 'DATA_FILE = "data/train.npz"', "STEPS = 1", "UNUSED_DROPOUT = 0.5"):
        assert kept in result.code
    assert 'parser.add_argument("--optimizer", type=str, default="adam"' in result.code


def test_constant_spellings_get_canonical_flags_and_keep_their_own():
    result = migrate("""\
        import tensorflow as tf
        NUM_EPOCHS = 2
        LR = 0.1
        model = tf.keras.Sequential()
        model.compile(optimizer=tf.keras.optimizers.SGD(LR), loss="mse")
        model.fit([[0.0]], [0.0], epochs=NUM_EPOCHS)
    """)

    assert '"--epochs", "--num_epochs", "--num-epochs"' in result.code
    assert '"--learning_rate", "--learning-rate", "--lr"' in result.code
    assert "NUM_EPOCHS = args.epochs" in result.code and "LR = args.learning_rate" in result.code


def test_booleans_use_a_converter_never_type_bool():
    result = migrate("""\
        import tensorflow as tf
        USE_AUGMENTATION = True
        model = tf.keras.Sequential()
        model.fit([[0.0]], [0.0], shuffle=False)
        print(USE_AUGMENTATION)
    """)

    assert "type=bool" not in result.code
    assert "type=_str_to_bool, default=True" in result.code and "type=_str_to_bool, default=False" in result.code
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
    assert "epochs=args.epochs)" in result.code and "epochs=args.epochs_2)" in result.code


def test_injected_names_never_shadow_the_scripts_own():
    result = migrate("""\
        import tensorflow as tf

        def train(args, parser):
            os = "not the module"
            model = tf.keras.Sequential()
            model.fit(args.x, args.y, epochs=4)
            return model
    """)

    assert "sm_args, _ = sm_parser.parse_known_args()" in result.code
    assert "epochs=sm_args.epochs" in result.code
    assert "import os as _os" in result.code
    assert 'tf.saved_model.save(model, _os.path.join(sm_args.sm_model_dir, "1"))' in result.code


def test_imports_go_after_docstring_and_future_imports():
    result = migrate('''\
        """Doc."""
        from __future__ import annotations
        from tensorflow import keras
        model = keras.Sequential()
        model.fit([[0.0]], [0.0], epochs=1)
    ''')

    lines = result.code.splitlines()
    assert lines[:3] == ['"""Doc."""', "from __future__ import annotations", "from tensorflow import keras"]
    assert "import tensorflow as tf" in lines and "import argparse" in lines


def test_main_function_script_exports_inside_main_after_the_loop():
    result = migrate("""\
        import tensorflow as tf

        def build_model():
            model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
            return model

        def main():
            model = build_model()
            for fold in range(2):
                model.fit([[0.0]], [0.0], epochs=1)
            print("done")

        if __name__ == "__main__":
            main()
    """)

    assert result.code.endswith(textwrap.dedent("""\
            for fold in range(2):
                model.fit([[0.0]], [0.0], epochs=args.epochs)

            # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
            tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))
            print("done")

        if __name__ == "__main__":
            main()
        """).rstrip(" "))


def test_existing_parser_is_extended_not_duplicated():
    result = migrate("""\
        import argparse
        import tensorflow as tf

        def main():
            parser = argparse.ArgumentParser()
            parser.add_argument("--epochs", type=int, default=3)
            parser.add_argument("--augment", type=bool, default=False)
            args = parser.parse_args()
            model = tf.keras.Sequential()
            model.fit([[0.0]], [0.0], epochs=args.epochs, batch_size=8)

        main()
    """)

    assert result.code.count("ArgumentParser(") == 1
    assert "args, _ = parser.parse_known_args()" in result.code and "parse_args()" not in result.code
    assert '"--batch_size", "--batch-size", type=int, default=8' in result.code
    assert '"--epochs", type=int, default=3)' in result.code and result.code.count('"--epochs"') == 1
    assert '"--augment", type=_str_to_bool, default=False' in result.code
    assert "SM301" in codes(result)
    assert 'tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))' in result.code


def test_existing_parser_in_a_helper_returning_parse_args():
    result = migrate("""\
        import argparse
        import tensorflow as tf

        def parse_args():
            parser = argparse.ArgumentParser()
            parser.add_argument("--lr", type=float, default=0.1)
            return parser.parse_args()

        def main():
            opts = parse_args()
            model = tf.keras.Sequential()
            model.fit([[0.0]], [0.0], epochs=2)

        main()
    """)

    assert "return parser.parse_known_args()[0]" in result.code
    assert "epochs=opts.epochs" in result.code
    assert 'os.path.join(opts.sm_model_dir, "1")' in result.code


def test_module_constant_out_of_reach_of_a_parser_in_main_is_reported_not_broken():
    result = migrate("""\
        import argparse
        import tensorflow as tf
        EPOCHS = 3

        def main():
            parser = argparse.ArgumentParser()
            args = parser.parse_args()
            model = tf.keras.Sequential()
            model.fit([[0.0]], [0.0], epochs=EPOCHS)

        main()
    """)

    assert "EPOCHS = 3" in result.code
    assert "SM101" in codes(result)


@pytest.mark.parametrize(
    "framework_version, expected",
    [
        ("2.19", 'tf.saved_model.save(model, _sm_path("export/model", os.path.join(args.sm_model_dir, "1")))'),
        ("2.14", 'model.save(_sm_path("export/model", os.path.join(args.sm_model_dir, "1")))'),
    ],
)
def test_savedmodel_save_becomes_the_export_with_the_api_of_the_target(framework_version, expected):
    result = migrate("""\
        import tensorflow as tf
        model = tf.keras.Sequential()
        model.fit([[0.0]], [0.0])
        model.save("export/model")
    """, framework_version=framework_version)

    assert expected in result.code
    assert len(re.findall(r"\bsaved_model\.save\(|\bmodel\.save\(", result.code)) == 1
    assert ("SM204" in codes(result)) == (framework_version == "2.19")


def test_file_saves_are_kept_and_an_export_follows_the_last():
    result = migrate("""\
        import tensorflow as tf
        model = tf.keras.Sequential()
        model.fit([[0.0]], [0.0])
        model.save("out/model.keras")
        model.save_weights("out/w.weights.h5")
        print("saved")
    """)

    assert 'model.save(_sm_path("out/model.keras", os.path.join(args.sm_model_dir, "model.keras")))' in result.code
    assert 'model.save_weights(_sm_path("out/w.weights.h5", os.path.join(args.sm_model_dir, "w.weights.h5")))' in result.code
    tail = result.code.split('w.weights.h5")))', 1)[1]
    assert tail.index("tf.saved_model.save(model") < tail.index('print("saved")')


def test_framework_1x_uses_the_keras_exporter():
    result = migrate(FLAT, framework_version="1.15")

    assert 'tf.keras.experimental.export_saved_model(model, os.path.join(args.sm_model_dir, "1"))' in result.code


def test_exporting_to_model_dir_is_reported_and_the_real_export_added():
    result = migrate("""\
        import argparse
        import tensorflow as tf
        parser = argparse.ArgumentParser()
        parser.add_argument("--model_dir", type=str)
        args, _ = parser.parse_known_args()
        model = tf.keras.Sequential()
        model.fit([[0.0]], [0.0])
        model.save(args.model_dir)
    """)

    assert "SM205" in codes(result)
    assert 'tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))' in result.code
    assert result.code.count('"--model_dir"') == 1


def test_custom_loop_exports_the_model_after_the_loop():
    result = migrate("""\
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        opt = tf.keras.optimizers.SGD(0.1)

        @tf.function
        def step(x):
            with tf.GradientTape() as tape:
                loss = tf.reduce_sum(model(x))
            opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))

        for epoch in range(2):
            step(tf.zeros((1, 1)))
    """)

    assert result.code.rstrip().endswith('tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))')


GAN = """\
    import tensorflow as tf
    generator = tf.keras.Sequential()
    discriminator = tf.keras.Sequential()

    def step(x):
        with tf.GradientTape() as tape:
            loss = discriminator(generator(x))

    for epoch in range(2):
        step(tf.zeros((1, 1)))
"""


def test_custom_loop_with_two_models_exports_each_in_the_multi_model_layout():
    result = migrate(GAN)

    assert "SM202" in codes(result)
    assert 'tf.saved_model.save(generator, os.path.join(args.sm_model_dir, "generator", "1"))' in result.code
    assert 'tf.saved_model.save(discriminator, os.path.join(args.sm_model_dir, "discriminator", "1"))' in result.code


def test_export_option_names_the_one_model_to_serve():
    result = migrate(GAN, export_model="generator")

    assert "SM202" not in codes(result)
    assert result.code.count("saved_model.save(") == 1
    assert 'tf.saved_model.save(generator, os.path.join(args.sm_model_dir, "1"))' in result.code


def test_session_script_export_is_rerooted_and_its_saver_checkpoints():
    result = migrate("""\
        import tensorflow as tf
        tf.compat.v1.disable_eager_execution()
        x = tf.compat.v1.placeholder(tf.float32, [None, 1])
        saver = tf.compat.v1.train.Saver()
        with tf.compat.v1.Session() as sess:
            saver.save(sess, "ckpt/model.ckpt")
            tf.compat.v1.saved_model.simple_save(sess, "export", inputs={"x": x}, outputs={"y": x})
    """)

    assert 'simple_save(sess, _sm_path("export", os.path.join(args.sm_model_dir, "1")),' in result.code
    assert 'saver.save(sess, _sm_path("ckpt/model.ckpt", os.path.join(args.checkpoint_dir, "model.ckpt")))' \
        in result.code


def test_session_script_without_an_export_is_reported():
    result = migrate("""\
        import tensorflow as tf
        with tf.compat.v1.Session() as sess:
            sess.run(tf.constant(1))
    """)

    assert "SM203" in codes(result)
    assert "saved_model" not in result.code


def test_model_checkpoint_goes_to_the_checkpoint_dir():
    result = migrate("""\
        import tensorflow as tf
        model = tf.keras.Sequential()
        ckpt = tf.keras.callbacks.ModelCheckpoint("checkpoints/best.keras")
        model.fit([[0.0]], [0.0], callbacks=[ckpt])
    """)

    assert 'ModelCheckpoint(_sm_path("checkpoints/best.keras", os.path.join(args.checkpoint_dir, "best.keras")))' \
        in result.code
    assert 'os.path.join(os.path.dirname(os.environ["SM_MODEL_DIR"]), "checkpoints")' in result.code
    assert "SM201" not in codes(result)


def test_model_checkpoint_with_a_run_time_path_is_reported():
    result = migrate("""\
        import sys
        import tensorflow as tf
        model = tf.keras.Sequential()
        ckpt = tf.keras.callbacks.ModelCheckpoint(sys.argv[1])
        model.fit([[0.0]], [0.0], callbacks=[ckpt])
    """)

    assert "SM201" in codes(result)
    assert "ModelCheckpoint(sys.argv[1])" in result.code


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


def test_absl_script_gets_flags_not_a_second_parser():
    result = migrate("""\
        from absl import app, flags
        import tensorflow as tf
        FLAGS = flags.FLAGS
        flags.DEFINE_integer("epochs", 2, "passes")
        flags.DEFINE_boolean("augment", False, "augment")

        def main(argv):
            model = tf.keras.Sequential()
            model.fit([[0.0]], [0.0], epochs=FLAGS.epochs, batch_size=16)

        if __name__ == "__main__":
            app.run(main)
    """)

    assert "argparse" not in result.code
    assert 'flags.DEFINE_integer("batch_size", 16,' in result.code and "batch_size=FLAGS.batch_size" in result.code
    assert re.search(r'flags\.DEFINE_string\(\s*"model_dir",\s*None,', result.code)
    assert "app.run(main, flags_parser=lambda argv: flags.FLAGS(argv, known_only=True))" in result.code
    assert 'tf.saved_model.save(model, os.path.join(FLAGS.sm_model_dir, "1"))' in result.code
    assert "SM301" in codes(result)  # the boolean flag


def test_click_command_lets_sagemaker_arguments_through_and_reads_paths_from_the_environment():
    result = migrate("""\
        import click
        import tensorflow as tf

        @click.command()
        @click.option("--epochs", default=2)
        def main(epochs):
            model = tf.keras.Sequential()
            model.fit([[0.0]], [0.0], epochs=epochs, batch_size=16)

        if __name__ == "__main__":
            main()
    """)

    assert '@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})' \
        in result.code
    assert "argparse" not in result.code and "args." not in result.code
    assert 'tf.saved_model.save(model, os.path.join(os.environ.get("SM_MODEL_DIR", "sm_model"), "1"))' in result.code
    assert [d.code for d in result.diagnostics] == ["SM101"]


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
    imports = "" if module == "builtins" else f"import {module.split('.')[0] if module.startswith(('tensorflow', 'keras', 'numpy', 'pandas', 'glob', 'os', 'io', 'h5py')) else module}\n"
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


def test_horovod_export_runs_on_rank_zero_only():
    result = migrate("""\
        import tensorflow as tf
        import horovod.tensorflow.keras as hvd
        hvd.init()
        model = tf.keras.Sequential()
        model.fit([[0.0]], [0.0], epochs=1)
    """)

    assert result.code.rstrip().endswith(
        'if hvd.rank() == 0:\n    tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))')


def test_horovod_export_inside_an_existing_rank_check_is_not_guarded_twice():
    result = migrate("""\
        import tensorflow as tf
        import horovod.tensorflow.keras as hvd
        model = tf.keras.Sequential()
        model.fit([[0.0]], [0.0], epochs=1)
        if hvd.rank() == 0:
            model.save("model.keras")
    """)

    assert result.code.count("hvd.rank() == 0") == 1
    assert '    tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))' in result.code


def test_estimator_with_an_evalspec_exporter_also_exports_to_the_model_dir():
    result = migrate("""\
        import tensorflow as tf

        def serving_fn():
            return None

        def main():
            estimator = tf.estimator.Estimator(lambda f, l, m: None)
            exporter = tf.estimator.LatestExporter("latest", serving_fn)
            train_spec = tf.estimator.TrainSpec(lambda: None, max_steps=100)
            eval_spec = tf.estimator.EvalSpec(lambda: None, exporters=[exporter])
            tf.estimator.train_and_evaluate(estimator, train_spec, eval_spec)

        main()
    """, framework_version="2.14")

    assert "estimator.export_saved_model(args.sm_model_dir, serving_fn)" in result.code
    assert 'parser.add_argument("--max_steps", "--max-steps", type=int, default=100' in result.code


def test_multi_worker_export_goes_to_the_model_dir_on_the_chief_only(monkeypatch):
    result = migrate("""\
        import tensorflow as tf
        strategy = tf.distribute.MultiWorkerMirroredStrategy()
        with strategy.scope():
            model = tf.keras.Sequential()
        model.fit([[0.0]], [0.0], epochs=1)
    """)

    assert 'tf.saved_model.save(model, _sm_chief_path(os.path.join(args.sm_model_dir, "1")))' in result.code
    namespace: dict = {}
    exec(result.code.split("parser = ")[0], namespace)  # the helpers, as generated
    chief_path = namespace["_sm_chief_path"]
    monkeypatch.setenv("TF_CONFIG", '{"cluster": {}, "task": {"type": "worker", "index": 0}}')
    assert chief_path("/opt/ml/model/1") == "/opt/ml/model/1"
    monkeypatch.setenv("TF_CONFIG", '{"cluster": {}, "task": {"type": "worker", "index": 1}}')
    assert chief_path("/opt/ml/model/1") != "/opt/ml/model/1"
    monkeypatch.delenv("TF_CONFIG")
    assert chief_path("m/1") == "m/1"
