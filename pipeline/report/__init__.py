"""The report: the findings in words (evaluation, chapters), objects that keep their data, the report's words,
charts, the one module that writes HTML, the PDF and the files for other programs.
"""
