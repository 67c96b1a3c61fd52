"""Examples of the model_dir rule."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = ()
