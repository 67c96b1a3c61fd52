"""Write the sample's tiny, seeded data set: input/train.csv (4 numeric features and a 0/1 label, 240 rows).

Usage: python make_data.py [DEST_DIR] (default: this folder).
"""
import os
import sys

import numpy as np
import pandas as pd

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(8)
x = rng.normal(size=(240, 4))
frame = pd.DataFrame(x, columns=["f1", "f2", "f3", "f4"])
frame["label"] = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(int)
os.makedirs(os.path.join(root, "input"), exist_ok=True)
frame.to_csv(os.path.join(root, "input", "train.csv"), index=False)
