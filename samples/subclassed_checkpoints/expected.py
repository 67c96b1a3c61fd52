"""TinyNet: a subclassed Keras CNN that tells horizontal stripes from vertical ones.

Images are read from data/images/<class>/*.png. Weights are checkpointed after every epoch
so a long run can be resumed; the final model is saved as tinynet.keras.
"""
import tensorflow as tf
from keras import Model, layers
from tensorflow.keras.optimizers import Adam as AdamOpt
import argparse
import os
import shutil


# Helpers for the SageMaker changes below (added by sm-migrate).
def _str_to_bool(value):
    """argparse type for booleans: SageMaker passes True/False as text, and bool("False") is True."""
    if isinstance(value, bool):
        return value
    if value.strip().lower() in ("true", "1", "yes", "y", "t"):
        return True
    if value.strip().lower() in ("false", "0", "no", "n", "f"):
        return False
    raise argparse.ArgumentTypeError(f"expected a boolean, got {value!r}")


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
parser.add_argument("--dropout", type=float, default=0.2, help="DROPOUT in the original script")
parser.add_argument("--use_augmentation", "--use-augmentation", type=_str_to_bool, default=True,
                    help="USE_AUGMENTATION in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=3e-3,
                    help="optimizer learning rate in the original script")
parser.add_argument(
    "--images",
    type=str,
    default=os.environ.get("SM_CHANNEL_IMAGES", "data/images"),
    help="input channel 'images' (SageMaker: SM_CHANNEL_IMAGES)",
)
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
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
IMAGE_SIZE = (16, 16)
DROPOUT = args.dropout
USE_AUGMENTATION = args.use_augmentation


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
    args.images,
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
    optimizer=AdamOpt(learning_rate=args.learning_rate),
    loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)

checkpoint = tf.keras.callbacks.ModelCheckpoint(_sm_path("checkpoints/ckpt.weights.h5", os.path.join(args.checkpoint_dir, "ckpt.weights.h5")), save_weights_only=True)
model.fit(train_ds, validation_data=val_ds, epochs=EPOCHS, callbacks=[checkpoint])

model.save(_sm_path("tinynet.keras", os.path.join(args.sm_model_dir, "tinynet.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
