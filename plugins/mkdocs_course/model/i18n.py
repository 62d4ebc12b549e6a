"""The words the site adds around a course, in the course's language (issue 18).

The course's own text is the author's; everything the site says around it (Today,
"Coming up next", the worksheet buttons, the journal, the certificate...) is a message
in a gettext catalog, the Python ecosystem's way:

    locale/mkdocs_course.pot                      every message, extracted from the code
    locale/<language>/LC_MESSAGES/mkdocs_course.po   its translations, one catalog a language

Messages are English in the code. Templates say `{{ _("Coming up next") }}` (Jinja2's
i18n extension, new-style: `_("Day %(n)s", n=3)` formats and escapes); Python says
`_()`/`ngettext` from `translator(language)`; the browser scripts say `course.t(...)` and
`course.tn(...)` and get their messages, with the catalog's plural rule, in the track
data (`script_messages`, with the plural categories of `Intl.PluralRules` mapped to the
catalog's forms). `course.yml`'s `language` chooses the catalog; a language with
no catalog gets English. `make i18n` extracts and updates the catalogs; a test fails when a
catalog misses a message or the template is out of date (tests/model/test_i18n.py).

Catalogs are read from the `.po` files as they are (Babel's reader), so there is no
compiled file to forget; `make i18n` also compiles each one, which checks its syntax.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from .dates import cldr_locale, locale_of

DOMAIN = "mkdocs_course"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
SOURCE_LANGUAGE = "en"  # the messages as written in the code


def catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def shipped_languages() -> tuple[str, ...]:
    """The languages with a catalog, and English, which needs none."""
    return (SOURCE_LANGUAGE, *sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


def right_to_left(language: str) -> bool:
    """Whether the course's language is written right to left (Arabic, Hebrew, Persian, Urdu...), from CLDR."""
    return Locale.parse(locale_of(language)).character_order == "right-to-left"


def language_name(language: str, *, said_in: str | None = None) -> str:
    """A language's name from CLDR, said in `said_in` (`Spanish` for `es` said in `en`), or in
    itself by default (`Español`), as its speakers look for it in a list; the tag itself when
    CLDR does not know the language."""
    locale = cldr_locale(language)
    said = cldr_locale(said_in) if said_in else locale
    if locale is None or said is None:
        return language
    name = locale.get_display_name(said)
    return name[:1].upper() + name[1:] if name else language


def catalog_language(language: str) -> str | None:
    """The catalog for a course's BCP 47 `language` (`es-MX` falls back to `es`), or None for English."""
    locale = locale_of(language)
    for candidate in (locale, locale.split("_")[0]):
        if candidate != SOURCE_LANGUAGE and catalog_path(candidate).is_file():
            return candidate
    return None


@cache
def _catalog(language: str) -> Catalog:
    with catalog_path(language).open("rb") as f:
        return read_po(f, locale=language, domain=DOMAIN)


@cache
def translator(language: str) -> NullTranslations:
    """gettext for a course in `language`: its catalog's translations, or the English messages."""
    found = catalog_language(language)
    if found is None:
        return NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, _catalog(found))
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def plural_forms(language: str, expr: str) -> dict[str, int]:
    """Which gettext form (the catalog's `plural_expr`) each CLDR plural category takes.

    The browser knows a number's category (`Intl.PluralRules`), not the catalog's formula;
    this table joins the two, so no formula is ever run as code in the page.
    """
    rule = gettext.c2py(expr)
    category = Locale.parse(locale_of(language)).plural_form
    forms: dict[str, int] = {}
    # Every category shows up among 0 to 1,000, but for "many" in some languages (Spanish,
    # French: a million), which the round millions add.
    for n in [*range(0, 1001), *(10**k for k in range(4, 10))]:
        forms.setdefault(category(n), rule(n))
    return forms


def script_messages(language: str) -> dict[str, Any]:
    """What the browser scripts need to speak the course's language: `forms` (which of a
    message's plural forms each CLDR category takes) and each message the scripts use, by
    its English text (a list of forms for a message with plurals). No messages for English."""
    found = catalog_language(language)
    if found is None:
        return {"forms": {"one": 0, "other": 1}, "messages": {}}
    catalog = _catalog(found)
    messages: dict[str, Any] = {}
    for message in catalog:
        if not message.id or message.fuzzy or not any(path.endswith(".js") for path, _ in message.locations):
            continue
        if isinstance(message.id, tuple):
            if all(message.string):
                messages[message.id[0]] = list(message.string)
        elif message.string:
            messages[message.id] = message.string
    return {"forms": plural_forms(found, catalog.plural_expr), "messages": messages}


def counted(t: NullTranslations, word: str, n: int) -> str:
    """`n` and `word`, in the plural form the language needs ("1 minute", "3 minutes").

    Each counted word is a message of its own, written out here so that extraction finds
    it: languages do not make plurals by adding "s", and some have several forms.
    """
    forms = {
        "minute": lambda: t.ngettext("%(num)d minute", "%(num)d minutes", n),
        "day": lambda: t.ngettext("%(num)d day", "%(num)d days", n),
        "hour": lambda: t.ngettext("%(num)d hour", "%(num)d hours", n),
        "lesson": lambda: t.ngettext("%(num)d lesson", "%(num)d lessons", n),
        "daily lesson": lambda: t.ngettext("%(num)d daily lesson", "%(num)d daily lessons", n),
        "short lesson": lambda: t.ngettext("%(num)d short lesson", "%(num)d short lessons", n),
        "short daily lesson": lambda: t.ngettext("%(num)d short daily lesson", "%(num)d short daily lessons", n),
        "module": lambda: t.ngettext("%(num)d module", "%(num)d modules", n),
        "worksheet": lambda: t.ngettext("%(num)d worksheet", "%(num)d worksheets", n),
        "session": lambda: t.ngettext("%(num)d session", "%(num)d sessions", n),
        "group session": lambda: t.ngettext("%(num)d group session", "%(num)d group sessions", n),
    }
    return forms[word]() % {"num": n}
