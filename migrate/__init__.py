"""sm-migrate: rewrite local TensorFlow/Keras training scripts into SageMaker script-mode scripts.

The application (command line, files, batches, reports, verify, emit) lives here; the rewriting library is
`sm_migrate.transforms`. The library's public types are re-exported here.
"""

from sm_migrate.transforms.contract import (
    DEFAULT_FRAMEWORK_VERSION,
    Diagnostic,
    HyperParameter,
    MigrationError,
    MigrationOptions,
    MigrationResult,
)

__all__ = ["DEFAULT_FRAMEWORK_VERSION", "Diagnostic", "HyperParameter", "MigrationError", "MigrationOptions",
           "MigrationResult", "migrate_source"]


def __getattr__(name: str):
    """`migrate_source` is imported on first use: libcst costs ~1.4 s, and `sm-migrate --help` needs none of it."""
    if name == "migrate_source":
        from sm_migrate.transforms.engine import migrate_source

        return migrate_source
    raise AttributeError(f"module 'sm_migrate' has no attribute {name!r}")
