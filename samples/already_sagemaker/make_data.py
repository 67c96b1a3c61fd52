"""Write a tiny dataset in the layout of the script's SageMaker channel: data/train/train.npz.

Locally `--train` defaults to data/train; on SageMaker the same file arrives in the `train` channel.
Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np

NUM_CLASSES = 3
NUM_FEATURES = 10


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(11)
    centres = rng.uniform(-2.0, 2.0, size=(NUM_CLASSES, NUM_FEATURES))
    labels = rng.integers(0, NUM_CLASSES, size=240)
    features = (centres[labels] + rng.normal(0.0, 0.6, size=(240, NUM_FEATURES))).astype(np.float32)
    (dest / "data" / "train").mkdir(parents=True, exist_ok=True)
    np.savez(dest / "data" / "train" / "train.npz", x=features, y=labels.astype(np.int64))


if __name__ == "__main__":
    main()
