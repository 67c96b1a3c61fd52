"""Version strings, read with `packaging` (PEP 440): TensorFlow framework versions.

Pure (no import of the application): the rewriting rules and the application both read versions through
these, so that every part agrees on what "2.16" or "2.16.0rc1" means.
"""

from __future__ import annotations

import re

from packaging.version import InvalidVersion, Version

# How the SageMaker SDK names a TensorFlow image version: MAJOR.MINOR or MAJOR.MINOR.PATCH, digits only.
_FRAMEWORK_VERSION = re.compile(r"\d+\.\d+(?:\.\d+)?")


def release(version: str) -> tuple[int, ...]:
    """The release numbers of a version: "2.19" -> (2, 19), "2.16.0rc1" -> (2, 16, 0); () if not PEP 440."""
    try:
        return Version(version).release
    except InvalidVersion:
        return ()


def framework_release(version: str) -> tuple[int, ...] | None:
    """The release numbers of a TensorFlow image version as the SDK spells it ("2.19", "1.15.2"), else None."""
    if not _FRAMEWORK_VERSION.fullmatch(version or ""):
        return None
    return Version(version).release
