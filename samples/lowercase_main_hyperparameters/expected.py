# Regress a noisy linear function; every setting lives in main() in lower case, the way quick scripts are
# written, and the batch size is computed from the data.
import numpy as np
import tensorflow as tf
import argparse
import os
import shutil


# Helpers for the SageMaker changes below (added by sm-migrate).
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


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--epochs", type=int, default=3, help="epochs in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.05,
                    help="learning_rate in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=None,
                    help="batch_size in the original script (computed at run time; default: the script's value)")
parser.add_argument("--points", type=str, default=os.environ.get("SM_CHANNEL_POINTS", "."),
                    help="input channel 'points' (SageMaker: SM_CHANNEL_POINTS)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


def main():
    epochs = args.epochs
    learning_rate = args.learning_rate
    data = np.load(os.path.join(args.points, "points.npz"))
    x, y = data["x"], data["y"]
    batch_size = args.batch_size if args.batch_size is not None else max(8, len(x) // 16)
    model = tf.keras.Sequential([tf.keras.Input(shape=(2,)), tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.SGD(learning_rate), loss="mse")
    model.fit(x, y, epochs=epochs, batch_size=batch_size, verbose=2)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))


if __name__ == "__main__":
    main()
