"""Stage 2, parsing: clean text → rows of one document.

Structure (sections, tasks), responsibility clauses, departments, metadata,
segmentation and keywords, and the corpus runner that parses many files in
worker processes.  :mod:`gongkai_analysis.document` makes the rows into tables.
"""
