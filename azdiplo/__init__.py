"""azdiplo: diplomatic events from news articles, in a queryable JSON store."""

__version__ = "0.1.0"
