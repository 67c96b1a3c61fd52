#!/usr/bin/env python3
"""Train a flower-species classifier from a CSV file and export it as a SavedModel.

Example:
    python train.py --epochs 3 --batch-size 16 --lr 0.005
"""
import argparse
import os

import numpy as np
import tensorflow as tf


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path


def parse_args():
    parser = argparse.ArgumentParser(description="Train the flower classifier.")
    parser.add_argument("--epochs", type=int, default=3, help="passes over the training data")
    parser.add_argument("--batch-size", "--batch_size", type=int, default=16)
    parser.add_argument("--lr", "--learning_rate", type=float, default=0.005, help="Adam learning rate")
    parser.add_argument("--data-dir", "--data_dir", default=os.environ.get("SM_CHANNEL_DATA", "data"), help="folder holding train.csv")
    parser.add_argument("--validation_split", "--validation-split", type=float, default=0.2,
                        help="fit(validation_split=) in the original script")
    parser.add_argument(
        "--sm-model-dir", "--sm_model_dir",
        type=str,
        default=os.environ.get("SM_MODEL_DIR", "sm_model"),
        help="where the final model goes (SageMaker: SM_MODEL_DIR)",
    )
    parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                        help="checkpoints; an S3 URI on SageMaker (never the final model)")
    return parser.parse_known_args()[0]


def load_csv(path):
    """Return (features, labels); the label is the last column."""
    table = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float32)
    return table[:, :-1], table[:, -1].astype(np.int32)


def main():
    args = parse_args()
    features, labels = load_csv(os.path.join(args.data_dir, "train.csv"))

    normalizer = tf.keras.layers.Normalization()
    normalizer.adapt(features)

    model = tf.keras.Sequential([
        tf.keras.Input(shape=(features.shape[1],)),
        normalizer,
        tf.keras.layers.Dense(16, activation="relu"),
        tf.keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(
        optimizer=tf.keras.optimizers.Adam(learning_rate=args.lr),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(features, labels, epochs=args.epochs, batch_size=args.batch_size, validation_split=args.validation_split)

    # SavedModel for TF Serving
    tf.saved_model.save(model, _sm_path("export/classifier", os.path.join(args.sm_model_dir, "1")))
    print("saved to export/classifier")


if __name__ == "__main__":
    main()
