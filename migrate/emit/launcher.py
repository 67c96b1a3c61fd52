"""launch_sagemaker.py: the small program that starts the SageMaker training job for a migrated script.

SDK v2 form (docs/sagemaker-contract.md §8): `sagemaker.tensorflow.TensorFlow(entry_point, source_dir, role,
instance_count, instance_type, framework_version, py_version, hyperparameters)` then `fit({channel: s3_uri})`,
which becomes `SM_CHANNEL_<NAME>` in the job (§2). SDK v3 form: v3 has no TensorFlow estimator; `ModelTrainer`
+ `SourceCode` + `Compute` + `InputData` (aws/sagemaker-python-sdk `sagemaker-train/src/sagemaker/train/
model_trainer.py`; the configs live in `sagemaker-core/src/sagemaker/core/training/configs.py`, the old
`sagemaker.train.configs` is a deprecated shim) with the TensorFlow training image from
`sagemaker.core.image_uris.retrieve(framework, region, version, py_version, instance_type, image_scope)`, and a
`Session` bound to the region (ModelTrainer refuses to build without one; seen with sagemaker 3.27.0).
v3 runs the script through its own driver (`container_drivers/distributed_drivers/basic_script_driver.py`):
no `--model_dir`, booleans as JSON `true`/`false` (§8).

The generated file imports the SDK only inside its functions, after parsing arguments, so `--help` works with
neither the SDK nor AWS credentials; sm-migrate itself never imports the SDK.
"""

from __future__ import annotations

import ast
import keyword
import math
import re

from sm_migrate.emit.entrypoint import EmitError, TargetFramework, is_plain_file_name
from sm_migrate.transforms.contract import HyperParameter
from sm_migrate.transforms.frameworks import IMAGE_REPOSITORY, newest_sdk_image
from sm_migrate.verify import DEFAULT_INSTANCE_TYPE

DEFAULT_LAUNCHER_NAME = "launch_sagemaker.py"
LAUNCHER_SDKS = ("v2", "v3")


def validate_launcher_name(name: str) -> str:
    """A plain `*.py` file name: the launcher is written next to the script."""
    if not is_plain_file_name(name, ".py"):
        raise EmitError(f"launcher name must be a plain Python file name such as launch_sagemaker.py, got {name!r}")
    return name


def python_literal(value: object) -> str:
    """Source text for a hyperparameter value that evaluates back to the same value."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"float({str(value)!r})"
    text = repr(value)
    try:
        if ast.literal_eval(text) != value:
            raise ValueError(text)
    except (ValueError, SyntaxError):
        raise EmitError(f"hyperparameter value {text} is not a Python literal") from None
    return text


def channel_option_dests(channels: dict[str, str]) -> dict[str, str]:
    """Channel name -> argparse dest of its `--<name>-s3` option: a unique identifier ending in `_s3`."""
    dests: dict[str, str] = {}
    for name in channels:
        base = re.sub(r"\W", "_", name)
        if not base.isidentifier() or keyword.iskeyword(base):
            base = f"channel_{base}"
        dest, counter = f"{base}_s3", 2
        while dest in dests.values():
            dest, counter = f"{base}_{counter}_s3", counter + 1
        dests[name] = dest
    return dests


def _hyperparameters_block(hyperparameters: list[HyperParameter]) -> str:
    """The hyperparameters with their defaults. One whose default is None (the script computes its value at run
    time) is left as a comment: None reaches the script as an empty value (docs/sagemaker-contract.md §3), which
    no typed option parses."""
    if not hyperparameters:
        return "HYPERPARAMETERS = {}\n"
    lines = [f"    {parameter.name!r}: {python_literal(parameter.default)},\n" if parameter.default is not None else
             f"    # {parameter.name!r}: ...,  # computed by the script at run time; set a value to override it\n"
             for parameter in hyperparameters]
    return "HYPERPARAMETERS = {\n" + "".join(lines) + "}\n"


def _channel_arguments(channels: dict[str, str], dests: dict[str, str]) -> str:
    lines = []
    for name, local_path in channels.items():
        help_text = f"S3 URI of the {name!r} channel (SM_CHANNEL_{name.upper()}; locally the script read {local_path})"
        lines.append(
            f"    parser.add_argument({f'--{name}-s3'!r}, dest={dests[name]!r}, required=True, metavar=\"S3_URI\",\n"
            f"                        help={help_text.replace('%', '%%')!r})\n"
        )
    return "".join(lines)


def _inputs_expression(channels: dict[str, str], dests: dict[str, str]) -> str:
    return "{" + ", ".join(f"{name!r}: args.{dests[name]}" for name in channels) + "}"


_HEADER = '''\
"""Start the SageMaker training job for {script} ({sdk_title}). Written by sm-migrate; edit freely.

    python {launcher} --role arn:aws:iam::123456789012:role/SageMakerRole{usage_channels}

