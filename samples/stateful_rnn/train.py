# Predict the next value of a sine wave with a stateful LSTM: the batch size is fixed, and the state
# carries from one batch to the next within an epoch.
import numpy as np
import tensorflow as tf

BATCH = 4
EPOCHS = 2

series = np.load("series.npy").astype("float32")
windows = np.stack([series[i:i + 10] for i in range(len(series) - 10)])[:, :, None]
targets = series[10:][:, None]
usable = len(windows) // BATCH * BATCH
windows, targets = windows[:usable], targets[:usable]


class ResetStates(tf.keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        for layer in self.model.layers:
            if getattr(layer, "stateful", False):
                layer.reset_states()


model = tf.keras.Sequential([
    tf.keras.Input(batch_shape=(BATCH, 10, 1)),
    tf.keras.layers.LSTM(8, stateful=True),
    tf.keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(windows, targets, epochs=EPOCHS, batch_size=BATCH, shuffle=False, callbacks=[ResetStates()])
