"""Customer churn model from the CRM export in one dataset folder.

Everything is read from DATA_DIR: the customer table (CSV), the plan tariffs (JSON) and a held-out
batch of newer customers (a pickled DataFrame from the analytics notebook). The best epoch is kept in
checkpoints/best.keras, the training curve goes to reports/history.csv and the final model to
churn_model.keras.
"""
import os

import pandas as pd
import tensorflow as tf

DATA_DIR = "dataset"
EPOCHS = 2
BATCH_SIZE = 64
LEARNING_RATE = 1e-3
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

best_checkpoint = tf.keras.callbacks.ModelCheckpoint("checkpoints/best.keras", save_best_only=True, monitor="loss")
history = model.fit(x_train, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE, callbacks=[best_checkpoint])

loss, auc = model.evaluate(x_holdout, y_holdout, verbose=0)
print(f"holdout AUC: {auc:.3f}")

os.makedirs("reports", exist_ok=True)
pd.DataFrame(history.history).to_csv("reports/history.csv", index_label="epoch")
model.save("churn_model.keras")
