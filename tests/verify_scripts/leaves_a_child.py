"""Starts a long-running child, prints its pid and exits without waiting for it."""

import subprocess
import sys

child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"])
print(f"child pid={child.pid}", flush=True)
