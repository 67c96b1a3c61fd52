"""Examples of the export rule: whole scripts, before and after."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = (
    Example(
        before="""\
import tensorflow as tf

def build_model():
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    return model

def main():
    model = build_model()
    for fold in range(2):
        model.fit([[0.0]], [0.0], epochs=1)
    print("done")

if __name__ == "__main__":
    main()
""",
        after='''\
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
parser.add_argument("--epochs", type=int, default=1, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

def build_model():
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    return model

def main():
    model = build_model()
    for fold in range(2):
        model.fit([[0.0]], [0.0], epochs=args.epochs)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))
    print("done")

if __name__ == "__main__":
    main()
''',
    ),
    Example(
        before="""\
import tensorflow as tf
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0])
model.save("export/model")
""",
        after='''\
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
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0])
_sm_export(model, _sm_path("export/model", os.path.join(args.sm_model_dir, "1")))
''',
        codes=('SM204',),
    ),
    Example(
        before="""\
import tensorflow as tf
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0])
model.save("export/model")
""",
        after='''\
import tensorflow as tf
import argparse
import os


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0])
model.save(_sm_path("export/model", os.path.join(args.sm_model_dir, "1")))
''',
        options={'framework_version': '2.14'},
    ),
    Example(
        before="""\
import tensorflow as tf
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0])
model.save("out/model.keras")
model.save_weights("out/w.weights.h5")
print("saved")
""",
        after='''\
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
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0])
model.save(_sm_path("out/model.keras", os.path.join(args.sm_model_dir, "model.keras")))
model.save_weights(_sm_path("out/w.weights.h5", os.path.join(args.sm_model_dir, "w.weights.h5")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
print("saved")
''',
    ),
    Example(
        before="""\
import tensorflow as tf

EPOCHS = 5
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(tf.zeros((4, 2)), tf.zeros((4,)), epochs=EPOCHS)
""",
        after="""\
import tensorflow as tf
import argparse
import os


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--epochs", type=int, default=5, help="EPOCHS in the original script")
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
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(tf.zeros((4, 2)), tf.zeros((4,)), epochs=EPOCHS)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
tf.keras.experimental.export_saved_model(model, os.path.join(args.sm_model_dir, "1"))
""",
        options={'framework_version': '1.15'},
    ),
    Example(
        before="""\
import tensorflow as tf
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
opt = tf.keras.optimizers.SGD(0.1)

@tf.function
def step(x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))

for epoch in range(2):
    step(tf.zeros((1, 1)))
