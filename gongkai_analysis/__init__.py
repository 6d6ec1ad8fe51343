"""gongkai-analysis: Chinese government-openness work plans as tidy tables.

Parse a plan with :func:`parse_document`, then analyse its tables with the
functions re-exported here (each takes DataFrames and returns a new one).
Nothing is read, imported heavily or logged at import time.
"""

from . import config
from .cadence import cadence_table, disclosure_calendar, disclosure_events
from .compliance import completeness_by_section, completeness_by_unit, completeness_table
from .departments import Registry, load_registry
from .dimensions import classify_dimensions, dimension_long
from .errors import ParseError
from .io import SourceText, read_path
from .parse import Document, concat_documents, parse_document, parse_documents
from .scoring import AppraisalWeightWarning, score_departments, simulate_other_appraisal, weight_sensitivity
from .tracker import read_tracker, simulate_tracker, tracker_frame, tracker_template, write_tracker
from .workload import (
    co_responsibility,
    co_responsibility_edges,
    concentration,
    expand_collective,
    workload_by_section,
    workload_table,
)

__version__ = "0.1.0"

__all__ = [
    "AppraisalWeightWarning",
    "Document",
    "ParseError",
    "Registry",
    "SourceText",
    "cadence_table",
    "classify_dimensions",
    "co_responsibility",
    "co_responsibility_edges",
    "completeness_by_section",
    "completeness_by_unit",
    "completeness_table",
    "concat_documents",
    "concentration",
    "config",
    "dimension_long",
    "disclosure_calendar",
    "disclosure_events",
    "expand_collective",
    "load_registry",
    "parse_document",
    "parse_documents",
    "read_path",
    "read_tracker",
    "score_departments",
    "simulate_other_appraisal",
    "simulate_tracker",
    "tracker_frame",
    "tracker_template",
    "weight_sensitivity",
    "workload_by_section",
    "workload_table",
    "write_tracker",
]
