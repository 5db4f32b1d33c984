"""claimlint: a linter for health and medical articles."""

__version__ = "0.1.0"
