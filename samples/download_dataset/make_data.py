"""Write the only local input of the digit classifier: data/scanned_digits.npz.

`images` (N, 28, 28) uint8 are digits rendered with Pillow's default font (jittered centre, random size,
noise), standing in for the team's own scans; `labels` (N,) uint8. The MNIST and Fashion-MNIST data the
script also uses are downloaded by the script itself, not written here.
Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

SCANS_PER_DIGIT = 10
IMAGE_SIDE = 28


def scanned_digit(rng, digit):
    image = Image.new("L", (IMAGE_SIDE, IMAGE_SIDE))
    font = ImageFont.load_default(size=int(rng.integers(18, 25)))
    centre = tuple(int(value) for value in IMAGE_SIDE // 2 + rng.integers(-2, 3, 2))
    ImageDraw.Draw(image).text(centre, str(digit), fill=255, font=font, anchor="mm")
    pixels = np.asarray(image, dtype=np.float64) + rng.normal(0, 12, (IMAGE_SIDE, IMAGE_SIDE))
    return np.clip(pixels, 0, 255).astype(np.uint8)


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(9)
    labels = np.repeat(np.arange(10, dtype=np.uint8), SCANS_PER_DIGIT)
    images = np.stack([scanned_digit(rng, digit) for digit in labels])
    (dest / "data").mkdir(parents=True, exist_ok=True)
    np.savez(dest / "data" / "scanned_digits.npz", images=images, labels=labels)


if __name__ == "__main__":
    main()
