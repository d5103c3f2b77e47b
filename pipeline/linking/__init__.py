"""Linking: retrieve candidate claims from the ledger, judge stance, write links.

It reads and writes only through `claims.Ledger` methods.
"""

__all__ = ["link", "stance"]
