"""Records the arguments it was started with; tests/test_emit.py runs it through the emitted shell entry point
under the real SageMaker training toolkit."""
import json
import os
import sys

import numpy

print(f"ARGV-RECORDED numpy {numpy.__version__}")
with open(os.path.join(os.environ["SM_OUTPUT_DATA_DIR"], "argv.json"), "w") as handle:
    json.dump(sys.argv[1:], handle)
