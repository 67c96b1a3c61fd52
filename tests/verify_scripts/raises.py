"""Fails the way a data bug does."""

raise ValueError("no column named 'label' in the training data")
