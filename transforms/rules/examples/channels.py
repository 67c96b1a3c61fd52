"""Examples of the channels rule."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = ()
