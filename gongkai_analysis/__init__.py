"""gongkai-analysis: Chinese government task documents as tidy tables.

Parse a plan with :func:`parse_document` (many with :func:`parse_documents`),
then analyse its tables with the functions re-exported here (each takes
DataFrames and returns a new one).  The stages live in sub-packages:
:mod:`~gongkai_analysis.reading` (files → clean text),
:mod:`~gongkai_analysis.parsing` (text → rows),
:mod:`~gongkai_analysis.analysis` (tables → tables) and
:mod:`~gongkai_analysis.output` (tables → files and charts);
``gk.output.charts`` (also spelt ``gk.plots``) draws the charts.
Nothing is read, imported heavily or logged at import time.
"""

from __future__ import annotations

import importlib

from . import config, vocab
from .analysis.align import CompareError, align_corpus, align_tasks, diff_tasks
from .analysis.network import network_edges, network_table, unit_centrality, unit_network
from .analysis.shift import responsibility_shift, unit_shift
from .analysis.textstats import cooccurrence, keyness, kwic
from .analysis.appraisal import simulate_tracker, tracker_frame
from .analysis.cadence import cadence_table, disclosure_calendar, disclosure_events, plan_year
from .analysis.compliance import completeness_by_section, completeness_by_unit, completeness_table
from .analysis.dimensions import classify_dimensions, dimension_long
from .analysis.overview import Overview, overview
from .analysis.scoring import AppraisalWeightWarning, score_departments, simulate_other_appraisal, weight_sensitivity
from .analysis.workload import (
    co_responsibility,
    co_responsibility_edges,
    concentration,
    expand_collective,
    workload_by_section,
    workload_table,
)
from .document import Corpus, Document, concat_documents, parse_document, parse_documents
from .errors import ColumnError, GongkaiError, ParseError, TrackerError
from .output.tracker import tracker_template, write_tracker
from .parsing.departments import Registry, load_registry
from .reading.files import SourceText, read_path
from .reading.tracker import read_tracker

# Sub-packages and modules reached as attributes (``gk.output.charts``), imported when first used.
_LAZY = {"reading", "parsing", "analysis", "output", "schema", "patterns", "plots"}


def __getattr__(name: str):
    if name == "__version__":
        return config.version()
    if name == "plots":
        return importlib.import_module(".output.charts", __name__)
    if name in _LAZY:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AppraisalWeightWarning",
    "ColumnError",
    "CompareError",
    "Corpus",
    "Document",
    "GongkaiError",
    "Overview",
    "ParseError",
    "Registry",
    "SourceText",
    "TrackerError",
    "align_corpus",
    "align_tasks",
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
    "overview",
    "parse_document",
    "parse_documents",
    "plan_year",
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
    "vocab",
    "weight_sensitivity",
    "workload_by_section",
    "workload_table",
    "write_tracker",
]
