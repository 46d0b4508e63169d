"""Marsad (مرصد): raw scraped Arabic news in, clean structured facts out."""

from .api import analyze, analyze_paths
from .article import Article, Span
from .errors import MarsadInputError
from .options import Options
from .pipeline import Pipeline, Step

__version__ = "0.1.0"
__all__ = ["Article", "MarsadInputError", "Options", "Pipeline", "Span", "Step", "analyze", "analyze_paths",
           "__version__"]
