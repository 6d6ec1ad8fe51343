"""Stage 1, reading: files and bytes → clean text (:class:`SourceText`).

Encodings (UTF-8, GB18030/GBK, detection), HTML pages, Word and PDF files,
traditional → simplified script, and the filled tracker workbook.  Nothing
here knows what a task is.
"""
