"""sm-migrate: rewrite local TensorFlow/Keras training scripts into SageMaker script-mode scripts."""

from migrate.engine import MigrationOptions, MigrationResult, migrate_source
from migrate.report import Diagnostic

__all__ = ["Diagnostic", "MigrationOptions", "MigrationResult", "migrate_source"]
