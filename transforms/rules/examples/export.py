"""Examples of the export rule."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = ()
