"""Evaluate the Flemish data action plan: ingest the plan workbook, count the SERV tables, render the annex."""

__version__ = "0.1.0"
