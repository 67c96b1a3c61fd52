"""Examples of the outputs rule."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = ()
