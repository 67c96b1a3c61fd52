"""Prints where it runs and its pid, then waits far longer than any test: to be stopped."""

import os
import time

print(f"sleeping pid={os.getpid()} cwd={os.getcwd()}", flush=True)
time.sleep(3600)
