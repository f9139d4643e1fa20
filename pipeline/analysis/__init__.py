"""The analysis: functions that take data frames and return data frames (tables, tags, quality, similarity,
execution year on year, and how well the classifiers do). None of them builds HTML.
"""