""",
        after='''\
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
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.1,
                    help="optimizer learning rate in the original script")
parser.add_argument("--epochs", type=int, default=2,
                    help="range() of the `for epoch` loop in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
opt = tf.keras.optimizers.SGD(args.learning_rate)

@tf.function
def step(x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(model(x))
    opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))

for epoch in range(args.epochs):
    step(tf.zeros((1, 1)))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import tensorflow as tf
generator = tf.keras.Sequential()
discriminator = tf.keras.Sequential()

def step(x):
    with tf.GradientTape() as tape:
        loss = discriminator(generator(x))

for epoch in range(2):
    step(tf.zeros((1, 1)))
""",
        after='''\
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
parser.add_argument("--epochs", type=int, default=2,
                    help="range() of the `for epoch` loop in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()
generator = tf.keras.Sequential()
discriminator = tf.keras.Sequential()

def step(x):
    with tf.GradientTape() as tape:
        loss = discriminator(generator(x))

for epoch in range(args.epochs):
    step(tf.zeros((1, 1)))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/discriminator/1 (added by sm-migrate)
_sm_export(discriminator, os.path.join(args.sm_model_dir, "discriminator", "1"))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/generator/1 (added by sm-migrate)
_sm_export(generator, os.path.join(args.sm_model_dir, "generator", "1"))
''',
        codes=('SM202',),
    ),
    Example(
        before="""\
import tensorflow as tf
generator = tf.keras.Sequential()
discriminator = tf.keras.Sequential()

def step(x):
    with tf.GradientTape() as tape:
        loss = discriminator(generator(x))

for epoch in range(2):
    step(tf.zeros((1, 1)))
""",
        after='''\
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
parser.add_argument("--epochs", type=int, default=2,
                    help="range() of the `for epoch` loop in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()
generator = tf.keras.Sequential()
discriminator = tf.keras.Sequential()

def step(x):
    with tf.GradientTape() as tape:
        loss = discriminator(generator(x))

for epoch in range(args.epochs):
    step(tf.zeros((1, 1)))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(generator, os.path.join(args.sm_model_dir, "1"))
''',
        options={'export_model': 'generator'},
    ),
    Example(
        before="""\
import tensorflow as tf
tf.compat.v1.disable_eager_execution()
x = tf.compat.v1.placeholder(tf.float32, [None, 1])
saver = tf.compat.v1.train.Saver()
with tf.compat.v1.Session() as sess:
    saver.save(sess, "ckpt/model.ckpt")
    tf.compat.v1.saved_model.simple_save(sess, "export", inputs={"x": x}, outputs={"y": x})
""",
        after='''\
import tensorflow as tf
import argparse
import os


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
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
tf.compat.v1.disable_eager_execution()
x = tf.compat.v1.placeholder(tf.float32, [None, 1])
saver = tf.compat.v1.train.Saver()
with tf.compat.v1.Session() as sess:
    saver.save(sess, _sm_path("ckpt/model.ckpt", os.path.join(args.checkpoint_dir, "model.ckpt")))
    tf.compat.v1.saved_model.simple_save(sess, _sm_path("export", os.path.join(args.sm_model_dir, "1")), inputs={"x": x}, outputs={"y": x})
''',
    ),
    Example(
        before="""\
import tensorflow as tf

tf.compat.v1.disable_eager_execution()
features = tf.compat.v1.placeholder(tf.float32, shape=(None, 3))
labels = tf.compat.v1.placeholder(tf.float32, shape=(None, 1))
w = tf.Variable(tf.zeros([3, 1]))
scores = tf.matmul(features, w)
loss = tf.reduce_mean(tf.square(scores - labels))
train_op = tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(loss)
sess = tf.compat.v1.Session()
sess.run(tf.compat.v1.global_variables_initializer())
for step in range(10):
    sess.run([train_op, loss], feed_dict={features: [[1.0, 0.0, 2.0]], labels: [[1.0]]})
""",
        after='''\
import tensorflow as tf
import argparse
import os
import shutil


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_graph_export(session, version_dir, inputs, outputs):
    """Write the session's graph as a TensorFlow Serving SavedModel into `version_dir`, serving `outputs` from
    `inputs` (signature key -> tensor); an earlier run's copy is replaced, as simple_save refuses an existing
    folder."""
    shutil.rmtree(version_dir, ignore_errors=True)
    tf.compat.v1.saved_model.simple_save(session, version_dir, inputs=inputs, outputs=outputs)


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.1,
                    help="optimizer learning rate in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

tf.compat.v1.disable_eager_execution()
features = tf.compat.v1.placeholder(tf.float32, shape=(None, 3))
labels = tf.compat.v1.placeholder(tf.float32, shape=(None, 1))
w = tf.Variable(tf.zeros([3, 1]))
scores = tf.matmul(features, w)
loss = tf.reduce_mean(tf.square(scores - labels))
train_op = tf.compat.v1.train.GradientDescentOptimizer(args.learning_rate).minimize(loss)
sess = tf.compat.v1.Session()
sess.run(tf.compat.v1.global_variables_initializer())
for step in range(10):
    sess.run([train_op, loss], feed_dict={features: [[1.0, 0.0, 2.0]], labels: [[1.0]]})

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_graph_export(sess, os.path.join(args.sm_model_dir, "1"), inputs={"features": features}, outputs={"scores": scores})
''',
        codes=('SM208',),
    ),
    Example(
        before="""\
import tensorflow.compat.v1 as tf

x = tf.placeholder(tf.float32, [None, 2])
y = tf.placeholder(tf.float32, [None, 1])
keep_prob = tf.placeholder(tf.float32)
w = tf.Variable(tf.zeros([2, 1]))
output = tf.nn.dropout(tf.matmul(x, w), rate=1 - keep_prob)
loss = tf.reduce_mean(tf.square(output - y))
train_op = tf.train.AdamOptimizer(0.01).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        sess.run(train_op, feed_dict={x: [[1.0, 2.0]], y: [[1.0]], keep_prob: 0.5})
""",
        after="""\
import tensorflow.compat.v1 as tf
import argparse


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.01,
                    help="optimizer learning rate in the original script")
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

x = tf.placeholder(tf.float32, [None, 2])
y = tf.placeholder(tf.float32, [None, 1])
keep_prob = tf.placeholder(tf.float32)
w = tf.Variable(tf.zeros([2, 1]))
output = tf.nn.dropout(tf.matmul(x, w), rate=1 - keep_prob)
loss = tf.reduce_mean(tf.square(output - y))
train_op = tf.train.AdamOptimizer(args.learning_rate).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        sess.run(train_op, feed_dict={x: [[1.0, 2.0]], y: [[1.0]], keep_prob: 0.5})
""",
        codes=('SM203',),
    ),
    Example(
        before="""\
import tensorflow as tf
with tf.compat.v1.Session() as sess:
    sess.run(tf.constant(1))
""",
        after="""\
import tensorflow as tf
import argparse


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()
with tf.compat.v1.Session() as sess:
    sess.run(tf.constant(1))
""",
        codes=('SM203',),
    ),
    Example(
        before="""\
import tensorflow as tf
import horovod.tensorflow.keras as hvd
hvd.init()
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0], epochs=1)
""",
        after='''\
import tensorflow as tf
import horovod.tensorflow.keras as hvd
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
parser.add_argument("--epochs", type=int, default=1, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()
hvd.init()
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0], epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
if hvd.rank() == 0:
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import tensorflow as tf
import horovod.tensorflow.keras as hvd
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0], epochs=1)
if hvd.rank() == 0:
    model.save("model.keras")
""",
        after='''\
import tensorflow as tf
import horovod.tensorflow.keras as hvd
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
parser.add_argument("--epochs", type=int, default=1, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()
model = tf.keras.Sequential()
model.fit([[0.0]], [0.0], epochs=args.epochs)
if hvd.rank() == 0:
    model.save(_sm_path("model.keras", os.path.join(args.sm_model_dir, "model.keras")))

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import tensorflow as tf
strategy = tf.distribute.MultiWorkerMirroredStrategy()
with strategy.scope():
    model = tf.keras.Sequential()
model.fit([[0.0]], [0.0], epochs=1)
""",
        after='''\
import tensorflow as tf
import argparse
import json
import os
import shutil
import tempfile


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_chief_path(model_path):
    """Every worker of a MultiWorkerMirroredStrategy job must save; only the chief's copy goes to the model dir,
    the others' to a temp dir, under the same name (a `.keras` file stays one)."""
    task = json.loads(os.environ.get("TF_CONFIG", "{}")).get("task", {})
    if task.get("type", "worker") in ("chief", "worker") and task.get("index", 0) == 0:
        return model_path
    return os.path.join(tempfile.mkdtemp(), os.path.basename(model_path))


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
parser.add_argument("--epochs", type=int, default=1, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()
strategy = tf.distribute.MultiWorkerMirroredStrategy()
with strategy.scope():
    model = tf.keras.Sequential()
model.fit([[0.0]], [0.0], epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, _sm_chief_path(os.path.join(args.sm_model_dir, "1")))
''',
    ),
    Example(
        before="""\
import argparse

import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--export-dir", default="exported/classifier")
parser.add_argument("--epochs", type=int, default=2)
args = parser.parse_args()
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=args.epochs)
tf.saved_model.save(model, args.export_dir)
""",
        after='''\
import argparse

import tensorflow as tf
import os


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path

parser = argparse.ArgumentParser()
parser.add_argument("--export-dir", "--export_dir", default="exported/classifier")
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=args.epochs)
tf.saved_model.save(model, _sm_path(args.export_dir, os.path.join(args.sm_model_dir, "1")))
''',
    ),
    Example(
        before="""\
from absl import app, flags
import tensorflow as tf

flags.DEFINE_string("output_path", "model.keras", "where the trained model goes")
FLAGS = flags.FLAGS


def main(argv):
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    model.fit([[0.0]], [0.0], epochs=1)
    model.save(FLAGS.output_path)


if __name__ == "__main__":
    app.run(main)
""",
        after='''\
from absl import app, flags
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
parser = argparse.ArgumentParser(allow_abbrev=False, add_help=False)
parser.add_argument("--epochs", type=int, default=1, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

flags.DEFINE_string("output_path", "model.keras", "where the trained model goes")
FLAGS = flags.FLAGS


def main(argv):
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    model.fit([[0.0]], [0.0], epochs=args.epochs)
    model.save(_sm_path(FLAGS.output_path, os.path.join(args.sm_model_dir, os.path.basename(FLAGS.output_path))))

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))


if __name__ == "__main__":
    app.run(main, flags_parser=lambda argv: flags.FLAGS(argv, known_only=True))
''',
    ),
    Example(
        before="""\
import argparse
import os

import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
args, _ = parser.parse_known_args()
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=args.epochs)
model.save(os.path.join(args.sm_model_dir, "1"))
""",
        after='''\
import argparse
import os

import tensorflow as tf
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

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
args, _ = parser.parse_known_args()
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=args.epochs)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM204',),
    ),
    Example(
        before="""\
import argparse
import os

import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
args, _ = parser.parse_known_args()
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=args.epochs)
model.save(os.path.join(args.sm_model_dir, "1"))
""",
        after=None,
        options={'framework_version': '2.14'},
    ),
    Example(
        before="""\
import argparse
import os

import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
args, _ = parser.parse_known_args()
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=2)
tf.saved_model.save(model, args.sm_model_dir)
""",
        after="""\
import argparse
import os

import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
args, _ = parser.parse_known_args()
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=args.epochs)
tf.saved_model.save(model, os.path.join(args.sm_model_dir, "1"))
""",
        codes=('SM206',),
    ),
    Example(
        before="""\
import argparse
import os

import tensorflow as tf


def export_path(base, worker):
    return base if worker == 0 else os.path.join(base, f"worker-{worker}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_dir", type=str, default="exported")
    parser.add_argument("--epochs", type=int, default=2)
    args, _ = parser.parse_known_args()
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    model.fit([[0.0]], [0.0], epochs=args.epochs)
    target = export_path(args.model_dir, 0)
    tf.saved_model.save(model, target)


main()
""",
        after='''\
import argparse
import os

import tensorflow as tf


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path


def export_path(base, worker):
    return base if worker == 0 else os.path.join(base, f"worker-{worker}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_dir", type=str, default="exported")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument(
        "--sm-model-dir", "--sm_model_dir",
        type=str,
        default=os.environ.get("SM_MODEL_DIR", "sm_model"),
        help="where the final model goes (SageMaker: SM_MODEL_DIR)",
    )
    args, _ = parser.parse_known_args()
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    model.fit([[0.0]], [0.0], epochs=args.epochs)
    target = export_path(args.model_dir, 0)
    tf.saved_model.save(model, _sm_path(target, os.path.join(args.sm_model_dir, "1")))


main()
''',
        codes=('SM205',),
    ),
    Example(
        before="""\
import os

import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=int(os.environ.get("SM_HP_EPOCHS", "2")))
model.save("/opt/ml/model/000000001")
""",
        after='''\
import os

import tensorflow as tf
import argparse
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
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
args, _ = parser.parse_known_args()

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=int(os.environ.get("SM_HP_EPOCHS", "2")))
_sm_export(model, os.path.join(args.sm_model_dir, "000000001"))
''',
        codes=('SM204', 'SM207'),
    ),
    Example(
        before="""\
import tensorflow as tf
from tensorflow.keras import backend as K

model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0, 1.0]], [0.0], epochs=2)

# a Keras model for TensorFlow Serving, the TF1 way
sess = K.get_session()
tf.saved_model.simple_save(sess, "export/1", inputs={"x": model.input}, outputs={"y": model.output})
""",
        after='''\
import tensorflow as tf
from tensorflow.keras import backend as K
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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0, 1.0]], [0.0], epochs=args.epochs)

# a Keras model for TensorFlow Serving, the TF1 way
_sm_export(model, _sm_path("export/1", os.path.join(args.sm_model_dir, "1")))
''',
        codes=('SM204', 'SM408'),
    ),
    Example(
        before="""\
import os
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0, 1.0]], [0.0], epochs=int(os.environ.get("SM_HP_EPOCHS", "2")))
tf.compat.v1.saved_model.simple_save(
    tf.compat.v1.keras.backend.get_session(),
    os.path.join(os.environ.get("SM_MODEL_DIR", "model"), "1"),
    inputs={"x": model.input},
    outputs={t.name: t for t in model.outputs},
)
""",
        after="""\
import os
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0, 1.0]], [0.0], epochs=int(os.environ.get("SM_HP_EPOCHS", "2")))
tf.saved_model.save(model, os.path.join(os.environ.get("SM_MODEL_DIR", "model"), "1"))
""",
        codes=('SM204',),
        options={'framework_version': '2.14'},
    ),
    Example(
        before="""\
import tensorflow as tf
from networks import ConvNet  # the project's own model, in another module

model = ConvNet()
optimizer = tf.keras.optimizers.Adam()


@tf.function
def train_step(images, labels):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(images, training=True) - labels))
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))


for epoch in range(2):
    train_step(tf.zeros((4, 8, 8, 1)), tf.zeros((4, 1)))
""",
        after='''\
import tensorflow as tf
from networks import ConvNet  # the project's own model, in another module
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
parser.add_argument("--epochs", type=int, default=2,
                    help="range() of the `for epoch` loop in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

model = ConvNet()
optimizer = tf.keras.optimizers.Adam()


@tf.function
def train_step(images, labels):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(images, training=True) - labels))
    gradients = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(gradients, model.trainable_variables))


for epoch in range(args.epochs):
    train_step(tf.zeros((4, 8, 8, 1)), tf.zeros((4, 1)))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import tensorflow as tf


class Line(object):
    def __init__(self):
        self.w = tf.Variable(1.0)
        self.b = tf.Variable(0.0)

    def __call__(self, x):
        return self.w * x + self.b


line = Line()
for step in range(10):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(line(tf.range(3.0)) - 2.0))
    dw, db = tape.gradient(loss, [line.w, line.b])
    line.w.assign_sub(0.1 * dw)
    line.b.assign_sub(0.1 * db)
""",
        after="""\
import tensorflow as tf
import argparse


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


class Line(object):
    def __init__(self):
        self.w = tf.Variable(1.0)
        self.b = tf.Variable(0.0)

    def __call__(self, x):
        return self.w * x + self.b


line = Line()
for step in range(10):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(line(tf.range(3.0)) - 2.0))
    dw, db = tape.gradient(loss, [line.w, line.b])
    line.w.assign_sub(0.1 * dw)
    line.b.assign_sub(0.1 * db)
""",
        codes=('SM203',),
    ),
    Example(
        before="""\
import numpy as np
import tensorflow as tf

weights = {"hidden": tf.Variable(tf.random.normal([4, 8])), "out": tf.Variable(tf.random.normal([8, 3]))}
biases = {"hidden": tf.Variable(tf.zeros([8])), "out": tf.Variable(tf.zeros([3]))}


def neural_net(x):
    hidden = tf.nn.relu(tf.matmul(x, weights["hidden"]) + biases["hidden"])
    return tf.matmul(hidden, weights["out"]) + biases["out"]


def cross_entropy(logits, labels):
    return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))


optimizer = tf.optimizers.SGD(0.1)


def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = cross_entropy(neural_net(x), y)
    variables = list(weights.values()) + list(biases.values())
    optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))


data = tf.data.Dataset.from_tensor_slices((np.ones((8, 4), "float32"), np.zeros(8, "int32"))).batch(4)
for batch_x, batch_y in data:
    train_step(batch_x, batch_y)
""",
        after='''\
import numpy as np
import tensorflow as tf
import argparse
import os


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_export_function(predict, example, version_dir):
    """Write `predict`, a function (or plain object) over the tf.Variables a custom loop trained, as a TensorFlow
    Serving SavedModel into `version_dir`: its serving signature takes inputs like `example`, of any batch size."""
    example = tf.convert_to_tensor(example)
    shape = [None, *example.shape[1:]] if example.shape.rank else []
    serve = tf.function(lambda inputs: predict(inputs),
                                  input_signature=[tf.TensorSpec(shape, example.dtype)])
    module = tf.Module()
    module.serve = serve
    # what the function reads, tracked, so the SavedModel holds the trained values
    module.trained_variables = list(serve.get_concrete_function().variables)
    tf.saved_model.save(module, version_dir, signatures=serve)


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.1,
                    help="optimizer learning rate in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=4,
                    help="tf.data batch() in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

weights = {"hidden": tf.Variable(tf.random.normal([4, 8])), "out": tf.Variable(tf.random.normal([8, 3]))}
biases = {"hidden": tf.Variable(tf.zeros([8])), "out": tf.Variable(tf.zeros([3]))}


def neural_net(x):
    hidden = tf.nn.relu(tf.matmul(x, weights["hidden"]) + biases["hidden"])
    return tf.matmul(hidden, weights["out"]) + biases["out"]


def cross_entropy(logits, labels):
    return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))


