"""Examples of the sm_env rule."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = ()
