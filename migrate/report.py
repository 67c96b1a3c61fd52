"""Diagnostics: what a migration could not do by itself, with a stable code and a source position."""

from __future__ import annotations

from dataclasses import asdict, dataclass


# Stable codes: users and CI grep for them; the README's "Diagnostics" table lists the same.
CODES = {
    "SM001": "not valid Python 3, not decodable, or libcst can't reproduce the file exactly (refused, untouched)",
    "SM002": "not a TensorFlow training script: left alone",
    "SM101": "a hyperparameter out of reach of the script's own command line: not lifted",
    "SM103": "a data set downloaded at run time",
    "SM201": "a model saved by a callback or to a path built at run time: left as is",
    "SM202": "several models or exports",
    "SM203": "no training call or no export to re-root: no export added",
    "SM204": "a save call rewritten for the target TensorFlow",
    "SM205": "the model was saved to --model_dir (an S3 URI on SageMaker)",
    "SM301": "the script's command line needed care (type=bool, store_true, absl booleans, several parsers)",
    "SM302": "a file written and read back by the script: stays in the working dir",
    "SM303": "an output path built at run time: re-root it by hand",
    "SM304": "a typer/fire/hydra command line: make it accept SageMaker's arguments by hand",
    "SM401": "tf.estimator with a framework version that has no estimator",
    "SM900": "internal error: generated code did not compile (file untouched)",
}


@dataclass(frozen=True)
class Diagnostic:
    """One finding about a script, printed as `path:line:col: CODE message` (codes: CODES above)."""

    line: int
    col: int
    code: str
    message: str
    severity: str = "warning"  # "warning" needs a person; "error" means the file was not migrated

    def format(self, path: str) -> str:
        return f"{path}:{self.line}:{self.col}: {self.code} {self.message}"

    def to_dict(self) -> dict:
        return asdict(self)
