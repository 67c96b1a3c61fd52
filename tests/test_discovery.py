"""Discovery: ignore rules, include/exclude globs, symlinks, and the byte pre-filter."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from sm_migrate.discovery import (
    NOT_TF_REASON,
    SKIP_PRAGMA_REASON,
    DiscoverySettings,
    discover,
    imports_tensorflow,
    prefilter,
)


def touch(root: Path, *relpaths: str, text: str = "") -> None:
    for relpath in relpaths:
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


DEFAULT_SETTINGS = DiscoverySettings()


def found(root: Path, settings: DiscoverySettings = DEFAULT_SETTINGS) -> set[str]:
    (walk,) = discover([str(root)], settings)
    return {c.relpath.replace(os.sep, "/") for c in walk.candidates}


def skipped(root: Path) -> dict[str, str]:
    (walk,) = discover([str(root)])
    return {os.path.relpath(s.path, root).replace(os.sep, "/"): s.reason for s in walk.skipped}


@pytest.mark.parametrize(
    "text",
    [
        "import tensorflow as tf\n",
        "from tensorflow import keras\n",
        "from tensorflow.keras.layers import Dense\n",
        "import keras\n",
        "from keras.models import Sequential\n",
        "import os, tensorflow\n",
        "def main():\n    import tensorflow as tf\n",
        "import tf_keras as keras\r\n",
    ],
)
def test_prefilter_passes_tf_imports(text):
    assert prefilter(text.encode()) is None


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_prefilter_reads_a_script_in_old_mac_line_endings_or_utf_16(encoding):
    script = "import numpy as np\nimport tensorflow as tf\n# sm-migrate: skip\n"
    assert prefilter(script.replace("\n", "\r").encode()) == SKIP_PRAGMA_REASON
    assert imports_tensorflow(script.replace("\n", "\r").encode())
    data = script.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert prefilter(data) == SKIP_PRAGMA_REASON and imports_tensorflow(data)


@pytest.mark.parametrize(
    "text",
    [
        "import os\n",
        '"""Works with tensorflow models."""\nimport numpy\n',
        "x = 'import tensorflow'\n",
        "# import tensorflow\n",
        "import tensorflow_datasets_helper_free_text_is_not_tf_but\n",
    ],
)
def test_prefilter_skips_files_without_a_tf_import(text):
    assert prefilter(text.encode()) == NOT_TF_REASON


@pytest.mark.parametrize(
    ("imports", "module_file", "passes"),
    [
        ("import model\n", "trainer/model.py", True),
        ("from . import model\n", "trainer/model.py", True),
        ("from .model import train_and_evaluate\n", "trainer/model.py", True),
        ("from trainer import model as m, util\n", "trainer/util.py", True),
        ("from trainer import (\n    model,\n)\n", "trainer/model.py", True),  # the package itself is found
        ("import trainer.model\n", "trainer/model.py", True),
        ("import pandas\n", "trainer/model.py", False),  # nothing of its own
        ("import model\n", "elsewhere/model.py", False),
    ],
)
def test_prefilter_passes_a_command_line_that_imports_its_own_package(tmp_path, imports, module_file, passes):
    """A package's entry point may import no TensorFlow: its modules train (a file beside it, or its package)."""
    touch(tmp_path, module_file, "trainer/__init__.py")
    entry = tmp_path / "trainer" / "task.py"
    data = f"import argparse\n{imports}\nargs = argparse.ArgumentParser().parse_args()\n".encode()
    assert (prefilter(data, path=str(entry)) is None) is passes
    assert prefilter(data) == NOT_TF_REASON  # without its path, nothing says what is beside it
    assert prefilter(data.replace(b"parse_args()", b"print()"), path=str(entry)) == NOT_TF_REASON


def test_prefilter_pragma_and_explicit_files():
    assert prefilter(b"import tensorflow as tf\n# sm-migrate: skip\n") == SKIP_PRAGMA_REASON
    assert prefilter(b"import tensorflow as tf\nx = 1  # sm-migrate: skip this line? no: own line only\n") is None
    assert prefilter(b"import os\n", check_imports=False) is None  # an explicit file goes to the engine


