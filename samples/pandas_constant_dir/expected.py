"""Customer churn model from the CRM export in one dataset folder.

Everything is read from DATA_DIR: the customer table (CSV), the plan tariffs (JSON) and a held-out
batch of newer customers (a pickled DataFrame from the analytics notebook). The best epoch is kept in
checkpoints/best.keras, the training curve goes to reports/history.csv and the final model to
churn_model.keras.
"""
import os

import pandas as pd
import tensorflow as tf
import argparse
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
parser.add_argument("--epochs", type=int, default=2, help="EPOCHS in the original script")
parser.add_argument("--batch_size", "--batch-size", type=int, default=64,
                    help="BATCH_SIZE in the original script")
parser.add_argument("--learning_rate", "--learning-rate", type=float, default=1e-3,
                    help="LEARNING_RATE in the original script")
parser.add_argument("--dataset", type=str, default=os.environ.get("SM_CHANNEL_DATASET", "dataset"),
                    help="input channel 'dataset' (SageMaker: SM_CHANNEL_DATASET)")
parser.add_argument(
    "--sm-model-dir", "--sm_model_dir",
    type=str,
    default=os.environ.get("SM_MODEL_DIR", "sm_model"),
    help="where the final model goes (SageMaker: SM_MODEL_DIR)",
)
parser.add_argument(
    "--output-data-dir", "--output_data_dir",
    type=str,
    default=os.environ.get("SM_OUTPUT_DATA_DIR", "sm_output"),
    help="other artefacts (SageMaker: SM_OUTPUT_DATA_DIR)",
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

DATA_DIR = args.dataset
EPOCHS = args.epochs
BATCH_SIZE = args.batch_size
LEARNING_RATE = args.learning_rate
FEATURES = ["tenure_months", "monthly_minutes", "support_calls", "monthly_fee", "minutes_over_plan"]

customers = pd.read_csv(os.path.join(DATA_DIR, "customers.csv"))
plans = pd.read_json(os.path.join(DATA_DIR, "plans.json"))
holdout = pd.read_pickle(os.path.join(DATA_DIR, "holdout.pkl"))
print(f"{len(customers)} customers, {len(plans)} plans, {len(holdout)} held out")


def featurise(frame):
    """Join the plan tariff onto each customer; features as float32, churn flag as the label."""
    frame = frame.merge(plans, on="plan", how="left")
    frame["minutes_over_plan"] = (frame.monthly_minutes - frame.included_minutes).clip(lower=0)
    return frame[FEATURES].to_numpy("float32"), frame["churned"].to_numpy("float32")


x_train, y_train = featurise(customers)
x_holdout, y_holdout = featurise(holdout)

normalise = tf.keras.layers.Normalization()
normalise.adapt(x_train)
model = tf.keras.Sequential([
    tf.keras.Input(shape=(len(FEATURES),)),
    normalise,
    tf.keras.layers.Dense(16, activation="relu"),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(
    optimizer=tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE),
    loss="binary_crossentropy",
    metrics=[tf.keras.metrics.AUC(name="auc")],
)

best_checkpoint = tf.keras.callbacks.ModelCheckpoint(_sm_path("checkpoints/best.keras", os.path.join(args.checkpoint_dir, "best.keras")), save_best_only=True, monitor="loss")
history = model.fit(x_train, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE, callbacks=[best_checkpoint])

loss, auc = model.evaluate(x_holdout, y_holdout, verbose=0)
print(f"holdout AUC: {auc:.3f}")

os.makedirs("reports", exist_ok=True)
pd.DataFrame(history.history).to_csv(_sm_path("reports/history.csv", os.path.join(args.output_data_dir, "reports/history.csv")), index_label="epoch")
model.save(_sm_path("churn_model.keras", os.path.join(args.sm_model_dir, "churn_model.keras")))

# TensorFlow Serving SavedModel for SageMaker: <model dir>/1 (added by sm-migrate)
_sm_export(model, os.path.join(args.sm_model_dir, "1"))
