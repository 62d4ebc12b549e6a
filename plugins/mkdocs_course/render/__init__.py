"""Drawing a Course as pages: Markdown with our HTML blocks, for any engine.

`urls.py` is the one URL scheme; `pages.py` renders the templates and the nav;
`text.py` and `sanitize.py` keep author text from running as script; `track.py`,
`printing.py`, `search.py`, `rawhtml.py` and `guide.py` serve the pages they name.
"""
