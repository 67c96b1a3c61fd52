"""Churn-style binary classifier built with the Keras functional API.

Reads the feature matrix and labels written by make_data.py and trains a two-branch MLP.
"""
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers


def load_data():
    x = np.load("data/features.npy")
    y = np.load("data/labels.npy")
    return x, y


def build_model(num_features, hidden_units=32):
    inputs = keras.Input(shape=(num_features,), name="features")
    # a wide (linear) branch and a deep branch, merged before the output
    wide = layers.Dense(8)(inputs)
    deep = layers.Dense(hidden_units, activation="relu")(inputs)
    deep = layers.Dense(hidden_units // 2, activation="relu")(deep)
    merged = layers.concatenate([wide, deep])
    outputs = layers.Dense(1, activation="sigmoid", name="churn")(merged)
    return keras.Model(inputs=inputs, outputs=outputs, name="wide_and_deep")


def main():
    x, y = load_data()
    model = build_model(x.shape[1])
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.001),
        loss="binary_crossentropy",
        metrics=["accuracy", keras.metrics.AUC(name="auc")],
    )
    history = model.fit(x, y, epochs=2, batch_size=64, verbose=2)
    print("final training accuracy: %.3f" % history.history["accuracy"][-1])


if __name__ == "__main__":
    main()
