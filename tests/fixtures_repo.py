"""A small repository, built in tmp_path at test time, with every kind of file batch conversion must handle.

The scripts are tiny TF-looking training scripts: they are parsed and rewritten, never run.
`build_fixture_repo(root)` returns a `FixtureRepo` saying what each file is expected to become.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from sm_migrate.transforms.engine import migrate_source


def training_script(epochs: int = 2, extra: str = "", save_to: str = "model.keras") -> str:
    """A minimal Keras script the engine migrates (constants, compile, fit, save)."""
    return f'''"""Tiny training script (fixture)."""
import numpy as np
import tensorflow as tf

EPOCHS = {epochs}
BATCH_SIZE = 16
{extra}
x = np.random.rand(64, 4).astype("float32")
y = np.random.rand(64, 1).astype("float32")
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.01), loss="mse")
model.fit(x, y, epochs=EPOCHS, batch_size=BATCH_SIZE)
model.save("{save_to}")
'''


LIBRARY_MODULE = '''"""Model definition imported by the training scripts: imports TensorFlow, trains nothing."""
import tensorflow as tf


def build_model(units=8):
    return tf.keras.Sequential([tf.keras.layers.Dense(units), tf.keras.layers.Dense(1)])
'''

UTILS_MODULE = '''"""Plain helpers: no TensorFlow here (the word tensorflow in a docstring does not count)."""
import os


def data_dir():
    return os.path.join(os.path.dirname(__file__), "data")
'''


@dataclass
class FixtureRepo:
    root: Path
    migrated: set[str] = field(default_factory=set)  # relpaths that must change
    failed: dict[str, str] = field(default_factory=dict)  # relpath -> text the reason must contain
    already_migrated: set[str] = field(default_factory=set)
    skipped: dict[str, str] = field(default_factory=dict)  # relpath -> text the reason must contain
    never_seen: set[str] = field(default_factory=set)  # ignored paths: not in the report at all

    def path(self, relpath: str) -> Path:
        return self.root / relpath


def _write(root: Path, relpath: str, data: str | bytes, mode: int | None = None) -> None:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    if mode is not None:
        path.chmod(mode)


def build_fixture_repo(root: Path) -> FixtureRepo:
    """Lay the repository out under `root` (which must exist) and return what to expect of it."""
    repo = FixtureRepo(root)

    def add(relpath: str, data: str | bytes, expect: str, reason: str = "", mode: int | None = None) -> None:
        _write(root, relpath, data, mode)
        if expect == "migrated":
            repo.migrated.add(relpath)
        elif expect == "failed":
            repo.failed[relpath] = reason
        elif expect == "already_migrated":
            repo.already_migrated.add(relpath)
        elif expect == "skipped":
            repo.skipped[relpath] = reason
        else:
            repo.never_seen.add(relpath)

    (root / ".git").mkdir()  # a work tree: its .gitignore files apply
    _write(root, ".gitignore", "ignored/\n*.log\n")
    _write(root, "README.md", "# fixture repo\n")
    _write(root, "data/train.csv", "a,b\n1,2\n")
    _write(root, "run.log", "old log\n")

    add("projects/mnist/train.py", training_script(), "migrated")
    add("projects/tabular/deep/train_reg.py", training_script(epochs=5), "migrated")
    add("scripts/run_train.py", "#!/usr/bin/env python3\n" + training_script(), "migrated", mode=0o755)
    add("encodings/crlf_train.py", training_script().replace("\n", "\r\n"), "migrated")
    latin1 = "# -*- coding: latin-1 -*-\n" + training_script(extra="# Modèle entraîné par l'équipe\n")
    add("encodings/latin1_train.py", latin1.encode("latin-1"), "migrated")
    add("already/train.py", migrate_source(training_script()).code, "already_migrated")

    add("pkg/__init__.py", "", "skipped", "no TensorFlow/Keras import")
    add("pkg/utils.py", UTILS_MODULE, "skipped", "no TensorFlow/Keras import")
    add("pkg/model_def.py", LIBRARY_MODULE, "skipped", "trains nothing")
    add("projects/skip_me.py", "# sm-migrate: skip\n" + training_script(), "skipped", "pragma")

    add("broken/syntax_error.py", training_script() + "def broken(:\n", "failed", "not valid Python 3")
    add("broken/py2.py", training_script().replace('model.save("model.keras")', 'print "done"'), "failed",
        "not valid Python 3")
    add("broken/undecodable.py", training_script().encode() + b"# \xff\xfe not utf-8\n", "failed", "cannot decode")
    add("broken/roundtrip.py", training_script() + "  # a\n  # b\n", "failed", "cannot reproduce")
    add("readonly/train.py", training_script(), "failed", "read-only", mode=0o444)

    add("ignored/train.py", training_script(), "never_seen")
    add(".venv/lib/train.py", training_script(), "never_seen")
    add("build/lib/train.py", training_script(), "never_seen")

    os.symlink("..", root / "projects" / "loop")  # points at its own ancestor
    repo.skipped["projects/loop"] = "symlink loop"
    os.symlink("../projects/mnist/train.py", root / "scripts" / "linked_train.py")  # target migrated at its path
    return repo


def snapshot(root: Path) -> dict[str, tuple[str, bytes | str, int]]:
    """relpath -> (kind, bytes or link target, permission bits) for everything under root, symlinks unfollowed."""
    entries = {}
    for directory, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(directory) / name
            relpath = path.relative_to(root).as_posix()
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                entries[relpath] = ("symlink", os.readlink(path), 0)
            elif stat.S_ISREG(info.st_mode):
                entries[relpath] = ("file", path.read_bytes(), stat.S_IMODE(info.st_mode))
    return entries
