"""The libcst transforms, one concern per module, run by migrate.engine in a fixed order."""
