"""Each rule's examples: whole scripts before and after migration (see rules/base.py Example)."""
