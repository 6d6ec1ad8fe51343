"""gongkai-analysis: Chinese government-openness work plans as tidy tables.

Parse a plan with :func:`parse_document`, then analyse its tables with the
functions re-exported here (each takes DataFrames and returns a new one).
Nothing is read, imported heavily or logged at import time.
"""

from . import config
from .analysis.align import CompareError, align_corpus, align_tasks, articles_frame, diff_tasks
from .analysis.network import network_edges, network_table, unit_centrality, unit_network
from .analysis.shift import responsibility_shift, unit_shift
from .analysis.textstats import cooccurrence, keyness, kwic
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
    "CompareError",
    "Document",
    "ParseError",
    "Registry",
    "SourceText",
    "align_corpus",
    "align_tasks",
    "articles_frame",
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
    "cooccurrence",
    "diff_tasks",
    "dimension_long",
    "disclosure_calendar",
    "disclosure_events",
    "expand_collective",
    "keyness",
    "kwic",
    "load_registry",
    "network_edges",
    "network_table",
    "parse_document",
    "parse_documents",
    "read_path",
    "read_tracker",
    "responsibility_shift",
    "score_departments",
    "simulate_other_appraisal",
    "simulate_tracker",
    "tracker_frame",
    "tracker_template",
    "unit_centrality",
    "unit_network",
    "unit_shift",
    "weight_sensitivity",
    "workload_by_section",
    "workload_table",
    "write_tracker",
]
