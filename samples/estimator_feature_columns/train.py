"""A canned tf.estimator.DNNClassifier over feature columns, read from a CSV file, trained epoch by epoch (TF <= 2.15).

It never exports: TF Serving gets nothing from it as it is.
"""
import numpy as np
import tensorflow as tf

EPOCHS = 3
BATCH_SIZE = 16
HIDDEN_UNITS = [8, 4]

table = np.loadtxt("data/flats.csv", delimiter=",", skiprows=1, dtype="float32")
features = {"area": table[:, 0], "rooms": table[:, 1], "floor": table[:, 2]}
labels = table[:, 3].astype("int32")
columns = [tf.feature_column.numeric_column(name) for name in features]


def input_fn():
    dataset = tf.data.Dataset.from_tensor_slices((features, labels))
    return dataset.shuffle(len(labels), seed=1).batch(BATCH_SIZE)


classifier = tf.estimator.DNNClassifier(hidden_units=HIDDEN_UNITS, feature_columns=columns,
                                        model_dir="runs/flats")
for epoch in range(EPOCHS):
    classifier.train(input_fn=input_fn)
    print(f"epoch {epoch + 1}/{EPOCHS}")