The role may also come from $SAGEMAKER_ROLE, the instance type and count from $SAGEMAKER_INSTANCE_TYPE and
$SAGEMAKER_INSTANCE_COUNT. Everything in this folder is uploaded as the job's code: keep data out of it.
Hyperparameters are the values sm-migrate lifted from {script}; each reaches the script as `--<name> <value>`.
{sdk_notes}
"""

import argparse
import os

SOURCE_DIR = os.path.dirname(os.path.abspath(__file__))  # uploaded as the job's code dir
{entry_constant} = {entry!r}
FRAMEWORK_VERSION = {framework_version!r}
PY_VERSION = {py_version!r}
{image_constants}{hyperparameters}

def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Start the SageMaker training job for {script}.")
    parser.add_argument("--role", default=os.environ.get("SAGEMAKER_ROLE"),
                        help="IAM role ARN the job runs as (default: $SAGEMAKER_ROLE)")
    parser.add_argument("--instance-type", default=os.environ.get("SAGEMAKER_INSTANCE_TYPE", {instance_type!r}),
                        help="training instance type (default: $SAGEMAKER_INSTANCE_TYPE or %(default)s)")
    parser.add_argument("--instance-count", type=int, default=int(os.environ.get("SAGEMAKER_INSTANCE_COUNT", "1")),
                        help="number of instances (default: $SAGEMAKER_INSTANCE_COUNT or %(default)s)")
    parser.add_argument("--output-path", default=os.environ.get("SAGEMAKER_OUTPUT_PATH"), metavar="S3_URI",
                        help="where model.tar.gz and output.tar.gz go (default: $SAGEMAKER_OUTPUT_PATH or the "
                             "SDK's default bucket)")
    parser.add_argument("--region", default=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION"),
                        help="AWS region of the job and its image (default: $AWS_REGION, $AWS_DEFAULT_REGION, or "
                             "the AWS configuration)")
    parser.add_argument("--image-uri", default=os.environ.get("SAGEMAKER_IMAGE_URI"),
                        help="training image to run instead of {image_default} "
                             "(default: $SAGEMAKER_IMAGE_URI)")
    parser.add_argument("--checkpoint-s3", default=os.environ.get("SAGEMAKER_CHECKPOINT_S3"), metavar="S3_URI",
                        help="keep /opt/ml/checkpoints in this S3 prefix (default: $SAGEMAKER_CHECKPOINT_S3; none)")
{channel_arguments}    args = parser.parse_args(argv)
    if not args.role:
        parser.error("an IAM role is required: pass --role or set SAGEMAKER_ROLE")
    return args
'''

_REGION_CHECK = '''\
    boto_session = boto3.session.Session(region_name=args.region)
    if not boto_session.region_name:
        raise SystemExit("no AWS region: pass --region or set AWS_REGION")
'''

# The SDK resolves the image itself.
_SDK_IMAGE = '''

def training_image_uri(args, region):
    """--image-uri, else the SDK's TensorFlow training image for FRAMEWORK_VERSION and PY_VERSION."""
    if args.image_uri:
        return args.image_uri
    from {image_uris_module} import image_uris

    return image_uris.retrieve(framework="tensorflow", region=region, version=FRAMEWORK_VERSION,
                               py_version=PY_VERSION, instance_type=args.instance_type, image_scope="training")
'''

# An image newer than the SDK's table: its tag is known, the registry is the one the SDK gives its newest image.
_EXPLICIT_IMAGE_CONSTANTS = '''\
# TensorFlow {version} is not in the SDK's image table: its URI is one of these tags (from
# {source}) in the region's registry,
# which the SDK gives for its newest image, {registry_version}.
IMAGE_TAGS = {{"cpu": {cpu_tag!r}, "gpu": {gpu_tag!r}}}
REGISTRY_VERSION = {registry_version!r}
REGISTRY_PY_VERSION = {registry_py_version!r}
'''
_EXPLICIT_IMAGE = '''

