"""Every diagnostic sm-migrate reports, in one registry: the codes (stable: users and CI grep for them, and the
README's "Diagnostics" table lists the same) and the messages rules report under them.

A rule reports `ctx.report(node, SEVERAL_PARSE_CALLS)` or `ctx.report(node, NOT_LIFTED, target=..., why=...)`;
it never spells a code or a message itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from sm_migrate.transforms.contract import Diagnostic


@dataclass(frozen=True)
class Code:
    code: str
    severity: str  # "error": the file was not migrated; "warning": a person must look; "info": nothing to do
    summary: str  # one line for the README's table and `--help`


def _codes(*codes: Code) -> dict[str, Code]:
    return {code.code: code for code in codes}


CODES = _codes(
    Code("SM001", "error", "not valid Python 3, not decodable, or libcst can't reproduce the file exactly "
                           "(refused, untouched)"),
    Code("SM002", "info", "not a TensorFlow training script: left alone"),
    Code("SM003", "info", "the entry point of a package whose modules train: its command line migrated"),
    Code("SM101", "warning", "a hyperparameter out of reach of the script's own command line: not lifted"),
    Code("SM103", "warning", "data or pretrained weights downloaded at run time"),
    Code("SM104", "warning", "data read relative to the script's folder or the working dir (`__file__`, "
                             "`os.getcwd()`): the code dir on SageMaker, no channel; or a --channel that matches "
                             "no read"),
    Code("SM201", "warning", "a model saved by a callback or to a path built at run time: left as is"),
    Code("SM202", "warning", "several models or exports"),
    Code("SM203", "warning", "no training call or no export to re-root: no export added"),
    Code("SM204", "warning", "a save call rewritten for the target TensorFlow"),
    Code("SM205", "warning", "the model was saved to --model_dir (an S3 URI on SageMaker)"),
    Code("SM206", "warning", "a SavedModel exported into the model dir with no version folder"),
    Code("SM207", "warning", "the container's model folder written out (/opt/ml/model): read from SM_MODEL_DIR"),
    Code("SM208", "warning", "an export inferred for a TF1 session graph: check its inputs and prediction"),
    Code("SM301", "warning", "the script's command line needed care (type=bool, store_true, required options, "
                             "absl booleans, several parsers, sys.argv read by position)"),
    Code("SM302", "warning", "a file written and read back by the script: stays in the working dir"),
    Code("SM303", "warning", "the entry point of a package whose modules train, with no TensorFlow import: its "
                             "strict command line reported, not changed"),
    Code("SM307", "warning", "a relative import in the script SageMaker runs as a file: it fails there"),
    Code("SM304", "warning", "a typer/fire/hydra command line: make it accept SageMaker's arguments by hand"),
    Code("SM401", "warning", "tf.estimator with a framework version that has no estimator"),
    Code("SM402", "warning", "a Keras API the target TensorFlow does not have (Keras 2 only on Keras 3, or gone "
                             "since TF 2.x): reported"),
    Code("SM408", "warning", "a TensorFlow 1 API (`tf.placeholder`, `tf.Session`, `tf.train.AdamOptimizer`) that TF 2 "
                             "has only under tf.compat.v1: reported"),
    Code("SM900", "error", "internal error: generated code did not compile (file untouched)"),
)


@dataclass(frozen=True)
class Message:
    code: str
    template: str  # str.format fields, filled in by the reporting call

    def at(self, line: int, col: int, **fields) -> Diagnostic:
        return Diagnostic(line, col, self.code, self.template.format(**fields), CODES[self.code].severity)


# --- refusals and non-training files -------------------------------------------------------------------------
NOT_PYTHON = Message("SM001", "not valid Python 3: {reason}")
NOT_REPRODUCIBLE = Message("SM001", "libcst cannot reproduce this file exactly (indented comments at the end of "
                                    "the file?): refusing to rewrite it")
LIBCST_CANNOT_PARSE = Message("SM001", "libcst cannot parse this file: {reason}")  # CPython compiles it
NOT_TRAINING = Message("SM002", "{reason}")
PACKAGE_ENTRY_POINT = Message(
    "SM003", "entry point of a package that trains in {modules}: its command line takes SageMaker's arguments; "
             "the model is exported where those modules train")
ENTRY_POINT_WITHOUT_TENSORFLOW = Message(
    "SM303", "entry point of a package that trains in {modules}: left unchanged, as every file without a "
             "TensorFlow import; SageMaker's TensorFlow estimator (SDK v2) passes --model_dir, which this strict "
             "parse refuses: parse with parse_known_args()")
GENERATED_CODE_INVALID = Message("SM900", "internal error, generated code does not compile: {reason}")

# --- hyperparameters and channels ----------------------------------------------------------------------------
NOT_LIFTED = Message("SM101", "hyperparameter {target} not lifted: {why}")
ESTIMATOR_MODEL_DIR_UNREACHABLE = Message(
    "SM101", "the estimator's model_dir can't reach the parsed --model_dir here: wire it by hand (SageMaker passes "
             "its S3 checkpoint location there)")
DOWNLOADS_DATA = Message(
    "SM103", "downloads its data set at run time: SageMaker jobs may run without internet access; upload the data "
             "to S3 and read it from a channel (--channel NAME=LOCAL_PATH)")

RELATIVE_IMPORT_IN_ENTRY_POINT = Message(
    "SM307", "`{code}`: SageMaker runs the entry point as a file (`python trainer/task.py`), where a relative import "
             "fails; import from the package by name (`from trainer import model`) and make the package's parent "
             "folder the job's source dir")
# --- saves and exports ---------------------------------------------------------------------------------------
CALLBACK_SAVES = Message(
    "SM201", "a callback saves the model during training: its files stay where they are (on SageMaker, point it at "
             "/opt/ml/checkpoints or the model dir by hand)")
CHECKPOINT_PATH_AT_RUN_TIME = Message(
    "SM201", "checkpoints written to a path built at run time: left as is; on SageMaker only /opt/ml/checkpoints "
             "(--checkpoint-dir) outlives the job and is restored, so point it there by hand")
SAVE_PATH_AT_RUN_TIME = Message(
    "SM201", "model saved to a path built at run time: left as is; make sure the final model also reaches the model "
             "dir")
NO_SUCH_EXPORT_MODEL = Message("SM202", "--export {name}: no such trained model ({models})")
SEVERAL_SAVEDMODEL_SAVES = Message("SM202", "several SavedModel saves: only the last one is exported to the model dir")
SEVERAL_GRAPH_EXPORTS = Message("SM202", "several SavedModel exports: only the last one goes to the model dir")
SEVERAL_LOOP_MODELS = Message(
    "SM202", "custom training loop with {count} models: each is exported to <sm-model-dir>/<name>/1 (TF Serving's "
             "multi-model layout); --export NAME exports one")
SAVED_OF_SEVERAL_MODELS = Message(
    "SM202", "{count} models train on batches ({names}): the export serves `{saved}`, the model the script saves "
             "after training")
SAVED_NOT_LAST_TRAINED = Message(
    "SM202", "`{last}` is trained last but never saved: the export serves `{saved}`, the model the script saves after "
             "training")
ESTIMATOR_NEVER_EXPORTED = Message(
    "SM203", "the estimator is never exported and its serving input can't be inferred: call "
             "export_saved_model(<sm-model-dir>, serving_input_receiver_fn) by hand")
SESSION_NOT_EXPORTED = Message(
    "SM203", "session-based training without a SavedModel export, and its signature can't be inferred ({why}): "
             "export with tf.compat.v1.saved_model.simple_save(sess, <sm-model-dir>/1, inputs={{...}}, "
             "outputs={{...}}) after training")
SESSION_GRAPH_EXPORTED = Message(
    "SM208", "the session's graph is exported to <sm-model-dir>/1 after training, serving {outputs} from {inputs}: "
             "check that these are the model's inputs and prediction")
EXPORTER_UNDER_MODEL_DIR = Message(
    "SM203", "an EvalSpec exporter exports under the estimator's model_dir (S3 on SageMaker): call "
             "export_saved_model(<sm-model-dir>, serving_input_receiver_fn) after training")
LOOP_WITHOUT_MODEL = Message(
    "SM203", "custom training loop with no identifiable model: no export added; export the trained model to "
             "<sm-model-dir>/1 by hand")
LOOP_STEP_NOT_RUN = Message(
    "SM203", "no loop of the script is seen running `{name}`, the custom loop's step: no export added; export the "
             "trained model to <sm-model-dir>/1 after training by hand")
LOOP_PLAIN_CLASS_MODEL = Message(
    "SM203", "the custom loop trains `{name}`, a plain Python class `{cls}`: no SavedModel API can save it, no "
             "export added; make `{cls}` a tf.Module (or a keras.Model) and export it to <sm-model-dir>/1")
LOOP_FUNCTION_INPUT_UNSEEN = Message(
    "SM203", "the custom loop trains `{name}`, a function over tf.Variables, but no input it is called with is seen "
             "after the loop, to trace it on: no export added; export it to <sm-model-dir>/1 by hand (a tf.Module "
             "holding a tf.function with an input_signature)")
SAVE_REWRITTEN_FOR_KERAS3 = Message(
    "SM204", "`{call}(dir)` raises on Keras 3 (TF >= 2.16): rewritten to {export}, which writes a SavedModel")
SESSION_SAVE_REWRITTEN = Message(
    "SM204", "a Keras model saved through a TF1 session (`simple_save`) fails on TensorFlow 2, which has no "
             "session: rewritten to {export}, which writes a SavedModel")
SAVED_TO_MODEL_DIR = Message(
    "SM205", "the model is saved to --model_dir, which SageMaker sets to an S3 checkpoint URI (that gives no "
             "model.tar.gz): on SageMaker it goes to the model dir instead")
EXPORT_NOT_VERSIONED = Message(
    "SM206", "a SavedModel straight in the model dir: TF Serving serves only numbered versions; written to "
             "<model dir>/1")
LITERAL_MODEL_DIR = Message(
    "SM207", "{path!r} is the model folder inside SageMaker's container only: written to the model dir from "
             "SM_MODEL_DIR instead, so that the script also runs off SageMaker")

# --- the command line ----------------------------------------------------------------------------------------
SEVERAL_PARSE_CALLS = Message("SM301", "several argparse parse calls: extending the last one only")
PARSED_NAME_UNKNOWN = Message("SM301", "cannot tell which name holds the parsed arguments")
ABSL_BOOLEAN = Message(
    "SM301", "an absl boolean flag reads SageMaker's `--flag False` as True followed by an argument: pass booleans "
             "as --flag=false or use a string flag")
TYPE_BOOL = Message("SM301", "type=bool reads SageMaker's 'False' as True: replaced by a converter")
STORE_TRUE = Message(
    "SM301", "a store_true/store_false flag takes no value: a SageMaker hyperparameter arrives as `--flag False`, "
             "which sets the flag whatever the value says: use a value argument")
UNNAMED_PARSER = Message(
    "SM301", "a parser built and parsed in one expression: it parses with parse_known_args now, so SageMaker's "
             "arguments (declared on a parser of their own) don't stop it")
PARSER_BUILT_ELSEWHERE = Message(
    "SM301", "a parser made by `{maker}(...)`, whose options this script can't see: it parses with "
             "parse_known_args now, so SageMaker's arguments (declared on a parser of their own) don't stop it")
SUBCOMMANDS = Message(
    "SM301", "subcommands: a SageMaker job's command line is `--name value` pairs and never names a subcommand, so "
             "the parse fails there; make the training command the default (set_defaults) or an option")
UNTYPED_NUMBER = Message(
    "SM301", "{flag} has a numeric default but no type=: SageMaker's value arrives as text ('{example}'), so "
             "type={type_name} is added")
POSITIONAL_ARGUMENT = Message(
    "SM301", "positional argument {name!r}: a SageMaker job's command line is `--name value` pairs, so it gets one "
             "of those values (or none): make it an option with a default")
POSITIONAL_ARGV = Message(
    "SM301", "`{code}` reads the command line by position: a SageMaker job passes `--name value` pairs (and "
             "`--model_dir`), so there it holds an option's name or value; read it from an option instead")
POSITIONAL_ARGV_LIFTED = Message(
    "SM301", "{name} was read from the command line by position, where a SageMaker job has an option's name or "
             "value: it is {flag} now (default {default}, the script's); pass `{flag} N` where you passed it by "
             "position")
REQUIRED_OPTION = Message(
    "SM301", "{flag} is required: a SageMaker job passes only the estimator's hyperparameters, so the job fails "
             "unless they include {name!r}; pass it there, or give the option a default (an SM_CHANNEL_* or "
             "SM_MODEL_DIR variable for a path)")
FOREIGN_CLI = Message(
    "SM304", "the script's {framework} CLI is left as it is: make it accept (and ignore) SageMaker's --model_dir "
             "and other hyperparameters it does not define")

# --- outputs -------------------------------------------------------------------------------------------------
READ_BACK = Message(
    "SM302", "{path!r} is written and read back by the script: it stays in the working dir (on SageMaker it is lost "
             "when the job ends)")
SERVABLE_READ_BACK = Message(
    "SM302", "{path!r}, the script's own SavedModel (its signatures), is written and read back by the script: it "
             "stays in the working dir, lost on SageMaker, and model/1 is the trained model's export with Keras' "
             "default signature instead; save it to <sm-model-dir>/1 and load it from there to serve it")
READ_BACK_IN_CHANNEL = Message(
    "SM302", "{path!r} is written and read back by the script: it stays in the working dir, apart from the rest of "
             "{folder!r}, which is input channel {channel!r} on SageMaker: there it is made in the code dir (which "
             "needs the folder) or read from a copy shipped with the code, not from the channel's data; write it "
             "outside {folder!r}, or upload it with the channel and only read it")

# --- framework versions --------------------------------------------------------------------------------------
CHANNEL_MATCHES_NOTHING = Message(
    "SM104", "--channel {name}={path}: the script reads no literal path under {path!r}, so nothing is re-rooted "
             "into it")
SCRIPT_RELATIVE_DATA = Message(
    "SM104", "reads data under a path built from {origin}: in a SageMaker job that is the code dir, so the data "
             "must ship with the code (source_dir), or come from a channel: write the folder as a literal path "
             "to have it re-rooted")
REMOTE_DATA = Message(
    "SM103", "reads {url!r} over the network at run time: SageMaker jobs may run without internet access; copy the "
             "data to S3 and read it from a channel (--channel NAME=LOCAL_PATH)")
PRETRAINED_DOWNLOAD = Message(
    "SM103", "downloads pretrained weights ({what}) at run time: SageMaker jobs may run without internet access; "
             "ship the weights in a channel or with the code, and load them from there")
TF1_API_ON_TF2 = Message(
    "SM408", "`{api}` is TensorFlow 1's: TF {version} has it only as `{compat}` (AttributeError at start-up); run "
             "tf_upgrade_v2 on the script, or train on a TensorFlow 1 image (--framework-version 1.15)")
TF_CONTRIB_ON_TF2 = Message(
    "SM408", "`{api}` is from tf.contrib, which TF 2 removed (not even tf.compat.v1 has it): TF {version} fails "
             "there; replace it (tf_upgrade_v2 lists the replacements), or train on a TensorFlow 1 image "
             "(--framework-version 1.15)")
NO_ESTIMATOR_IN_TARGET = Message(
    "SM401", "tf.estimator does not exist in TF {version} (removed in 2.16) and SageMaker has no 2.15 training "
             "image: use --framework-version 2.14")

# --- notebooks (migrate/notebooks.py: what only makes sense interactively) -----------------------------------
# What fails on the target TensorFlow itself, wherever the code runs (reported even for a module left alone).
TARGET_COMPATIBILITY = frozenset({"SM401", "SM402", "SM408"})
CODES.update(_codes(
    Code("SM501", "error", "a notebook that can't become a script (not valid nbformat, not a Python kernel, a cell "
                           "that doesn't parse after its magics, a shell or magic value assigned): nothing written"),
    Code("SM502", "warning", "an IPython magic or shell command: commented out, or its Python equivalent kept"),
    Code("SM503", "warning", "a `pip install` in a cell: its packages go to requirements.txt (--emit requirements)"),
    Code("SM504", "warning", "display-only code (display(), a shown last expression, `?` help, plt.show()): commented "
                             "out, or the figure saved to the output data dir"),
    Code("SM505", "warning", "a cell left out of the script: tagged `skip`, or papermill's injected parameters"),
    Code("SM506", "warning", "a papermill parameter that is not lifted to a hyperparameter"),
))
NOTEBOOK_INVALID = Message("SM501", "not a valid Jupyter notebook: {reason}")
NOTEBOOK_NOT_PYTHON = Message("SM501", "not a Python notebook: its kernel runs {language}")
NOTEBOOK_CELL_INVALID = Message("SM501", "not valid Python once its magics are commented out: {reason}")
NOTEBOOK_VALUE_OF_MAGIC = Message(
    "SM501", "`{text}` keeps the output of IPython syntax in a variable: rewrite it in Python (e.g. subprocess) or "
             "tag the cell `skip`")
MAGIC_COMMENTED = Message("SM502", "`{text}` is IPython syntax: commented out, the script does not run it")
SESSION_MAGIC_COMMENTED = Message("SM502", "`{text}` only sets up the notebook session: commented out")
SHELL_COMMENTED = Message(
    "SM502", "shell command `{text}` commented out: run it before the job, or in Python (subprocess) if it must")
CELL_MAGIC_COMMENTED = Message("SM502", "cell magic `{text}`: the whole cell is commented out")
TIMING_MAGIC_DROPPED = Message("SM502", "`{text}`: the timing is dropped, the code runs as is")
TIMEIT_COMMENTED = Message("SM502", "`{text}` benchmarks by running the code many times: commented out")
PIP_INSTALL_MOVED = Message(
    "SM503", "`{text}` is not run by the script: --emit requirements lists {packages} in requirements.txt (bar "
             "what the SageMaker image has, unless a version is asked for)")
PIP_INSTALL_UNLISTED = Message("SM503", "`{text}`: {what}: not listed in requirements.txt, add it by hand")
PIP_INSTALL_IN_IMAGE = Message(
    "SM503", "`{text}`: the SageMaker TensorFlow image has {packages}: not listed (reinstalling breaks it)")
DISPLAY_COMMENTED = Message("SM504", "display(...) only shows a value in the notebook: commented out")
SHOWN_EXPRESSION_COMMENTED = Message(
    "SM504", "the cell's last expression was only shown in the notebook: commented out")
HELP_COMMENTED = Message("SM504", "`{text}` asks IPython for help: commented out")
IPYTHON_CALL_COMMENTED = Message(
    "SM502", "`{text}` calls IPython's shell, which a script has not (NameError): commented out")
SHOW_SAVED = Message("SM504", "plt.show() becomes a save to {path} (under the output data dir on SageMaker)")
SHOW_SAVED_REPEATEDLY = Message(
    "SM504", "plt.show() in a loop or function becomes a save to {path}: each figure overwrites the last")
SKIPPED_CELL = Message("SM505", "cell tagged `skip`: left out of the script")
INJECTED_PARAMETERS_LEFT_OUT = Message(
    "SM505", "papermill's injected-parameters cell is left out: pass {names} as hyperparameters instead")
PARAMETER_NOT_LIFTED = Message("SM506", "papermill parameter `{name}` is not a hyperparameter of the job: {why}")

# --- distribution (rules/distribution.py: what --distribution needs of the script) ---------------------------
CODES.update(_codes(
    Code("SM601", "warning", "--distribution mwms or parameter-server needs what sm-migrate could not add (a strategy "
                             "scope, a custom loop through strategy.run, Keras 2 under Keras 3, tf.estimator)"),
    Code("SM602", "warning", "--distribution horovod: the script lacks hvd.init(), Horovod itself, or a learning rate "
                             "scaled by hvd.size()"),
))
MWMS_KERAS3_FIT = Message(
    "SM601", "Keras 3's fit fails under MultiWorkerMirroredStrategy once there are two workers (TF {version}, "
             "keras-team/keras#20585): no strategy added; set TF_USE_LEGACY_KERAS=1 (requirements.txt then gains "
             "tf-keras) or train in a custom loop through strategy.run")
MWMS_NO_SCOPE = Message(
    "SM601", "`{model}` is not built and compiled in the block that trains it: create and compile it inside "
             "`with {strategy}.scope():` by hand")
MWMS_CUSTOM_LOOP = Message(
    "SM601", "a custom training loop: under MultiWorkerMirroredStrategy its step must run through strategy.run "
             "with the gradients all-reduced; do it by hand (no strategy added)")
MWMS_OTHER_STRATEGY = Message(
    "SM601", "{strategy} trains each host on its own under --distribution mwms: use "
             "tf.distribute.MultiWorkerMirroredStrategy")
PARAMETER_SERVER_NEEDS_ESTIMATOR = Message(
    "SM601", "--distribution parameter-server needs tf.estimator.train_and_evaluate with TF <= 2.15 "
             "(docs/sagemaker-contract.md §6); this script {why}")
HOROVOD_NOT_USED = Message(
    "SM602", "--distribution horovod starts this script once per MPI process, and it does not use Horovod: every "
             "process would train alone")
HOROVOD_NO_INIT = Message("SM602", "Horovod is imported but {hvd}.init() is never called: call it before training")
HOROVOD_LEARNING_RATE = Message(
    "SM602", "nothing scales the learning rate by {hvd}.size(): with N processes each step sees N batches; scale it "
             "(and wrap the optimizer in {hvd}.DistributedOptimizer) if that is meant")

# --- scripts written for older SageMaker images (rules/sm_environment_fallbacks.py, keras3_apis.py,
# model_dir_artefacts.py): what fails on the target image, repaired -------------------------------------------
CODES.update(_codes(
    Code("SM305", "warning", "os.environ[\"SM_...\"] fails off SageMaker: a local fallback added"),
    Code("SM306", "warning", "an artefact written under --model_dir (an S3 URI on SageMaker): written to the output "
                             "data dir instead"),
    Code("SM403", "warning", "an optimizer's `lr=` (an error on Keras 3, ignored from TF 2.11): renamed "
                             "learning_rate="),
    Code("SM404", "warning", "fit_generator/evaluate_generator/predict_generator on Keras 3: renamed fit/evaluate/"
                             "predict"),
    Code("SM405", "warning", "a Keras 1 keyword no TF 2 Keras takes (fit's `nb_epoch=`, a layer's `init=`, "
                             "`border_mode=`, `W_regularizer=`, ...): renamed to its Keras 2 name"),
    Code("SM406", "warning", "--keras 2: TF_USE_LEGACY_KERAS=1 set before TensorFlow is imported (needs tf-keras)"),
    Code("SM407", "warning", "an optimizer's Keras 2 `decay=`, which TF 2.11+ rejects or Keras 3 silently ignores: "
                             "rewritten as the InverseTimeDecay schedule it stood for"),
    Code("SM409", "warning", "a Keras 2 module Keras 3 has not (`keras.layers.core`, `layers.experimental."
                             "preprocessing`): the name imported from the public module that holds it"),
))
SM_VARIABLE_FALLBACK = Message(
    "SM305", "os.environ[{variable!r}] raises KeyError off SageMaker: reads it with the local fallback {fallback!r}")
SM_DEFAULT_FALLBACK = Message(
    "SM305", "os.environ.get({variable!r}) is None off SageMaker, and the script uses the value: reads it with the "
             "local fallback {fallback!r}")
SM_VARIABLE_NO_FALLBACK = Message(
    "SM305", "os.environ[{variable!r}] raises KeyError off SageMaker and has no local equivalent: left as is, set it "
             "to run the script locally")
ARTEFACT_UNDER_MODEL_DIR = Message(
    "SM306", "written under --model_dir, which SageMaker sets to an S3 URI (FileNotFoundError there): written to the "
             "output data dir instead (SM_OUTPUT_DATA_DIR, locally {local!r})")
CHECKPOINT_UNDER_MODEL_DIR = Message(
    "SM306", "checkpoint under --model_dir, which SageMaker sets to an S3 URI (the save fails there): on SageMaker "
             "it goes to the checkpoint dir, locally it stays under --model_dir")
ARTEFACT_UNDER_MODEL_DIR_KEPT = Message(
    "SM306", "written under --model_dir, which SageMaker sets to an S3 URI (FileNotFoundError there): {why}; write it "
             "to the output data dir (SM_OUTPUT_DATA_DIR) by hand")
LR_RENAMED = Message("SM403", "`lr=` is Keras 2 only (TF {version} has Keras 3): renamed learning_rate=")
LR_IGNORED_RENAMED = Message(
    "SM403", "`lr=` is ignored by the Keras 2 optimizers of TF {version} (since 2.11 they warn and train with the "
             "default learning rate): renamed learning_rate=")
GENERATOR_METHOD_RENAMED = Message(
    "SM404", "`{method}()` is Keras 2 only (TF {version} has Keras 3): renamed {replacement}(), which takes the same "
             "generator")
DECAY_AS_SCHEDULE = Message(
    "SM407", "`decay=` is not taken by the optimizers of TF {version} (Keras 3 warns and trains at a constant "
             "rate): the learning rate is now an InverseTimeDecay schedule, the decay Keras 2 applied")
NB_EPOCH_RENAMED = Message(
    "SM405", "`nb_epoch=` is Keras 1's: fit on TF {version} raises TypeError on it: renamed epochs=")
LEGACY_KERAS_SET = Message(
    "SM406", "Keras 2 kept (--keras 2): TF_USE_LEGACY_KERAS=1 is set before TensorFlow is imported, so tf.keras is "
             "the tf-keras package: it must be in requirements.txt (--emit requirements adds it)")
KERAS1_LAYER_KEYWORD_RENAMED = Message(
    "SM405", "`{old}=` is Keras 1's, which no tf.keras {layer} takes (TypeError on Keras 2, ValueError on Keras 3): "
             "renamed {new}=, the name Keras 2 gave it")
KERAS1_NOT_REWRITTEN = Message(
    "SM402", "`{api}` is Keras 1's and fails on TF {version}: {why}")
KERAS2_NOT_REWRITTEN = Message(
    "SM402", "`{api}` is Keras 2 only and fails on Keras 3 (TF {version}): {why}; rewrite it by hand, or keep Keras 2 "
             "with --keras 2 (TF_USE_LEGACY_KERAS=1 and tf-keras)")
DIR_SAVE_READ_BACK = Message(
    "SM402", "`{call}(dir)` raises on Keras 3 (TF {version}), and the script loads what it saves: save to a `.keras` "
             "file and load that, or keep Keras 2 with --keras 2")
KERAS_API_REMOVED = Message(
    "SM402", "`{api}` does not exist on TF {version} (gone since TF {since}): the script fails there; {instead}")
KERAS2_MODULE_MOVED = Message(
    "SM409", "`{old}` is a Keras 2 module (TF {version} has Keras 3, without it): now `{new}`, which has the same "
             "names")
KERAS3_PACKAGE_MOVED = Message(
    "SM409", "`{api}` is not in the keras 3 package TF {version} installs: now imported from `{new}`, TF's own copy "
             "of the same Keras 2 class")
KERAS2_MODULE_GONE = Message(
    "SM402", "`{module}` is a Keras 2 module and Keras 3 (TF {version}) has no public {names}: the script fails "
             "there; replace it by hand")
KERAS2_MODULE_USED_AS_VALUE = Message(
    "SM402", "`{module}` is Keras 2's (or Keras 1's): Keras 3 (TF {version}) has no such name, so the script fails "
             "there; replace what the script takes from it by hand")
KERAS2_MODULE_SPLIT = Message(
    "SM402", "`{module}` is a Keras 2 module (TF {version} has Keras 3, without it), and Keras 3 keeps its names in "
             "different modules ({where}): import each from there")
KERAS3_PACKAGE_LACKS = Message(
    "SM402", "`{api}` is not in the keras 3 package TF {version} installs: the script fails there; {instead}")
LEGACY_KERAS_BY_HAND = Message(
    "SM406", "--keras 2: no module-level TensorFlow import to set TF_USE_LEGACY_KERAS=1 before: set it by hand before "
             "the first import of TensorFlow")
