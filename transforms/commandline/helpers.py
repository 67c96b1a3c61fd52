"""Small functions the migrated code calls, added once to the script under names it does not use."""

from __future__ import annotations

from dataclasses import dataclass

BOOL_CONVERTER = '''def {name}(value):
    """argparse type for booleans: SageMaker passes True/False as text, and bool("False") is True."""
    if isinstance(value, bool):
        return value
    if value.strip().lower() in ("true", "1", "yes", "y", "t"):
        return True
    if value.strip().lower() in ("false", "0", "no", "n", "f"):
        return False
    raise {argparse}.ArgumentTypeError(f"expected a boolean, got {{value!r}}")
'''

SM_PATH_HELPER = '''def {name}(local_path, sagemaker_path):
    """`local_path` when run locally; on SageMaker `sagemaker_path`, under the dirs the job keeps."""
    if "SM_MODEL_DIR" not in {os}.environ:
        return local_path
    {os}.makedirs({os}.path.dirname(sagemaker_path) or ".", exist_ok=True)
    return sagemaker_path
'''

CHIEF_PATH_HELPER = '''def {name}(model_path):
    """Every worker of a MultiWorkerMirroredStrategy job must save; only the chief's copy goes to the model dir,
    the others' to a temp dir, under the same name (a `.keras` file stays one)."""
    task = {json}.loads({os}.environ.get("TF_CONFIG", "{{}}")).get("task", {{}})
    if task.get("type", "worker") in ("chief", "worker") and task.get("index", 0) == 0:
        return model_path
    return {os}.path.join({tempfile}.mkdtemp(), {os}.path.basename(model_path))
'''

EXPORT_HELPER = '''def {name}(model, version_dir):
    """Write `model` as a TensorFlow Serving SavedModel into `version_dir`, a numbered version folder: with
    Keras 3's `model.export`, which serves RNN dropout and Random* layers where `tf.saved_model.save` raises;
    with `tf.saved_model.save` for a stateful RNN (it keeps the fixed batch size) and for anything that is not
    a Keras model."""
    stateful = any(getattr(layer, "stateful", False) for layer in getattr(model, "layers", ()))
    if stateful or not hasattr(model, "export"):
        {tensorflow}.saved_model.save(model, version_dir)
        return
    try:
        model.export(version_dir, verbose=False)
    except Exception:  # a model export can't trace: the SavedModel API may still serve it
        {shutil}.rmtree(version_dir, ignore_errors=True)
        {tensorflow}.saved_model.save(model, version_dir)
'''

EXPORT_FUNCTION_HELPER = '''def {name}(predict, example, version_dir):
    """Write `predict`, a function (or plain object) over the tf.Variables a custom loop trained, as a TensorFlow
    Serving SavedModel into `version_dir`: its serving signature takes inputs like `example`, of any batch size."""
    example = {tensorflow}.convert_to_tensor(example)
    shape = [None, *example.shape[1:]] if example.shape.rank else []
    serve = {tensorflow}.function(lambda inputs: predict(inputs),
                                  input_signature=[{tensorflow}.TensorSpec(shape, example.dtype)])
    module = {tensorflow}.Module()
    module.serve = serve
    # what the function reads, tracked, so the SavedModel holds the trained values
    module.trained_variables = list(serve.get_concrete_function().variables)
    {tensorflow}.saved_model.save(module, version_dir, signatures=serve)
'''

GRAPH_EXPORT_HELPER = '''def {name}(session, version_dir, inputs, outputs):
    """Write the session's graph as a TensorFlow Serving SavedModel into `version_dir`, serving `outputs` from
    `inputs` (signature key -> tensor); an earlier run's copy is replaced, as simple_save refuses an existing
    folder."""
    {shutil}.rmtree(version_dir, ignore_errors=True)
    {tensorflow}.compat.v1.saved_model.simple_save(session, version_dir, inputs=inputs, outputs=outputs)
'''

RAW_RECEIVER_HELPER = '''def {name}(arrays):
    """A serving input receiver for an Estimator trained on numpy arrays (`numpy_input_fn(x=arrays)`): one
    placeholder per feature, of its array's dtype and shape, for any batch size."""
    def receiver():
        features = {{key: {tensorflow}.compat.v1.placeholder({tensorflow}.as_dtype(array.dtype),
                                                             (None, *array.shape[1:]), name=key)
                    for key, array in arrays.items()}}
        return {tensorflow}.estimator.export.ServingInputReceiver(features, features)
    return receiver
'''

PARSING_RECEIVER_HELPER = '''def {name}(feature_columns):
    """A serving input receiver for a canned Estimator: serialized tf.Example protos, parsed with the estimator's
    own feature columns (what TF Serving's classify and regress APIs send)."""
    return {tensorflow}.estimator.export.build_parsing_serving_input_receiver_fn(
        {tensorflow}.feature_column.make_parse_example_spec(feature_columns))
'''


@dataclass(frozen=True)
class Helper:
    names: tuple[str, ...]  # preferred names, the first one free wins
    template: str  # `{name}` and one field per module it uses
    modules: tuple[str, ...]


# In the order they are written into the script.
HELPERS = {
    "str_to_bool": Helper(("_str_to_bool", "_sm_str_to_bool"), BOOL_CONVERTER, ("argparse",)),
    "sm_path": Helper(("_sm_path", "_sm_migrate_path"), SM_PATH_HELPER, ("os",)),
    "chief_path": Helper(("_sm_chief_path", "_sm_migrate_chief_path"), CHIEF_PATH_HELPER, ("json", "os", "tempfile")),
    "export": Helper(("_sm_export", "_sm_migrate_export"), EXPORT_HELPER, ("shutil", "tensorflow")),
    "export_function": Helper(("_sm_export_function", "_sm_migrate_export_function"), EXPORT_FUNCTION_HELPER,
                              ("tensorflow",)),
    "graph_export": Helper(("_sm_graph_export", "_sm_migrate_graph_export"), GRAPH_EXPORT_HELPER,
                           ("shutil", "tensorflow")),
    "raw_receiver": Helper(("_sm_raw_receiver", "_sm_migrate_raw_receiver"), RAW_RECEIVER_HELPER, ("tensorflow",)),
    "parsing_receiver": Helper(("_sm_parsing_receiver", "_sm_migrate_parsing_receiver"), PARSING_RECEIVER_HELPER,
                               ("tensorflow",)),
}
