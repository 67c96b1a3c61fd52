"""One argument the migration needs, and how it is written as an `add_argument` call."""

from __future__ import annotations

from dataclasses import dataclass

from sm_migrate.transforms.literals import quote
from sm_migrate.transforms.names import dest_of_flag

MAX_LINE = 99

# Where an argument goes in the parser: the script's hyperparameters, then its channels, then SageMaker's own
# arguments (in the order of commandline/standard.py).
HYPERPARAMETER, CHANNEL, SAGEMAKER = 0, 1, 2


@dataclass
class ArgumentSpec:
    """One `parser.add_argument(...)` the migration needs."""

    dest: str
    flags: tuple[str, ...]
    type_code: str | None  # "int", "float", "str", the bool converter's name, or None
    default_code: str
    help: str
    group: int = HYPERPARAMETER
    rank: int = 0  # the place within SAGEMAKER

    def render(self, parser_name: str) -> str:
        flags = ", ".join(f'"{flag}"' for flag in self.flags)
        parts = [flags]
        if dest_of_flag(self.flags[0]) != self.dest:
            parts.append(f'dest="{self.dest}"')
        if self.type_code:
            parts.append(f"type={self.type_code}")
        parts.append(f"default={self.default_code}")
        parts.append(f"help={quote(self.help)}")
        opening = f"{parser_name}.add_argument("
        one_line = f"{opening}{', '.join(parts)})"
        if len(one_line) <= MAX_LINE:
            return one_line
        first = f"{opening}{', '.join(parts[:-1])},"
        if len(first) <= MAX_LINE:  # the classic argparse layout: help on a continuation line
            return f"{first}\n{' ' * len(opening)}{parts[-1]})"
        return f"{opening}\n" + "".join(f"    {part},\n" for part in parts) + ")"


def flags_for(name: str, *aliases: str) -> tuple[str, ...]:
    """`--batch_size` and `--batch-size` (SageMaker passes the key as the user spelled it)."""
    flags: list[str] = []
    for spelling in (name, *aliases):
        for flag in (f"--{spelling}", f"--{spelling.replace('_', '-')}"):
            if flag not in flags:
                flags.append(flag)
    return tuple(flags)
