"""Write a tiny sensor-signal dataset: data/train.npz (x: 300 x 16 float32, y: 3 classes).

Each class is a sine wave of its own frequency with random phase and noise.
Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np

NUM_ROWS = 300
SIGNAL_LENGTH = 16
FREQUENCIES = [1.0, 2.0, 4.0]


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(99)
    labels = rng.integers(0, len(FREQUENCIES), NUM_ROWS)
    phases = rng.uniform(0, 2 * np.pi, (NUM_ROWS, 1))
    steps = np.linspace(0, 2 * np.pi, SIGNAL_LENGTH)
    waves = np.sin(np.array(FREQUENCIES)[labels][:, None] * steps + phases)
    signals = (waves + rng.normal(0, 0.2, waves.shape)).astype(np.float32)
    (dest / "data").mkdir(parents=True, exist_ok=True)
    np.savez(dest / "data" / "train.npz", x=signals, y=labels.astype(np.int64))


if __name__ == "__main__":
    main()
