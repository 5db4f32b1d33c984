"""`duplicate`: boilerplate across the corpus and inside one article (see check.py).

check.py   the rule type: options, the two kinds (passage, opener), messages
sketch.py  sentences -> units: shingle hashes, bottom-k sketch, LSH band keys, fingerprint, settings
store.py   the SQLite index on disk: copies grouped by fingerprint, refreshed file by file
query.py   what stands near a document's sentences: across articles (the index) and inside it
"""

from claimlint.checks.duplicate.check import DESCRIPTION, OPTIONS, SETTINGS, DuplicateCheck, build

__all__ = ["DESCRIPTION", "OPTIONS", "SETTINGS", "DuplicateCheck", "build"]
