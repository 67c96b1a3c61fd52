# House price regression on a small CSV.
# Reads data/housing.csv, standardises the features with the training-set statistics,
# fits a small MLP and saves it to housing_model.h5.
import pandas as pd
import keras

EPOCHS = 3
BATCH_SIZE = 16
TARGET = "price"

df = pd.read_csv("data/housing.csv")
print(df.describe().T[["mean", "std"]])

train_df = df.sample(frac=0.8, random_state=0)
test_df = df.drop(train_df.index)

x_train = train_df.drop(columns=[TARGET])
x_test = test_df.drop(columns=[TARGET])
# normalise with the *training* statistics only
mean, std = x_train.mean(), x_train.std()
x_train = ((x_train - mean) / std).to_numpy("float32")
x_test = ((x_test - mean) / std).to_numpy("float32")
# prices in thousands keep the loss in a sane range
y_train = train_df[TARGET].to_numpy("float32") / 1000.0
y_test = test_df[TARGET].to_numpy("float32") / 1000.0

model = keras.Sequential([
    keras.Input(shape=(x_train.shape[1],)),
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(16, activation="relu"),
    keras.layers.Dense(1),
])
model.compile(optimizer=keras.optimizers.RMSprop(0.001), loss="mse", metrics=["mae"])

history = model.fit(x_train, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE, validation_split=0.1, verbose=1)

mse, mae = model.evaluate(x_test, y_test, verbose=0)
print(f"test MAE: {mae:.1f}k")

model.save("housing_model.h5")
