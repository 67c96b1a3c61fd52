"""Fit a small regressor: the research-script layout with the command line under `__main__`."""

import argparse
import os

import matplotlib
import shutil

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path


def _sm_export(model, version_dir):
    """Write `model` as a TensorFlow Serving SavedModel into `version_dir`, a numbered version folder: with
    Keras 3's `model.export`, which serves RNN dropout and Random* layers where `tf.saved_model.save` raises;
    with `tf.saved_model.save` for a stateful RNN (it keeps the fixed batch size) and for anything that is not
    a Keras model."""
    stateful = any(getattr(layer, "stateful", False) for layer in getattr(model, "layers", ()))
    if stateful or not hasattr(model, "export"):
        tf.saved_model.save(model, version_dir)
        return
    try:
        model.export(version_dir, verbose=False)
    except Exception:  # a model export can't trace: the SavedModel API may still serve it
        shutil.rmtree(version_dir, ignore_errors=True)
        tf.saved_model.save(model, version_dir)

EPOCHS = 3
BATCH_SIZE = 16


def load_dataset(features_file, targets_file, batch_size):
    features = np.load(features_file)
    targets = np.load(targets_file)
    return tf.keras.utils.timeseries_dataset_from_array(
        features, targets, sequence_length=1, batch_size=batch_size, shuffle=False)


def main(args):
    dataset = load_dataset(args.features, args.targets, args.batch_size)
    initial_lr = args.learning_rate
    schedule = tf.keras.optimizers.schedules.ExponentialDecay(initial_lr, decay_steps=10, decay_rate=0.9)
    model = tf.keras.Sequential([
        tf.keras.Input((1, 5)),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(16, activation="relu"),
        tf.keras.layers.Dense(1),
    ])
    model.compile(optimizer=tf.keras.optimizers.Adam(schedule), loss="mse")
    board = tf.keras.callbacks.TensorBoard(log_dir=args.log_dir)
    history = model.fit(dataset, epochs=args.epochs, callbacks=[board])

    os.makedirs("plots", exist_ok=True)
    plt.plot(history.history["loss"])
    plt.savefig(os.path.join(_sm_path("plots", os.path.join(args.output_data_dir, "plots/")), f"{args.run}_loss.png"))
    model.save(_sm_path("regressor.keras", os.path.join(args.sm_model_dir, "regressor.keras")))

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", default=os.path.join(os.environ.get("SM_CHANNEL_ARRAYS", "arrays"), "features.npy"))
    parser.add_argument("--targets", default=os.path.join(os.environ.get("SM_CHANNEL_ARRAYS", "arrays"), "targets.npy"))
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--batch-size", "--batch_size", type=int, default=BATCH_SIZE)
    parser.add_argument("--log-dir", "--log_dir", default=_sm_path("logs", os.path.join(os.environ.get("SM_OUTPUT_DATA_DIR", "sm_output"), "logs")))
    parser.add_argument("--run", default="baseline")
    parser.add_argument(
        "--learning_rate", "--learning-rate", "--initial_lr", "--initial-lr",
        type=float,
        default=0.05,
        help="initial_lr in the original script",
    )
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
    main(parser.parse_known_args()[0])
