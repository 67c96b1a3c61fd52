"""Review sentiment classifier fed by tf.data pipelines over sharded TFRecords.

records/ is what the preprocessing job writes: train-*.tfrecord and eval-*.tfrecord shards of
tf.train.Example (text, label), the token vocabulary (one per line) and dataset_info.json.
TensorBoard logs go to tb_logs/, the fault-tolerance backup to backup/ (kept after training so a
finished run can be inspected), and the model to sentiment.keras.
"""
import json

import tensorflow as tf
import argparse
import os
import shutil


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path


def _sm_export(model, version_dir):
    """Write `model` as a TensorFlow Serving SavedModel into `version_dir`, a numbered version folder: with
    Keras 3's `model.export`, which serves RNN dropout and Random* layers where `tf.saved_model.save` raises;
    with `tf.saved_model.save` for a stateful RNN (it keeps the fixed batch size) and for anything that is not
    a Keras model."""
    stateful = any(getattr(layer, "stateful", False) for layer in getattr(model, "layers", ()))
    if stateful or not hasattr(model, "export"):
        tf.saved_model.save(model, version_dir)
        return
    try:
        model.export(version_dir, verbose=False)
    except Exception:  # a model export can't trace: the SavedModel API may still serve it
        shutil.rmtree(version_dir, ignore_errors=True)
        tf.saved_model.save(model, version_dir)


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--epochs", type=int, default=2, help="EPOCHS in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=32,
                    help="BATCH_SIZE in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.01,
                    help="LEARNING_RATE in the original script")
parser.add_argument("--embedding_dim", "--embedding-dim", type=int, default=16,
                    help="EMBEDDING_DIM in the original script")
parser.add_argument("--shuffle_buffer", "--shuffle-buffer", type=int, default=1000,
                    help="SHUFFLE_BUFFER in the original script")
parser.add_argument("--records", type=str, default=os.environ.get("SM_CHANNEL_RECORDS", "records"),
                    help="input channel 'records' (SageMaker: SM_CHANNEL_RECORDS)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument(
    "--output-data-dir", "--output_data_dir",
    type=str,
    default=os.environ.get("SM_OUTPUT_DATA_DIR", "sm_output"),
    help="other artefacts (SageMaker: SM_OUTPUT_DATA_DIR)",
)
parser.add_argument(
    "--checkpoint-dir", "--checkpoint_dir",
    type=str,
    default=os.path.join(os.path.dirname(os.environ["SM_MODEL_DIR"]), "checkpoints") if "SM_MODEL_DIR" in os.environ else "checkpoints",
    help="checkpoints (SageMaker: /opt/ml/checkpoints, synced to checkpoint_s3_uri)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

EPOCHS = args.epochs
BATCH_SIZE = args.batch_size
LEARNING_RATE = args.learning_rate
EMBEDDING_DIM = args.embedding_dim
SHUFFLE_BUFFER = args.shuffle_buffer

info = json.loads(tf.io.read_file(os.path.join(args.records, "dataset_info.json")).numpy())
print("splits:", info["splits"])

vocabulary = [line.numpy().decode("utf-8") for line in tf.data.TextLineDataset(os.path.join(args.records, "vocab.txt"))]
vectorize = tf.keras.layers.TextVectorization(vocabulary=vocabulary, output_sequence_length=info["max_tokens"])

FEATURE_SPEC = {
    "text": tf.io.FixedLenFeature([], tf.string),
    "label": tf.io.FixedLenFeature([], tf.int64),
}


def parse(serialized):
    example = tf.io.parse_single_example(serialized, FEATURE_SPEC)
    return vectorize(example["text"]), example["label"]


train_files = tf.io.gfile.glob(os.path.join(args.records, "train-*.tfrecord"))
train_ds = (
    tf.data.TFRecordDataset(train_files)
    .map(parse, num_parallel_calls=tf.data.AUTOTUNE)
    .shuffle(SHUFFLE_BUFFER, seed=0)
    .batch(BATCH_SIZE)
    .prefetch(tf.data.AUTOTUNE)
)
eval_files = tf.data.Dataset.list_files(os.path.join(args.records, "eval-*.tfrecord"), shuffle=False)
eval_ds = eval_files.interleave(tf.data.TFRecordDataset, cycle_length=2).map(parse).batch(BATCH_SIZE)

model = tf.keras.Sequential([
    tf.keras.Input(shape=(info["max_tokens"],), dtype="int64"),
    tf.keras.layers.Embedding(vectorize.vocabulary_size(), EMBEDDING_DIM),
    tf.keras.layers.GlobalAveragePooling1D(),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(
    optimizer=tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE),
    loss="binary_crossentropy",
    metrics=["accuracy"],
)

callbacks = [
    tf.keras.callbacks.TensorBoard(log_dir=_sm_path("tb_logs", os.path.join(args.output_data_dir, "tb_logs"))),
    tf.keras.callbacks.BackupAndRestore(_sm_path("backup", os.path.join(args.checkpoint_dir, "backup")), delete_checkpoint=False),
]
model.fit(train_ds, validation_data=eval_ds, epochs=EPOCHS, callbacks=callbacks)

model.save(_sm_path("sentiment.keras", os.path.join(args.sm_model_dir, "sentiment.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
