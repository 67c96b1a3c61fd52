"""Review sentiment classifier fed by tf.data pipelines over sharded TFRecords.

records/ is what the preprocessing job writes: train-*.tfrecord and eval-*.tfrecord shards of
tf.train.Example (text, label), the token vocabulary (one per line) and dataset_info.json.
TensorBoard logs go to tb_logs/, the fault-tolerance backup to backup/ (kept after training so a
finished run can be inspected), and the model to sentiment.keras.
"""
import json

import tensorflow as tf

EPOCHS = 2
BATCH_SIZE = 32
LEARNING_RATE = 0.01
EMBEDDING_DIM = 16
SHUFFLE_BUFFER = 1000

info = json.loads(tf.io.read_file("records/dataset_info.json").numpy())
print("splits:", info["splits"])

vocabulary = [line.numpy().decode("utf-8") for line in tf.data.TextLineDataset("records/vocab.txt")]
vectorize = tf.keras.layers.TextVectorization(vocabulary=vocabulary, output_sequence_length=info["max_tokens"])

FEATURE_SPEC = {
    "text": tf.io.FixedLenFeature([], tf.string),
    "label": tf.io.FixedLenFeature([], tf.int64),
}


def parse(serialized):
    example = tf.io.parse_single_example(serialized, FEATURE_SPEC)
    return vectorize(example["text"]), example["label"]


train_files = tf.io.gfile.glob("records/train-*.tfrecord")
train_ds = (
    tf.data.TFRecordDataset(train_files)
    .map(parse, num_parallel_calls=tf.data.AUTOTUNE)
    .shuffle(SHUFFLE_BUFFER, seed=0)
    .batch(BATCH_SIZE)
    .prefetch(tf.data.AUTOTUNE)
)
eval_files = tf.data.Dataset.list_files("records/eval-*.tfrecord", shuffle=False)
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
    tf.keras.callbacks.TensorBoard(log_dir="tb_logs"),
    tf.keras.callbacks.BackupAndRestore("backup", delete_checkpoint=False),
]
model.fit(train_ds, validation_data=eval_ds, epochs=EPOCHS, callbacks=callbacks)

model.save("sentiment.keras")
