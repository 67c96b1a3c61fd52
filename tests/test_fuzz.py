"""Generated and mutated scripts: whatever valid Python comes in, `migrate_source` either refuses it with a
MigrationError that is not an internal error (SM900), or returns code that compiles, that a second run leaves
alone, and that reads no name the input did not already leave undefined (pyflakes, before vs after).

Two kinds of input: TF-shaped programs (hypothesmith code, its identifiers partly renamed to the names the
migration reads or injects, placed around a small Keras training script) and the bundled samples with a
statement spliced in or a literal replaced. The default profile (tests/conftest.py) runs a few hundred of them;
`--hypothesis-profile long` runs 10,000+.
"""

from __future__ import annotations

import ast
import io
import keyword
import pathlib
import textwrap
import tokenize

import hypothesmith
import pyflakes.checker
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sm_migrate import migrate_source
from sm_migrate.transforms.contract import MigrationError

pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")  # generated code says odd things

ROOT = pathlib.Path(__file__).resolve().parents[1]
SAMPLES = {path.parent.name: path.read_text() for path in sorted(ROOT.glob("samples/*/train.py"))}

# The names the rules read (`tf`, `model`, `args`, ...) or inject (`os`, `argparse`, `parser`, `_sm_path`).
INTERESTING_NAMES = ("tf", "os", "args", "model", "parser", "argparse", "np", "json", "main", "_sm_path", "data")

TRAINING_SCRIPT = """\
import numpy as np
import tensorflow as tf
{top}

def main():
    data = np.load("data/train.npz")
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
{before_fit}
    model.fit(data["x"], data["y"], epochs=2, batch_size=32)
{after_fit}
    model.save("model.keras")


{bottom}
main()
"""
FLAT_SCRIPT_WITH_PARSER = """\
import argparse
import numpy as np
import tensorflow as tf
{top}
parser = argparse.ArgumentParser()
parser.add_argument("--lr", type=float, default=0.01)
args = parser.parse_args()
data = np.load("data/train.npz")
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(args.lr), loss="mse")
{before_fit}
model.fit(data["x"], data["y"], epochs=2, batch_size=32)
{after_fit}
model.save("model.keras")
{bottom}
"""

# Statements of the shapes that broke the migration before; spliced into the samples beside generated ones.
STATEMENTS = (
    "import os", "import argparse", "import tensorflow as tf", "import tensorflow.compat.v1 as tf",
    "import os as tf", "tf = None", "os = None", "args = None", "parser = None", "global parser",
    "x = open('data/x.csv').read()", "d = np.load('class/train.npz')", "d = np.load('2020/train.npz')",
    "model.save(b'm.keras')", "p.add_argument(b'--x')", "EPOCHS = 'a b'", "p = p",
    "f = lambda: model.save('a.h5')", "if True:\n  \x0c  x = 1", "def g():\n    os = 1\n    return open('data/a.txt')",
    "args = parse_args()", "model = tf.keras.Sequential()", "model.fit(x, y, epochs=3)",
    # the shapes later rules follow: settings above a parse, values through calls, TF1 session exports,
    # the variables a tape trains, SM_* defaults with no fallback
    "args = parser.parse_args()", "EPOCHS = 4", "epochs = 7", "def train(m, epochs=3):\n    m.fit(x, y, epochs=epochs)",
    "train(model, 5)", "sess = tf.keras.backend.get_session()",
    "tf.saved_model.simple_save(sess, 'out/1', inputs={'x': model.input}, outputs={'y': model.output})",
    "g = tape.gradient(loss, model.trainable_variables)", "opt.apply_gradients(zip(g, net.trainable_variables))",
    "parser.add_argument('--out', default=os.environ.get('SM_MODEL_DIR'))",
    # settings in dicts and classes, functions over variables, loops inside the function that trains
    "params = {'epochs': 3, 'lr': 0.1}", "model.fit(x, y, epochs=params['epochs'])", "params['epochs'] = 2",
    "class CFG:\n    EPOCHS = 2", "model.fit(x, y, batch_size=CFG.EPOCHS)", "W = tf.Variable(1.0)",
    "net = lambda x: W * x", "with tf.GradientTape() as tape:\n    loss = net(x)",
    "def main():\n    m = tf.keras.Sequential()\n    for e in range(2):\n        with tf.GradientTape() as t:\n"
    "            loss = m(x)\n        g = t.gradient(loss, m.trainable_variables)",
    "local_file = os.path.join('data', 'x.txt')",
)
LITERALS = ('b"m.keras"', '"class/train.npz"', '"2020/train.npz"', '"a b"', '"data/train.npz"', "None", "0",
            '""', '"/"', '"."', '"data/{}"', 'f"data/{x}"', '"s3://bucket/data"', "-1.5", "True")


