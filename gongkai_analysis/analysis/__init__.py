"""Stage 3, analysis: DataFrames in, DataFrames out; never writes a file.

Cadence and calendar, workload, dimensions, completeness (item 54), the
appraisal tracker as a table and its scores (item 64), and the overview a
report shows.  Every output is keyed by ``(doc_id, task_id)`` or ``unit``.
"""
