"""gongkai-analysis: Chinese government-openness work plans as tidy tables.

>>> import gongkai_analysis as gk
>>> doc = gk.parse_document(gk.config.BUNDLED_DOCUMENT)   # doctest: +SKIP
>>> doc.tasks.shape                                         # doctest: +SKIP
(65, 15)
"""

from . import config
from .departments import Registry, load_registry
from .errors import ParseError
from .io import SourceText, read_path
from .parse import Document, concat_documents, parse_document, parse_documents

__version__ = "0.1.0"

__all__ = [
    "Document",
    "ParseError",
    "Registry",
    "SourceText",
    "concat_documents",
    "config",
    "load_registry",
    "parse_document",
    "parse_documents",
    "read_path",
]
