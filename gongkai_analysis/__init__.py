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

# The public API, imported from its module when first used: ``import gongkai_analysis``
# (and ``gongkai --help``) costs no pandas until a function is reached for.
_EXPORTS = {
    "config": ".config",
    "vocab": ".vocab",
    "simulate_tracker": ".analysis.appraisal", "tracker_frame": ".analysis.appraisal",
    "cadence_table": ".analysis.cadence", "disclosure_calendar": ".analysis.cadence",
    "disclosure_events": ".analysis.cadence", "plan_year": ".analysis.cadence",
    "completeness_by_section": ".analysis.compliance", "completeness_by_unit": ".analysis.compliance",
    "completeness_table": ".analysis.compliance",
    "classify_dimensions": ".analysis.dimensions", "dimension_long": ".analysis.dimensions",
    "Overview": ".analysis.overview", "overview": ".analysis.overview",
    "AppraisalWeightWarning": ".analysis.scoring", "score_departments": ".analysis.scoring",
    "simulate_other_appraisal": ".analysis.scoring", "weight_sensitivity": ".analysis.scoring",
    "co_responsibility": ".analysis.workload", "co_responsibility_edges": ".analysis.workload",
    "concentration": ".analysis.workload", "expand_collective": ".analysis.workload",
    "workload_by_section": ".analysis.workload", "workload_table": ".analysis.workload",
    "Corpus": ".document", "Document": ".document", "concat_documents": ".document",
    "parse_document": ".document", "parse_documents": ".document",
    "ColumnError": ".errors", "GongkaiError": ".errors", "ParseError": ".errors", "TrackerError": ".errors",
    "tracker_template": ".output.tracker", "write_tracker": ".output.tracker",
    "Registry": ".parsing.departments", "load_registry": ".parsing.departments",
    "SourceText": ".reading.files", "read_path": ".reading.files",
    "read_tracker": ".reading.tracker",
    "CompareError": ".analysis.align", "align_corpus": ".analysis.align", "align_tasks": ".analysis.align",
    "diff_tasks": ".analysis.align",
    "component_sizes": ".analysis.network", "network_edges": ".analysis.network", "network_table": ".analysis.network",
    "unit_centrality": ".analysis.network", "unit_network": ".analysis.network",
    "responsibility_shift": ".analysis.shift", "unit_shift": ".analysis.shift",
    "cooccurrence": ".analysis.textstats", "keyness": ".analysis.textstats", "kwic": ".analysis.textstats",
}

# Sub-packages and modules reached as attributes (``gk.output.charts``), imported when first used.
_LAZY = {"reading", "parsing", "analysis", "output", "schema", "patterns", "plots", "pipeline"}


def __getattr__(name: str):
    if name == "__version__":
        from .config import version

        return version()
    if name in _EXPORTS:
        module = importlib.import_module(_EXPORTS[name], __name__)
        value = module if name in ("config", "vocab") else getattr(module, name)
        globals()[name] = value  # once found, an ordinary attribute
        return value
    if name == "plots":
        return importlib.import_module(".output.charts", __name__)
    if name in _LAZY:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS, *_LAZY})


__all__ = sorted(_EXPORTS)  # one list: every public name is in _EXPORTS
