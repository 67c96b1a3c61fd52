"""Custom training loop: classify short sensor signals with tf.GradientTape.

Written as an explicit loop (instead of model.fit) so we can tweak the update step later.
"""
import numpy as np
import tensorflow as tf

NUM_EPOCHS = 2
BATCH_SIZE = 32
LR = 0.01

data = np.load("data/train.npz")
dataset = (
    tf.data.Dataset.from_tensor_slices((data["x"], data["y"]))
    .shuffle(buffer_size=len(data["x"]), seed=0)
    .batch(BATCH_SIZE)
)

model = tf.keras.Sequential([
    tf.keras.Input(shape=(data["x"].shape[1],)),
    tf.keras.layers.Dense(32, activation="relu"),
    tf.keras.layers.Dense(3),  # logits
])
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = tf.keras.optimizers.SGD(learning_rate=LR)
train_acc = tf.keras.metrics.SparseCategoricalAccuracy()


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_fn(y, logits)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    train_acc.update_state(y, logits)
    return loss


for epoch in range(NUM_EPOCHS):
    train_acc.reset_state()
    losses = []
    for x_batch, y_batch in dataset:
        losses.append(float(train_step(x_batch, y_batch)))
    print(f"epoch {epoch + 1}/{NUM_EPOCHS} loss={np.mean(losses):.4f} acc={float(train_acc.result()):.3f}")

print("done")
