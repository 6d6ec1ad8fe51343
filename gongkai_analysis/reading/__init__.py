"""Stage 1, reading: files and bytes → clean text (:class:`~gongkai_analysis.reading.source.SourceText`).

``files`` picks the reader by suffix (:func:`~gongkai_analysis.reading.files.read_path`);
``source`` holds SourceText and the safe reading of a file's bytes (regular files only,
size limit); ``text`` decoding and the one place where characters are cleaned;
``html`` web pages; ``office`` Word, Excel and legacy files through LibreOffice;
``pdf`` the text layer of a PDF as paragraphs; ``script`` traditional → simplified;
``tracker`` the filled tracker workbook.  Nothing here knows what a task is.
"""
