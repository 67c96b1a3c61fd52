"""What sm-migrate knows about TensorFlow/Keras APIs, kept apart from the transforms that use it.

Qualified names are canonicalised first (`canonical_name`), so a table row covers every import style:
`tf.keras.optimizers.Adam`, `from tensorflow.keras.optimizers import Adam`, `keras.optimizers.Adam`,
`tf.optimizers.Adam` and `keras.optimizers.legacy.Adam` all become `keras.optimizers.Adam`; `tf.compat.v2` is
TensorFlow 2's own API under another name (`tf.compat.v2.GradientTape` is `tensorflow.GradientTape`), so is
`tf.compat.v1.estimator` for what is known of estimators here (construction, training, export; tf_upgrade_v2
writes the canned estimators that way), and TensorFlow's `tf.compat.v1.flags` (`tf.app.flags`, `tf.flags`) is
absl's `flags` module.
Adding an API is a row here, not a branch in a transform.
"""

from __future__ import annotations

import re
import sys

from sm_migrate.transforms.versions import release

_TF2_COMPAT = "tensorflow.compat.v2"
_TF1_ESTIMATOR = "tensorflow.compat.v1.estimator."
_TF_FLAGS_MODULES = ("tensorflow.compat.v1.app.flags", "tensorflow.compat.v1.flags", "tensorflow.app.flags",
                     "tensorflow.flags")
_KERAS_PREFIXES = (
    "tensorflow.keras.",
    "tensorflow.python.keras.",
    "tensorflow.compat.v1.keras.",
    "tf_keras.",
    "keras.src.",
)


def canonical_name(qualified_name: str) -> str:
    """Map the many spellings of one TF/Keras API onto one name (see module docstring)."""
    name = qualified_name
    if name == _TF2_COMPAT or name.startswith(_TF2_COMPAT + "."):
        name = "tensorflow" + name[len(_TF2_COMPAT):]
    if name.startswith(_TF1_ESTIMATOR):
        name = "tensorflow.estimator." + name[len(_TF1_ESTIMATOR):]
    for prefix in _KERAS_PREFIXES:
        if name.startswith(prefix):
            name = "keras." + name[len(prefix) :]
            break
    for module in _TF_FLAGS_MODULES:
        if name == module or name.startswith(module + "."):
            return "absl.flags" + name[len(module):]
    if name.startswith("tensorflow.optimizers."):
        name = "keras.optimizers." + name[len("tensorflow.optimizers.") :]
    return name.replace("keras.optimizers.legacy.", "keras.optimizers.").replace(
        "keras.optimizers.experimental.", "keras.optimizers."
    )


def is_tensorflow_name(qualified_name: str) -> bool:
    root = qualified_name.split(".", 1)[0]
    return root in {"tensorflow", "keras", "tf_keras"}


# Calls whose result is a Keras model object.
MODEL_CONSTRUCTORS = frozenset(
    {
        "keras.Sequential",
        "keras.models.Sequential",
        "keras.Model",
        "keras.models.Model",
        "keras.models.load_model",
        "keras.saving.load_model",
        "keras.models.clone_model",
    }
)
MODEL_CONSTRUCTOR_PREFIXES = ("keras.applications.",)
MODEL_LOADERS = frozenset({"keras.models.load_model", "keras.saving.load_model"})
# Base classes that make a user class a Keras model.
MODEL_BASE_CLASSES = frozenset({"keras.Model", "keras.models.Model", "keras.Sequential", "keras.models.Sequential"})

# Keras optimizers: the learning rate is this keyword (or the legacy `lr`), or the first positional argument.
OPTIMIZER_MODULE = "keras.optimizers."
LEARNING_RATE_KEYWORDS = ("learning_rate", "lr")
# Learning-rate schedules: the rate they start from is the learning rate (first positional or this keyword).
LEARNING_RATE_SCHEDULE_MODULE = "keras.optimizers.schedules."
SCHEDULE_RATE_KEYWORD = "initial_learning_rate"
# Schedules whose first argument is not the initial rate: no single rate to lift.
SCHEDULES_WITHOUT_INITIAL_RATE = frozenset({"keras.optimizers.schedules.PiecewiseConstantDecay"})
# TF1 graph optimizers (`tf.compat.v1.train.AdamOptimizer(0.01)`): the same learning-rate argument.
TF1_OPTIMIZER_MODULES = ("tensorflow.compat.v1.train.", "tensorflow.train.")
# `train_op = optimizer.minimize(loss)`: the op a TF1 session runs to train.
TF1_TRAINING_OPS = frozenset({"minimize"})

