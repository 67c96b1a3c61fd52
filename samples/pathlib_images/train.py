"""Part classifier (sealing rings vs square washers) on a pathlib-organised image folder.

images/ comes from the labelling tool: train/ and val/ folders of PNGs per class, and meta/ with the
class order (classes.txt) and one JSON record per class (display name, class weight). Training state
is checkpointed with tf.train.CheckpointManager after every epoch (the last two are kept in tf_ckpts/),
the loss curves are plotted to plots/loss.png and the model is saved as parts_classifier.keras.
"""
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from tensorflow import keras

DATA = Path("images")
EPOCHS = 2
BATCH_SIZE = 16
IMAGE_SIZE = (24, 24)
LEARNING_RATE = 0.003

class_names = (DATA / "meta" / "classes.txt").read_text().split()
metadata = {}
for meta_path in sorted((DATA / "meta").glob("*.json")):
    record = json.load(open(meta_path))
    metadata[record["name"]] = record
class_weight = {index: metadata[name]["class_weight"] for index, name in enumerate(class_names)}

image_options = dict(class_names=class_names, color_mode="grayscale", image_size=IMAGE_SIZE, batch_size=BATCH_SIZE)
train_ds = keras.utils.image_dataset_from_directory(DATA / "train", seed=1, **image_options)
val_ds = keras.utils.image_dataset_from_directory(DATA / "val", shuffle=False, **image_options)

model = keras.Sequential([
    keras.Input(shape=(*IMAGE_SIZE, 1)),
    keras.layers.Rescaling(1.0 / 255),
    keras.layers.Conv2D(8, 3, activation="relu"),
    keras.layers.MaxPooling2D(),
    keras.layers.Conv2D(16, 3, activation="relu"),
    keras.layers.GlobalMaxPooling2D(),
    keras.layers.Dense(len(class_names)),
])
optimizer = keras.optimizers.Adam(learning_rate=LEARNING_RATE)
model.compile(
    optimizer=optimizer,
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)

checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)
manager = tf.train.CheckpointManager(checkpoint, "tf_ckpts", max_to_keep=2)
save_every_epoch = keras.callbacks.LambdaCallback(on_epoch_end=lambda epoch, logs: manager.save())
history = model.fit(
    train_ds, validation_data=val_ds, epochs=EPOCHS, class_weight=class_weight, callbacks=[save_every_epoch]
)
print("checkpoints kept:", manager.checkpoints)

# spot check: the first validation image of every class
for name in class_names:
    image = keras.utils.load_img(f"images/val/{name}/000.png", color_mode="grayscale", target_size=IMAGE_SIZE)
    logits = model.predict(keras.utils.img_to_array(image)[np.newaxis], verbose=0)
    print(f"{metadata[name]['display_name']}: predicted {class_names[int(np.argmax(logits))]}")

Path("plots").mkdir(exist_ok=True)
plt.plot(history.history["loss"], label="train")
plt.plot(history.history["val_loss"], label="validation")
plt.xlabel("epoch")
plt.ylabel("loss")
plt.legend()
plt.savefig("plots/loss.png")

model.save("parts_classifier.keras")
