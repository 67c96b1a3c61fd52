"""Script-mode training script written for the TF 2.3-era SageMaker TensorFlow images.

SageMaker passes the hyperparameters as arguments and the estimator's S3 location as --model_dir; the data
and the model folder come from SM_CHANNEL_TRAIN and SM_MODEL_DIR. Written against Keras 2 (tf.keras).
"""
import argparse
import os
import pickle

import numpy as np
import tensorflow as tf


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path


def batches(features, labels, batch_size):
    """Endless (features, labels) mini-batches, as fit_generator wants them."""
    while True:
        for start in range(0, len(features), batch_size):
            yield features[start:start + batch_size], labels[start:start + batch_size]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--learning-rate", type=float, default=0.005)
    parser.add_argument("--model_dir", type=str)
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
    args, _ = parser.parse_known_args()

    train_dir = os.environ.get("SM_CHANNEL_TRAIN", "train")
    export_dir = os.environ.get("SM_MODEL_DIR", "sm_model")
    data = np.load(os.path.join(train_dir, "signals.npz"))
    features, labels = data["features"], data["labels"]

    model = tf.keras.Sequential([
        tf.keras.layers.Dense(16, activation="relu", input_shape=(features.shape[1],)),
        tf.keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=tf.keras.optimizers.schedules.InverseTimeDecay(args.learning_rate, decay_steps=1, decay_rate=1e-4)), loss="binary_crossentropy",
                  metrics=["accuracy"])
    steps = int(np.ceil(len(features) / args.batch_size))
    history = model.fit(batches(features, labels, args.batch_size), steps_per_epoch=steps,
                        epochs=args.epochs)

    os.makedirs(args.output_data_dir, exist_ok=True)

    # the training curve, kept with the job's artefacts
    with open(os.path.join(args.output_data_dir, "history.p"), "wb") as handle:
        pickle.dump(history.history, handle)

    tf.saved_model.save(model, _sm_path(os.path.join(export_dir, "1"), os.path.join(args.sm_model_dir, "1")))
