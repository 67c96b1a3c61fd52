"""Write tiny grayscale PNGs of rings and squares with Pillow, plus the labelling tool's metadata.

images/{train,val}/{ring,square}/NNN.png, images/meta/classes.txt (the class order) and
images/meta/<class>.json (display name and class weight per class).
Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import json
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

IMAGE_SIDE = 24
SPLIT_SIZES = {"train": 60, "val": 20}  # images per class
CLASSES = {
    "ring": {"display_name": "Sealing ring", "class_weight": 1.0},
    "square": {"display_name": "Square washer", "class_weight": 1.5},
}


def shape_image(rng, class_name):
    """A bright outline of a random size and position on a noisy dark background."""
    background = rng.normal(40, 15, (IMAGE_SIDE, IMAGE_SIDE)).clip(0, 255).astype(np.uint8)
    image = Image.fromarray(background)
    radius = rng.integers(5, 9)
    x, y = rng.integers(radius + 1, IMAGE_SIDE - radius - 1, 2)
    box = [x - radius, y - radius, x + radius, y + radius]
    draw = ImageDraw.Draw(image)
    if class_name == "ring":
        draw.ellipse(box, outline=int(rng.integers(180, 255)), width=2)
    else:
        draw.rectangle(box, outline=int(rng.integers(180, 255)), width=2)
    return image


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(21)
    for split, size in SPLIT_SIZES.items():
        for class_name in CLASSES:
            class_dir = dest / "images" / split / class_name
            class_dir.mkdir(parents=True, exist_ok=True)
            for index in range(size):
                shape_image(rng, class_name).save(class_dir / f"{index:03d}.png")
    meta_dir = dest / "images" / "meta"
    meta_dir.mkdir(parents=True, exist_ok=True)
    (meta_dir / "classes.txt").write_text("\n".join(CLASSES) + "\n")
    for class_name, record in CLASSES.items():
        (meta_dir / f"{class_name}.json").write_text(json.dumps({"name": class_name, **record}, indent=2) + "\n")


if __name__ == "__main__":
    main()