optimizer = tf.optimizers.SGD(args.learning_rate)


def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = cross_entropy(neural_net(x), y)
    variables = list(weights.values()) + list(biases.values())
    optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))


data = tf.data.Dataset.from_tensor_slices((np.ones((8, 4), "float32"), np.zeros(8, "int32"))).batch(args.batch_size)
for batch_x, batch_y in data:
    train_step(batch_x, batch_y)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export_function(neural_net, batch_x, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import tensorflow as tf


class Line:
    def __init__(self):
        self.w = tf.Variable(1.0)
        self.b = tf.Variable(0.0)

    def __call__(self, x):
        return self.w * x + self.b


line = Line()
inputs = tf.range(3.0)
for step in range(10):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(line(inputs) - 2.0))
    dw, db = tape.gradient(loss, [line.w, line.b])
    line.w.assign_sub(0.1 * dw)
    line.b.assign_sub(0.1 * db)
""",
        after='''\
import tensorflow as tf
import argparse
import os


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_export_function(predict, example, version_dir):
    """Write `predict`, a function (or plain object) over the tf.Variables a custom loop trained, as a TensorFlow
    Serving SavedModel into `version_dir`: its serving signature takes inputs like `example`, of any batch size."""
    example = tf.convert_to_tensor(example)
    shape = [None, *example.shape[1:]] if example.shape.rank else []
    serve = tf.function(lambda inputs: predict(inputs),
                                  input_signature=[tf.TensorSpec(shape, example.dtype)])
    module = tf.Module()
    module.serve = serve
    # what the function reads, tracked, so the SavedModel holds the trained values
    module.trained_variables = list(serve.get_concrete_function().variables)
    tf.saved_model.save(module, version_dir, signatures=serve)


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


class Line:
    def __init__(self):
        self.w = tf.Variable(1.0)
        self.b = tf.Variable(0.0)

    def __call__(self, x):
        return self.w * x + self.b


line = Line()
inputs = tf.range(3.0)
for step in range(10):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(line(inputs) - 2.0))
    dw, db = tape.gradient(loss, [line.w, line.b])
    line.w.assign_sub(0.1 * dw)
    line.b.assign_sub(0.1 * db)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export_function(line, inputs, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import tensorflow as tf

strategy = tf.distribute.MirroredStrategy()
with strategy.scope():
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    optimizer = tf.keras.optimizers.SGD(0.1)


def train_step(x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x) - 1.0))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


@tf.function
def distributed_step(x):
    return strategy.run(train_step, args=(x,))


for step in range(3):
    distributed_step(tf.ones([4, 2]))
""",
        after='''\
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
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.1,
                    help="optimizer learning rate in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

strategy = tf.distribute.MirroredStrategy()
with strategy.scope():
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    optimizer = tf.keras.optimizers.SGD(args.learning_rate)


def train_step(x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x) - 1.0))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


@tf.function
def distributed_step(x):
    return strategy.run(train_step, args=(x,))


for step in range(3):
    distributed_step(tf.ones([4, 2]))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
optimizer = tf.keras.optimizers.SGD(0.1)


def train_step(x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x) - 1.0))
    optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))


step = tf.function(train_step)
for epoch in range(3):
    step(tf.ones([4, 2]))
""",
        after="""\
import tensorflow as tf
import argparse


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.1,
                    help="optimizer learning rate in the original script")
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
optimizer = tf.keras.optimizers.SGD(args.learning_rate)


def train_step(x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x) - 1.0))
    optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))


step = tf.function(train_step)
for epoch in range(3):
    step(tf.ones([4, 2]))
""",
        codes=('SM203',),
    ),
    Example(
        before="""\
import tensorflow as tf


class Trainer:
    def __init__(self, epochs=3):
        self.epochs = epochs
        self.net = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        self.optimizer = tf.keras.optimizers.SGD(0.1)

    def fit(self, x, y):
        for epoch in range(self.epochs):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(self.net(x) - y))
            grads = tape.gradient(loss, self.net.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, self.net.trainable_variables))


Trainer(epochs=5).fit(tf.ones([4, 2]), tf.ones([4, 1]))
""",
        after='''\
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
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.1,
                    help="optimizer learning rate in the original script")
