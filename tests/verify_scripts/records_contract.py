"""Records what reached it: argv, the job variables, and the working directory, in $SM_OUTPUT_DATA_DIR/contract.json."""

import json
import os
import sys

variables = {name: value for name, value in os.environ.items() if name.startswith("SM_") or name == "TF_CONFIG"}
with open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], "contract.json"), "w") as handle:
    json.dump({"argv": sys.argv[1:], "variables": variables, "cwd": os.getcwd()}, handle)
