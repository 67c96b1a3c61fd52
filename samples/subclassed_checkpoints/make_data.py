"""Write tiny grayscale PNGs of striped patches: data/images/{horizontal,vertical}/NNN.png.

Stripes have a random period, phase and noise; the class is their orientation. The PNGs are
encoded with the standard library only. Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import struct
import sys
import zlib
from pathlib import Path

import numpy as np

IMAGE_SIDE = 16
IMAGES_PER_CLASS = 80


def png_bytes(pixels):
    """Encode a 2-D uint8 array as an 8-bit grayscale PNG."""
    height, width = pixels.shape

    def chunk(tag, payload):
        return struct.pack(">I", len(payload)) + tag + payload + struct.pack(">I", zlib.crc32(tag + payload))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    scanlines = b"".join(b"\x00" + row.tobytes() for row in pixels)  # filter type 0 per row
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(scanlines))
        + chunk(b"IEND", b"")
    )


def striped_patch(rng, horizontal):
    period = rng.uniform(3.0, 6.0)
    phase = rng.uniform(0, 2 * np.pi)
    ramp = np.sin(2 * np.pi * np.arange(IMAGE_SIDE) / period + phase)
    if horizontal:
        stripes = np.tile(ramp[:, None], (1, IMAGE_SIDE))  # rows vary, columns constant
    else:
        stripes = np.tile(ramp[None, :], (IMAGE_SIDE, 1))
    pixels = 128 + 90 * stripes + rng.normal(0, 20, (IMAGE_SIDE, IMAGE_SIDE))
    return np.clip(pixels, 0, 255).astype(np.uint8)


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(5)
    for class_name in ("horizontal", "vertical"):
        class_dir = dest / "data" / "images" / class_name
        class_dir.mkdir(parents=True, exist_ok=True)
        for index in range(IMAGES_PER_CLASS):
            patch = striped_patch(rng, horizontal=class_name == "horizontal")
            (class_dir / f"{index:03d}.png").write_bytes(png_bytes(patch))


if __name__ == "__main__":
    main()
