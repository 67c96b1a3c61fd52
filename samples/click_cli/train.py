"""Review sentiment from bag-of-words counts, with a click command line.

Example:
    python train.py --epochs 5 --batch-size 16 --learning-rate 0.005
"""
import os

import click
import numpy as np
import tensorflow as tf


@click.command()
@click.option("--epochs", default=2, show_default=True, help="Passes over the training data.")
@click.option("--batch-size", default=32, show_default=True)
@click.option("--learning-rate", default=0.01, show_default=True, help="Adam learning rate.")
@click.option("--data-dir", default="data", type=click.Path(exists=True, file_okay=False), show_default=True)
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
    model.save("sentiment.keras")
    click.echo("saved sentiment.keras")


if __name__ == "__main__":
    main()
