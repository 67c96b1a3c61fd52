"""Notebook-competition style: the settings in a `CFG` class and an optimizer `params` dict, read as
`CFG.EPOCHS` and `params["learning_rate"]` where the model is compiled and fit."""
import numpy as np
import pandas as pd
import tensorflow as tf


class CFG:
    EPOCHS = 3
    BATCH_SIZE = 32
    SEED = 42
    TARGET = "label"


params = {"learning_rate": 0.005, "hidden_units": 16}

tf.keras.utils.set_random_seed(CFG.SEED)
frame = pd.read_csv("input/train.csv")
features = frame.drop(columns=[CFG.TARGET]).to_numpy("float32")
labels = frame[CFG.TARGET].to_numpy("int32")

model = tf.keras.Sequential([
    tf.keras.Input(shape=(features.shape[1],)),
    tf.keras.layers.Dense(params["hidden_units"], activation="relu"),
    tf.keras.layers.Dense(2, activation="softmax"),
])
model.compile(optimizer=tf.keras.optimizers.Adam(params["learning_rate"]),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(features, labels, epochs=CFG.EPOCHS, batch_size=CFG.BATCH_SIZE, verbose=2)
model.save("cfg_model.keras")
