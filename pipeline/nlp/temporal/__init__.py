"""Temporal expressions: find them, resolve them against the story's reference time."""
