"""newsview: who said what in a news article.

The package root is the headless engine; it never imports Textual, and spaCy
only when a pipeline is actually loaded.
"""

__version__ = "0.1.0"

#: Bumped whenever extraction changes what it produces for the same text;
#: stored in every document so caches and reviews know what made them.
ENGINE_VERSION = "0.1.0"
