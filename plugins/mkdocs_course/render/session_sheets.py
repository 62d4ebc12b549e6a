"""A session's run sheet as a form the facilitator adapts and prints, with who came.

The facilitator guide prints one run sheet per session, the same for every group. Before a
session a facilitator rewrites it for their group and afterward records who came; the
session page (`cohort_session.md.j2`) is that form. It is built from the worksheet fields the
learner's pages already use, so saving, printing, backup files and restoring work as they do
for answers. Its answers live in the `answers` section under

    <course id>/facilitator/<cohort id>/<session id>/<field id>

(`keys.py`), so a facilitator's backup file carries them; the learner's journal and Markdown
export leave the `facilitator` kind out (course.js `isFacilitatorKey`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from .. import model
from ..model.cohort import Cohort, Session, run_sheet
from ..model.dates import clock

KIND = "facilitator"  # the kind part of the storage key, after the course id
ATTENDANCE = "attendance"  # the field the "Save attendance as CSV" button reads


@dataclass(frozen=True)
class SessionSheet:
    id: str  # unique on the page's site: cohort and session
    title: str
    key_parts: tuple[str, ...]  # after the course id: ("facilitator", cohort id, session id)
    fields: tuple[Any, ...]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def session_sheet(cohort: Cohort, session: Session, texts: list[str], names: list[str], words: Any = None) -> SessionSheet:
    """The form for `session`: each run-sheet block starting from `texts` (the guide's wording),
    labeled with its `names` as the page says them, notes, attendance. `words`: gettext for the
    course's language (i18n.py).

    Blocks are keyed by name ("block-welcome"), not position, so an edit stays with its block
    when the session's length, and so its blocks' minutes, change.
    """
    _ = words.gettext if words is not None else (lambda message: message)
    fields: list[Any] = []
    for block, text, name in zip(run_sheet(session), texts, names, strict=True):
        # The guide's text was made for Markdown tables (escaped pipes, character references).
        starter = html.unescape(str(text)).replace("\\|", "|").strip()
        fields.append(
            model.LongTextField(
                id=f"block-{_slug(block.name)}", type="long_text", lines=3, starter=starter or None,
                label=_("%(time)s · %(minutes)s min · %(block)s") % {"time": clock(block.start), "minutes": block.minutes, "block": html.unescape(str(name))},
            )
        )
    fields.append(model.LongTextField(id="notes", type="long_text", lines=5, label=_("Notes for next time"), help=_("What worked, what to change, who needs a follow-up.")))
    fields.append(
        model.TableField(
            id=ATTENDANCE, type="table", label=_("Who came"), rows=max(1, min(cohort.data.size, 30)),
            help=_("One row per learner: write names before the session, check who came. Add rows as needed."),
            columns=[model.Column(id="name", label=_("Name")), model.Column(id="present", label=_("Here"), type="checkbox"), model.Column(id="note", label=_("Note"))],
        )
    )
    title = _("Session %(n)s: %(title)s") % {"n": session.number, "title": session.title}
    return SessionSheet(f"{cohort.id}-{session.id}", title, (KIND, cohort.id, session.id), tuple(fields))
