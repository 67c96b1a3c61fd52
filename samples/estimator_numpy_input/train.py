"""tf.estimator with a custom model_fn, fed numpy arrays through numpy_input_fn (TF <= 2.15). No export."""
import numpy as np
import tensorflow as tf

EPOCHS = 3
STEPS_PER_EPOCH = 5
LEARNING_RATE = 0.05


def model_fn(features, labels, mode):
    hidden = tf.compat.v1.layers.dense(features["readings"], 8, activation=tf.nn.relu)
    logits = tf.compat.v1.layers.dense(hidden, 2)
    predictions = {"class": tf.argmax(logits, axis=1), "probabilities": tf.nn.softmax(logits)}
    if mode == tf.estimator.ModeKeys.PREDICT:
        return tf.estimator.EstimatorSpec(mode, predictions=predictions)
    loss = tf.compat.v1.losses.sparse_softmax_cross_entropy(labels, logits)
    optimizer = tf.compat.v1.train.GradientDescentOptimizer(LEARNING_RATE)
    train_op = optimizer.minimize(loss, global_step=tf.compat.v1.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)


data = np.load("data/readings.npz")
readings, labels = data["x"].astype("float32"), data["y"].astype("int32")

classifier = tf.estimator.Estimator(model_fn=model_fn, model_dir="runs/numpy_estimator")
train_input_fn = tf.compat.v1.estimator.inputs.numpy_input_fn(
    x={"readings": readings}, y=labels, batch_size=16, num_epochs=None, shuffle=True)
for epoch in range(EPOCHS):
    classifier.train(input_fn=train_input_fn, steps=STEPS_PER_EPOCH)
    print(f"epoch {epoch + 1}/{EPOCHS}")
