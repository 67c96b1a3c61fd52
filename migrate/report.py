"""Diagnostics: what a migration could not do by itself, with a stable code and a source position."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Diagnostic:
    """One finding about a script, printed as `path:line:col: CODE message`.

    Codes are stable (tests and users grep for them):
      SM001 input is not valid Python 3 / cannot be decoded / cannot be round-tripped exactly
      SM002 not a TensorFlow training script (nothing to do)
      SM101 hyperparameter not lifted (e.g. out of reach of an existing parser)
      SM201 model saved somewhere it cannot be re-rooted automatically (callback, run-time path, ...)
      SM202 several models: only one exported
      SM203 no training call found: export not added
      SM204 save call rewritten for the target TensorFlow (e.g. model.save(dir) on Keras 3)
      SM205 the model is saved to --model_dir (an S3 checkpoint URI on SageMaker)
      SM301 existing argument parser could not be extended
      SM900 internal error: the generated code did not compile (the file is left untouched)
    """

    line: int
    col: int
    code: str
    message: str
    severity: str = "warning"  # "warning" needs a person; "error" means the file was not migrated

    def format(self, path: str) -> str:
        return f"{path}:{self.line}:{self.col}: {self.code} {self.message}"

    def to_dict(self) -> dict:
        return asdict(self)
