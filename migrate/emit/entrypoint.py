"""Which SageMaker TensorFlow image a job targets, and the shell entry point older images need.

Policy (docs/sagemaker-contract.md §4, from the SDK's `doc/frameworks/tensorflow/using_tf.rst`):
- TF 1.15.2 with Python >= 3.7, and TF >= 2.2: the container pip-installs `requirements.txt` from
  `source_dir` itself before running a `.py` entry point; nothing to write.
- TF 1.11 to 1.15.2 and 2.0 to 2.1 with Python 2.7 or 3.6: it does not, so the entry point must be a shell
  script that installs the requirements and then runs the training script with all arguments.
- TF 1.10 and older: legacy mode, not script mode; refused.
A `*.sh` entry point is run as `/bin/sh -c ./train.sh <args>` from the code dir (§4.1).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from sm_migrate.transforms.frameworks import NEWEST_TRAINING_VERSION, TrainingImage, find_image, known_versions
from sm_migrate.transforms.versions import framework_release


class EmitError(Exception):
    """A request the emitters refuse; the message is the one-line reason shown to the user."""


_PY_VERSION_RE = re.compile(r"py(\d)(\d*)")
DEFAULT_ENTRYPOINT_NAME = "train.sh"


@dataclass(frozen=True)
class TargetFramework:
    """A validated (TensorFlow image, Python) pair as the user spelled it, plus what it resolves to."""

    framework_version: str  # as given: "2.1" (passed to the SDK unchanged)
    full_version: tuple[int, int, int]  # what the SDK resolves it to: (2, 1, 3)
    py_version: str  # "py36"
    python: tuple[int, int]  # (3, 6)
    image: TrainingImage  # the row of the framework table (transforms/frameworks.py)

    @property
    def label(self) -> str:
        return f"TF {self.framework_version} / {self.py_version}"


def _python_of(py_version: str) -> tuple[int, int]:
    """`py2` is 2.7 and `py3` is 3.6: the only Pythons of the images that list them (table above)."""
    match = _PY_VERSION_RE.fullmatch(py_version)
    major, minor = int(match.group(1)), match.group(2)
    if minor:
        return major, int(minor)
    return (2, 7) if major == 2 else (3, 6)


def resolve_target(framework_version: str, py_version: str | None = None) -> TargetFramework:
    """Validate a framework/Python pair against the SDK's training images; raise EmitError if it has none.

    `py_version` may be omitted when the version has a single image Python (every TF >= 2.2).
    """
    requested = framework_release(framework_version)
    if requested is None:
        raise EmitError(f"invalid TensorFlow version {framework_version!r}: expected e.g. 2.21 or 1.15.2")
    if requested[:2] <= (1, 10):
        raise EmitError(
            f"TensorFlow {framework_version} runs in legacy mode on SageMaker, not script mode: "
            f"migrate to TensorFlow 1.11 or newer ({NEWEST_TRAINING_VERSION} recommended)"
        )
    image = find_image(framework_version)
    if image is None:
        known = ", ".join(known_versions())
        raise EmitError(f"no SageMaker TensorFlow training image for {framework_version}; known: {known}")
    choices = image.py_versions
    if py_version is None:
        if len(choices) > 1:
            raise EmitError(f"TensorFlow {framework_version} needs --py-version, one of: {', '.join(choices)}")
        py_version = choices[0]
    if py_version not in choices:
        raise EmitError(
            f"no SageMaker TensorFlow {framework_version} training image for {py_version!r}; "
            f"available: {', '.join(choices)}"
        )
    return TargetFramework(
        framework_version=framework_version,
        full_version=framework_release(image.full_version),
        py_version=py_version,
        python=_python_of(py_version),
        image=image,
    )


def needs_shell_entrypoint(target: TargetFramework) -> bool:
    """True when the container does not install requirements.txt for a `.py` entry point (§4 policy)."""
    old_image = (1, 11, 0) <= target.full_version < (1, 16, 0) or (2, 0, 0) <= target.full_version < (2, 2, 0)
    return old_image and target.python in ((2, 7), (3, 6))


def is_plain_file_name(name: str, suffix: str) -> bool:
    """A visible file name with no folder part, ending in `suffix`: what may be written next to the script."""
    return bool(name) and "/" not in name and "\\" not in name and name.endswith(suffix) and not name.startswith(".")


def validate_entrypoint_name(name: str) -> str:
    """A plain `*.sh` file name: the toolkit picks the shell runner by that suffix (§4.1)."""
    if not is_plain_file_name(name, ".sh"):
        raise EmitError(f"entry point name must be a plain file name ending in .sh, got {name!r}")
    return name


def build_entrypoint(script_name: str, target: TargetFramework) -> str:
    """The POSIX sh entry point: install requirements.txt, then exec the script with every argument.

    `cd` to the script's own directory keeps it working when started from elsewhere; on SageMaker the
    toolkit already runs it from the code dir. `exec ... "$@"` passes each argument through unchanged.
    """
    return (
        "#!/bin/sh\n"
        f"# SageMaker entry point for {script_name} on {target.label}, written by sm-migrate.\n"
        "# These images do not pip-install requirements.txt for you (the SDK's TensorFlow docs), so this\n"
        "# script does, then runs the training script with all hyperparameter arguments unchanged.\n"
        "set -e\n"
        'cd "$(dirname "$0")"\n'
        "if [ -f requirements.txt ]; then\n"
        "    pip install -r requirements.txt\n"
        "fi\n"
        f'exec python {shlex.quote(script_name)} "$@"\n'
    )