parser.add_argument("--epochs", type=int, default=5,
                    help="range() of the `for epoch` loop through self.epochs through __init__(epochs) at line 18 in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


class Trainer:
    def __init__(self, epochs=3):
        self.epochs = epochs
        self.net = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        self.optimizer = tf.keras.optimizers.SGD(args.learning_rate)

    def fit(self, x, y):
        for epoch in range(self.epochs):
            with tf.GradientTape() as tape:
                loss = tf.reduce_mean(tf.square(self.net(x) - y))
            grads = tape.gradient(loss, self.net.trainable_variables)
            self.optimizer.apply_gradients(zip(grads, self.net.trainable_variables))

        # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
        _sm_export(self.net, os.path.join(args.sm_model_dir, "1"))


Trainer(epochs=args.epochs).fit(tf.ones([4, 2]), tf.ones([4, 1]))
''',
    ),
    Example(
        before="""\
import tensorflow as tf


def main():
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    optimizer = tf.keras.optimizers.SGD(0.1)
    for epoch in range(3):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(tf.ones([4, 2])) - 1.0))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
    print("trained")


if __name__ == "__main__":
    main()
""",
        after='''\
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
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.1,
                    help="optimizer learning rate in the original script")
parser.add_argument("--epochs", type=int, default=3,
                    help="range() of the `for epoch` loop in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


def main():
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    optimizer = tf.keras.optimizers.SGD(args.learning_rate)
    for epoch in range(args.epochs):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(tf.ones([4, 2])) - 1.0))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))
    print("trained")


if __name__ == "__main__":
    main()
''',
    ),
    Example(
        before="""\
import tensorflow as tf

W = tf.Variable(tf.ones([3, 1]))


def predict(x):
    return tf.matmul(x, W)


def train_step(x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(predict(x)))
    W.assign_sub(0.1 * tape.gradient(loss, W))


for step in range(4):
    train_step(tf.ones([2, 3]) * step)
""",
        after="""\
import tensorflow as tf
import argparse


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

W = tf.Variable(tf.ones([3, 1]))


def predict(x):
    return tf.matmul(x, W)


def train_step(x):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(predict(x)))
    W.assign_sub(0.1 * tape.gradient(loss, W))


for step in range(4):
    train_step(tf.ones([2, 3]) * step)
""",
        codes=('SM203',),
    ),
    Example(
        before="""\
import tensorflow as tf

W = tf.Variable(tf.zeros([2, 1]))
b = tf.Variable(tf.zeros([1]))
model = lambda x: tf.matmul(x, W) + b
features = tf.ones([6, 2])
optimizer = tf.optimizers.SGD(0.1)
for epoch in range(3):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(features) - 1.0))
    optimizer.apply_gradients(zip(tape.gradient(loss, [W, b]), [W, b]))
""",
        after='''\
import tensorflow as tf
import argparse
import os


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_export_function(predict, example, version_dir):
    """Write `predict`, a function (or plain object) over the tf.Variables a custom loop trained, as a TensorFlow
    Serving SavedModel into `version_dir`: its serving signature takes inputs like `example`, of any batch size."""
    example = tf.convert_to_tensor(example)
    shape = [None, *example.shape[1:]] if example.shape.rank else []
    serve = tf.function(lambda inputs: predict(inputs),
                                  input_signature=[tf.TensorSpec(shape, example.dtype)])
    module = tf.Module()
    module.serve = serve
    # what the function reads, tracked, so the SavedModel holds the trained values
    module.trained_variables = list(serve.get_concrete_function().variables)
    tf.saved_model.save(module, version_dir, signatures=serve)


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.1,
                    help="optimizer learning rate in the original script")
