"""Inputs that generated and mutated scripts (tests/test_fuzz.py) showed the migration mishandling, each kept as an
explicit case: the four fuzz checks, and what the migration must do with it."""

from __future__ import annotations

import pytest

from sm_migrate import migrate_source
from sm_migrate.transforms.contract import MigrationError
from test_fuzz import check_migration

MODEL = """\
import tensorflow as tf
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
"""


def migrated(source: str) -> str:
    check_migration(source)
    return migrate_source(source).code


def test_a_bytes_path_to_save_is_left_alone():
    code = migrated(MODEL + 'model.fit(x, y)\nmodel.save(b"m.keras")\n')
    assert 'model.save(b"m.keras")' in code


def test_a_bytes_flag_of_the_scripts_parser_is_not_a_flag():
    source = 'import argparse\np = argparse.ArgumentParser()\np.add_argument(b"--x")\n' + MODEL + "model.fit(x, y)\n"
    check_migration(source)


def test_a_bytes_channel_variable_in_an_argument_default_is_not_a_channel():
    source = ('import argparse\nimport os\np = argparse.ArgumentParser()\n'
              'p.add_argument("--train", default=os.environ.get(b"SM_CHANNEL_TRAIN", b"data"))\n'
              'args = p.parse_args()\n' + MODEL + "model.fit(x, y)\n")
    check_migration(source)
    assert "train" not in migrate_source(source).channels


def test_a_bytes_flag_of_a_click_option_is_not_a_flag():
    source = ("import click\n" + MODEL + '@click.command()\n@click.option(b"--lr", default=0.01)\n'
              "def main(lr):\n    model.fit(x, y)\n")
    check_migration(source)


def test_a_bytes_glob_pattern_is_not_joined_onto_the_folder():
    source = ("import pathlib\n" + MODEL + 'files = sorted(pathlib.Path("data").glob(b"*.npz"))\n'
              "model.fit(files, epochs=1)\n")
    check_migration(source)


@pytest.mark.parametrize(("folder", "dest"), [("class", "class_"), ("2020", "data_2020")])
def test_a_channel_named_by_a_keyword_or_a_number_gets_a_valid_name(folder, dest):
    code = migrated(f'import numpy as np\n{MODEL}d = np.load("{folder}/train.npz")\nmodel.fit(d, epochs=1)\n')
    assert f'os.path.join(args.{dest}, "train.npz")' in code
    assert f'"SM_CHANNEL_{dest.upper()}"' in code


def test_a_constant_defined_by_itself_ends_the_path_search():
    migrated(MODEL + "p = p\nmodel.fit(x, y)\nmodel.save(p)\n")


def test_inserted_code_does_not_copy_a_form_feed_from_the_indentation():
    source = MODEL + 'if True:\n  \x0c  x = 1\nmodel.fit(x, y)\nmodel.save("m.keras")\n'
    code = migrated(source)
    old_lines = set(source.splitlines())
    assert not [line for line in code.splitlines() if line not in old_lines and "\x0c" in line]


def test_a_module_level_global_declaration_is_not_a_free_name():
    code = migrated(MODEL + "global parser\nmodel.fit(x, y, epochs=3)\n")
    assert "sm_parser = argparse.ArgumentParser" in code


@pytest.mark.parametrize(("source", "line"), [
    ("import tensorflow\nif 1:\n\x0c if 1:\n  x = 1\n", 3),
    ("import tensorflow\nif 1:\n \\\n pass\n", 3),
])
def test_valid_python_that_libcst_cannot_parse_is_refused_as_such(source, line):
    compile(source, "<script>", "exec")
    with pytest.raises(MigrationError) as refused:
        migrate_source(source)
    diagnostic = refused.value.diagnostic
    assert (diagnostic.code, diagnostic.line) == ("SM001", line)
    assert diagnostic.message.startswith("libcst cannot parse this file: ")
    if "\x0c" in source:
        assert diagnostic.message == f"libcst cannot parse this file: form feed in indentation at line {line}"


