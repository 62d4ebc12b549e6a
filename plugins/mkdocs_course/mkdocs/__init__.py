"""The MkDocs runner: a thin adapter that hands the course's site to MkDocs (or ProperDocs).

The only room that imports an engine (tests/gates/test_structure.py).
"""