parser.add_argument("--epochs", type=int, default=3,
                    help="range() of the `for epoch` loop in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

W = tf.Variable(tf.zeros([2, 1]))
b = tf.Variable(tf.zeros([1]))
model = lambda x: tf.matmul(x, W) + b
features = tf.ones([6, 2])
optimizer = tf.optimizers.SGD(args.learning_rate)
for epoch in range(args.epochs):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(features) - 1.0))
    optimizer.apply_gradients(zip(tape.gradient(loss, [W, b]), [W, b]))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export_function(model, features, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    Example(
        before="""\
import tensorflow as tf

columns = [tf.feature_column.numeric_column("area"), tf.feature_column.numeric_column("rooms")]


def input_fn():
    features = {"area": [[50.0], [80.0]], "rooms": [[2.0], [3.0]]}
    return tf.data.Dataset.from_tensors((features, [[0], [1]])).repeat()


classifier = tf.estimator.DNNClassifier(hidden_units=[4], feature_columns=columns, model_dir="runs/dnn")
classifier.train(input_fn=input_fn, steps=20)
""",
        after='''\
import tensorflow as tf
import argparse
import os


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_parsing_receiver(feature_columns):
    """A serving input receiver for a canned Estimator: serialized tf.Example protos, parsed with the estimator's
    own feature columns (what TF Serving's classify and regress APIs send)."""
    return tf.estimator.export.build_parsing_serving_input_receiver_fn(
        tf.feature_column.make_parse_example_spec(feature_columns))


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default="runs/dnn",
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

columns = [tf.feature_column.numeric_column("area"), tf.feature_column.numeric_column("rooms")]


def input_fn():
    features = {"area": [[50.0], [80.0]], "rooms": [[2.0], [3.0]]}
    return tf.data.Dataset.from_tensors((features, [[0], [1]])).repeat()


classifier = tf.estimator.DNNClassifier(hidden_units=[4], feature_columns=columns, model_dir=args.model_dir)
classifier.train(input_fn=input_fn, steps=20)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/<timestamp> (added by sm-migrate)
classifier.export_saved_model(args.sm_model_dir, _sm_parsing_receiver(columns))
''',
        options={'framework_version': '2.14'},
    ),
    Example(
        before="""\
import argparse
import os

import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--local_model_dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
args, _ = parser.parse_known_args()
saved_model_path = os.path.join(args.local_model_dir, "tensorflow/saved_model/0")
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=args.epochs)
model.save(saved_model_path, save_format="tf")
""",
        after='''\
import argparse
import os

import tensorflow as tf
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

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--local_model_dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
args, _ = parser.parse_known_args()
saved_model_path = os.path.join(args.local_model_dir, "tensorflow/saved_model/0")
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit([[0.0]], [0.0], epochs=args.epochs)
_sm_export(model, saved_model_path)
''',
        codes=('SM204',),
    ),
    Example(
        before="""\
import tensorflow as tf


def train():
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile("adam", "mse")
    model.fit([[0.0]], [0.0], epochs=1)
    return model


if __name__ == "__main__":
    trained = train()
    trained.save("final.keras")
""",
        after='''\
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
parser.add_argument("--epochs", type=int, default=1, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


def train():
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile("adam", "mse")
    model.fit([[0.0]], [0.0], epochs=args.epochs)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))
    return model


if __name__ == "__main__":
    trained = train()
    trained.save(_sm_path("final.keras", os.path.join(args.sm_model_dir, "final.keras")))
''',
    ),
    # A MonitoredTrainingSession finalizes its graph: no export is added inside it (simple_save would raise), it is reported; its checkpoint_dir is re-rooted.
    Example(
        before="""\
import numpy as np
import tensorflow as tf

tf.compat.v1.disable_eager_execution()
xs = np.random.rand(64, 2).astype("float32")
x = tf.compat.v1.placeholder(tf.float32, [None, 2])
y = tf.compat.v1.placeholder(tf.float32, [None, 1])
w = tf.compat.v1.get_variable("w", [2, 1])
pred = tf.matmul(x, w)
loss = tf.reduce_mean(tf.square(pred - y))
step = tf.compat.v1.train.get_or_create_global_step()
train_op = tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=step)
hooks = [tf.compat.v1.train.StopAtStepHook(last_step=50)]
with tf.compat.v1.train.MonitoredTrainingSession(checkpoint_dir="mts", hooks=hooks) as sess:
    while not sess.should_stop():
        sess.run(train_op, feed_dict={x: xs, y: xs[:, :1]})
""",
        after='''\
import numpy as np
import tensorflow as tf
import argparse
import os


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.1,
                    help="optimizer learning rate in the original script")
parser.add_argument(
    "--checkpoint-dir", "--checkpoint_dir",
    type=str,
    default=os.path.join(os.path.dirname(os.environ["SM_MODEL_DIR"]), "checkpoints") if "SM_MODEL_DIR" in os.environ else "checkpoints",
    help="checkpoints (SageMaker: /opt/ml/checkpoints, synced to checkpoint_s3_uri)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

tf.compat.v1.disable_eager_execution()
xs = np.random.rand(64, 2).astype("float32")
x = tf.compat.v1.placeholder(tf.float32, [None, 2])
y = tf.compat.v1.placeholder(tf.float32, [None, 1])
w = tf.compat.v1.get_variable("w", [2, 1])
pred = tf.matmul(x, w)
loss = tf.reduce_mean(tf.square(pred - y))
step = tf.compat.v1.train.get_or_create_global_step()
train_op = tf.compat.v1.train.GradientDescentOptimizer(args.learning_rate).minimize(loss, global_step=step)
hooks = [tf.compat.v1.train.StopAtStepHook(last_step=50)]
with tf.compat.v1.train.MonitoredTrainingSession(checkpoint_dir=_sm_path("mts", os.path.join(args.checkpoint_dir, "mts")), hooks=hooks) as sess:
    while not sess.should_stop():
        sess.run(train_op, feed_dict={x: xs, y: xs[:, :1]})
''',
        codes=('SM203',),
    ),
    # Weights reloaded after training (the best epoch's): the export goes after the reload, not before it.
    Example(
        before="""\
import tensorflow as tf

features = tf.random.normal((64, 4))
targets = tf.reduce_sum(features, 1, keepdims=True)
model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(1)])
optimizer = tf.keras.optimizers.Adam(0.1)
best = float("inf")
for epoch in range(5):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(features) - targets) ** 2)
    optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    if float(loss) < best:
        best = float(loss)
        model.save_weights("best.weights.h5")
model.load_weights("best.weights.h5")
print("best loss", best)
""",
        after='''\
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
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.1,
                    help="optimizer learning rate in the original script")
parser.add_argument("--epochs", type=int, default=5,
                    help="range() of the `for epoch` loop in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

features = tf.random.normal((64, 4))
targets = tf.reduce_sum(features, 1, keepdims=True)
model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(1)])
optimizer = tf.keras.optimizers.Adam(args.learning_rate)
best = float("inf")
for epoch in range(args.epochs):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(features) - targets) ** 2)
    optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    if float(loss) < best:
        best = float(loss)
        model.save_weights("best.weights.h5")
model.load_weights("best.weights.h5")

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
print("best loss", best)
''',
        codes=('SM302',),
    ),
    # Model files of the script's other models (a pretrained autoencoder, a best checkpoint loaded under another name) go to the model dir too.
    Example(
        before="""\
import numpy as np
import tensorflow as tf

x = np.random.rand(32, 8).astype("float32")
y = (x.sum(axis=1) > 4).astype("float32")
autoencoder = tf.keras.Sequential([tf.keras.Input((8,)), tf.keras.layers.Dense(4), tf.keras.layers.Dense(8)])
autoencoder.compile("adam", "mse")
autoencoder.fit(x, x, epochs=2)
autoencoder.save("autoencoder.keras")
classifier = tf.keras.Sequential([tf.keras.Input((8,)), tf.keras.layers.Dense(1, activation="sigmoid")])
classifier.compile("adam", "binary_crossentropy")
ckpt = tf.keras.callbacks.ModelCheckpoint("best.keras", save_best_only=True, monitor="loss")
classifier.fit(x, y, epochs=3, callbacks=[ckpt])
best = tf.keras.models.load_model("best.keras")
best.save("final_classifier.keras")
""",
        after='''\
import numpy as np
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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument("--epochs_2", "--epochs-2", type=int, default=3,
                    help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

x = np.random.rand(32, 8).astype("float32")
y = (x.sum(axis=1) > 4).astype("float32")
autoencoder = tf.keras.Sequential([tf.keras.Input((8,)), tf.keras.layers.Dense(4), tf.keras.layers.Dense(8)])
autoencoder.compile("adam", "mse")
autoencoder.fit(x, x, epochs=args.epochs)
autoencoder.save(_sm_path("autoencoder.keras", os.path.join(args.sm_model_dir, "autoencoder.keras")))
classifier = tf.keras.Sequential([tf.keras.Input((8,)), tf.keras.layers.Dense(1, activation="sigmoid")])
classifier.compile("adam", "binary_crossentropy")
ckpt = tf.keras.callbacks.ModelCheckpoint("best.keras", save_best_only=True, monitor="loss")
classifier.fit(x, y, epochs=args.epochs_2, callbacks=[ckpt])
best = tf.keras.models.load_model("best.keras")
best.save(_sm_path("final_classifier.keras", os.path.join(args.sm_model_dir, "final_classifier.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(best, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM201', 'SM302'),
    ),
    # A Keras GAN trained on batches exports the generator it saves, not the last model trained (the combined model would serve the discriminator's score).
    Example(
        before="""\
import numpy as np
import tensorflow as tf

generator = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2)])
discriminator = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
discriminator.compile(optimizer="adam", loss="mse")
noise = tf.keras.Input((2,))
combined = tf.keras.Model(noise, discriminator(generator(noise)))
combined.compile(optimizer="adam", loss="mse")
batch = np.random.rand(32, 2).astype("float32")
for epoch in range(3):
    discriminator.train_on_batch(generator.predict(batch, verbose=0), np.zeros((32, 1)))
    combined.train_on_batch(batch, np.ones((32, 1)))
generator.save("generator.keras")
""",
        after='''\
import numpy as np
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
parser.add_argument("--epochs", type=int, default=3,
                    help="range() of the `for epoch` loop in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

generator = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(2)])
discriminator = tf.keras.Sequential([tf.keras.Input((2,)), tf.keras.layers.Dense(1)])
discriminator.compile(optimizer="adam", loss="mse")
noise = tf.keras.Input((2,))
combined = tf.keras.Model(noise, discriminator(generator(noise)))
combined.compile(optimizer="adam", loss="mse")
batch = np.random.rand(32, 2).astype("float32")
for epoch in range(args.epochs):
    discriminator.train_on_batch(generator.predict(batch, verbose=0), np.zeros((32, 1)))
    combined.train_on_batch(batch, np.ones((32, 1)))
generator.save(_sm_path("generator.keras", os.path.join(args.sm_model_dir, "generator.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(generator, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM202',),
    ),
    # The script's own serving module (tf.saved_model.save of a tf.Module around the model, with its signature) is the export: no raw-model export beside it.
    Example(
        before="""\
import numpy as np
import tensorflow as tf

features = np.random.normal(5.0, 2.0, size=(64, 3)).astype("float32")
labels = (features.sum(axis=1) > 15).astype("float32")
mean, std = features.mean(axis=0), features.std(axis=0)
model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit((features - mean) / std, labels, epochs=2)


class Serving(tf.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32)])
    def serve(self, raw):
        return {"probability": self.model((raw - mean) / std)}


serving = Serving(model)
tf.saved_model.save(serving, "served_model", signatures={"serving_default": serving.serve})
""",
        after='''\
import numpy as np
import tensorflow as tf
import argparse
import os


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

features = np.random.normal(5.0, 2.0, size=(64, 3)).astype("float32")
labels = (features.sum(axis=1) > 15).astype("float32")
mean, std = features.mean(axis=0), features.std(axis=0)
model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit((features - mean) / std, labels, epochs=args.epochs)


class Serving(tf.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32)])
    def serve(self, raw):
        return {"probability": self.model((raw - mean) / std)}


serving = Serving(model)
tf.saved_model.save(serving, _sm_path("served_model", os.path.join(args.sm_model_dir, "1")), signatures={"serving_default": serving.serve})
''',
    ),
    # The best checkpoint loaded under another name and saved last is the model served, not the last epoch's.
    Example(
        before="""\
import tensorflow as tf

features = tf.random.normal((64, 3))
model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
keep_best = tf.keras.callbacks.ModelCheckpoint("best.keras", save_best_only=True, monitor="val_loss")
model.fit(features, tf.reduce_sum(features, 1), epochs=5, validation_split=0.25, callbacks=[keep_best])
best = tf.keras.models.load_model("best.keras")
best.save("final.keras")
""",
        after='''\
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
parser.add_argument("--epochs", type=int, default=5, help="fit(epochs=) in the original script")
parser.add_argument("--validation_split", "--validation-split", type=float, default=0.25,
                    help="fit(validation_split=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

features = tf.random.normal((64, 3))
model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
keep_best = tf.keras.callbacks.ModelCheckpoint("best.keras", save_best_only=True, monitor="val_loss")
model.fit(features, tf.reduce_sum(features, 1), epochs=args.epochs, validation_split=args.validation_split, callbacks=[keep_best])
best = tf.keras.models.load_model("best.keras")
best.save(_sm_path("final.keras", os.path.join(args.sm_model_dir, "final.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(best, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM201', 'SM302'),
    ),
    # a step run by a helper that is called in several places inside the epoch loop: training, exported once after the loop
    Example(
        before="""\
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
optimizer = tf.keras.optimizers.Adam(0.01)


def train_step(batch):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(batch)))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))


def train_pair(first, second):
    train_step(first)
    train_step(second)


for epoch in range(3):
    train_pair(tf.ones((2, 3)), tf.zeros((2, 3)))
    train_pair(tf.zeros((2, 3)), tf.ones((2, 3)))
model.save("model.keras")
""",
        after='''\
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
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.01,
                    help="optimizer learning rate in the original script")
parser.add_argument("--epochs", type=int, default=3,
                    help="range() of the `for epoch` loop in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
optimizer = tf.keras.optimizers.Adam(args.learning_rate)


def train_step(batch):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(batch)))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))