def test_a_null_byte_is_invalid_python_wherever_it_is():
    """CPython refuses a NUL anywhere, libcst takes one in a comment: refused where it is, never an internal error."""
    for source, position in [("import tensorflow\n# a\0b\n", (2, 4)), ("import tensorflow\nx = 1\0\n", (2, 6))]:
        with pytest.raises(MigrationError) as refused:
            migrate_source(source)
        diagnostic = refused.value.diagnostic
        assert (diagnostic.code, diagnostic.line, diagnostic.col) == ("SM001", *position)


@pytest.mark.parametrize("binding", ["import tensorflow.compat.v1 as tf", "import os as tf", "tf = None"])
def test_tf_bound_twice_gets_one_export(binding):
    code = migrated(MODEL + f"model.fit(x, y)\n{binding}\n")
    assert code.count("SavedModel for SageMaker") <= 1  # `import os as tf`: tf is no longer TensorFlow


def test_a_text_constant_used_as_a_path_stays_a_hyperparameter_on_the_second_run():
    migrated(f"import numpy as np\nEPOCHS = 'a b'\n{MODEL}d = np.load(EPOCHS)\nmodel.fit(d, epochs=2)\n")


@pytest.mark.parametrize("late_import", ["import os", "import argparse", "import tensorflow as tf"])
def test_an_import_that_runs_after_the_new_code_is_added_above_it(late_import):
    source = ("import numpy as np\nimport tensorflow.keras as keras\nmodel = keras.Sequential()\n"
              'd = np.load("data/train.npz")\nmodel.fit(d, epochs=1)\n' + late_import + "\n")
    code = migrated(source)
    assert code.index(late_import + "\n") < code.index("parser = ")


def test_a_path_read_above_the_os_import_gets_an_import_before_it():
    code = migrated('x = open("data/x.csv").read()\nimport os\n' + MODEL + "model.fit(x, y)\n")
    assert code.index("import os\n") < code.index('x = open(os.path.join(args.data, "x.csv")).read()')


@pytest.mark.parametrize("local", ["    os = None\n    d = np.load('data/train.npz')\n",
                                   "    d = np.load('data/train.npz')\n    os = None\n"])
def test_a_local_os_does_not_shadow_the_injected_one(local):
    source = (f"import os\nimport numpy as np\n{MODEL}def load():\n{local}    return d\n"
              "model.fit(load(), epochs=1)\n")
    code = migrated(source)
    assert '_os.path.join(args.data, "train.npz")' in code
    assert "import os as _os\n" in code


def test_a_save_in_a_lambda_above_the_model_does_not_anchor_the_export():
    check_migration('import tensorflow as tf\nf = lambda: model.save("a.h5")\nmodel = tf.keras.Sequential()\n'
                    "model.fit(x, y)\nf()\n")


def test_a_local_os_does_not_shadow_the_injected_one_in_the_export():
    check_migration("import os\nimport tensorflow as tf\ndef main():\n    model = tf.keras.Sequential()\n"
                    "    model.fit(x, y)\n    os = None\nmain()\n")


def test_args_are_not_read_before_the_parsed_namespace_exists():
    source = """\
import argparse
import numpy as np
import tensorflow as tf


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=1)
    return p.parse_args()


def main():
    data = np.load("data/train.npz")
    args = parse_args()
    model = tf.keras.Sequential()
    model.fit(data, epochs=args.epochs)


main()
"""
    code = migrated(source)
    assert 'data = np.load(os.path.join(os.environ.get("SM_CHANNEL_DATA", "data"), "train.npz"))' in code


def test_an_export_to_the_working_dir_leaves_the_inputs_under_it_inputs():
    """A TF1 simple_save to "." once made every relative read "written by the script" (scratch): no channel on
    the first run, a channel on the second."""
    source = """\
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()
table = np.loadtxt("data/train.csv", delimiter=",")
x = tf.compat.v1.placeholder(tf.float32, shape=[None, 2], name="x")
probability = tf.sigmoid(tf.reduce_sum(x, axis=1), name="probability")
with tf.compat.v1.Session() as sess:
    sess.run(probability, feed_dict={x: table})
    tf.compat.v1.saved_model.simple_save(sess, ".", inputs={"x": x}, outputs={"probability": probability})
"""
    code = migrated(source)
    assert 'SM_CHANNEL_DATA' in code
