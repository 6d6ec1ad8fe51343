"""Output: DataFrames to files and charts; nothing here computes an analysis."""