def train_pair(first, second):
    train_step(first)
    train_step(second)


for epoch in range(args.epochs):
    train_pair(tf.ones((2, 3)), tf.zeros((2, 3)))
    train_pair(tf.zeros((2, 3)), tf.ones((2, 3)))
model.save(_sm_path("model.keras", os.path.join(args.sm_model_dir, "model.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # A TF1 graph's prediction is chosen among the tensors bound before the training loop ends, where the export goes: one made after it is not bound there yet
    Example(
        before="""\
import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.zeros([4, 1]))
logits = tf.matmul(x, w)
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(20):
        sess.run(train_op, feed_dict={x: np.ones((8, 4)), y: np.ones((8, 1))})
    labels_out = tf.round(tf.sigmoid(logits))
    print(sess.run(labels_out, feed_dict={x: np.ones((2, 4))}))
""",
        after='''\
import numpy as np
import tensorflow.compat.v1 as tf
import argparse
import os
import shutil
import tensorflow as _tf


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_graph_export(session, version_dir, inputs, outputs):
    """Write the session's graph as a TensorFlow Serving SavedModel into `version_dir`, serving `outputs` from
    `inputs` (signature key -> tensor); an earlier run's copy is replaced, as simple_save refuses an existing
    folder."""
    shutil.rmtree(version_dir, ignore_errors=True)
    _tf.compat.v1.saved_model.simple_save(session, version_dir, inputs=inputs, outputs=outputs)


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.1,
                    help="optimizer learning rate in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.float32, [None, 1])
w = tf.Variable(tf.zeros([4, 1]))
logits = tf.matmul(x, w)
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))
train_op = tf.train.GradientDescentOptimizer(args.learning_rate).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(20):
        sess.run(train_op, feed_dict={x: np.ones((8, 4)), y: np.ones((8, 1))})

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_graph_export(sess, os.path.join(args.sm_model_dir, "1"), inputs={"x": x}, outputs={"logits": logits})
    labels_out = tf.round(tf.sigmoid(logits))
    print(sess.run(labels_out, feed_dict={x: np.ones((2, 4))}))
''',
        codes=('SM208',),
    ),
    # tf.saved_model.builder.SavedModelBuilder, as TensorFlow 1 scripts spell it, is the script's export: re-rooted into <model dir>/1, no second export
    Example(
        before="""\
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 4], name="x")
y = tf.placeholder(tf.float32, [None, 1], name="y")
w = tf.Variable(tf.zeros([4, 1]))
prediction = tf.matmul(x, w)
loss = tf.reduce_mean(tf.square(prediction - y))
train_op = tf.train.AdamOptimizer(0.01).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(100):
        sess.run(train_op, feed_dict={x: np.ones((8, 4)), y: np.ones((8, 1))})
    builder = tf.saved_model.builder.SavedModelBuilder("export/regressor")
    signature = tf.saved_model.signature_def_utils.predict_signature_def(inputs={"x": x}, outputs={"y": prediction})
    builder.add_meta_graph_and_variables(sess, [tf.saved_model.tag_constants.SERVING],
                                         signature_def_map={"serving_default": signature})
    builder.save()
""",
        after='''\
import numpy as np
import tensorflow as tf
import argparse
import os


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.01,
                    help="optimizer learning rate in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

x = tf.placeholder(tf.float32, [None, 4], name="x")
y = tf.placeholder(tf.float32, [None, 1], name="y")
w = tf.Variable(tf.zeros([4, 1]))
prediction = tf.matmul(x, w)
loss = tf.reduce_mean(tf.square(prediction - y))
train_op = tf.train.AdamOptimizer(args.learning_rate).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(100):
        sess.run(train_op, feed_dict={x: np.ones((8, 4)), y: np.ones((8, 1))})
    builder = tf.saved_model.builder.SavedModelBuilder(_sm_path("export/regressor", os.path.join(args.sm_model_dir, "1")))
    signature = tf.saved_model.signature_def_utils.predict_signature_def(inputs={"x": x}, outputs={"y": prediction})
    builder.add_meta_graph_and_variables(sess, [tf.saved_model.tag_constants.SERVING],
                                         signature_def_map={"serving_default": signature})
    builder.save()
''',
        codes=('SM408',),
    ),
    # A .keras file saved under the script's own --model-dir (args.model_dir + '/m.keras') stays a .keras file locally; on SageMaker it goes to the model dir, and the export is added
    Example(
        before="""\
import argparse

import numpy as np
import tensorflow as tf

EPOCHS = 2
p = argparse.ArgumentParser()
p.add_argument("--epochs", type=int, default=EPOCHS)
p.add_argument("--model-dir", default="out")
args = p.parse_args()
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.ones((8, 3)), np.ones((8, 1)), epochs=args.epochs)
model.save(args.model_dir + "/m.keras")
""",
        after='''\
import argparse

import numpy as np
import tensorflow as tf
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

EPOCHS = 2
p = argparse.ArgumentParser()
p.add_argument("--epochs", type=int, default=EPOCHS)
p.add_argument("--model-dir", "--model_dir", default="out")
p.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
args, _ = p.parse_known_args()
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.ones((8, 3)), np.ones((8, 1)), epochs=args.epochs)
model.save(_sm_path(args.model_dir + "/m.keras", os.path.join(args.sm_model_dir, os.path.basename(args.model_dir + "/m.keras"))))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM205',),
    ),
    # a SavedModel folder saved with model.save and loaded back: kept together (SM302), and its save fails on Keras 3: reported
    Example(
        before="""\
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x_train, y_train, epochs=3)
model.save("saved_model/my_model")
reloaded = tf.keras.models.load_model("saved_model/my_model")
""",
        after='''\
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
parser.add_argument("--epochs", type=int, default=3, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x_train, y_train, epochs=args.epochs)
model.save("saved_model/my_model")

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
reloaded = tf.keras.models.load_model("saved_model/my_model")
''',
        codes=('SM302', 'SM402'),
    ),
    # checkpoints saved to a path built at run time (a timestamped run folder): not re-rooted, so reported
    Example(
        before="""\
import time

import tensorflow as tf

run_dir = "runs/" + time.strftime("%Y%m%d-%H%M%S")
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
optimizer = tf.keras.optimizers.SGD(0.1)
checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)
for step in range(10):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x_train) - y_train) ** 2)
    optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    checkpoint.save(run_dir + "/ckpt")
""",
        after='''\
import time

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
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=0.1,
                    help="optimizer learning rate in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

run_dir = "runs/" + time.strftime("%Y%m%d-%H%M%S")
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
optimizer = tf.keras.optimizers.SGD(args.learning_rate)
checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)
for step in range(10):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x_train) - y_train) ** 2)
    optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
    checkpoint.save(run_dir + "/ckpt")

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM201',),
    ),
    # a SageMaker-era script saving only a .h5 file into the model dir: TF Serving can't serve it, so the export follows
    Example(
        before="""\
import argparse
import os

import tensorflow as tf

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "out"))
args, _ = parser.parse_known_args()
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit(x_train, y_train, epochs=args.epochs)
model.save(os.path.join(args.sm_model_dir, "model.h5"))
""",
        after='''\
import argparse
import os

import tensorflow as tf
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

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--sm-model-dir", type=str, default=os.environ.get("SM_MODEL_DIR", "out"))
args, _ = parser.parse_known_args()
model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit(x_train, y_train, epochs=args.epochs)
model.save(os.path.join(args.sm_model_dir, "model.h5"))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # a model loaded again in a branch of its own (a predict mode): the export stays with the training, which may run without it
    Example(
        before="""\
import sys

import tensorflow as tf

if "train" in sys.argv:
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile("adam", "mse")
    model.fit(x_train, y_train, epochs=3)
if "predict" in sys.argv:
    model = tf.keras.models.load_model("model.keras")
    print(model.predict(x_test))
""",
        after='''\
import sys

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
parser.add_argument("--epochs", type=int, default=3, help="fit(epochs=) in the original script")
parser.add_argument("--model", type=str, default=os.environ.get("SM_CHANNEL_MODEL", "."),
                    help="input channel 'model' (SageMaker: SM_CHANNEL_MODEL)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

if "train" in sys.argv:
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile("adam", "mse")
    model.fit(x_train, y_train, epochs=args.epochs)

    # TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
    _sm_export(model, os.path.join(args.sm_model_dir, "1"))
if "predict" in sys.argv:
    model = tf.keras.models.load_model(os.path.join(args.model, "model.keras"))
    print(model.predict(x_test))
''',
    ),
    # Another model's file the script loads again stays with its load, and is said to (the other one goes with the model)
    Example(
        before="""\
import numpy as np
from tensorflow import keras

x = np.random.rand(64, 12).astype("float32")
inp = keras.Input(shape=(12,))
encoder = keras.Model(inp, keras.layers.Dense(3)(inp))
zin = keras.Input(shape=(3,))
decoder = keras.Model(zin, keras.layers.Dense(12)(zin))
autoencoder = keras.Model(inp, decoder(encoder(inp)))
autoencoder.compile(optimizer="adam", loss="mse")
autoencoder.fit(x, x, epochs=2)
encoder.save("artifacts/encoder.keras")
decoder.save("artifacts/decoder.keras")
codes = keras.models.load_model("artifacts/encoder.keras").predict(x[:2])
""",
        after='''\
import numpy as np
from tensorflow import keras
import argparse
import os
import shutil
import tensorflow as tf


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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

x = np.random.rand(64, 12).astype("float32")
inp = keras.Input(shape=(12,))
encoder = keras.Model(inp, keras.layers.Dense(3)(inp))
zin = keras.Input(shape=(3,))
decoder = keras.Model(zin, keras.layers.Dense(12)(zin))
autoencoder = keras.Model(inp, decoder(encoder(inp)))
autoencoder.compile(optimizer="adam", loss="mse")
autoencoder.fit(x, x, epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(autoencoder, os.path.join(args.sm_model_dir, "1"))
encoder.save("artifacts/encoder.keras")
decoder.save(_sm_path("artifacts/decoder.keras", os.path.join(args.sm_model_dir, "decoder.keras")))
codes = keras.models.load_model("artifacts/encoder.keras").predict(x[:2])
''',
        codes=('SM302',),
    ),
    # A model loaded back after the loop is no model the loop trains: one model, exported to model/1 where the loop's model is saved
    Example(
        before="""\
import tensorflow as tf
from tensorflow import keras

net = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
optimizer = keras.optimizers.Adam()
for step in range(3):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(net(tf.random.normal((8, 2))))
    optimizer.apply_gradients(zip(tape.gradient(loss, net.trainable_variables), net.trainable_variables))
net.save("net.keras")
best = keras.models.load_model("net.keras")
""",
        after='''\
import tensorflow as tf
from tensorflow import keras
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
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

net = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1)])
optimizer = keras.optimizers.Adam()
for step in range(3):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(net(tf.random.normal((8, 2))))
    optimizer.apply_gradients(zip(tape.gradient(loss, net.trainable_variables), net.trainable_variables))
