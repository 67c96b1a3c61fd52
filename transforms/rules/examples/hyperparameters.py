"""Examples of the hyperparameters rule."""

from sm_migrate.transforms.rules.base import Example

EXAMPLES = ()