def test_builtin_excludes_and_include_glob(tmp_path):
    touch(tmp_path, "a.py", "pkg/b.py", "notes.txt", ".venv/x.py", "venv/x.py", "env/x.py", "node_modules/x.py",
          "build/x.py", "dist/x.py", "__pycache__/x.py", "lib/site-packages/x.py", ".git/hooks/x.py")
    assert found(tmp_path) == {"a.py", "pkg/b.py"}
    assert found(tmp_path, DiscoverySettings(include=("pkg/*.py",))) == {"pkg/b.py"}


def test_exclude_globs_prune_files_and_directories(tmp_path):
    touch(tmp_path, "train.py", "legacy/old.py", "legacy/deep/older.py", "tests/test_x.py", "tools/test_y.py")
    settings = DiscoverySettings(exclude=("legacy/", "test_*.py"))
    assert found(tmp_path, settings) == {"train.py"}


def test_nested_gitignore_with_negation_inside_a_git_work_tree(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("generated/\n*_gen.py\n")
    touch(tmp_path, "train.py", "generated/train.py", "a_gen.py", "sub/keep_gen.py", "sub/other_gen.py")
    (tmp_path / "sub" / ".gitignore").write_text("!keep_gen.py\n")
    assert found(tmp_path) == {"train.py", "sub/keep_gen.py"}
    assert found(tmp_path, DiscoverySettings(respect_gitignore=False)) == {
        "train.py", "generated/train.py", "a_gen.py", "sub/keep_gen.py", "sub/other_gen.py"}


def test_parent_gitignore_applies_only_inside_the_same_work_tree(tmp_path):
    (tmp_path / ".gitignore").write_text("ignored_dir/\n")
    touch(tmp_path, "project/ignored_dir/train.py", "project/train.py")
    assert found(tmp_path / "project") == {"ignored_dir/train.py", "train.py"}  # no .git: parent file is not ours
    (tmp_path / ".git").mkdir()
    assert found(tmp_path / "project") == {"train.py"}


def test_symlinks_are_never_followed_and_loops_are_reported(tmp_path):
    outside = tmp_path / "outside"
    touch(outside, "secret.py")
    root = tmp_path / "root"
    touch(root, "pkg/train.py")
    os.symlink(root / "pkg", root / "again")  # inside the root: reached at its own path
    os.symlink(root / "pkg" / "train.py", root / "train_link.py")
    os.symlink(outside, root / "external")
    os.symlink(outside / "secret.py", root / "secret_link.py")
    os.symlink("..", root / "pkg" / "up")  # a loop
    os.symlink("b", root / "a.py")
    os.symlink("a.py", root / "b")  # a two-link loop
    assert found(root) == {"pkg/train.py"}
    reasons = skipped(root)
    assert reasons["pkg/up"] == "symlink loop"
    assert reasons["a.py"] == "symlink loop"
    assert reasons["external"].startswith("symlink points outside the root")
    assert reasons["secret_link.py"].startswith("symlink points outside the root")
    assert "again" not in reasons and "train_link.py" not in reasons


def test_explicit_files_bypass_ignore_rules(tmp_path):
    touch(tmp_path, "build/train.py")
    (walk,) = discover([str(tmp_path / "build" / "train.py")], DiscoverySettings(exclude=("build/",)))
    assert [c.explicit for c in walk.candidates] == [True]


def test_collect_others_lists_what_an_out_dir_copy_needs(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("data/\n")
    touch(tmp_path, "train.py", "data/big.csv", "README.md", ".venv/x.py")
    (tmp_path / "empty").mkdir()
    (walk,) = discover([str(tmp_path)], DiscoverySettings(collect_others=True))
    others = {(o.relpath, o.kind) for o in walk.others}
    assert others == {(".gitignore", "file"), ("data/big.csv", "file"), ("README.md", "file"), ("empty", "dir")}
    assert [c.relpath for c in walk.candidates] == ["train.py"]


def test_force_exclude_applies_the_rules_to_explicit_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    touch(tmp_path, ".venv/x.py", "legacy/a.py", "b.py", "notes.txt")
    named = [".venv/x.py", "legacy/a.py", "b.py", "notes.txt"]
    walks = discover(named, DiscoverySettings(exclude=("legacy/",), force_exclude=True))
    candidates = [c for walk in walks for c in walk.candidates]
    assert [(c.path, c.explicit) for c in candidates] == [("b.py", False)]  # False: the pre-filter applies
