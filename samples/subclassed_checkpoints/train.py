"""TinyNet: a subclassed Keras CNN that tells horizontal stripes from vertical ones.

Images are read from data/images/<class>/*.png. Weights are checkpointed after every epoch
so a long run can be resumed; the final model is saved as tinynet.keras.
"""
import tensorflow as tf
from keras import Model, layers
from tensorflow.keras.optimizers import Adam as AdamOpt

EPOCHS = 2
BATCH_SIZE = 32
IMAGE_SIZE = (16, 16)
DROPOUT = 0.2
USE_AUGMENTATION = True


@tf.keras.utils.register_keras_serializable(package="tinynet")
class TinyNet(Model):
    """Conv -> global pooling -> dropout -> logits."""

    def __init__(self, num_classes=2, dropout_rate=0.2, **kwargs):
        super().__init__(**kwargs)
        self.num_classes = num_classes
        self.dropout_rate = dropout_rate
        self.rescale = layers.Rescaling(1.0 / 255)
        self.conv = layers.Conv2D(8, 3, activation="relu")
        self.pool = layers.GlobalAveragePooling2D()
        self.dropout = layers.Dropout(dropout_rate)
        self.classifier = layers.Dense(num_classes)

    def call(self, inputs, training=False):
        x = self.rescale(inputs)
        x = self.conv(x)
        x = self.pool(x)
        x = self.dropout(x, training=training)
        return self.classifier(x)

    def get_config(self):
        config = super().get_config()
        config.update({"num_classes": self.num_classes, "dropout_rate": self.dropout_rate})
        return config


def augment(images, labels):
    # mirroring left/right keeps the stripe orientation, so labels stay valid
    images = tf.image.random_flip_left_right(images)
    images = tf.image.random_brightness(images, max_delta=20.0)
    return images, labels


train_ds, val_ds = tf.keras.utils.image_dataset_from_directory(
    "data/images",
    validation_split=0.2,
    subset="both",
    seed=123,
    image_size=IMAGE_SIZE,
    color_mode="grayscale",
    batch_size=BATCH_SIZE,
)
class_names = train_ds.class_names
print("classes:", class_names)

if USE_AUGMENTATION:
    train_ds = train_ds.map(augment, num_parallel_calls=tf.data.AUTOTUNE)
train_ds = train_ds.prefetch(tf.data.AUTOTUNE)

model = TinyNet(num_classes=len(class_names), dropout_rate=DROPOUT)
model.compile(
    optimizer=AdamOpt(learning_rate=3e-3),
    loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)

checkpoint = tf.keras.callbacks.ModelCheckpoint("checkpoints/ckpt.weights.h5", save_weights_only=True)
model.fit(train_ds, validation_data=val_ds, epochs=EPOCHS, callbacks=[checkpoint])

model.save("tinynet.keras")
