"""Needs nothing from its requirements.txt: shows whether the toolkit tried to install it."""

print("ran without installing requirements")
