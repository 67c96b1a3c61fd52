"""A research-code layout: settings in a dataclass, a Trainer class that owns its model and runs a
GradientTape loop in a method, `range(self.epochs)` set in `__init__` from the config."""
from dataclasses import dataclass

import numpy as np
import tensorflow as tf


@dataclass
class Config:
    epochs: int = 3
    batch_size: int = 16
    learning_rate: float = 0.01
    hidden_units: int = 32


class Trainer:
    def __init__(self, epochs, learning_rate, hidden_units):
        self.epochs = epochs
        self.model = tf.keras.Sequential([
            tf.keras.layers.Dense(hidden_units, activation="relu"),
            tf.keras.layers.Dense(3),
        ])
        self.optimizer = tf.keras.optimizers.Adam(learning_rate)
        self.loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)

    @tf.function
    def train_step(self, x, y):
        with tf.GradientTape() as tape:
            loss = self.loss_fn(y, self.model(x, training=True))
        grads = tape.gradient(loss, self.model.trainable_variables)
        self.optimizer.apply_gradients(zip(grads, self.model.trainable_variables))
        return loss

    def train(self, dataset):
        for epoch in range(self.epochs):
            for x, y in dataset:
                loss = self.train_step(x, y)
            print(f"epoch {epoch + 1}/{self.epochs} loss {float(loss):.4f}")


config = Config()
data = np.load("data/readings.npz")
dataset = tf.data.Dataset.from_tensor_slices((data["x"], data["y"])).shuffle(128, seed=6).batch(config.batch_size)
trainer = Trainer(epochs=config.epochs, learning_rate=config.learning_rate, hidden_units=config.hidden_units)
trainer.train(dataset)
