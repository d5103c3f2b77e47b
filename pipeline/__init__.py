"""claimtrack pipeline package: from documents to stored, linked claims.

- `nlp/`: the spaCy components (document context, attribution, claims, temporal) and `build.py`;
- `lexicon/`: the word lists, as data files with one loader;
- `linking/`: retrieval-backed stance linking and relinking, through `claims.Ledger` methods;
- `ingest.py` (the library entry point), `dates.py`; `cli/`: the typer command line.
"""

# Submodules, not names: importing `pipeline` must not load spaCy; `from pipeline import *` loads them all.
__all__ = ["cli", "dates", "ingest", "lexicon", "linking", "nlp"]