def training_image_uri(args, region):
    """--image-uri, else the TensorFlow {version} training image in the region's registry, CPU or GPU as the
    instance type is."""
    if args.image_uri:
        return args.image_uri
    from {image_uris_module} import image_uris

    known = image_uris.retrieve(framework="tensorflow", region=region, version=REGISTRY_VERSION,
                                py_version=REGISTRY_PY_VERSION, instance_type=args.instance_type,
                                image_scope="training")
    registry, _, tag = known.rpartition(":")
    processor = "gpu" if "-gpu-" in tag else "cpu"
    return f"{{registry.rpartition('/')[0]}}/{repository}:{{IMAGE_TAGS[processor]}}"
'''

_V2_BODY = '''

def build_estimator(args):
    """The SDK v2 TensorFlow estimator; the SDK is imported here so that --help works without it."""
    import boto3
    from sagemaker import Session
    from sagemaker.tensorflow import TensorFlow

{region_check}    return TensorFlow(
        entry_point=ENTRY_POINT,
        source_dir=SOURCE_DIR,
        role=args.role,
        instance_count=args.instance_count,
        instance_type=args.instance_type,
        framework_version=FRAMEWORK_VERSION,
        py_version=PY_VERSION,
        image_uri=training_image_uri(args, boto_session.region_name),
        sagemaker_session=Session(boto_session=boto_session),
        hyperparameters=HYPERPARAMETERS,
        output_path=args.output_path,
        # The migrated script writes its checkpoints to /opt/ml/checkpoints; SageMaker syncs them with S3.
        checkpoint_s3_uri=args.checkpoint_s3,
        checkpoint_local_path="/opt/ml/checkpoints" if args.checkpoint_s3 else None,{distribution}
    )


def main(argv=None):
    args = parse_args(argv)
    estimator = build_estimator(args)
    estimator.fit({inputs})


if __name__ == "__main__":
    main()
'''

_V3_BODY = '''

def build_trainer(args):
    """The SDK v3 ModelTrainer on the TensorFlow training image; the SDK is imported here so that --help works
    without it."""
    import boto3
    from sagemaker.core.helper.session_helper import Session
    from sagemaker.core.training.configs import CheckpointConfig, Compute, OutputDataConfig, SourceCode
    from sagemaker.train import ModelTrainer
{distribution_import}
{region_check}    return ModelTrainer(
        sagemaker_session=Session(boto_session=boto_session),
        training_image=training_image_uri(args, boto_session.region_name),
        source_code=SourceCode(source_dir=SOURCE_DIR, entry_script=ENTRY_SCRIPT{requirements}),
        compute=Compute(instance_type=args.instance_type, instance_count=args.instance_count),
        role=args.role,
        hyperparameters=HYPERPARAMETERS,
        output_data_config=OutputDataConfig(s3_output_path=args.output_path) if args.output_path else None,
        # The migrated script writes its checkpoints to /opt/ml/checkpoints; SageMaker syncs them with S3.
        checkpoint_config=CheckpointConfig(s3_uri=args.checkpoint_s3, local_path="/opt/ml/checkpoints")
        if args.checkpoint_s3 else None,{distribution}
    )


def input_data(args):
    from sagemaker.core.training.configs import InputData

    channels = {inputs}
    return [InputData(channel_name=name, data_source=uri) for name, uri in channels.items()]


def main(argv=None):
    args = parse_args(argv)
    trainer = build_trainer(args)
    trainer.train(input_data_config=input_data(args))


if __name__ == "__main__":
    main()
