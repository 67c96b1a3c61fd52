"""The engine's own scope walk and positions (transforms/scopes.py, transforms/positions.py).

They replace libcst's ScopeProvider, QualifiedNameProvider, ParentNodeProvider and PositionProvider for speed,
so libcst's providers are the reference here: on every sample script (local and migrated) and a script of rarer
constructs, the same positions, parents, imported names and bound-or-read names. Then the scope rules one by
one, and the spliced code generation.
"""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import (
    MetadataWrapper,
    ParentNodeProvider,
    PositionProvider,
    QualifiedNameProvider,
    QualifiedNameSource,
    ScopeProvider,
)

from sm_migrate.transforms.positions import SourcePositions
from sm_migrate.transforms.scopes import ClassScope, ComprehensionScope, FunctionScope, GlobalScope, build

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SCRIPTS = sorted(SAMPLES.glob("*/*.py"))
# Constructs the samples use rarely or never, for the comparison with libcst below.
KITCHEN_SINK = """\
from __future__ import annotations
import os.path, json as js
from tensorflow import keras as K
from . import sibling
from .pkg.mod import thing as other

LR: float = 1e-3
counter = 0


def decorate(fn=K.layers.Dense, *args, key: int = 1, **kwargs) -> K.Model:
    return fn


@decorate
class Net(K.Model, metaclass=type):
    units = 3
    doubled = [units for _ in range(2)]

    def call(self, x, training=False):
        global counter
        counter += 1
        y = x if training else -x
        total = {k: v for k, v in js.loads("{}").items() if (last := v)}
        return (lambda z, w=LR: z * w)(y), last


def outer():
    n = 0
    def inner():
        nonlocal n
        n += 1
        return os.path.join(sibling.x, other)
    try:
        with open("f") as handle, open("g") as (a):
            data = handle.read()
    except (OSError, ValueError) as error:
        raise RuntimeError(error) from error
    finally:
        del n
    for i, (j, *rest) in enumerate([(1, 2, 3)]):
        print(i, j, rest, f"{i!r:>{j}}", data[1:2, ::3])
    match data:
        case {"key": value, **others}:
            print(value, others)
        case [first, *tail] if first:
            print(tail)
        case K.Model(units=u) as model:
            print(u, model)
    return inner
"""


SOURCES = [pytest.param(KITCHEN_SINK, id="kitchen_sink")] + [
    pytest.param(path.read_text(), id=f"{path.parent.name}/{path.name}") for path in SCRIPTS]


@pytest.mark.parametrize("source", SOURCES)
def test_same_answers_as_libcst_providers(source):
    module = cst.parse_module(source)
    reference = MetadataWrapper(module, unsafe_skip_copy=True).resolve_many(
        (PositionProvider, ParentNodeProvider, QualifiedNameProvider, ScopeProvider))
    positions = SourcePositions(module)
    structure = build(module)
    assert positions.code == module.code
    for node, code_range in reference[PositionProvider].items():
        assert positions.start(node) == (code_range.start.line, code_range.start.column + 1), node
    compared = 0
    for node in structure.scopes:
        if node is not module:
            assert structure.parents[node] is reference[ParentNodeProvider][node]
        # libcst names `f(x).attr` as `f.attr`; only plain dotted names are compared
        if isinstance(node, (cst.Name, cst.Attribute)) and "(" not in module.code_for_node(node):
            names = reference[QualifiedNameProvider].get(node, ())
            names = names() if callable(names) else names
            expected = {q.name for q in names if q.source is QualifiedNameSource.IMPORT}
            assert {n for n in structure.qualified_names(node) if not n.startswith("builtins.")} == expected
            compared += 1
    assert compared > 20
    # Injected names avoid every name bound or read anywhere: the same set as libcst's scopes give.
    libcst_names = set()
    for scope in {id(s): s for s in reference[ScopeProvider].values() if s is not None}.values():
        libcst_names.update(assignment.name for assignment in scope.assignments)
        libcst_names.update(access.node.value for access in scope.accesses if isinstance(access.node, cst.Name))
    assert structure.all_names == libcst_names


def _names(code: str):
    module = cst.parse_module(code)
    structure = build(module)
    reads = {}
    for node in structure.scopes:
        if isinstance(node, cst.Name) and node in structure.resolved:
            reads.setdefault(node.value, []).append(node)
    return module, structure, reads


def test_function_local_shadows_module_import_everywhere_in_the_function():
    _, structure, reads = _names("import numpy as np\ndef f():\n    y = np.zeros(1)\n    np = 3\n    return np\n")
    assert all(isinstance(structure.resolved[n], FunctionScope) for n in reads["np"])
    assert structure.qualified_names(reads["np"][0]) == []


