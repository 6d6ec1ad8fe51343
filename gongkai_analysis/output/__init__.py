"""Stage 4, output: DataFrames → files and figures; computes nothing.

CSV and Parquet tables, Excel helpers, the tracker workbook, the leadership
workbook, matplotlib and plotly charts, and the text of a document rendered back.
"""
