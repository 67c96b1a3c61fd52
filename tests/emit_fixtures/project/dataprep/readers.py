import glob

import h5py


def load_frames(directory):
    return [h5py.File(path)["x"][:] for path in sorted(glob.glob(f"{directory}/*.h5"))]
