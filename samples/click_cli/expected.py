"""Review sentiment from bag-of-words counts, with a click command line.

Example:
    python train.py --epochs 5 --batch-size 16 --learning-rate 0.005
"""
import os

import click
import numpy as np
import tensorflow as tf
import shutil


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


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option("--epochs", default=2, show_default=True, help="Passes over the training data.")
@click.option("--batch-size", default=32, show_default=True)
@click.option("--learning-rate", default=0.01, show_default=True, help="Adam learning rate.")
@click.option("--data-dir", default=os.environ.get("SM_CHANNEL_DATA", "data"), type=click.Path(exists=True, file_okay=False), show_default=True)
def main(epochs, batch_size, learning_rate, data_dir):
    """Train the sentiment classifier and save it as sentiment.keras."""
    data = np.load(os.path.join(data_dir, "reviews.npz"))
    counts, labels = data["counts"], data["labels"]

    model = tf.keras.Sequential([
        tf.keras.Input(shape=(counts.shape[1],)),
        tf.keras.layers.Dense(8, activation="relu"),
        tf.keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(
        optimizer=tf.keras.optimizers.Adam(learning_rate=learning_rate),
        loss="binary_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(counts, labels, epochs=epochs, batch_size=batch_size, validation_split=0.2)
    model.save(_sm_path("sentiment.keras", os.path.join(os.environ.get("SM_MODEL_DIR", "sm_model"), "sentiment.keras")))

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(os.environ.get("SM_MODEL_DIR", "sm_model"), "1"))
    click.echo("saved sentiment.keras")


if __name__ == "__main__":
    main()