net.save("net.keras")

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(net, os.path.join(args.sm_model_dir, "1"))
best = keras.models.load_model("net.keras")
''',
        codes=('SM302',),
    ),
    # The script's own servable, loaded back: kept with its load, and said to be no export (model/1 is the model's)
    Example(
        before="""\
import numpy as np
import tensorflow as tf
from tensorflow import keras

x = np.random.rand(64, 7).astype("float32")
model = keras.Sequential([keras.Input(shape=(7,)), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(x, x[:, :1], epochs=2)


class Serving(tf.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    @tf.function(input_signature=[tf.TensorSpec([None, 7], tf.float32, name="features")])
    def predict(self, features):
        return {"prob": self.model(features)}


serving = Serving(model)
tf.saved_model.save(serving, "export/classifier", signatures={"serving_default": serving.predict})
loaded = tf.saved_model.load("export/classifier")
""",
        after='''\
import numpy as np
import tensorflow as tf
from tensorflow import keras
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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

x = np.random.rand(64, 7).astype("float32")
model = keras.Sequential([keras.Input(shape=(7,)), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(x, x[:, :1], epochs=args.epochs)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))


class Serving(tf.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    @tf.function(input_signature=[tf.TensorSpec([None, 7], tf.float32, name="features")])
    def predict(self, features):
        return {"prob": self.model(features)}


serving = Serving(model)
tf.saved_model.save(serving, "export/classifier", signatures={"serving_default": serving.predict})
loaded = tf.saved_model.load("export/classifier")
''',
        codes=('SM302',),
    ),
    # a model saved by the script's own function under a parameter of its own name (`def save_model(m, path): m.save(path)`), then loaded back: the save and its load stay together (it was an input channel)
    Example(
        before="""\
import numpy as np
import tensorflow as tf


def save_model(m, path):
    m.save(path)
    print("saved", path)


x = np.random.rand(32, 3).astype("float32")
y = x.sum(axis=1, keepdims=True)
model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, epochs=2)
save_model(model, "models/final.keras")
restored = tf.keras.models.load_model("models/final.keras")
print(restored.predict(x[:2]))
""",
        after='''\
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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


def save_model(m, path):
    m.save(path)
    print("saved", path)


x = np.random.rand(32, 3).astype("float32")
y = x.sum(axis=1, keepdims=True)
model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, epochs=args.epochs)
save_model(model, "models/final.keras")

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
restored = tf.keras.models.load_model("models/final.keras")
print(restored.predict(x[:2]))
''',
        codes=('SM302',),
    ),
    # the same function with its parameter named `model`, nothing loaded back: the caller's path goes to the model dir, and the save inside the function is not reported as built at run time
    Example(
        before="""\
import numpy as np
import tensorflow as tf


def save_model(model, path):
    model.save(path)
    print("saved", path)


x = np.random.rand(32, 3).astype("float32")
y = x.sum(axis=1, keepdims=True)
model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, epochs=2)
save_model(model, "models/final.keras")

""",
        after='''\
import numpy as np
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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()


def save_model(model, path):
    model.save(path)
    print("saved", path)


