"""Reading what comes in: the plan workbook (values, its XML, number formats), the checks of every column, and
the analysts' annotations.
"""
