"""Write a tiny customer-churn dataset into dataset/: customers.csv, plans.json and holdout.pkl.

customers.csv and holdout.pkl (a pickled DataFrame of newer customers) share one schema; plans.json holds
the tariff of each plan as a list of records. Churn follows a fixed logistic rule.
Usage: python make_data.py [DEST_DIR] (default: this folder).
"""

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

PLANS = [
    {"plan": "basic", "monthly_fee": 10.0, "included_minutes": 100},
    {"plan": "plus", "monthly_fee": 25.0, "included_minutes": 400},
    {"plan": "unlimited", "monthly_fee": 45.0, "included_minutes": 3000},
]
NUM_CUSTOMERS = 400
NUM_HOLDOUT = 80


def customers(rng, size, first_id):
    table = pd.DataFrame({
        "customer_id": np.arange(first_id, first_id + size),
        "plan": rng.choice([plan["plan"] for plan in PLANS], size),
        "tenure_months": rng.integers(1, 72, size),
        "monthly_minutes": rng.integers(20, 900, size),
        "support_calls": rng.poisson(1.5, size),
    })
    included = table.plan.map({plan["plan"]: plan["included_minutes"] for plan in PLANS})
    overage = (table.monthly_minutes - included).clip(lower=0)
    score = 0.6 * table.support_calls + overage / 150 - table.tenure_months / 24
    table["churned"] = (rng.random(size) < 1 / (1 + np.exp(-score))).astype(int)
    return table


def main():
    dest = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    rng = np.random.default_rng(7)
    dataset_dir = dest / "dataset"
    dataset_dir.mkdir(parents=True, exist_ok=True)
    customers(rng, NUM_CUSTOMERS, first_id=1000).to_csv(dataset_dir / "customers.csv", index=False)
    (dataset_dir / "plans.json").write_text(json.dumps(PLANS, indent=2) + "\n")
    customers(rng, NUM_HOLDOUT, first_id=5000).to_pickle(dataset_dir / "holdout.pkl")


if __name__ == "__main__":
    main()