# `Model.fit` keywords that are training hyperparameters, with the argparse type of their value.
# Conversions a script wraps a setting in at the call (`epochs=int(EPOCHS)`): the setting is what is lifted.
NUMBER_CONVERSIONS = frozenset({"builtins.int", "builtins.float"})
FIT_HYPERPARAMETERS = {
    "epochs": "int",
    "batch_size": "int",
    "validation_split": "float",
    "steps_per_epoch": "int",
    "validation_steps": "int",
    "validation_freq": "int",
    "initial_epoch": "int",
    "shuffle": "bool",
}
# Keras 2 APIs that Keras 3 (TF >= 2.16) removed: method -> what replaces it. Keywords likewise.
# Keras APIs gone from TensorFlow 2 itself, whatever its Keras: canonical name -> (the release without it, what to
# use instead). Through `tf.compat.v1.keras` some still exist up to TF 2.15: not listed under that spelling.
REMOVED_KERAS_APIS = {
    "keras.utils.multi_gpu_model": ((2, 4), "train under tf.distribute.MirroredStrategy instead"),
    "keras.backend.get_session": ((2, 0), "TF 2 runs eagerly with no session; export with model.export or "
                                          "tf.saved_model.save"),
    "keras.backend.set_session": ((2, 0), "TF 2 has no session to set; configure devices with tf.config"),
    # Keras 1's dim ordering: no tf.keras (nor tf-keras 2.21) has it
    "keras.backend.image_dim_ordering": ((2, 0), "use keras.backend.image_data_format(), 'channels_first' where it "
                                                 "said 'th', 'channels_last' where it said 'tf'"),
    "keras.backend.set_image_dim_ordering": ((2, 0), "use keras.backend.set_image_data_format('channels_first') for "
                                                     "'th', 'channels_last' for 'tf'"),
}
# Keras 2 backend functions Keras 3 has none of, through `keras.backend` and `tf.keras.backend` alike (TF 2.15 and
# tf-keras still have them, so `--keras 2` keeps them): canonical name -> why it can't be rewritten / what instead.
KERAS3_REMOVED_APIS = {
    "keras.backend.set_learning_phase": "Keras 3 has no global learning phase; pass training=True/False where the "
                                        "model or layer is called",
    "keras.backend.learning_phase": "Keras 3 has no global learning phase; pass training=True/False where the model "
                                    "or layer is called",
    "keras.backend.learning_phase_scope": "Keras 3 has no global learning phase; pass training=True/False where the "
                                          "model or layer is called",
    "keras.backend.function": "Keras 3 has no backend functions; build keras.Model(inputs, outputs) and call it",
    "keras.backend.placeholder": "Keras 3 has no placeholders; use keras.Input",
}
# Methods Keras models lost in TF 2.6 (Sequential's): method -> (the release without it, what to use instead).
REMOVED_MODEL_METHODS = {
    "predict_classes": ((2, 6), 'use np.argmax(model.predict(x), axis=-1) for a softmax output, '
                                '(model.predict(x) > 0.5).astype("int32") for a sigmoid one'),
    "predict_proba": ((2, 6), "use model.predict(x), which returned the same probabilities"),
}
# Of those, the methods other libraries' objects have too (scikit-learn's classifiers, scikeras): reported only on
# a receiver known to be a Keras model. No common library but Keras has a `predict_classes`.
OTHER_LIBRARIES_METHODS = frozenset({"predict_proba"})
# Keras 2 APIs the standalone `keras` 3 package dropped, while TF's own `tf.keras` (TF 2.16+) still serves them from
# its legacy preprocessing modules: spelled `keras.<...>` (imported from `keras`, not `tensorflow.keras`) they fail
# on a Keras 3 target. Name as written -> what to use instead.
STANDALONE_KERAS3_REMOVED = {
    "keras.preprocessing.image.ImageDataGenerator": "import it from tensorflow.keras.preprocessing.image, or load "
                                                    "images with keras.utils.image_dataset_from_directory",
    "keras.preprocessing.text.Tokenizer": "import it from tensorflow.keras.preprocessing.text, or use "
                                          "keras.layers.TextVectorization",
    "keras.preprocessing.sequence.TimeseriesGenerator": "use keras.utils.timeseries_dataset_from_array",
    "keras.wrappers.scikit_learn.KerasClassifier": "use the scikeras package",
    "keras.wrappers.scikit_learn.KerasRegressor": "use the scikeras package",
}
# Of those, what TF's `tf.keras` still serves, the same Keras 2 class (its legacy preprocessing modules, TF 2.16+):
# name as written -> the module to import it from instead.
TF_KERAS_LEGACY_HOMES = {
    "keras.preprocessing.image.ImageDataGenerator": "tensorflow.keras.preprocessing.image",
    "keras.preprocessing.text.Tokenizer": "tensorflow.keras.preprocessing.text",
    "keras.preprocessing.sequence.TimeseriesGenerator": "tensorflow.keras.preprocessing.sequence",
}
# Keras 2's implementation modules that Keras 3 (TF >= 2.16) has none of -> the public modules that held the same
# names in Keras 2 already (`keras.layers.core.Dense` is `keras.layers.Dense`; the preprocessing layers left
# `layers.experimental.preprocessing` in TF 2.6). Where several are listed, the first that has every imported name.
KERAS2_MODULE_MOVES = {
    **{f"keras.layers.{module}": ("keras.layers",) for module in (
        "core", "convolutional", "convolutional_recurrent", "normalization", "merge", "recurrent", "embeddings",
        "advanced_activations", "pooling", "wrappers", "noise", "local", "cudnn_recurrent", "dense_attention",
        "experimental", "experimental.preprocessing")},
    **{f"keras.utils.{module}": ("keras.utils",) for module in (
        "vis_utils", "np_utils", "data_utils", "generic_utils", "layer_utils", "io_utils", "conv_utils")},
    **{module: ("keras.layers", "keras.models", "keras.utils") for module in (
        "keras.engine", "keras.engine.topology", "keras.engine.base_layer", "keras.engine.input_layer",
        "keras.engine.input_spec", "keras.engine.training", "keras.engine.sequential", "keras.engine.functional")},
}
# The public names of those modules in Keras 3 (keras 3.x as TF 2.21 installs it; a test checks them against the
# installed package): a moved name is rewritten only where Keras 3 has it, else reported.
KERAS3_PUBLIC_NAMES = {
    "keras.layers": frozenset({"Activation", "ActivityRegularization", "AdaptiveAveragePooling1D",
        "AdaptiveAveragePooling2D", "AdaptiveAveragePooling3D", "AdaptiveMaxPooling1D", "AdaptiveMaxPooling2D",
        "AdaptiveMaxPooling3D", "Add", "AdditiveAttention", "AlphaDropout", "Attention", "AugMix", "AutoContrast",
        "Average", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "AvgPool1D", "AvgPool2D", "AvgPool3D",
        "BatchNormalization", "Bidirectional", "CategoryEncoding", "CenterCrop", "Concatenate",
        "ContrastLimitedAdaptiveHistogramEqualization", "Conv1D", "Conv1DTranspose", "Conv2D", "Conv2DTranspose",
        "Conv3D", "Conv3DTranspose", "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D", "Convolution1D",
        "Convolution1DTranspose", "Convolution2D", "Convolution2DTranspose", "Convolution3D",
        "Convolution3DTranspose", "Cropping1D", "Cropping2D", "Cropping3D", "CutMix", "Dense", "DepthwiseConv1D",
        "DepthwiseConv2D", "Discretization", "Dot", "Dropout", "ELU", "EinsumDense", "Embedding", "Equalization",
        "Flatten", "FlaxLayer", "GRU", "GRUCell", "GaussianDropout", "GaussianNoise", "GlobalAveragePooling1D",
        "GlobalAveragePooling2D", "GlobalAveragePooling3D", "GlobalAvgPool1D", "GlobalAvgPool2D", "GlobalAvgPool3D",
        "GlobalMaxPool1D", "GlobalMaxPool2D", "GlobalMaxPool3D", "GlobalMaxPooling1D", "GlobalMaxPooling2D",
        "GlobalMaxPooling3D", "GroupNormalization", "GroupQueryAttention", "HashedCrossing", "Hashing", "Identity",
        "Input", "InputLayer", "InputSpec", "IntegerLookup", "JaxLayer", "LSTM", "LSTMCell", "Lambda", "Layer",
        "LayerNormalization", "LeakyReLU", "Masking", "MaxNumBoundingBoxes", "MaxPool1D", "MaxPool2D", "MaxPool3D",
        "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "Maximum", "MelSpectrogram", "Minimum", "MixUp",
        "MultiHeadAttention", "Multiply", "Normalization", "PReLU", "Permute", "Pipeline", "RMSNormalization", "RNN",
        "RandAugment", "RandomBrightness", "RandomColorDegeneration", "RandomColorJitter", "RandomContrast",
        "RandomCrop", "RandomElasticTransform", "RandomErasing", "RandomFlip", "RandomGaussianBlur",
        "RandomGrayscale", "RandomHue", "RandomInvert", "RandomPerspective", "RandomPosterization", "RandomRotation",
        "RandomSaturation", "RandomSharpness", "RandomShear", "RandomTranslation", "RandomZoom", "ReLU",
        "RepeatVector", "Rescaling", "Reshape", "Resizing", "ReversibleEmbedding", "STFTSpectrogram",
        "SeparableConv1D", "SeparableConv2D", "SeparableConvolution1D", "SeparableConvolution2D", "SimpleRNN",
        "SimpleRNNCell", "Softmax", "Solarization", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D",
        "SpectralNormalization", "StackedRNNCells", "StringLookup", "Subtract", "TFSMLayer", "TextVectorization",
        "TimeDistributed", "TorchModuleWrapper", "UnitNormalization", "UpSampling1D", "UpSampling2D", "UpSampling3D",
        "Wrapper", "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D", "add", "average", "concatenate", "deserialize",
        "dot", "maximum", "minimum", "multiply", "serialize", "subtract"}),
    "keras.utils": frozenset({"Config", "CustomObjectScope", "FeatureSpace", "Progbar", "PyDataset", "Sequence",
        "array_to_img", "audio_dataset_from_directory", "clear_session", "custom_object_scope",
        "deserialize_keras_object", "disable_interactive_logging", "enable_interactive_logging", "get_custom_objects",
        "get_file", "get_registered_name", "get_registered_object", "get_source_inputs",
        "image_dataset_from_directory", "img_to_array", "is_interactive_logging_enabled", "is_keras_tensor",
        "load_img", "model_to_dot", "normalize", "pack_x_y_sample_weight", "pad_sequences", "plot_model",
        "register_keras_serializable", "save_img", "serialize_keras_object", "set_random_seed", "split_dataset",
        "standardize_dtype", "text_dataset_from_directory", "timeseries_dataset_from_array", "to_categorical",
        "unpack_x_y_sample_weight"}),
    "keras.models": frozenset({"Model", "Sequential", "clone_model", "load_model", "model_from_json", "save_model"}),
}
# Keras 3's ModelCheckpoint writes only these files: a whole model, or its weights (save_weights_only=True).
CHECKPOINT_MODEL_SUFFIXES = (".keras", ".h5")
CHECKPOINT_WEIGHTS_SUFFIX = ".weights.h5"
KERAS2_METHODS = {"fit_generator": "fit", "evaluate_generator": "evaluate", "predict_generator": "predict"}
KERAS2_FIT_KEYWORDS = {"nb_epoch": "epochs"}
# Keras 1 layer keywords that no TF Keras takes (TypeError on TF 2.15 and tf-keras, ValueError on Keras 3), renamed by
# Keras 2's own legacy interface: layer class (any `keras.layers` module) -> (how many leading positional arguments
# mean the same in Keras 1 and 2, {Keras 1 keyword: its Keras 2 name}). Past those positions Keras 1 meant something
# else (`Convolution2D(32, 3, 3)`: a 3x3 kernel, where Keras 2+ reads strides=3 and runs), so such a call is reported.
_KERAS1_WEIGHT_KEYWORDS = {"init": "kernel_initializer", "W_regularizer": "kernel_regularizer",
                           "b_regularizer": "bias_regularizer", "W_constraint": "kernel_constraint",
                           "b_constraint": "bias_constraint", "bias": "use_bias"}
