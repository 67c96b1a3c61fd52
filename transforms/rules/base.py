"""What every rule is: a name, its own examples, and `plan(ctx)`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from sm_migrate.transforms.context import PlanContext


@dataclass(frozen=True)
class Example:
    """A whole script before and after migration, exactly, with the diagnostic codes it reports (in order).

    `after=None` means the script comes back unchanged. One test runs every rule's examples, and checks that
    migrating `after` again changes nothing."""

    before: str
    after: str | None
    codes: tuple[str, ...] = ()
    options: dict = field(default_factory=dict)  # MigrationOptions fields


class Rule(Protocol):
    name: str  # reported in MigrationResult.transforms when the rule changed something
    examples: tuple[Example, ...]

    def plan(self, ctx: PlanContext) -> None:
        """Record edits, arguments, contract entries and diagnostics on the context; never edit the tree."""
