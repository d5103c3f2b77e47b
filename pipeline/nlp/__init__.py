"""The spaCy side of the pipeline: one subpackage per component or concern.

- `context/`: document metadata, sentences, quotes and the per-document index
  that attribution, claims and dates all read.
- `attribution/`: who said it (cues, sources, claimant resolution).
- `claims/`: which attributed statements are checkable claims, with polarity.
- `temporal/`: temporal expressions and their calendar values.
- `tables/`: exact lookup tables that replace slow parts of the trained model.
- `factories.py`: every factory, registered in one place (also exposed as
  `spacy_factories` entry points), with its requires/assigns and default config.
- `extensions.py`: the one frozen facts object per span group
  (`span._.attribution`, `span._.claim`, `span._.date`).
- `build.py`: `build_nlp()`, the one pipeline that ingest, `dates` and the
  evaluation scripts all run (`dates` with `select_pipes`).

Nothing here touches the ledger, linking or the command line.
"""
