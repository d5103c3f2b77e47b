"""Document context shared by every component: metadata, sentences, quotes and the token index.
"""
