"""Reading an author's files into a Course, with every problem found at once.

`yaml_source.py` reads YAML with positions; `loader.py` validates each file against
the model, cross-checks them and assembles the Course; `cohort_checks.py` and
`cohorts.py` do the same for cohorts; `problems.py` and `catalogue.py` say what is
wrong, where and how to fix it; `lint.py` adds advice that is not an error.
"""
