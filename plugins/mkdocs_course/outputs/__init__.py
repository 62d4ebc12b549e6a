"""Every file of a course's site besides its pages, and the one place that gathers them (`site.py`).

Calendars (`ical.py`), the lesson feed (`feed.py`), `course.json` (`manifest.py`),
workbook PDFs (`pdf.py`) and the engine-free Markdown export (`export.py`).
"""
