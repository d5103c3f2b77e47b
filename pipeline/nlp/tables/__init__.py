"""Exact lookup tables compiled from the trained model's own rules, for speed.
"""
