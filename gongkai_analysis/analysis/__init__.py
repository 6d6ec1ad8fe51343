"""Analyses: DataFrames in, DataFrames (or graphs) out; nothing here writes files."""
