"""Script-mode training script written for the TF 2.3-era SageMaker TensorFlow images.

SageMaker passes the hyperparameters as arguments and the estimator's S3 location as --model_dir; the data
and the model folder come from SM_CHANNEL_TRAIN and SM_MODEL_DIR. Written against Keras 2 (tf.keras).
"""
import argparse
import os
import pickle

import numpy as np
import tensorflow as tf


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
    args, _ = parser.parse_known_args()

    train_dir = os.environ["SM_CHANNEL_TRAIN"]
    export_dir = os.environ["SM_MODEL_DIR"]
    data = np.load(os.path.join(train_dir, "signals.npz"))
    features, labels = data["features"], data["labels"]

    model = tf.keras.Sequential([
        tf.keras.layers.Dense(16, activation="relu", input_shape=(features.shape[1],)),
        tf.keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer=tf.keras.optimizers.Adam(lr=args.learning_rate, decay=1e-4), loss="binary_crossentropy",
                  metrics=["accuracy"])
    steps = int(np.ceil(len(features) / args.batch_size))
    history = model.fit_generator(batches(features, labels, args.batch_size), steps_per_epoch=steps,
                                  epochs=args.epochs)

    # the training curve, kept with the job's artefacts
    with open(os.path.join(args.model_dir, "history.p"), "wb") as handle:
        pickle.dump(history.history, handle)

    tf.saved_model.save(model, os.path.join(export_dir, "1"))