_KERAS1_CONV_KEYWORDS = {**_KERAS1_WEIGHT_KEYWORDS, "nb_filter": "filters", "border_mode": "padding"}
KERAS1_LAYER_KEYWORDS = {
    "Dense": (1, {**_KERAS1_WEIGHT_KEYWORDS, "output_dim": "units"}),
    **{name: (2, {**_KERAS1_CONV_KEYWORDS, "filter_length": "kernel_size", "subsample_length": "strides"})
       for name in ("Conv1D", "Convolution1D")},
    **{name: (2, {**_KERAS1_CONV_KEYWORDS, "subsample": "strides"})
       for name in ("Conv2D", "Convolution2D", "Conv3D", "Convolution3D")},
    **{name: (3, {"border_mode": "padding", "pool_length": "pool_size", "stride": "strides"})
       for name in ("MaxPooling1D", "AveragePooling1D")},
    **{name: (3, {"border_mode": "padding"}) for name in ("MaxPooling2D", "AveragePooling2D", "MaxPooling3D",
                                                         "AveragePooling3D")},
    "Dropout": (3, {"p": "rate"}),
}
# Keras 1 layer keywords of those layers whose Keras 2 form is not a rename: keyword -> what to write instead.
KERAS1_LAYER_KEYWORDS_REPORTED = {
    "dim_ordering": "write data_format='channels_last' for 'tf', 'channels_first' for 'th'",
    "nb_row": "write kernel_size=(nb_row, nb_col)",
    "nb_col": "write kernel_size=(nb_row, nb_col)",
}
KERAS2_OPTIMIZER_KEYWORDS = {"lr": "learning_rate"}
KERAS2_SAVE_KEYWORDS = {"save_format": "a .keras/.h5 path, or model.export for a SavedModel"}
# What Keras 3's replacements of the Keras 2 generator methods accept by keyword (TF 2.21's keras 3.x): a
# Keras 2 call passing anything else (`workers=`, `max_queue_size=`, `use_multiprocessing=`, `generator=`) can't
# simply be renamed. Positionally only the data lines up: `fit_generator(gen, steps_per_epoch, epochs)` is not
# `fit(x, y, batch_size)`.
KERAS3_METHOD_KEYWORDS = {
    "fit": frozenset({"x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split",
                      "validation_data", "shuffle", "class_weight", "sample_weight", "initial_epoch",
                      "steps_per_epoch", "validation_steps", "validation_batch_size", "validation_freq"}),
    "evaluate": frozenset({"x", "y", "batch_size", "verbose", "sample_weight", "steps", "callbacks", "return_dict"}),
    "predict": frozenset({"x", "batch_size", "verbose", "steps", "callbacks"}),
}
# Keras 2 keywords Keras 3 refuses (TypeError at the call, after everything before it ran): keyword -> what instead.
KERAS3_REMOVED_FIT_KEYWORDS = {
    "workers": "a keras.utils.PyDataset takes it in its constructor (super().__init__(workers=...)); drop it here",
    "use_multiprocessing": "a keras.utils.PyDataset takes it in its constructor; drop it here",
    "max_queue_size": "a keras.utils.PyDataset takes it in its constructor; drop it here",
}
KERAS3_REMOVED_CALLBACK_KEYWORDS = {
    "period": 'use save_freq="epoch" for period=1, or save_freq=<batches> for a number of batches',
}
# From TF 2.11 the Keras 2 optimizers take `lr=` with a warning and keep their default learning rate (checked on
# TF 2.15 and tf-keras 2.21): silently wrong there, an error on Keras 3. `nb_epoch=` (Keras 1) no TF 2 fit takes.
LR_IGNORED_SINCE = (2, 11)
# Keras 3 accepts `save_format=` (with a warning) only when the path already says the format.
KERAS3_SAVE_FORMAT_SUFFIXES = (".keras", ".h5", ".hdf5")
# Setting this before TensorFlow is imported makes `tf.keras` the Keras 2 of the tf-keras package (TF >= 2.16).
LEGACY_KERAS_VARIABLE = "TF_USE_LEGACY_KERAS"
# Keras training calls: `fit` and its Keras 2 spelling (same keywords), and the step of a hand-written loop.
FIT_METHODS = frozenset({"fit", "fit_generator"})
TRAIN_STEP_METHODS = frozenset({"train_on_batch"})
# Keywords that only a Keras-style fit takes: they tell `model.fit` from `scaler.fit` when the receiver's type
# can't be inferred.
KERAS_FIT_KEYWORDS = frozenset(FIT_HYPERPARAMETERS) | {"callbacks", "validation_data", "class_weight", "verbose"}
# Models that download pretrained weights when built: keras.applications constructors (their `weights=` defaults
# to "imagenet"; None or a file path downloads nothing) and TF Hub loaders given a URL handle.
PRETRAINED_MODEL_MODULE = "keras.applications."
PRETRAINED_WEIGHTS_DOWNLOADED = "imagenet"
HUB_LOADERS = frozenset({"tensorflow_hub.KerasLayer", "tensorflow_hub.load", "tensorflow_hub.Module"})
# Library objects that hold a run's settings, read as attributes (`config = wandb.config; fit(epochs=config.epochs)`):
# their values are set elsewhere (a sweep, a config file), so a training argument read from one is reported.
SETTINGS_OBJECTS = frozenset({
    "wandb.config", "wandb.init", "omegaconf.OmegaConf.load", "omegaconf.OmegaConf.create",
    "ml_collections.ConfigDict", "ml_collections.config_dict.ConfigDict", "ml_collections.FrozenConfigDict",
    "easydict.EasyDict", "munch.Munch", "munch.munchify", "addict.Dict", "box.Box", "yacs.config.CfgNode",
})
# A settings file read from the working dir or a config folder (`config.json`, `configs/train.yaml`) ships with the
# code, which SageMaker runs from: no input channel (a channel would have to be uploaded for a file the code has).
CONFIG_FILE_SUFFIXES = (".json", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf")
CONFIG_FILE_WORDS = frozenset({"config", "configs", "conf", "cfg", "settings", "params", "hparams", "hyperparameters",
                               "options"})


def is_settings_file(path: str) -> bool:
    """`config.json`, `configs/train.yaml`, `hparams.yml`: a settings file of the code, by its name and folder."""
    folder, _, name = path.rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    words = set(re.split(r"[^a-z]+", stem.lower())) | {part.lower() for part in folder.split("/") if part}
    return bool(dot) and f".{suffix.lower()}" in CONFIG_FILE_SUFFIXES and bool(words & CONFIG_FILE_WORDS) and \
        all(part.lower() in CONFIG_FILE_WORDS for part in folder.split("/") if part)


# Calls that read settings from a file at run time (`config = json.load(f)`): what a training argument reads
# from their result is known only then, so a hyperparameter overrides it where SageMaker passes one.
CONFIG_FILE_LOADERS = frozenset({
    "json.load", "json.loads", "yaml.safe_load", "yaml.load", "yaml.full_load", "yaml.unsafe_load", "toml.load",
    "toml.loads", "tomllib.load", "tomllib.loads", "tomli.load", "tomli.loads", "omegaconf.OmegaConf.load",
})
# Data loaders that batch what they read: their `batch_size=` is the training batch size, like a tf.data batch().
BATCHING_LOADERS = frozenset({
    "keras.utils.image_dataset_from_directory", "keras.preprocessing.image_dataset_from_directory",
    "keras.utils.text_dataset_from_directory", "keras.preprocessing.text_dataset_from_directory",
    "keras.utils.audio_dataset_from_directory", "keras.utils.timeseries_dataset_from_array",
    "keras.preprocessing.timeseries_dataset_from_array", "tensorflow.data.experimental.make_csv_dataset",
})
# Base classes of a script's own batching data sets: the `batch_size=` they are built with is the batch size.
KERAS_DATASET_BASES = frozenset({"keras.utils.Sequence", "keras.utils.PyDataset", "keras.utils.data_utils.Sequence"})
# ImageDataGenerator's methods, recognised by name: the generator they are called on is rarely resolvable.
BATCHING_METHODS = frozenset({"flow", "flow_from_directory", "flow_from_dataframe"})

TRAINING_LOOP_MARKERS = frozenset({"tensorflow.GradientTape"})
# What a custom loop trains: the variables these methods take (method -> index of the positional argument).
GRADIENT_METHODS = {"gradient": 1, "apply_gradients": 0, "minimize": 1}

# Calls that save a model. `model_arg`/`path_arg`: positional index of the model and of the path (None: the
# receiver of a method call is the model); `path_keywords`: keyword names of the path.
SAVE_FUNCTIONS = {
    "tensorflow.saved_model.save": {"model_arg": 0, "path_arg": 1, "path_keywords": ("export_dir",)},
    "keras.models.save_model": {"model_arg": 0, "path_arg": 1, "path_keywords": ("filepath",)},
    "keras.saving.save_model": {"model_arg": 0, "path_arg": 1, "path_keywords": ("filepath",)},
    "keras.experimental.export_saved_model": {"model_arg": 0, "path_arg": 1, "path_keywords": ("saved_model_path",)},
    # TF1 graph/session exports: the "model" is the session or the builder
    "tensorflow.compat.v1.saved_model.simple_save": {"model_arg": 0, "path_arg": 1, "path_keywords": ("export_dir",),
                                                     "kind": "tf1"},
    "tensorflow.saved_model.simple_save": {"model_arg": 0, "path_arg": 1, "path_keywords": ("export_dir",),
                                           "kind": "tf1"},
    "tensorflow.compat.v1.saved_model.Builder": {"model_arg": None, "path_arg": 0, "path_keywords": ("export_dir",),
                                                 "kind": "tf1"},
    "tensorflow.compat.v1.saved_model.builder.SavedModelBuilder": {"model_arg": None, "path_arg": 0,
                                                                   "path_keywords": ("export_dir",), "kind": "tf1"},
    # the same builders as TensorFlow 1 scripts spell them
    "tensorflow.saved_model.Builder": {"model_arg": None, "path_arg": 0, "path_keywords": ("export_dir",),
                                       "kind": "tf1"},
    "tensorflow.saved_model.builder.SavedModelBuilder": {"model_arg": None, "path_arg": 0,
                                                         "path_keywords": ("export_dir",), "kind": "tf1"},
}
SIMPLE_SAVES = frozenset({"tensorflow.compat.v1.saved_model.simple_save", "tensorflow.saved_model.simple_save"})
# Where a Keras model's TF1 session comes from (`K.get_session()`, `tf.compat.v1.keras.backend.get_session()`).
KERAS_SESSION_GETTERS = frozenset({"keras.backend.get_session"})
# Graph/session training (TF1 style) is training even without fit or a GradientTape.
SESSION_CONSTRUCTORS = frozenset({"tensorflow.compat.v1.Session", "tensorflow.Session",
                                  "tensorflow.compat.v1.train.MonitoredTrainingSession"})
# Sessions that finalize their graph: nothing (an export's ops) can be added to it once they are open.
FINALIZED_SESSIONS = frozenset({"tensorflow.compat.v1.train.MonitoredTrainingSession",
                                "tensorflow.compat.v1.train.MonitoredSession",
                                "tensorflow.compat.v1.train.SingularMonitoredSession"})
# tf.estimator (TF <= 2.15): constructors are tensorflow.estimator.<...Estimator|Classifier|Regressor>.
ESTIMATOR_MODULE = "tensorflow.estimator."
ESTIMATOR_SUFFIXES = ("Estimator", "Classifier", "Regressor", "EstimatorV2")
# Calls that return an estimator without being one's class (`tf.keras.estimator.model_to_estimator(model)`).
ESTIMATOR_FACTORIES = frozenset({"keras.estimator.model_to_estimator"})


def is_estimator_constructor(name: str) -> bool:
    return name in ESTIMATOR_FACTORIES or (name.startswith(ESTIMATOR_MODULE) and name.endswith(ESTIMATOR_SUFFIXES))


ESTIMATOR_TRAINING = frozenset({"tensorflow.estimator.train_and_evaluate"})
ESTIMATOR_TRAINING_METHODS = frozenset({"train", "train_and_evaluate"})
ESTIMATOR_EXPORT_METHODS = {"export_saved_model": ("export_dir_base",), "export_savedmodel": ("export_dir_base",)}
# Step counts that are hyperparameters: call -> {keyword: hyperparameter name}.
ESTIMATOR_STEP_KEYWORDS = {
    "tensorflow.estimator.TrainSpec": {"max_steps": "max_steps"},
    "tensorflow.estimator.EvalSpec": {"steps": "eval_steps"},
}
NUMPY_INPUT_FNS = frozenset({"tensorflow.estimator.inputs.numpy_input_fn"})
# Exporters in an EvalSpec write under the estimator's model_dir (S3 on SageMaker), not the model dir.
ESTIMATOR_EXPORTERS = frozenset({"tensorflow.estimator.LatestExporter", "tensorflow.estimator.BestExporter",
                                 "tensorflow.estimator.FinalExporter"})
# Horovod: exports only on rank 0 (docs/sagemaker-contract.md §6).
HOROVOD_MODULES = ("horovod.tensorflow.keras", "horovod.tensorflow", "horovod.keras")
# Every worker saves, only the chief into the model dir (docs/sagemaker-contract.md §6).
MULTI_WORKER_STRATEGIES = frozenset({"tensorflow.distribute.MultiWorkerMirroredStrategy",
                                     "tensorflow.distribute.experimental.MultiWorkerMirroredStrategy"})
LAST_ESTIMATOR_VERSION = (2, 15)  # tf.estimator was removed in TF 2.16 (docs/tensorflow-and-libcst-notes.md)
# Saver objects: `saver.save(sess, save_path)` writes a checkpoint.
SAVER_OBJECTS = frozenset({"tensorflow.compat.v1.train.Saver", "tensorflow.train.Saver"})
SAVE_METHODS = {
    "save": ("filepath",),
    "export": ("filepath",),
    "save_weights": ("filepath",),
}
# A path ending like this is a single file (not servable by TF Serving: docs/sagemaker-contract.md §5).
FILE_MODEL_SUFFIXES = (".keras", ".h5", ".hdf5", ".weights.h5", ".ckpt", ".tflite")

# Callbacks that save the model during training: left alone here, reported.
SAVING_CALLBACKS = frozenset({"keras.callbacks.ModelCheckpoint", "keras.callbacks.BackupAndRestore"})

# Signs that a script uses GPUs or several hosts: then --num-gpus/--hosts/--current-host are added.
DEVICE_NAME_PREFIXES = ("tensorflow.distribute.", "tensorflow.config.list_physical_devices",
                        "tensorflow.config.experimental.list_physical_devices", "tensorflow.test.is_gpu_available",
                        "horovod.")

# Module constants whose name contains one of these words are hyperparameters (when their value is a simple
# literal). Anything flowing into a fit/optimizer hyperparameter is lifted whatever its name.
HYPERPARAMETER_WORDS = frozenset(
    {
        "epoch", "epochs", "batch", "lr", "learning", "rate", "dropout", "momentum", "decay", "units",
        "hidden", "layers", "steps", "patience", "seed", "alpha", "beta", "gamma", "l1", "l2", "weight",
        "augment", "augmentation", "validation", "split", "warmup", "clip", "clipnorm", "epsilon",
        "temperature", "label", "smoothing", "filters", "kernel", "embedding", "dim", "heads", "optimizer",
        "activation", "loss", "shuffle", "buffer", "verbose", "lambda", "reg", "regularization",
    }
)

# A size named first for the data's input or output (`INPUT_DIM`, `OUTPUT_UNITS`) is its shape, not a setting.
DATA_SHAPE_WORDS = frozenset({"input", "output"})
SIZE_WORDS = frozenset({"dim", "units"})

# Words of a setting whose value is a fraction even where the script wrote a whole number (`--weight-decay`,
# default 0): its type is float, or SageMaker's `--weight_decay 0.0001` would not parse.
FRACTION_WORDS = frozenset({"lr", "learning", "rate", "dropout", "momentum", "decay", "alpha", "beta", "gamma", "l1",
                            "l2", "weight", "split", "clip", "clipnorm", "epsilon", "eps", "temperature",
                            "smoothing", "lambda", "reg", "tau", "margin", "ratio", "fraction", "prob", "keep"})


def number_type(name: str, literal_type: str) -> str:
    """The argparse type for a setting named `name` whose default is a number of `literal_type`."""
    words = set(name.lower().replace("-", "_").split("_"))
    return "float" if literal_type == "float" or words & FRACTION_WORDS else "int"


# The words of a constant that may hold a string: a named choice (`ACTIVATION = "relu"`).
STRING_HYPERPARAMETER_WORDS = frozenset({"optimizer", "activation", "loss", "augment", "augmentation", "padding",
                                         "initializer", "regularization", "reg"})

# Canonical SageMaker hyperparameter names for common constant spellings (the constant keeps its own name).
CANONICAL_HYPERPARAMETER_NAMES = {
    "num_epochs": "epochs",
    "n_epochs": "epochs",
    "nb_epochs": "epochs",
    "nb_epoch": "epochs",
    "epoch": "epochs",
    "lr": "learning_rate",
    "learningrate": "learning_rate",
    "bs": "batch_size",
    "batch": "batch_size",
    "batchsize": "batch_size",
}

_CONSTANT_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


def is_constant_name(name: str) -> bool:
    return bool(_CONSTANT_NAME.match(name))


def looks_like_hyperparameter(constant_name: str, type_name: str = "float") -> bool:
    """`DROPOUT = 0.2`, `OPTIMIZER = "adam"`; not `LABEL_COLUMN = "weight"` (a string names a choice only where
    the name says which)."""
    parts = constant_name.lower().split("_")
    found = set(parts) & (STRING_HYPERPARAMETER_WORDS if type_name == "str" else HYPERPARAMETER_WORDS)
    if parts[0] in DATA_SHAPE_WORDS and found <= SIZE_WORDS:
        return False  # `INPUT_DIM = 6`: the data's shape, which an override would only break (not `RNN_OUTPUT_DIM`)
    return bool(found)


def looks_like_path(value: str) -> bool:
    """A string constant that names a file or directory is data, not a hyperparameter (the channels rule handles it)."""
    return "/" in value or "\\" in value or bool(re.search(r"\.[A-Za-z0-9]{1,6}$", value)) or value in {".", ".."}


def export_call_for(framework_version: str) -> str:
    """Which call writes a servable SavedModel on the target TensorFlow (docs/tensorflow-and-libcst-notes.md).

    Keras 3 (TF >= 2.16): neither call serves every model. `tf.saved_model.save` raises on models whose
    inference function captures an untracked resource (RNN dropout, the Random* preprocessing layers), where
    `model.export` works; a stateful RNN is exported with its fixed batch size only by `tf.saved_model.save`.
    So the migrated script gets a small helper that picks (`export_helper`). On Keras 2 (TF 2.x up to 2.15)
    `tf.saved_model.save` serves them all; TF 1.x needs the Keras experimental exporter.
    """
    if keras3(framework_version):
        return "export_helper"
    return "saved_model.save" if release(framework_version) >= (2, 0) else "keras.experimental.export_saved_model"


def keras3(framework_version: str) -> bool:
    """TF >= 2.16 ships Keras 3, where `model.save(dir)` raises (docs/sagemaker-contract.md §5)."""
    return release(framework_version) >= (2, 16)


# --- Paths a script reads and writes ---------------------------------------------------------------------
# role: "read" (a file or glob pattern), "read_dir" (a directory of inputs), "checkpoint" (re-rooted under the
# checkpoint dir on SageMaker), "output" (under SM_OUTPUT_DATA_DIR), "write" (written, not re-rooted: e.g. a
# cache the script reads back), "download" (fetches data at run time). `arg`/`keywords`: where the path is;
# arg None means the receiver of a method call is the path (pathlib).


class PathSpec:
    __slots__ = ("role", "arg", "keywords", "mode_arg", "mode_keyword", "default_mode")

    def __init__(self, role, arg=0, keywords=(), mode_arg=None, mode_keyword=None, default_mode="r"):
        self.role, self.arg, self.keywords = role, arg, tuple(keywords)
        self.mode_arg, self.mode_keyword, self.default_mode = mode_arg, mode_keyword, default_mode


def _rows(role, names, keywords, arg=0):
    return {name: PathSpec(role, arg, keywords) for name in names}


PATH_FUNCTIONS = {
    # numpy
    **_rows("read", ["numpy.load", "numpy.fromfile"], ("file",)),
    **_rows("read", ["numpy.loadtxt", "numpy.genfromtxt"], ("fname",)),
    # pandas
    **_rows("read", ["pandas.read_csv", "pandas.read_table", "pandas.read_pickle"], ("filepath_or_buffer",)),
    **_rows("read", ["pandas.read_json", "pandas.read_hdf"], ("path_or_buf",)),
    **_rows("read", ["pandas.read_parquet", "pandas.read_feather", "pandas.read_orc"], ("path",)),
    **_rows("read", ["pandas.read_excel"], ("io",)),
    # tf.data and tf.io
    **_rows("read", ["tensorflow.data.TFRecordDataset", "tensorflow.data.TextLineDataset",
                     "tensorflow.data.FixedLengthRecordDataset"], ("filenames",)),
    **_rows("read", ["tensorflow.data.Dataset.list_files", "tensorflow.data.experimental.make_csv_dataset"],
            ("file_pattern",)),
    **_rows("read", ["tensorflow.io.gfile.glob"], ("pattern",)),
    **_rows("read", ["tensorflow.io.read_file"], ("filename",)),
    **_rows("read", ["tensorflow.io.gfile.GFile"], ("name",)),
    # Keras utilities
    **_rows("read_dir", ["keras.utils.image_dataset_from_directory", "keras.preprocessing.image_dataset_from_directory",
                         "keras.utils.text_dataset_from_directory", "keras.preprocessing.text_dataset_from_directory",
                         "keras.utils.audio_dataset_from_directory"], ("directory",)),
    **_rows("read", ["keras.utils.load_img", "keras.preprocessing.image.load_img"], ("path",)),
    **_rows("read", ["keras.models.load_model", "keras.saving.load_model"], ("filepath",)),
    **_rows("read", ["tensorflow.saved_model.load"], ("export_dir",)),
    # standard library and friends
    "builtins.open": PathSpec("read", 0, ("file",), mode_arg=1, mode_keyword="mode"),
    "io.open": PathSpec("read", 0, ("file",), mode_arg=1, mode_keyword="mode"),
    "h5py.File": PathSpec("read", 0, ("name",), mode_arg=1, mode_keyword="mode"),
    **_rows("read", ["glob.glob", "glob.iglob"], ("pathname",)),
    **_rows("read_dir", ["os.listdir", "os.scandir"], ("path",)),
    **_rows("read_dir", ["os.walk"], ("top",)),
    **_rows("read", ["PIL.Image.open"], ("fp",)),
    # outputs
    **_rows("checkpoint", ["keras.callbacks.ModelCheckpoint"], ("filepath",)),
    **_rows("checkpoint", ["keras.callbacks.BackupAndRestore"], ("backup_dir",)),
    "tensorflow.train.CheckpointManager": PathSpec("checkpoint", 1, ("directory",)),
    **_rows("checkpoint", ["tensorflow.train.latest_checkpoint", "tensorflow.compat.v1.train.latest_checkpoint"],
            ("checkpoint_dir",)),
    **_rows("output", ["keras.callbacks.TensorBoard"], ("log_dir",)),
    **_rows("output", ["tensorflow.summary.create_file_writer", "tensorflow.compat.v1.summary.FileWriter",
                       "tensorflow.summary.FileWriter"], ("logdir",)),
    "tensorflow.compat.v1.train.MonitoredTrainingSession": PathSpec("checkpoint", 2, ("checkpoint_dir",)),
    **_rows("output", ["keras.callbacks.CSVLogger"], ("filename",)),
    **_rows("output", ["matplotlib.pyplot.savefig"], ("fname",)),
    **_rows("output", ["tensorflow.io.TFRecordWriter", "tensorflow.compat.v1.python_io.TFRecordWriter"], ("path",)),
    **_rows("output", ["numpy.save", "numpy.savez", "numpy.savez_compressed"], ("file",)),
    **_rows("output", ["numpy.savetxt"], ("fname",)),
    # data fetched at run time
    **_rows("download", ["keras.utils.get_file"], ("fname",)),
    **_rows("download", ["tensorflow_datasets.load"], ("name",)),
    "urllib.request.urlretrieve": PathSpec("download", 1, ("filename",)),
    "wget.download": PathSpec("download", 1, ("out",)),
    **_rows("download", ["urllib.request.urlopen", "requests.get"], ("url",)),
}
# Methods recognised by name when the receiver's type can't be resolved statically.
PATH_METHODS = {
    "load_weights": PathSpec("read", 0, ("filepath",)),
    "flow_from_directory": PathSpec("read_dir", 0, ("directory",)),
    "flow_from_dataframe": PathSpec("read_dir", 1, ("directory",)),
    "savefig": PathSpec("output", 0, ("fname",)),
    "to_csv": PathSpec("output", 0, ("path_or_buf",)),
    "to_json": PathSpec("output", 0, ("path_or_buf",)),
    "to_parquet": PathSpec("output", 0, ("path",)),
    "to_pickle": PathSpec("output", 0, ("path",)),
}
# pathlib methods: the receiver is the path.
PATHLIB_METHODS = {
    **_rows("read", ["read_text", "read_bytes", "glob", "rglob"], (), arg=None),
    **_rows("read_dir", ["iterdir"], (), arg=None),
    **_rows("output", ["write_text", "write_bytes"], (), arg=None),
}
PATHLIB_CONSTRUCTORS = frozenset({"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath"})
# Calls that hand their one argument on as the same path: `np.load(str(DATA / "x.npz"))`.
PATH_PASSTHROUGH = frozenset({"builtins.str", "os.fspath", "os.path.abspath", "os.path.normpath", "os.path.expanduser"})
# The working dir as a script asks for it at run time.
WORKING_DIR_CALLS = frozenset({"os.getcwd", "pathlib.Path.cwd"})
# An environment variable read with a default: where the variable is unset (a SageMaker job), the default is the path.
ENVIRONMENT_READS = frozenset({"os.environ.get", "os.getenv"})
# `tf.train.Checkpoint(...).save(prefix)` and `.write(prefix)`: checkpoints.
CHECKPOINT_OBJECTS = frozenset({"tensorflow.train.Checkpoint"})
CHECKPOINT_OBJECT_METHODS = {"save": PathSpec("checkpoint", 0, ("file_prefix",)),
                             "write": PathSpec("checkpoint", 0, ("file_prefix",)),
                             "restore": PathSpec("checkpoint", 0, ("save_path",)),
                             "read": PathSpec("checkpoint", 0, ("save_path",))}
# A checkpoint's save and the restore that resumes from it move together (a restore left behind would silently
# start from scratch on SageMaker): both are "checkpoint" uses.
# Checkpoint uses that only read (restore what a save wrote): the save is where a path that can't be re-rooted
# is reported.
CHECKPOINT_READS = frozenset({"restore", "read", "latest_checkpoint"})
SAVER_METHODS = {"save": PathSpec("checkpoint", 1, ("save_path",)),
                 "restore": PathSpec("checkpoint", 1, ("save_path",))}
# keras.datasets.<name>.load_data() downloads its data set.
DOWNLOADING_PREFIX, DOWNLOADING_SUFFIX = "keras.datasets.", ".load_data"

WRITE_MODES = ("w", "a", "x", "+")
# Libraries whose attributes a training argument may read (`tf.data.AUTOTUNE`, `np.inf`): values, not settings of
# the user's to lift. A name imported from any other package is taken to be the user's own module's.
LIBRARY_PACKAGES = frozenset({
    "tensorflow", "keras", "tf_keras", "tensorflow_datasets", "tensorflow_hub", "tensorflow_addons",
    "tensorflow_model_optimization", "tensorflow_text", "tensorflow_io", "tensorflow_probability", "absl",
    "numpy", "scipy", "pandas", "sklearn", "horovod", "smdistributed", "sagemaker", "sagemaker_training",
    "transformers", "PIL", "cv2", "matplotlib",
})


def is_library_module(qualified_name: str) -> bool:
    """`numpy.random`, `os.path`, `tensorflow.data`: the standard library's or a known library's, not a module
    of the user's own (relative names, "" or ".config", are the user's)."""
    top = qualified_name.split(".", 1)[0]
    return bool(top) and (top in sys.stdlib_module_names or top in LIBRARY_PACKAGES)


# Command-line frameworks next to which an argparse parser would fight over sys.argv.
# TensorFlow 1 names that TensorFlow 2 keeps only under tf.compat.v1 (a script using them with a plain
# `import tensorflow as tf` fails at once on a TF 2 image), by attribute name: the most common of tf_upgrade_v2's
# renames, enough to tell a TF 1 script.
TF1_ONLY_APIS = frozenset({
    "tensorflow.placeholder", "tensorflow.Session", "tensorflow.InteractiveSession", "tensorflow.ConfigProto",
    "tensorflow.global_variables_initializer", "tensorflow.local_variables_initializer",
    "tensorflow.reset_default_graph", "tensorflow.get_variable", "tensorflow.variable_scope",
    "tensorflow.train.AdamOptimizer", "tensorflow.train.GradientDescentOptimizer",
    "tensorflow.train.MomentumOptimizer", "tensorflow.train.RMSPropOptimizer", "tensorflow.train.AdagradOptimizer",
    "tensorflow.train.Saver", "tensorflow.layers.dense", "tensorflow.layers.conv2d",
    "tensorflow.logging.set_verbosity", "tensorflow.app.run", "tensorflow.summary.FileWriter",
    "tensorflow.saved_model.simple_save", "tensorflow.saved_model.builder.SavedModelBuilder",
})
FOREIGN_CLIS = frozenset({"click", "typer", "fire", "hydra"})
# Parsers with a parse_args() of their own that have no parse_known_args (or another meaning): left as they are.
NOT_ARGPARSE = ("jsonargparse.", "tap.")
# The model dir inside a SageMaker training container (docs/sagemaker-contract.md §1).
SAGEMAKER_MODEL_DIR = "/opt/ml/model"
# The folders a job keeps (docs/sagemaker-contract.md §1): a path written there is not lost with the job.
SAGEMAKER_KEPT_DIRS = (SAGEMAKER_MODEL_DIR, "/opt/ml/checkpoints", "/opt/ml/output")


def kept_by_sagemaker(path: str) -> bool:
    return any(path == folder or path.startswith(folder + "/") for folder in SAGEMAKER_KEPT_DIRS)
# Reading one of these makes a script SageMaker-aware (docs/sagemaker-contract.md §2).
SAGEMAKER_VARIABLE_PREFIXES = ("SM_MODEL_DIR", "SM_CHANNEL", "SM_OUTPUT_DATA_DIR", "SM_HPS", "SM_HP_",
                               "SM_TRAINING_ENV", "SM_HOSTS", "SM_CURRENT_HOST", "SM_NUM_GPUS")
# Where a script reads an SM_* variable with os.environ[...], the value it falls back to off SageMaker, as the
# fresh path's arguments do (commandline/standard.py). SM_MODEL_DIR and SM_OUTPUT_DATA_DIR fall back to the
# local dirs of MigrationOptions, SM_CHANNEL_<NAME> to the folder `<name>`.
SAGEMAKER_VARIABLE_FALLBACKS = {"SM_HOSTS": '["localhost"]', "SM_CURRENT_HOST": "localhost", "SM_NUM_GPUS": "0"}
CHANNEL_VARIABLE_PREFIX = "SM_CHANNEL_"

# Channel names SageMaker users expect for common folder names; others are kept (lower-cased, slugged).
CHANNEL_NAMES = {
    "train": "train", "training": "train",
    "test": "test", "testing": "test",
    "val": "validation", "valid": "validation", "validation": "validation", "eval": "validation",
    "dev": "validation",
}
REMOTE_PREFIXES = ("s3://", "gs://", "hdfs://", "http://", "https://", "file://")
GLOB_CHARACTERS = "*?["
