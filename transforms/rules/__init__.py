"""The rules, in the order they plan: the engine loops over RULES.

Order matters where rules meet: the estimator's model_dir is wired before hyperparameters and paths are read;
channels claim input paths before outputs look at what is left; writes under --model_dir are re-rooted before
the export reports the saving callbacks nobody re-rooted; the export comes last of the rewrites, once every path
and argument it may need is known.
"""

from __future__ import annotations

from sm_migrate.transforms.rules.base import Example, Rule
from sm_migrate.transforms.rules.channels import ChannelsRule
from sm_migrate.transforms.rules.distribution import DistributionRule
from sm_migrate.transforms.rules.estimator import EstimatorRule
from sm_migrate.transforms.rules.export import ExportRule
from sm_migrate.transforms.rules.hyperparameters import HyperparametersRule
from sm_migrate.transforms.rules.keras3_apis import Keras3ApisRule
from sm_migrate.transforms.rules.keras3_modules import Keras3ModulesRule
from sm_migrate.transforms.rules.model_dir import ModelDirRule
from sm_migrate.transforms.rules.model_dir_artefacts import ModelDirArtefactsRule
from sm_migrate.transforms.rules.option_spellings import OptionSpellingsRule
from sm_migrate.transforms.rules.outputs import OutputsRule
from sm_migrate.transforms.rules.reports import ReportsRule
from sm_migrate.transforms.rules.sm_environment_fallbacks import SmEnvironmentFallbacksRule

RULES: tuple[Rule, ...] = (
    EstimatorRule(),
    HyperparametersRule(),
    ChannelsRule(),
    OutputsRule(),
    DistributionRule(),
    ModelDirRule(),
    OptionSpellingsRule(),
    ModelDirArtefactsRule(),
    ExportRule(),
    SmEnvironmentFallbacksRule(),
    Keras3ModulesRule(),
    Keras3ApisRule(),
    ReportsRule(),
)

__all__ = ["RULES", "Example", "Rule"]
