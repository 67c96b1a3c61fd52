"""Fixture for tests/test_emit.py: a training script whose imports cover every requirements.txt case."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import cv2
import numpy as np
import pandas as pd
import tensorflow as tf
import yaml
from sklearn.model_selection import train_test_split
from tensorflow import keras

import helpers
from dataprep import load_frames

try:
    import ujson as fast_json
except ImportError:
    fast_json = json

import acme_internal_metrics


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=10)
    args = parser.parse_args()
    frames = load_frames(Path(os.environ.get("DATA", "data")))
    config = yaml.safe_load(open("config.yaml"))
    train, test = train_test_split(pd.DataFrame(np.asarray(frames)))
    model = keras.Sequential([keras.layers.Dense(1)])
    model.fit(train, epochs=args.epochs)
    helpers.report(cv2.__version__, tf.__version__, config, fast_json, acme_internal_metrics, sys.argv)


if __name__ == "__main__":
    main()
