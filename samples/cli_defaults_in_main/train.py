"""Fit a small regressor: the research-script layout with the command line under `__main__`."""

import argparse
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

EPOCHS = 3
BATCH_SIZE = 16


def load_dataset(features_file, targets_file, batch_size):
    features = np.load(features_file)
    targets = np.load(targets_file)
    return tf.keras.utils.timeseries_dataset_from_array(
        features, targets, sequence_length=1, batch_size=batch_size, shuffle=False)


def main(args):
    dataset = load_dataset(args.features, args.targets, args.batch_size)
    initial_lr = 0.05
    schedule = tf.keras.optimizers.schedules.ExponentialDecay(initial_lr, decay_steps=10, decay_rate=0.9)
    model = tf.keras.Sequential([
        tf.keras.Input((1, 5)),
        tf.keras.layers.Flatten(),
        tf.keras.layers.Dense(16, activation="relu"),
        tf.keras.layers.Dense(1),
    ])
    model.compile(optimizer=tf.keras.optimizers.Adam(schedule), loss="mse")
    board = tf.keras.callbacks.TensorBoard(log_dir=args.log_dir)
    history = model.fit(dataset, epochs=args.epochs, callbacks=[board])

    os.makedirs("plots", exist_ok=True)
    plt.plot(history.history["loss"])
    plt.savefig(f"plots/{args.run}_loss.png")
    model.save("regressor.keras")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--features", default="arrays/features.npy")
    parser.add_argument("--targets", default="arrays/targets.npy")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument("--log-dir", default="logs")
    parser.add_argument("--run", default="baseline")
    main(parser.parse_args())
