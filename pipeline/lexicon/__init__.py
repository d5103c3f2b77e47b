"""Word lists as data files, each loaded by one function.
"""
