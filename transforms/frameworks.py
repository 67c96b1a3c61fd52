"""The SageMaker TensorFlow training images, as data: one table that every part of sm-migrate reads.

For each image version: its full version, its Pythons, whether the SageMaker Python SDK can resolve it to
an image URI itself (`image_uri_config/tensorflow.json`), the image tags where the SDK cannot, and the
distributions the image installs (so requirements.txt leaves them out). Sources: docs/sagemaker-contract.md
§4, §8 and §10. Pure data and lookups: no import of the application.
"""

from __future__ import annotations

from dataclasses import dataclass

from sm_migrate.transforms.versions import framework_release

# The newest training image: the default target.
NEWEST_TRAINING_VERSION = "2.21"

# What every TensorFlow training image contains, under any name its TensorFlow build has: TensorFlow, the
# Keras it bundles, TensorBoard and the toolkits that start the script (contract §4, §10).
_TENSORFLOW_STACK = frozenset(
    {
        "tensorflow", "tensorflow-cpu", "tensorflow-gpu", "tensorflow-intel", "tensorflow-macos",
        "tensorflow-aarch64", "keras", "tensorboard", "tensorboard-data-server", "tensorflow-estimator",
        "tensorflow-io-gcs-filesystem", "sagemaker-training", "sagemaker-tensorflow-training",
    }
)  # fmt: skip

# TF 2.21 training image, CPU and CUDA alike (aws/deep-learning-containers
# docker/tensorflow/training/2.21/{cpu,cuda}/pyproject.toml, main dependencies and the `sagemaker` extra;
# contract §10). Only what both variants declare: torch and psutil are in the CPU one alone. matplotlib
# comes with seaborn. Not there: tf-keras, horovod.
_TF_2_21_PACKAGES = _TENSORFLOW_STACK | frozenset(
    {
        "absl-py", "aiohttp", "awscli", "boto3", "botocore", "bokeh", "cloudpickle", "cryptography",
        "gitpython", "h5py", "imageio", "matplotlib", "mlflow", "mpi4py", "numba", "numpy", "opencv-python",
        "packaging", "pandas", "pillow", "plotly", "protobuf", "pyasn1", "pybind11", "pyjwt",
        "python-dateutil", "requests", "s3fs", "sagemaker", "scikit-learn", "scipy", "seaborn", "shap",
        "tensorflow-datasets", "tensorflow-io", "urllib3", "werkzeug",
    }
)  # fmt: skip


@dataclass(frozen=True)
class TrainingImage:
    """One SageMaker TensorFlow training image version."""

    version: str  # how users and the SDK name it: "2.21"
    full_version: str  # "2.21.0"
    py_versions: tuple[str, ...]  # the image's Pythons, as the SDK spells them: ("py312",)
    sdk_resolves: bool  # SDK v2's image table (and v3's sagemaker-core, which reads the same) knows it
    # Image tags for an explicit image_uri, where the SDK cannot build one; None where it can.
    cpu_tag: str | None = None
    gpu_tag: str | None = None
    # Canonical names of the distributions the image installs; None: only the TensorFlow stack is known.
    preinstalled: frozenset[str] | None = None
    source: str = "sagemaker SDK image_uri_config/tensorflow.json"  # where the row comes from

    @property
    def known_packages(self) -> frozenset[str]:
        """What the image certainly ships (canonical names): the TensorFlow stack at least."""
        return self.preinstalled if self.preinstalled is not None else _TENSORFLOW_STACK

    def tag(self, gpu: bool) -> str | None:
        return self.gpu_tag if gpu else self.cpu_tag


# The SDK's TensorFlow training images, from `sagemaker/image_uri_config/tensorflow.json` ("training") of
# sagemaker 2.257.7 (contract §8, §10): version alias -> full version, full version -> py_versions. Script
# mode only (>= 1.11); "py3" on the 1.x/2.0/2.1 images is Python 3.6 (2.1.2 lists "py3" and "py36").
SDK_VERSION_ALIASES = {
    "1.11": "1.11.0", "1.12": "1.12.0", "1.13": "1.13.1", "1.14": "1.14.0", "1.15": "1.15.5",
    "2.0": "2.0.4", "2.1": "2.1.3", "2.2": "2.2.2", "2.3": "2.3.2", "2.4": "2.4.3", "2.5": "2.5.1",
    "2.6": "2.6.3", "2.7": "2.7.1", "2.8": "2.8.0", "2.9": "2.9.2", "2.10": "2.10.1", "2.11": "2.11.0",
    "2.12": "2.12.0", "2.13": "2.13.0", "2.14": "2.14.1", "2.16": "2.16.2", "2.18": "2.18.0",
    "2.19": "2.19.0",
}  # fmt: skip
SDK_PY_VERSIONS = {
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

# Images the SDK's table does not know yet: their tags from the image build configs of
# aws/deep-learning-containers (.github/config/image/tensorflow/2.21-training-sagemaker-{cpu,cuda}.yml,
# `prod_image`; contract §10).
_NEWER_IMAGES = (
    TrainingImage(
        version="2.21",
        full_version="2.21.0",
        py_versions=("py312",),
        sdk_resolves=False,
        cpu_tag="2.21-cpu-py312-amzn2023-sagemaker-v1",
        gpu_tag="2.21-gpu-py312-cu129-amzn2023-sagemaker-v1",
        preinstalled=_TF_2_21_PACKAGES,
        source="aws/deep-learning-containers docker/tensorflow/training/2.21/",
    ),
)

# The image repository, in the DLC registry of each region (the SDK knows each region's account).
IMAGE_REPOSITORY = "tensorflow-training"


def _sdk_image(full_version: str) -> TrainingImage:
    short = ".".join(full_version.split(".")[:2])
    return TrainingImage(
        version=short, full_version=full_version, py_versions=SDK_PY_VERSIONS[full_version], sdk_resolves=True
    )


def find_image(framework_version: str) -> TrainingImage | None:
    """The training image a version names ("2.21", "2.21.0", "2.1", "1.15.2"), or None if there is none."""
    for image in _NEWER_IMAGES:
        if framework_version in (image.version, image.full_version):
            return image
    full = SDK_VERSION_ALIASES.get(framework_version, framework_version)
    if full in SDK_PY_VERSIONS:
        return _sdk_image(full)
    return None


def known_versions() -> list[str]:
    """Every version alias with an image, oldest first."""
    versions = [*SDK_VERSION_ALIASES, *(image.version for image in _NEWER_IMAGES)]
    return sorted(versions, key=framework_release)


def image_uri(registry: str, tag: str) -> str:
    """`<registry>/tensorflow-training:<tag>`; `registry` is `<account>.dkr.ecr.<region>.<domain>`."""
    return f"{registry}/{IMAGE_REPOSITORY}:{tag}"


def newest_sdk_image() -> TrainingImage:
    """The newest image the SDK resolves: its registry, one per region for every DLC image, is the newer
    images' too (the same account per region in every version of the SDK's table)."""
    return _sdk_image(max(SDK_PY_VERSIONS, key=framework_release))
