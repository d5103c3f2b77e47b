"""Claims: attributed, check-worthy statements with polarity and dates, turned into `Claim` models.
"""
