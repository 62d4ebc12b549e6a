"""The package's fixes to Material's partials (`theme/partials/`), put in the theme's template path.

One function for both runners that use MkDocs: the plugin calls `add_fixes` in
on_config, and `course export` copies this file into its folder as a MkDocs hook
(`hooks/course_theme.py`, next to a `theme-fixes/` copy of the partials), so a
build of the export with MkDocs or ProperDocs gets the same fixes without the
plugin. Zensical runs no hooks and keeps its own partials, which already name
the search dialog. Nothing here imports MkDocs: the file must run from an export.
"""

from __future__ import annotations

import os
from typing import Any

# Beside this file once it is an export's hook: the export's folder, then theme-fixes/.
EXPORT_FIXES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "theme-fixes")


def add_fixes(theme: Any, fixes: str) -> None:
    """Put `fixes` in a Material theme's template path, after the site's own custom_dir, so a site
    that overrides the same partial keeps its own. Each partial says what it fixes."""
    if theme.name != "material" or fixes in theme.dirs:
        return
    custom = os.path.abspath(theme.custom_dir) if theme.custom_dir else None
    at = 1 if custom and theme.dirs and os.path.abspath(theme.dirs[0]) == custom else 0
    theme.dirs.insert(at, fixes)


def on_config(config: Any) -> Any:
    """The hook, in an export."""
    add_fixes(config.theme, EXPORT_FIXES)
    return config
