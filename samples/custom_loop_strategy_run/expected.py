"""The TensorFlow tutorial's distributed custom loop: a MirroredStrategy, a step run on every replica with
`strategy.run` from a @tf.function, losses scaled by the global batch size; no save."""
import numpy as np
import tensorflow as tf
import argparse
import os
import shutil


# Helpers for the SageMaker changes below (added by sm-migrate).
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
parser.add_argument("--epochs", type=int, default=3, help="EPOCHS in the original script")
parser.add_argument(
    "--batch_size", "--batch-size", "--global_batch_size", "--global-batch-size",
    type=int,
    default=32,
    help="GLOBAL_BATCH_SIZE in the original script",
)
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.01,
                    help="LEARNING_RATE in the original script")
parser.add_argument("--data", type=str, default=os.environ.get("SM_CHANNEL_DATA", "data"),
                    help="input channel 'data' (SageMaker: SM_CHANNEL_DATA)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

EPOCHS = args.epochs
GLOBAL_BATCH_SIZE = args.batch_size
LEARNING_RATE = args.learning_rate

strategy = tf.distribute.MirroredStrategy()
data = np.load(os.path.join(args.data, "sensors.npz"))
dataset = tf.data.Dataset.from_tensor_slices((data["x"], data["y"])).shuffle(256, seed=2).batch(GLOBAL_BATCH_SIZE)
dist_dataset = strategy.experimental_distribute_dataset(dataset)

with strategy.scope():
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(data["x"].shape[1],)),
        tf.keras.layers.Dense(16, activation="relu"),
        tf.keras.layers.Dense(1),
    ])
    optimizer = tf.keras.optimizers.Adam(LEARNING_RATE)
    loss_object = tf.keras.losses.MeanSquaredError(reduction=tf.keras.losses.Reduction.NONE)


def train_step(inputs):
    features, targets = inputs
    with tf.GradientTape() as tape:
        per_example_loss = loss_object(targets, model(features, training=True))
        loss = tf.nn.compute_average_loss(per_example_loss, global_batch_size=GLOBAL_BATCH_SIZE)
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    return loss


@tf.function
def distributed_train_step(inputs):
    per_replica_losses = strategy.run(train_step, args=(inputs,))
    return strategy.reduce(tf.distribute.ReduceOp.SUM, per_replica_losses, axis=None)


for epoch in range(EPOCHS):
    total, batches = 0.0, 0
    for batch in dist_dataset:
        total += float(distributed_train_step(batch))
        batches += 1
    print(f"epoch {epoch + 1}/{EPOCHS} loss {total / batches:.4f}")

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
