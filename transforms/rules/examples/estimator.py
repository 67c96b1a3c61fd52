"""Examples of the estimator rule."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = ()
