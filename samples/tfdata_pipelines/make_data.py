"""Write a tiny sentiment corpus as sharded TFRecords into records/.

records/train-0000N-of-00002.tfrecord and records/eval-00000-of-00001.tfrecord hold tf.train.Example
records (`text`: bytes, `label`: int64, 1 when the review has more positive than negative words);
records/vocab.txt has one token per line; records/dataset_info.json the split sizes and the longest review.
Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import json
import sys
from pathlib import Path

import numpy as np
import tensorflow as tf

POSITIVE = ["great", "lovely", "superb", "fun", "charming", "moving"]
NEGATIVE = ["dull", "awful", "boring", "clumsy", "tedious", "bland"]
NEUTRAL = ["the", "film", "plot", "cast", "was", "and", "a", "story", "ending", "music"]
SHARDS = {"train": [160, 160], "eval": [80]}
MAX_TOKENS = 12


def review(rng):
    """A shuffled bag of neutral, positive and negative words; ties are broken with one more word."""
    positives, negatives = rng.integers(0, 4, 2)
    if positives == negatives:
        positives += 1
    words = [
        *rng.choice(NEUTRAL, MAX_TOKENS - 4),
        *rng.choice(POSITIVE, positives),
        *rng.choice(NEGATIVE, negatives),
    ]
    rng.shuffle(words)
    return " ".join(words[:MAX_TOKENS]), int(positives > negatives)


def example(text, label):
    return tf.train.Example(features=tf.train.Features(feature={
        "text": tf.train.Feature(bytes_list=tf.train.BytesList(value=[text.encode("utf-8")])),
        "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[label])),
    }))


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(3)
    records_dir = dest / "records"
    records_dir.mkdir(parents=True, exist_ok=True)
    for split, shard_sizes in SHARDS.items():
        for index, size in enumerate(shard_sizes):
            shard = records_dir / f"{split}-{index:05d}-of-{len(shard_sizes):05d}.tfrecord"
            with tf.io.TFRecordWriter(str(shard)) as writer:
                for _ in range(size):
                    writer.write(example(*review(rng)).SerializeToString())
    (records_dir / "vocab.txt").write_text("\n".join(NEUTRAL + POSITIVE + NEGATIVE) + "\n")
    info = {"splits": {split: sum(sizes) for split, sizes in SHARDS.items()}, "max_tokens": MAX_TOKENS}
    (records_dir / "dataset_info.json").write_text(json.dumps(info, indent=2) + "\n")


if __name__ == "__main__":
    main()
