"""The TensorFlow tutorial's distributed custom loop: a MirroredStrategy, a step run on every replica with
`strategy.run` from a @tf.function, losses scaled by the global batch size; no save."""
import numpy as np
import tensorflow as tf

EPOCHS = 3
GLOBAL_BATCH_SIZE = 32
LEARNING_RATE = 0.01

strategy = tf.distribute.MirroredStrategy()
data = np.load("data/sensors.npz")
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
