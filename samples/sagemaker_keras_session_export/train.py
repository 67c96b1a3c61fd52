"""Script-mode training script from the TF 1.x days of SageMaker's TensorFlow images, Keras on a TF1 session.

The parser spells the model dir `--model-dir` (default SM_MODEL_DIR), channels come from SM_CHANNEL_*, and the
Keras model is exported for TensorFlow Serving through the backend's session with `simple_save`.
"""
import argparse
import os

import numpy as np
import tensorflow as tf
from tensorflow.keras import backend as K

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--model-dir", type=str, default=os.environ["SM_MODEL_DIR"])
    parser.add_argument("--training", type=str, default=os.environ["SM_CHANNEL_TRAINING"])
    args, _ = parser.parse_known_args()

    data = np.load(os.path.join(args.training, "readings.npz"))
    x_train, y_train = data["x"], data["y"]

    model = tf.keras.Sequential([
        tf.keras.layers.Dense(32, activation="relu", input_shape=(x_train.shape[1],)),
        tf.keras.layers.Dropout(args.dropout),
        tf.keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x_train, y_train, batch_size=args.batch_size, epochs=args.epochs, verbose=2)

    # save the Keras model for TensorFlow Serving
    sess = K.get_session()
    tf.saved_model.simple_save(
        sess,
        os.path.join(args.model_dir, "model/1"),
        inputs={"inputs": model.input},
        outputs={t.name: t for t in model.outputs})
