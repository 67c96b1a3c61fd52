"""Naming rules shared by the analysis and the rules: argparse's flag-to-dest rule and unique names."""

from __future__ import annotations

import keyword
from collections.abc import Callable, Container


def dest_of_flag(flag: str) -> str:
    """argparse's default dest: `--batch-size` -> `batch_size`."""
    return flag.lstrip("-").replace("-", "_")


def identifier(text: str, prefix: str) -> str:
    """`text` (letters, digits and `_`) as a name: `class` -> `class_`, `2020` -> `<prefix>2020`."""
    if text[:1].isdigit():
        text = prefix + text
    return text + "_" if keyword.iskeyword(text) else text


def unique_name(candidates: tuple[str, ...], taken: Container[str] | Callable[[str], bool]) -> str:
    """The first candidate not taken, else the last one with `_2`, `_3`, ... appended."""
    is_taken = taken if callable(taken) else taken.__contains__
    for candidate in candidates:
        if not is_taken(candidate):
            return candidate
    index = 2
    while is_taken(f"{candidates[-1]}_{index}"):
        index += 1
    return f"{candidates[-1]}_{index}"
