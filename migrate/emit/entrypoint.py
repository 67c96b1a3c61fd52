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

from sm_migrate.transforms.versions import framework_release


class EmitError(Exception):
    """A request the emitters refuse; the message is the one-line reason shown to the user."""


# The SDK's TensorFlow training images: version alias -> full version, full version -> py_versions.
# Copied from `sagemaker/image_uri_config/tensorflow.json` ("training") of sagemaker 2.257.7 (PyPI; the
# stored aws/sagemaker-python-sdk copy of that file agrees up to 2.12.0 -> py310). Script mode only
# (>= 1.11); "py3" on the 1.x/2.0/2.1 images is Python 3.6 (2.1.2 lists "py3" and "py36" for one image).
TRAINING_VERSION_ALIASES = {
    "1.11": "1.11.0", "1.12": "1.12.0", "1.13": "1.13.1", "1.14": "1.14.0", "1.15": "1.15.5",
    "2.0": "2.0.4", "2.1": "2.1.3", "2.2": "2.2.2", "2.3": "2.3.2", "2.4": "2.4.3", "2.5": "2.5.1",
    "2.6": "2.6.3", "2.7": "2.7.1", "2.8": "2.8.0", "2.9": "2.9.2", "2.10": "2.10.1", "2.11": "2.11.0",
    "2.12": "2.12.0", "2.13": "2.13.0", "2.14": "2.14.1", "2.16": "2.16.2", "2.18": "2.18.0",
    "2.19": "2.19.0",
}  # fmt: skip
TRAINING_PY_VERSIONS = {
    "1.11.0": ("py2", "py3"), "1.12.0": ("py2", "py3"), "1.13.1": ("py2", "py3"),
    "1.14.0": ("py2", "py3"), "1.15.0": ("py2", "py3"), "1.15.2": ("py2", "py3", "py37"),
    "1.15.3": ("py2", "py3", "py37"), "1.15.4": ("py3", "py36", "py37"), "1.15.5": ("py3", "py36", "py37"),
    "2.0.0": ("py2", "py3"), "2.0.1": ("py2", "py3"), "2.0.2": ("py2", "py3"), "2.0.3": ("py3", "py36"),
    "2.0.4": ("py3", "py36"), "2.1.0": ("py2", "py3"), "2.1.1": ("py2", "py3"), "2.1.2": ("py3", "py36"),
    "2.1.3": ("py3", "py36"), "2.2.0": ("py37",), "2.2.1": ("py37",), "2.2.2": ("py37",),
    "2.3.0": ("py37",), "2.3.1": ("py37",), "2.3.2": ("py37",), "2.4.1": ("py37",), "2.4.3": ("py37",),
    "2.5.0": ("py37",), "2.5.1": ("py37",), "2.6.0": ("py38",), "2.6.2": ("py38",), "2.6.3": ("py38",),
    "2.7.1": ("py38",), "2.8.0": ("py39",), "2.9.2": ("py39",), "2.10.1": ("py39",),
    "2.11.0": ("py39",), "2.12.0": ("py310",), "2.13.0": ("py310",), "2.14.1": ("py310",),
    "2.16.2": ("py310",), "2.18.0": ("py310",), "2.19.0": ("py312",),
}  # fmt: skip

_PY_VERSION_RE = re.compile(r"py(\d)(\d*)")
DEFAULT_ENTRYPOINT_NAME = "train.sh"


@dataclass(frozen=True)
class TargetFramework:
    """A validated (TensorFlow image, Python) pair as the user spelled it, plus what it resolves to."""

    framework_version: str  # as given: "2.1" (passed to the SDK unchanged)
    full_version: tuple[int, int, int]  # what the SDK resolves it to: (2, 1, 3)
    py_version: str  # "py36"
    python: tuple[int, int]  # (3, 6)

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
        raise EmitError(f"invalid TensorFlow version {framework_version!r}: expected e.g. 2.19 or 1.15.2")
    if requested[:2] <= (1, 10):
        raise EmitError(
            f"TensorFlow {framework_version} runs in legacy mode on SageMaker, not script mode: "
            "migrate to TensorFlow 1.11 or newer (2.19 recommended)"
        )
    full = TRAINING_VERSION_ALIASES.get(framework_version, framework_version)
    if full not in TRAINING_PY_VERSIONS:
        known = ", ".join(TRAINING_VERSION_ALIASES)
        raise EmitError(f"no SageMaker TensorFlow training image for {framework_version}; known: {known}")
    choices = TRAINING_PY_VERSIONS[full]
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
        full_version=framework_release(full),
        py_version=py_version,
        python=_python_of(py_version),
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
        "# These images do not pip-install requirements.txt for you (sagemaker-contract.md §4), so this\n"
        "# script does, then runs the training script with all hyperparameter arguments unchanged.\n"
        "set -e\n"
        'cd "$(dirname "$0")"\n'
        "if [ -f requirements.txt ]; then\n"
        "    pip install -r requirements.txt\n"
        "fi\n"
        f'exec python {shlex.quote(script_name)} "$@"\n'
    )
