"""Model building blocks shared by our training and evaluation scripts. Trains nothing."""
import tensorflow as tf


@tf.keras.utils.register_keras_serializable(package="model_def")
class ResidualDense(tf.keras.layers.Layer):
    """Dense -> ReLU -> Dense with a skip connection (input and output widths equal)."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.inner = tf.keras.layers.Dense(units, activation="relu")
        self.outer = tf.keras.layers.Dense(units)

    def call(self, inputs):
        return tf.nn.relu(inputs + self.outer(self.inner(inputs)))

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def build_regressor(num_features, hidden_units=16):
    inputs = tf.keras.Input(shape=(num_features,), name="features")
    hidden = tf.keras.layers.Dense(hidden_units, activation="relu")(inputs)
    hidden = ResidualDense(hidden_units)(hidden)
    outputs = tf.keras.layers.Dense(1, name="target")(hidden)
    return tf.keras.Model(inputs, outputs, name="regressor")