def test_import_inside_function_and_aliases():
    module, structure, reads = _names(
        "def main():\n    import tensorflow as tf\n    from tensorflow import keras as K\n"
        "    m = K.Sequential()\n    tf.saved_model.save(m, 'x')\n")
    calls = [n for n in structure.scopes if isinstance(n, cst.Call)]
    assert [structure.qualified_names(c.func) for c in calls] == [
        ["tensorflow.keras.Sequential"], ["tensorflow.saved_model.save"]]


def test_dotted_import_binds_its_root():
    _, structure, reads = _names("import os.path\nos.path.join('a', 'b')\n")
    call = next(n for n in structure.scopes if isinstance(n, cst.Call))
    assert structure.qualified_names(call.func) == ["os.path.join"]
    assert "os" in structure.global_scope.assignments


def test_class_scope_is_not_seen_from_methods_or_comprehensions():
    _, structure, reads = _names(
        "import json as x\nclass C:\n    x = 1\n    y = x\n    def m(self):\n        return x\n"
        "    z = [x for _ in range(2)]\n")
    in_class, in_method, in_comprehension = reads["x"]
    assert isinstance(structure.resolved[in_class], ClassScope)
    assert isinstance(structure.resolved[in_method], GlobalScope)
    assert isinstance(structure.resolved[in_comprehension], GlobalScope)


def test_global_and_nonlocal_declarations_bind_outside():
    _, structure, _ = _names(
        "EPOCHS = 1\ndef f():\n    global EPOCHS\n    EPOCHS = 2\n"
        "def g():\n    n = 0\n    def h():\n        nonlocal n\n        n = 1\n")
    assert len(structure.global_scope.assignments["EPOCHS"]) == 2
    assert "n" not in structure.global_scope.assignments
    g_scope = next(s for n, s in structure.scopes.items() if isinstance(n, cst.Assign)
                   and isinstance(s, FunctionScope) and s.node.name.value == "g")
    assert len(g_scope.assignments["n"]) == 2


def test_defaults_and_decorators_are_read_outside_the_function():
    _, structure, reads = _names(
        "LR = 0.1\ndef deco(f):\n    return f\n@deco\ndef train(lr=LR, LR=None):\n    return LR\n")
    default, body = reads["LR"]
    assert isinstance(structure.resolved[default], GlobalScope)
    assert isinstance(structure.resolved[body], FunctionScope)
    assert len(structure.global_scope.assignments["LR"][0].references) == 1
    assert isinstance(structure.resolved[reads["deco"][0]], GlobalScope)


def test_comprehension_targets_stay_inside_and_walrus_escapes():
    _, structure, reads = _names("data = [1]\nsquares = [(last := v) * v for v in data]\nprint(last)\n")
    assert "v" not in structure.global_scope.assignments
    assert "last" in structure.global_scope.assignments
    assert isinstance(structure.resolved[reads["v"][0]], ComprehensionScope)
    assert isinstance(structure.resolved[reads["data"][0]], GlobalScope)


def test_builtins_and_unknown_names():
    _, structure, reads = _names("open('f')\nundefined_thing()\n")
    assert structure.qualified_names(reads["open"][0]) == ["builtins.open"]
    assert structure.qualified_names(reads["undefined_thing"][0]) == []


def test_labels_are_not_reads():
    _, structure, reads = _names("import os\nf(key=os.sep)\nobj.args = 1\n")
    assert "key" not in reads and "args" not in reads and "sep" not in reads
    assert "args" not in structure.all_names and "os" in structure.all_names


@pytest.mark.parametrize("code", [
    "import os\n\nx = 1\n\n\ndef f():\n    return x\n# trailing comment\n",
    "x = 1\ny = 2",  # no newline at the end
    "# header comment\n\nx = 1\n\n# footer comment\n\n",
    "",
])
def test_spliced_code_equals_libcst_codegen(code):
    module = cst.parse_module(code)
    positions = SourcePositions(module)
    assert positions.code_of(module) == module.code == code
    if not module.body:
        return
    new_statement = cst.parse_statement("import sys\n")
    first = module.body[0].with_changes(leading_lines=())
    for edited in (
        module.with_changes(body=[new_statement, *module.body]),
        module.with_changes(body=[first, *module.body[1:]]),
        module.with_changes(body=[*module.body, new_statement]),
    ):
        assert positions.code_of(edited) == edited.code


def test_spliced_code_copies_statements_inside_edited_functions():
    code = "def f():\n    a = 1  # one\n\n    if a:\n        b = 2\n    return a\n\n\nx = f()\n"
    module = cst.parse_module(code)
    positions = SourcePositions(module)
    function = module.body[0]
    body = function.body.body
    replaced = body[0].with_changes(body=[cst.parse_statement("a = 10\n").body[0]])
    inserted = cst.parse_statement("print(a)\n")
    edited = module.with_changes(body=[
        function.with_changes(body=function.body.with_changes(body=[replaced, inserted, *body[1:]])),
        *module.body[1:],
    ])
    assert positions.code_of(edited) == edited.code
    assert "    a = 10  # one\n    print(a)\n\n    if a:\n        b = 2\n" in edited.code
