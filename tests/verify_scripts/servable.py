"""Trains a tiny Keras model on the `train` channel and exports a SavedModel to $SM_MODEL_DIR/1.

Records the raw argv it received in $SM_OUTPUT_DATA_DIR/args.json and writes a checkpoint marker, so
tests can see what reached the script and what landed where.
"""

import argparse
import json
import os
import sys

import numpy as np
import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=1)
parser.add_argument("--optimizer", default="sgd")
args, _ = parser.parse_known_args()

data = np.loadtxt(os.path.join(os.environ["SM_CHANNEL_TRAIN"], "train.csv"), delimiter=",", dtype="float32")
features, labels = data[:, :-1], data[:, -1:]
model = tf.keras.Sequential([tf.keras.Input((features.shape[1],)), tf.keras.layers.Dense(1)])
model.compile(optimizer=args.optimizer, loss="mse")
model.fit(features, labels, epochs=args.epochs, batch_size=8, verbose=0)
model.export(os.path.join(os.environ["SM_MODEL_DIR"], "1"))

with open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], "args.json"), "w") as handle:
    json.dump(sys.argv[1:], handle)
# No variable names the checkpoint dir (docs/sagemaker-contract.md §1); the emulated job moves /opt/ml to SAGEMAKER_BASE_DIR.
checkpoints = os.path.join(os.environ.get("SAGEMAKER_BASE_DIR", "/opt/ml"), "checkpoints")
with open(os.path.join(checkpoints, "epoch-1.txt"), "w") as handle:
    handle.write("done")
