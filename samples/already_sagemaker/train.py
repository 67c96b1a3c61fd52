"""Training script for SageMaker script mode (TensorFlow estimator), in the style of the AWS examples.

SageMaker passes hyperparameters as command-line arguments and the S3 checkpoint location as --model_dir;
data arrives in SM_CHANNEL_TRAIN and the model to serve goes to SM_MODEL_DIR/<version>. The defaults after
the environment variables let the same script run locally: python train.py --epochs 2
"""
import argparse
import os

import numpy as np
import tensorflow as tf


def parse_args():
    parser = argparse.ArgumentParser()
    # hyperparameters sent by the client are passed as command-line arguments to the script
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--learning-rate", type=float, default=0.01)
    # S3 location the TensorFlow estimator passes for checkpoints
    parser.add_argument("--model_dir", type=str)
    # data, model and output directories
    parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
    parser.add_argument("--train", type=str, default=os.environ.get("SM_CHANNEL_TRAIN", "data/train"))
    return parser.parse_known_args()


def get_train_data(train_dir):
    data = np.load(os.path.join(train_dir, "train.npz"))
    print("x train", data["x"].shape, "y train", data["y"].shape)
    return data["x"], data["y"]


if __name__ == "__main__":
    args, _ = parse_args()
    x_train, y_train = get_train_data(args.train)

    model = tf.keras.Sequential([
        tf.keras.Input(shape=(x_train.shape[1],)),
        tf.keras.layers.Dense(32, activation="relu"),
        tf.keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(
        optimizer=tf.keras.optimizers.SGD(learning_rate=args.learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(x_train, y_train, epochs=args.epochs, batch_size=args.batch_size)

    # create a TensorFlow SavedModel for deployment to a SageMaker endpoint with TensorFlow Serving
    tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))
