"""sm-migrate: rewrite local TensorFlow/Keras training scripts into SageMaker script-mode scripts."""

from sm_migrate.report import Diagnostic
from sm_migrate.results import MigrationError, MigrationOptions, MigrationResult

__all__ = ["Diagnostic", "MigrationError", "MigrationOptions", "MigrationResult", "migrate_source"]


def __getattr__(name: str):
    """`migrate_source` is imported on first use: libcst costs ~1.4 s, and `sm-migrate --help` needs none of it."""
    if name == "migrate_source":
        from sm_migrate.engine import migrate_source

        return migrate_source
    raise AttributeError(f"module 'migrate' has no attribute {name!r}")