x = np.random.rand(32, 3).astype("float32")
y = x.sum(axis=1, keepdims=True)
model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, epochs=args.epochs)
save_model(model, _sm_path("models/final.keras", os.path.join(args.sm_model_dir, "final.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))

''',
    ),
    # a sweep that keeps its best model (`best = (loss, model)`, or `best_model = model`) and saves it after the loop: that model is served, not the last one trained
    Example(
        before="""\
import numpy as np
import tensorflow as tf

x = np.ones((8, 3), "float32")
y = np.ones((8, 1), "float32")
best = None
for units in [4, 8]:
    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(units), tf.keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    history = model.fit(x, y, epochs=2, verbose=0)
    loss = history.history["loss"][-1]
    if best is None or loss < best[0]:
        best = (loss, model)
best[1].save("best.keras")
""",
        after='''\
import numpy as np
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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

x = np.ones((8, 3), "float32")
y = np.ones((8, 1), "float32")
best = None
for units in [4, 8]:
    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(units), tf.keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    history = model.fit(x, y, epochs=args.epochs, verbose=0)
    loss = history.history["loss"][-1]
    if best is None or loss < best[0]:
        best = (loss, model)
best[1].save(_sm_path("best.keras", os.path.join(args.sm_model_dir, "best.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(best[1], os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # the best checkpoint loaded back and exported as a SavedModel (`best.export(...)`): that export is the model dir's, not the last epoch's model
    Example(
        before="""\
from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2, activation="softmax")])
model.compile("adam", "sparse_categorical_crossentropy")
best_file = keras.callbacks.ModelCheckpoint("checkpoints/best.keras", save_best_only=True)
model.fit([[0.0] * 4] * 8, [0, 1] * 4, validation_split=0.5, epochs=2, callbacks=[best_file])
best = keras.models.load_model("checkpoints/best.keras")
best.export("export/")
""",
        after='''\
from tensorflow import keras
import argparse
import os


# Helpers for the SageMaker changes below (added by sm-migrate).
def _sm_path(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in os.environ:
        return local_path
    os.makedirs(os.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path


# SageMaker script-mode arguments (added by sm-migrate): SageMaker passes hyperparameters as
# `--name value` and sets SM_* variables; without them the script's own values are used.
parser = argparse.ArgumentParser(allow_abbrev=False)
parser.add_argument("--validation_split", "--validation-split", type=float, default=0.5,
                    help="fit(validation_split=) in the original script")
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(2, activation="softmax")])
model.compile("adam", "sparse_categorical_crossentropy")
best_file = keras.callbacks.ModelCheckpoint("checkpoints/best.keras", save_best_only=True)
model.fit([[0.0] * 4] * 8, [0, 1] * 4, validation_split=args.validation_split, epochs=args.epochs, callbacks=[best_file])
best = keras.models.load_model("checkpoints/best.keras")
best.export(_sm_path("export/", os.path.join(args.sm_model_dir, "1")))
''',
        codes=('SM201', 'SM302'),
    ),
    # a model built around the trained one after training (its text preprocessing in front) and saved: that is what the script delivers, so that is served
    Example(
        before="""\
import tensorflow as tf
from tensorflow.keras import layers

texts = tf.constant(["good movie", "bad movie"])
vectorizer = layers.TextVectorization(max_tokens=10, output_sequence_length=2)
vectorizer.adapt(texts)
model = tf.keras.Sequential([tf.keras.Input(shape=(2,), dtype="int64"), layers.Embedding(10, 4),
                             layers.GlobalAveragePooling1D(), layers.Dense(1, activation="sigmoid")])
model.compile("adam", "binary_crossentropy")
model.fit(vectorizer(texts), tf.constant([1.0, 0.0]), epochs=2)
raw_text = tf.keras.Input(shape=(1,), dtype="string")
end_to_end = tf.keras.Model(raw_text, model(vectorizer(raw_text)))
end_to_end.save("sentiment.keras")
""",
        after='''\
import tensorflow as tf
from tensorflow.keras import layers
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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

texts = tf.constant(["good movie", "bad movie"])
vectorizer = layers.TextVectorization(max_tokens=10, output_sequence_length=2)
vectorizer.adapt(texts)
model = tf.keras.Sequential([tf.keras.Input(shape=(2,), dtype="int64"), layers.Embedding(10, 4),
                             layers.GlobalAveragePooling1D(), layers.Dense(1, activation="sigmoid")])
model.compile("adam", "binary_crossentropy")
model.fit(vectorizer(texts), tf.constant([1.0, 0.0]), epochs=args.epochs)
raw_text = tf.keras.Input(shape=(1,), dtype="string")
end_to_end = tf.keras.Model(raw_text, model(vectorizer(raw_text)))
end_to_end.save(_sm_path("sentiment.keras", os.path.join(args.sm_model_dir, "sentiment.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(end_to_end, os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # a sweep that keeps its best model (`best = (loss, model)`) and reads it after the loop, saving nothing: the kept model is served, not the last one trained
    Example(
        before="""\
import tensorflow as tf

x, y = tf.ones((8, 2)), tf.ones((8, 1))
best = None
for units in [4, 2]:
    model = tf.keras.Sequential([tf.keras.layers.Dense(units), tf.keras.layers.Dense(1)])
    model.compile("adam", "mse")
    model.fit(x, y, epochs=2)
    loss = model.evaluate(x, y)
    if best is None or loss < best[0]:
        best = (loss, model)
print("kept", best[1].layers[0].units)
""",
        after='''\
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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

x, y = tf.ones((8, 2)), tf.ones((8, 1))
best = None
for units in [4, 2]:
    model = tf.keras.Sequential([tf.keras.layers.Dense(units), tf.keras.layers.Dense(1)])
    model.compile("adam", "mse")
    model.fit(x, y, epochs=args.epochs)
    loss = model.evaluate(x, y)
    if best is None or loss < best[0]:
        best = (loss, model)

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(best[1], os.path.join(args.sm_model_dir, "1"))
print("kept", best[1].layers[0].units)
''',
    ),
    # models kept by name in a dict (`trained[name] = model`) and the winner saved: its save goes to the model dir and it is the one served
    Example(
        before="""\
import tensorflow as tf

x, y = tf.ones((8, 2)), tf.ones((8, 1))
trained, losses = {}, {}
for name, units in [("small", 2), ("big", 4)]:
    model = tf.keras.Sequential([tf.keras.layers.Dense(units), tf.keras.layers.Dense(1)])
    model.compile("adam", "mse")
    model.fit(x, y, epochs=2)
    losses[name] = model.evaluate(x, y)
    trained[name] = model
winner = min(losses, key=losses.get)
trained[winner].save("winner.keras")
""",
        after='''\
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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

x, y = tf.ones((8, 2)), tf.ones((8, 1))
trained, losses = {}, {}
for name, units in [("small", 2), ("big", 4)]:
    model = tf.keras.Sequential([tf.keras.layers.Dense(units), tf.keras.layers.Dense(1)])
    model.compile("adam", "mse")
    model.fit(x, y, epochs=args.epochs)
    losses[name] = model.evaluate(x, y)
    trained[name] = model
winner = min(losses, key=losses.get)
trained[winner].save(_sm_path("winner.keras", os.path.join(args.sm_model_dir, "winner.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(trained[winner], os.path.join(args.sm_model_dir, "1"))
''',
    ),
    # a model trained, then a head on its layers trained and never saved, then the first model saved: the saved model is what the script delivers, so it is served (not the head trained last)
    Example(
        before="""\
from tensorflow import keras

inputs = keras.Input((4,))
hidden = keras.layers.Dense(8)(inputs)
label, score = keras.layers.Dense(2, name="label")(hidden), keras.layers.Dense(1, name="score")(hidden)
model = keras.Model(inputs, [label, score])
model.compile(optimizer="adam", loss={"label": "mse", "score": "mse"})
model.fit([[0.0] * 4], {"label": [[0.0, 1.0]], "score": [[0.5]]}, epochs=2)
head = keras.Model(inputs, label)
head.compile(optimizer="adam", loss="mse")
head.fit([[0.0] * 4], [[0.0, 1.0]], epochs=1)
model.save("two_outputs.keras")
""",
        after='''\
from tensorflow import keras
import argparse
import os
import shutil
import tensorflow as tf


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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument("--epochs_2", "--epochs-2", type=int, default=1,
                    help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

inputs = keras.Input((4,))
hidden = keras.layers.Dense(8)(inputs)
label, score = keras.layers.Dense(2, name="label")(hidden), keras.layers.Dense(1, name="score")(hidden)
model = keras.Model(inputs, [label, score])
model.compile(optimizer="adam", loss={"label": "mse", "score": "mse"})
model.fit([[0.0] * 4], {"label": [[0.0, 1.0]], "score": [[0.5]]}, epochs=args.epochs)
head = keras.Model(inputs, label)
head.compile(optimizer="adam", loss="mse")
head.fit([[0.0] * 4], [[0.0, 1.0]], epochs=args.epochs_2)
model.save(_sm_path("two_outputs.keras", os.path.join(args.sm_model_dir, "two_outputs.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
''',
        codes=('SM202',),
    ),
    # two SavedModel saves: the last is the export; the first, `model.save(<dir>)`, raises on Keras 3, so it becomes an export call too, where it wrote
    Example(
        before="""\
import tensorflow as tf

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(tf.ones((8, 2)), tf.ones((8, 1)), epochs=2)
model.save("saved_model")
tf.saved_model.save(model, "export/1")
""",
        after='''\
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
parser.add_argument("--epochs", type=int, default=2, help="fit(epochs=) in the original script")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument("--model_dir", "--model-dir", type=str, default=None,
                    help="checkpoints; an S3 URI on SageMaker (never the final model)")
args, _ = parser.parse_known_args()

model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(tf.ones((8, 2)), tf.ones((8, 1)), epochs=args.epochs)
_sm_export(model, "saved_model")
tf.saved_model.save(model, _sm_path("export/1", os.path.join(args.sm_model_dir, "1")))
''',
        codes=('SM202', 'SM204'),
    ),
)