def undefined_names(code: str) -> set[str]:
    checker = pyflakes.checker.Checker(ast.parse(code), filename="<script>")
    lines = code.split("\n")
    return {message.message_args[0] for message in checker.messages
            if isinstance(message, pyflakes.messages.UndefinedName)
            or (isinstance(message, pyflakes.messages.UndefinedLocal) and _reads(lines, message))}


def _reads(lines: list[str], message) -> bool:
    """pyflakes reports `_os.path` before a local `os = ...` as a read of `os` (`import os as _os` is an import
    of os to it): a read of the name only where the name is written there."""
    name = message.message_args[0]
    text = lines[message.lineno - 1][message.col:]
    return text.startswith(name) and not text[len(name):][:1].isidentifier()


def check_migration(source: str) -> None:
    """The four checks, for a source CPython compiles."""
    try:
        result = migrate_source(source)
    except MigrationError as error:
        assert error.diagnostic.code != "SM900", error.diagnostic.message
        return
    compile(result.code, "<migrated>", "exec", dont_inherit=True)
    assert migrate_source(result.code).code == result.code, "a second run changed the migrated script"
    assert undefined_names(result.code) <= undefined_names(source), "the migrated script reads an undefined name"


def compiles(source: str) -> bool:
    try:
        compile(source, "<script>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):  # ValueError: a null byte
        return False
    return True


@st.composite
def renamed(draw, code: str) -> str:
    """`code` with some of its identifiers renamed to names the migration cares about."""
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(code).readline)
                  if t.type == tokenize.NAME and not keyword.iskeyword(t.string)]
    except (tokenize.TokenError, SyntaxError):
        return code
    names = sorted({t.string for t in tokens})
    mapping = {name: draw(st.sampled_from((name, *INTERESTING_NAMES))) for name in names[:8]}
    lines = code.splitlines(keepends=True)
    for token in reversed(tokens):  # from the end, so that earlier positions stay valid
        (row, start), (_, end) = token.start, token.end
        if token.string in mapping:
            line = lines[row - 1]
            lines[row - 1] = line[:start] + mapping[token.string] + line[end:]
    return "".join(lines)


generated_code = st.one_of(hypothesmith.from_grammar(auto_target=False), hypothesmith.from_node(auto_target=False))


@st.composite
def tf_shaped_programs(draw) -> str:
    code = draw(generated_code)
    code = draw(renamed(code)).rstrip("\n") + "\n"
    template = draw(st.sampled_from((TRAINING_SCRIPT, FLAT_SCRIPT_WITH_PARSER)))
    place = draw(st.sampled_from(("top", "before_fit", "after_fit", "bottom")))
    parts = dict.fromkeys(("top", "before_fit", "after_fit", "bottom"), "")
    in_main = template is TRAINING_SCRIPT and place.endswith("fit")
    parts[place] = textwrap.indent(code, "    ") if in_main else code
    return template.format(**parts)


def _statements(tree: ast.Module) -> list[ast.stmt]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.stmt)]


@st.composite
def mutated_samples(draw) -> str:
    source = SAMPLES[draw(st.sampled_from(sorted(SAMPLES)))]
    lines = source.splitlines(keepends=True)
    tree = ast.parse(source)
    if draw(st.booleans()):  # a statement spliced in before one of the script's statements, at its indentation
        statement = draw(st.sampled_from(_statements(tree)))
        new = draw(st.sampled_from(STATEMENTS) | generated_code.map(lambda code: code.rstrip("\n")))
        indent = lines[statement.lineno - 1][: statement.col_offset]
        lines.insert(statement.lineno - 1, textwrap.indent(new + "\n", indent, lambda line: True))
        return "".join(lines)
    constants = [node for node in ast.walk(tree) if isinstance(node, ast.Constant) and node.lineno == node.end_lineno]
    constant = draw(st.sampled_from(constants))
    line = lines[constant.lineno - 1].encode()
    replacement = draw(st.sampled_from(LITERALS))
    line = line[: constant.col_offset] + replacement.encode() + line[constant.end_col_offset:]
    lines[constant.lineno - 1] = line.decode()
    return "".join(lines)


@given(tf_shaped_programs())
def test_generated_tf_shaped_programs(source):
    assume(compiles(source))
    check_migration(source)


@given(mutated_samples())
def test_mutated_samples(source):
    assume(compiles(source))
    check_migration(source)
