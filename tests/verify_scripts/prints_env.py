"""Prints the names of the SageMaker variables it can see, one a line."""

import os

for name in sorted(os.environ):
    if name.startswith(("SM_", "SAGEMAKER_")):
        print(name)
print("local run done")