'''



# --distribution: what each SDK's launcher passes (docs/sagemaker-contract.md §6 and §10).
DISTRIBUTIONS = ("none", "mwms", "horovod", "parameter-server")
_V2_DISTRIBUTION = {
    "mwms": '{"multi_worker_mirrored_strategy": {"enabled": True}}',
    "horovod": '{"mpi": {"enabled": True, "processes_per_host": 1}}',
    "parameter-server": '{"parameter_server": {"enabled": True}}',
}
# SDK v3 offers Torchrun, MPI and SMP only: Horovod runs under MPI; a multi-worker-mirrored script needs no
# launcher option (it builds TF_CONFIG from SM_HOSTS itself); a parameter server has no v3 form.
_V3_DISTRIBUTION = {"horovod": "MPI(process_count_per_node=1)"}
_V3_DISTRIBUTION_IMPORT = "    from sagemaker.train.distributed import MPI\n"


def validate_distribution(sdk: str, distribution: str) -> None:
    """A distribution the chosen SDK's launcher can express."""
    if distribution not in DISTRIBUTIONS:
        raise EmitError(f"--distribution must be one of {', '.join(DISTRIBUTIONS)}, got {distribution!r}")
    if sdk == "v3" and distribution == "parameter-server":
        raise EmitError("--distribution parameter-server has no SDK v3 form (v3 offers Torchrun, MPI and SMP): "
                        "use --launcher-sdk v2")


def build_launcher(
    script_name: str,
    target: TargetFramework,
    hyperparameters: list[HyperParameter],
    channels: dict[str, str],
    sdk: str = "v3",
    entry_point: str | None = None,
    requirements_file: str | None = None,
    launcher_name: str = DEFAULT_LAUNCHER_NAME,
    distribution: str = "none",
) -> str:
    """The launcher's source text.

    `entry_point` is what SDK v2 runs (the shell entry point when one is written, else the script); SDK v3 always
    runs the script and installs `requirements_file` itself through `SourceCode(requirements=...)`. An image the
    SDK cannot resolve gets an image URI built from the framework table (transforms/frameworks.py).
    """
    if sdk not in LAUNCHER_SDKS:
        raise EmitError(f"launcher SDK must be one of {', '.join(LAUNCHER_SDKS)}, got {sdk!r}")
    validate_distribution(sdk, distribution)
    dests = channel_option_dests(channels)
    inputs = _inputs_expression(channels, dests)
    usage_channels = "".join(f" \\\n        --{name}-s3 s3://my-bucket/{name}" for name in channels)
    image = target.image
    image_uris_module = "sagemaker" if sdk == "v2" else "sagemaker.core"
    if image.sdk_resolves:
        image_constants = ""
        image_function = _SDK_IMAGE.format(image_uris_module=image_uris_module)
        image_default = f"the SDK's TensorFlow {target.framework_version} image"
    else:
        registry = newest_sdk_image()
        image_constants = _EXPLICIT_IMAGE_CONSTANTS.format(
            version=image.version, source=image.source, cpu_tag=image.cpu_tag, gpu_tag=image.gpu_tag,
            registry_version=registry.version, registry_py_version=registry.py_versions[-1],
        )
        image_function = _EXPLICIT_IMAGE.format(
            version=image.version, image_uris_module=image_uris_module, repository=IMAGE_REPOSITORY
        )
        image_default = f"the TensorFlow {image.version} image built from IMAGE_TAGS"
    if sdk == "v2":
        sdk_title = "SageMaker Python SDK v2"
        sdk_notes = "The TensorFlow estimator also passes --model_dir (an S3 URI for checkpoints)."
        if entry_point and entry_point != script_name:
            sdk_notes += f"\n{entry_point} installs requirements.txt and then runs {script_name}."
        entry_constant, entry = "ENTRY_POINT", entry_point or script_name
        option = _V2_DISTRIBUTION.get(distribution)
        body = _V2_BODY.format(
            inputs=inputs if channels else "",
            region_check=_REGION_CHECK,
            distribution=f"\n        distribution={option}," if option else "",
        )
    else:
        sdk_title = "SageMaker Python SDK v3, ModelTrainer"
        sdk_notes = (
            "SDK v3 has no TensorFlow estimator: ModelTrainer runs the script through its own driver, which\n"
            "passes no --model_dir and sends booleans as JSON `true`/`false`."
        )
        if distribution == "mwms":
            sdk_notes += (
                "\nv3 sets no TF_CONFIG: the script builds it from SM_HOSTS and SM_CURRENT_HOST (sm-migrate "
                "--distribution mwms)."
            )
        entry_constant, entry = "ENTRY_SCRIPT", script_name
        requirements = f", requirements={requirements_file!r}" if requirements_file else ""
        option = _V3_DISTRIBUTION.get(distribution)
        body = _V3_BODY.format(
            requirements=requirements,
            inputs=inputs,
            region_check=_REGION_CHECK,
            distribution_import=_V3_DISTRIBUTION_IMPORT if option else "",
            distribution=f"\n        distributed={option}," if option else "",
        )
    header = _HEADER.format(
        script=script_name,
        sdk_title=sdk_title,
        launcher=launcher_name,
        usage_channels=usage_channels,
        sdk_notes=sdk_notes,
        entry_constant=entry_constant,
        entry=entry,
        framework_version=target.framework_version,
        py_version=target.py_version,
        image_constants=image_constants,
        hyperparameters=_hyperparameters_block(hyperparameters),
        instance_type=DEFAULT_INSTANCE_TYPE,
        image_default=image_default,
        channel_arguments=_channel_arguments(channels, dests),
    )
    return header + image_function + body
