"""What a migration takes and gives back: the types the rewriting library shares with the application.

They live at the bottom so that `transforms/` never needs `migrate/`; the application re-exports the public
ones (`from sm_migrate import MigrationOptions, migrate_source`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

DEFAULT_FRAMEWORK_VERSION = "2.21"


@dataclass(frozen=True)
class Diagnostic:
    """One finding about a script, printed as `path:line:col: CODE message` (codes: transforms/diagnostics.py)."""

    line: int
    col: int
    code: str
    message: str
    severity: str = "warning"  # "warning" needs a person; "error" means the file was not migrated

    def format(self, path: str) -> str:
        return f"{path}:{self.line}:{self.col}: {self.code} {self.message}"

    def to_dict(self) -> dict:
        return asdict(self)


class MigrationError(Exception):
    """The script cannot be migrated at all (not Python 3, or libcst cannot round-trip it exactly).

    `diagnostic` holds the position and the one-line reason; the caller leaves the file untouched.
    """

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass(frozen=True)
class MigrationOptions:
    framework_version: str = DEFAULT_FRAMEWORK_VERSION
    # Local fallbacks used when the script runs with no SM_* variables.
    local_model_dir: str = "sm_model"
    local_output_data_dir: str = "sm_output"
    # Channels named by the user: name -> local folder (or file); reads under it go to that channel.
    channels: dict[str, str] = field(default_factory=dict)
    # Export only this model (a variable name) where a script trains several; default: each one.
    export_model: str | None = None
    # How the job is distributed: "none", "mwms" (MultiWorkerMirroredStrategy), "horovod", "parameter-server".
    distribution: str = "none"
    # Keras of a target that ships Keras 3 (TF >= 2.16): "3" rewrites the Keras 2 APIs it can, "2" keeps Keras 2
    # instead (TF_USE_LEGACY_KERAS=1 and the tf-keras package).
    keras: str = "3"
    # Modules of the script's own package that train and that it imports (found by the caller, which sees the
    # files): a script that trains nothing itself is then the package's entry point, and its command line is
    # migrated (transforms/package.py).
    trained_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class HyperParameter:
    name: str  # canonical name, as SageMaker passes it: "epochs", "batch_size", "learning_rate"
    default: Any  # the script's own value (int, float, str, bool)
    type_name: str  # "int" | "float" | "str" | "bool"
    line: int  # where the value came from
    target: str = ""  # what it replaces: a constant name ("EPOCHS") or a call keyword ("fit(epochs=)")


@dataclass
class MigrationResult:
    source: str
    code: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    hyperparameters: list[HyperParameter] = field(default_factory=list)
    channels: dict[str, str] = field(default_factory=dict)  # channel name -> original local path
    transforms: list[str] = field(default_factory=list)  # names of the rules that changed something
    is_training_script: bool = True
    # A script that trains nothing but parses a command line: the imports that may be modules of its package,
    # for the caller to look at (transforms/package.py).
    package_imports: list = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.code != self.source
