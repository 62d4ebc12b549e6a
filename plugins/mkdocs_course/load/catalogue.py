"""The error catalogue: every message the course tools can report, and its fix.

Each message is written here once, by key; the code that reports it writes
`say("unknown-key", key=name)` and never the text. The author guide's "Errors
and warnings" page is rendered from this table at build time
(`guide.error_catalogue`). Tests keep it honest:

- each entry's `example` is exactly what `course validate` prints for the
  entry's `bad` YAML (the test makes that edit in a copy of the test course);
- every problem the code reports takes its message from `say`, with a key
  that is here and exactly the parts its message names, and every entry
  (but a `case_of`) is said somewhere, found by reading the source.

`message` is a `str.format` template whose `{names}` are the parts that vary.
`shown` is how the guide shows it where that differs (an optional tail such as
`{in_place}` reads better as " in {place}"). `case_of` marks an entry that
documents a common case of another entry's message, with its own fix.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from typing import Literal


@dataclass(frozen=True)
class Entry:
    key: str  # stable name: the code says it, the tests find the example's edit by it
    message: str
    fix: str
    bad: str | None = None  # the YAML that causes it, as shown in the guide
    example: str | None = None  # what `course validate` prints for `bad`, hint included
    no_example: str | None = None  # why there is no example, when there is none
    shown: str | None = None
    case_of: str | None = None
    severity: Literal["error", "warning"] = "error"

    @property
    def parts(self) -> frozenset[str]:
        """The names `say` must be given for this message."""
        return frozenset(name for _, name, _, _ in string.Formatter().parse(self.message) if name)


@dataclass(frozen=True)
class Section:
    title: str
    about: str
    entries: tuple[Entry, ...]


L1 = "lessons/basics/01-first.yml"

SECTIONS: tuple[Section, ...] = (
    Section(
        "Reading the file",
        "The file could not be read as YAML. Nothing else in the file is checked until it reads.",
        (
            Entry(
                "yaml-syntax",
                "YAML syntax error: {found}",
                "Text that contains `: ` (colon and space) must be in quotes, or written as a block after `|`. "
                "Otherwise check the indentation of the line and the one before it.",
                bad="title: First: lesson",
                example=f"{L1}:2:13: error: YAML syntax error: mapping values are not allowed in this context\n"
                "    hint: a value that contains `: ` must be quoted, or written as a block with `|`",
                shown="YAML syntax error: {what the parser found}",
            ),
            Entry(
                "yaml-tab",
                "YAML syntax error: found character that cannot start any token",
                "YAML does not allow tabs for indentation. Set your editor to indent YAML with spaces.",
                bad="objectives:\n\t- Take the first step.",
                example=f"{L1}:5:1: error: YAML syntax error: found character that cannot start any token\n"
                "    hint: indent with spaces; YAML does not allow tabs",
                case_of="yaml-syntax",
            ),
            Entry(
                "yaml-apostrophe",
                "YAML syntax error: did not find expected key",
                "In single quotes, an apostrophe ends the text. Write it twice (`'It''s my turn'`), or put the text in "
                "double quotes (`\"It's my turn\"`), or leave the quotes out when the text has no `: ` in it.",
                bad="title: 'It's my turn'",
                example=f"{L1}:2:12: error: YAML syntax error: did not find expected key\n"
                "    hint: the text is in single quotes and holds an apostrophe, which ends it: write the apostrophe twice (`'It''s'`) or put the text in double quotes",
                case_of="yaml-syntax",
            ),
            Entry(
                "yaml-error",
                "YAML error: {details}",
                "A problem the YAML reader reports without a position. Check the file opens as text in your editor.",
                no_example="the YAML reader reports errors with a position in every case we know of",
            ),
            Entry(
                "not-utf8",
                "file is not UTF-8 (byte 0x{byte})",
                "Save the file with UTF-8 encoding (in most editors: File, Save with encoding, UTF-8).",
                bad="title: Café   (saved as Latin-1)",
                example=f"{L1}:2:11: error: file is not UTF-8 (byte 0xe9)\n    hint: save the file with UTF-8 encoding",
            ),
            Entry(
                "link-outside",
                "file is a link to a place outside the course folder",
                "Everything in the site must come from the course folder itself, so a symbolic link that leads elsewhere "
                "is refused. Copy the file into the course folder instead of linking to it.",
                no_example="it comes from a symbolic link on disk, not from anything written in a file",
            ),
            Entry(
                "binary",
                "file is binary, not YAML text",
                "A course file must be plain text. Check you did not save a word-processor file with a `.yml` name.",
                example=f"{L1}:1:1: error: file is binary, not YAML text\n    hint: save it as plain UTF-8 text",
            ),
            Entry(
                "empty",
                "file is empty",
                "Write the file's keys (`course new` makes a commented starting file), or delete the file.",
                bad="# nothing yet",
                example=f"{L1}:1:1: error: file is empty\n    hint: write the file's keys, or delete the file",
            ),
            Entry(
                "only-null",
                "file holds only an empty value (`~` or `null`)",
                "YAML reads `~` or `null` alone as an empty value, so the file has no keys. Write the file's keys, or delete the file.",
                bad="~",
                example=f"{L1}:1:1: error: file holds only an empty value (`~` or `null`)\n    hint: write the file's keys, or delete the file",
            ),
            Entry(
                "too-big",
                "file is {size} bytes; the limit is {limit}",
                "A lesson is a few kilobytes. Split a very long file into several lessons or worksheets.",
                example=f"{L1}:1:1: error: file is 2,400,000 bytes; the limit is 2,000,000\n    hint: split it into smaller files",
            ),
            Entry(
                "too-deep",
                "data is nested more than {limit} levels deep",
                "Course files need only a few levels of lists and keys. Look for brackets that were never closed.",
                bad="a: [[[[[ ... ]]]]]   (70 levels)",
                example=f"{L1}:1:68: error: data is nested more than 64 levels deep\n    hint: course files need only a few levels",
            ),
            Entry(
                "cannot-read-folder",
                "cannot read folder: {reason}",
                "A folder of the course could not be listed, so its files were not read. Check its permissions.",
                no_example="it needs a folder the tests cannot be denied reading (they run as any user); tests/load/test_loader.py makes one",
            ),
            Entry(
                "not-a-file",
                "`{name}` is {what}, not a course file",
                "Only plain files are course files. A folder (or a pipe) whose name ends in `.yml` is not read; rename it "
                "or move it out of the course folder, so nothing in it is silently left out.",
                no_example="it needs a folder or a pipe named like a file; tests/load/test_loader.py makes both",
            ),
            Entry(
                "duplicate-worksheet-id",
                "duplicate worksheet id `{id}` (also in {path})",
                "Two worksheet files hold one id (often `x.yml` and `x.yaml`): they would be one page of the site, the "
                "second silently replacing the first. Keep one file for each worksheet.",
                bad="exercises/all-fields.yml   (and a copy, exercises/all-fields.yaml)",
                example="exercises/all-fields.yml:1:5: error: duplicate worksheet id `all-fields` (also in exercises/all-fields.yaml)\n"
                "    hint: each worksheet needs its own id and file; merge the two, or rename one",
            ),
            Entry(
                "cannot-read",
                "cannot read file: {reason}",
                "The file exists but could not be opened. Check its permissions, and that it is not locked by another program.",
                no_example="it needs a file the tests cannot be denied reading (they run as any user)",
            ),
        ),
    ),
    Section(
        "YAML features course files do not use",
        "Course files use plain YAML: keys, text, numbers, dates, lists. Anchors, aliases, merge keys and tags "
        "are refused because they hide where text comes from (and an alias can make a tiny file huge).",
        (
            Entry(
                "alias-value",
                "`{key}` is a YAML alias (`*name`); aliases are not allowed",
                "Write the value out in full where it is used.",
                bad="action: &a Write one line.\nteaser: *a",
                example=f"{L1}:15:1: error: `teaser` is a YAML alias (`*name`); aliases are not allowed\n"
                "    hint: write the value out in full where it is used",
            ),
            Entry(
                "alias-item",
                "YAML aliases (`*name`) are not allowed",
                "Write the value out in full where it is used.",
                bad="objectives:\n  - &o Take the first step.\n  - *o",
                example=f"{L1}:6:5: error: YAML aliases (`*name`) are not allowed\n    hint: write the value out in full where it is used",
            ),
            Entry(
                "merge-key",
                "YAML merge keys (`<<`) are not allowed",
                "Write the keys out in full.",
                bad="facilitator:\n  <<: {minutes: 3}",
                example=f"{L1}:34:3: error: YAML merge keys (`<<`) are not allowed\n    hint: write the keys out in full",
            ),
            Entry(
                "tag",
                "tag `{tag}` is not allowed",
                "Remove the `!tag` before the value; course files use plain YAML values.",
                bad="title: !!python/name:os.system First",
                example=f"{L1}:2:8: error: tag `tag:yaml.org,2002:python/name:os.system` is not allowed\n"
                "    hint: remove the tag; course files use plain YAML values",
            ),
            Entry(
                "complex-key",
                "keys must be plain words",
                "Write each key as a plain word followed by a colon, such as `title:`.",
                bad="? [a, b]\n: First lesson",
                example=f"{L1}:2:3: error: keys must be plain words\n    hint: write the key as `name:`",
            ),
            Entry(
                "duplicate-key",
                "duplicate key `{key}` (first at line {line})",
                "A key may appear once in a mapping: YAML would silently keep only the last one. Remove or rename one of them.",
                bad="minutes: 10\nminutes: 12",
                example=f"{L1}:4:1: error: duplicate key `minutes` (first at line 3)\n    hint: a key may appear once; remove or rename one of them",
            ),
            Entry(
                "bad-date",
                "`{value}` is not a real date ({reason})",
                "Write a date that exists, as YYYY-MM-DD.",
                bad="start: 2027-02-30",
                example="course/cohorts/evening.yml:4:8: error: `2027-02-30` is not a real date (day is out of range for month)\n"
                "    hint: write a date that exists, as YYYY-MM-DD",
            ),
            Entry(
                "unreadable-value",
                "cannot read `{value}`: {reason}",
                "A value YAML recognised by its form but could not convert. Put it in quotes to keep it as text.",
                no_example="with YAML 1.2's rules every number and date form converts; kept as a safety net",
            ),
        ),
    ),
    Section(
        "Keys and values",
        "The file reads as YAML but does not match what its kind of file holds. The field reference lists "
        "every key, whether it is required, and its limits.",
        (
            Entry(
                "unknown-key",
                "unknown key `{key}`",
                "Usually a misspelt key: the hint names the closest one. Otherwise remove it; the field reference lists the keys.",
                bad="minuts: 10",
                example=f"{L1}:3:1: error: unknown key `minuts`\n    hint: did you mean `minutes`?",
            ),
            Entry(
                "missing-key",
                "missing required key `{key}`{in_place}",
                "Add the key; the hint says what it holds.",
                bad="(no `minutes:` line)",
                example=f"{L1}:1:1: error: missing required key `minutes`\n"
                "    hint: add `minutes:` (Estimated minutes to take the lesson, routine included.)",
                shown="missing required key `{key}` in {place}",
            ),
            Entry(
                "wrong-type",
                "{place} should be {kind}, not {what_it_is}{value}",
                "Write the kind of value the key needs. YAML reads `true`, `false`, `null`, numbers and dates by their "
                "form: put text that looks like one of those in quotes.",
                bad="minutes: ten",
                example=f"{L1}:3:10: error: minutes should be a whole number, not text\n    hint: write a whole number, such as `10`",
                shown="{place} should be {kind}, not {what it is}",
            ),
            Entry(
                "bad-id",
                "{place}: `{value}` is not a valid id",
                "Ids become web addresses and the keys learners' answers are saved under: lowercase letters, digits and "
                "single hyphens only, at most 64 characters.",
                bad="id: Basics_First",
                example=f"{L1}:1:5: error: id: `Basics_First` is not a valid id\n"
                "    hint: use lowercase letters, digits and single hyphens, for example `basics-first`",
            ),
            Entry(
                "bad-language",
                "language: `{value}` is not a language tag",
                "Write the course's language as a BCP 47 tag: `en`, `en-GB`, `fr`, `pt-BR`. Browsers and screen readers use it "
                "to pronounce the text.",
                bad="language: English",
                example="course/course.yml:4:11: error: language: `English` is not a language tag\n"
                "    hint: use a BCP 47 tag such as `en`, `en-GB`, `fr` or `pt-BR`",
            ),
            Entry(
                "empty-text",
                "{place} is empty",
                "Write the text, or remove the key if it is optional.",
                bad='action: " "',
                example=f"{L1}:14:9: error: action is empty\n    hint: write the text, or remove the key if it is optional",
            ),
            Entry(
                "line-break",
                "{place} holds a line break; it must be one line",
                "A title, a name, a label or a prompt is one line of text: it goes into page titles, calendar files and "
                "the lesson feed, which a line break would break. Join the lines, and write the text right after the key, "
                "without `|` or `>` (which keep line breaks).",
                bad='title: "First\\nlesson"',
                example=f"{L1}:2:8: error: title holds a line break; it must be one line\n"
                "    hint: join the lines into one, and write the text right after the key, without `|` or `>`",
            ),
            Entry(
                "control-character",
                "{place} holds the control character U+{code}",
                "Text holds an invisible control character (a bell, a form feed, a bare carriage return), usually copied "
                "from elsewhere with the text. It would make the calendar files and the lesson feed unreadable: delete it.",
                bad='action: "Write\\a one line."',
                example=f"{L1}:14:9: error: action holds the control character U+0007\n"
                "    hint: delete it: it is invisible, and usually comes with text copied from elsewhere",
            ),
            Entry(
                "too-long",
                "{place} is too long ({length} characters; the limit is {limit})",
                "Shorten it. Titles, labels and prompts are one line; long teaching text belongs in a section `body`.",
                bad="title: xxxxxxxx…   (501 characters)",
                example=f"{L1}:2:8: error: title is too long (501 characters; the limit is 500)\n"
                "    hint: shorten it; long teaching text belongs in a section body",
            ),
            Entry(
                "too-few",
                "{place} needs at least {n} item{s}",
                "Add items, each on its own line starting with `- `.",
                bad="objectives: []",
                example=f"{L1}:4:13: error: objectives needs at least 1 item\n    hint: add an item on a new line starting with `- `",
            ),
            Entry(
                "too-many",
                "{place} has {n} items; the limit is {limit}",
                "Split the list (into two fields, or two lessons), or keep only the most useful items.",
                bad="options: [o0, o1, …, o30]",
                example="exercises/all-fields.yml:16:59: error: fields[4].options has 31 items; the limit is 30\n"
                "    hint: split it, or keep only the most useful items",
            ),
            Entry(
                "out-of-range",
                "{place} is {value}; it must be between {low} and {high}",
                "Use a number within the limits.",
                bad="minutes: 0",
                example=f"{L1}:3:10: error: minutes is 0; it must be between 1 and 600",
            ),
            Entry(
                "unknown-field-type",
                "unknown field type `{type}`",
                "Use one of the worksheet field types: `text`, `long_text`, `list`, `table`, `checklist`, `scale`, `choice`, `date`, `answer`.",
                bad="- {id: name, type: txt, label: Your name}",
                example="exercises/all-fields.yml:6:22: error: unknown field type `txt`\n    hint: did you mean `text`?",
            ),
            Entry(
                "unknown-check-kind",
                "unknown check kind `{kind}`",
                "Use one of the kinds of self-check: `choice`, `multiple`, `scenario`, `recall`.",
                bad="checks:\n  - id: who-opens-doors\n    kind: choise",
                example="lessons/basics/01-first.yml:20:11: error: unknown check kind `choise`\n    hint: did you mean `choice`?",
            ),
            Entry(
                "no-check-kind",
                "{place} has no `kind`",
                "Every self-check needs a `kind:`; the hint lists them.",
                bad="checks:\n  - id: who-opens-doors\n    question: Who speaks up for you when you are not in the room?",
                example="lessons/basics/01-first.yml:19:5: error: checks[0] has no `kind`\n"
                "    hint: add `kind:`, one of `choice`, `multiple`, `scenario`, `recall`",
            ),
            Entry(
                "no-field-type",
                "{place} has no `type`",
                "Every worksheet field needs a `type:`; the hint lists them.",
                bad="- {id: name, label: Your name}",
                example="exercises/all-fields.yml:6:5: error: fields[0] has no `type`\n"
                "    hint: add `type:`, one of `text`, `long_text`, `list`, `table`, `checklist`, `scale`, `choice`, `date`, `answer`",
            ),
            Entry(
                "duplicate-id",
                "duplicate id `{id}` in {list}",
                "Ids within one list (reflection prompts, self-checks, worksheet fields, table columns, routines, sessions) must differ: "
                "each names where a learner's answer is saved. Rename one.",
                bad="reflection:\n  - id: why\n    prompt: Why are you here?\n  - id: why\n    prompt: Why again?",
                example=f"{L1}:14:9: error: duplicate id `why` in reflection\n    hint: each id must be unique in its list; rename one",
            ),
            Entry(
                "other-schema",
                "{place}: {description}",
                "A rule without a message of its own; the description says what is wrong.",
                no_example="every rule in the model has its own message today; kept as a safety net",
            ),
        ),
    ),
    Section(
        "Files and folders",
        "The course folder holds `course/course.yml`, `course/routines.yml`, one folder per module in `lessons/`, "
        "worksheets in `exercises/` and cohorts in `course/cohorts/`.",
        (
            Entry(
                "missing-file",
                "file `{path}` is missing",
                "Create the file; the hint says what goes in it.",
                example="course/routines.yml:1:1: error: file `course/routines.yml` is missing\n"
                "    hint: list the daily routines in `course/routines.yml` under `routines:`",
            ),
            Entry(
                "no-lessons-folder",
                "folder `lessons/` is missing",
                "Make a `lessons/` folder with one folder per module (`course new module` makes one).",
                example="lessons:1:1: error: folder `lessons/` is missing\n    hint: make one folder per module in `lessons/`",
            ),
            Entry(
                "stray-lesson",
                "lesson file is not inside a module folder",
                "Move it into the folder of its module, `lessons/<module-id>/`.",
                example="lessons/stray.yml:1:1: error: lesson file is not inside a module folder\n    hint: move it into `lessons/<module-id>/`",
            ),
        ),
    ),
    Section(
        "Across files",
        "Each file is fine on its own, but the files do not agree. These are checked only when every file reads, "
        "so a typo is reported once, where it is.",
        (
            Entry(
                "reserved-module-id",
                "module id `{id}` is the name of a page the course makes",
                "Module ids become folders of the site, beside the course's own pages (today, progress, journal, "
                "summary, routines, worksheets and others). Rename the module and its folder.",
                bad="modules: [basics, summary]",
                example="course/course.yml:5:19: error: module id `summary` is the name of a page the course makes\n"
                "    hint: rename the module and its folder, for example `summary-module`",
            ),
            Entry(
                "module-listed-twice",
                "module `{id}` is listed twice",
                "List each module once in `modules:`.",
                bad="modules: [basics, practice, basics]",
                example="course/course.yml:5:29: error: module `basics` is listed twice\n    hint: list each module once",
            ),
            Entry(
                "no-module-folder",
                "no module folder `lessons/{id}/`",
                "Fix the id in `modules:`, or make the folder (`course new module <id>`).",
                bad="modules: [basics, practise]",
                example="course/course.yml:5:19: error: no module folder `lessons/practise/`\n    hint: did you mean `practice`?",
            ),
            Entry(
                "module-not-listed",
                "module `{id}` is not in `course/course.yml` modules",
                "Add the module's id to `modules:` in course/course.yml, where it belongs in the order.",
                bad="modules: [basics]",
                example="lessons/practice/module.yml:1:1: error: module `practice` is not in `course/course.yml` modules\n"
                "    hint: add `- practice` to `modules:` in course/course.yml, where it belongs in the order",
            ),
            Entry(
                "module-id-folder",
                "module id `{id}` does not match its folder `{folder}`",
                "A module's `id` is the name of its folder. Change one to match the other.",
                bad="id: practise",
                example="lessons/practice/module.yml:1:5: error: module id `practise` does not match its folder `practice`\n"
                "    hint: set `id: practice`, or rename the folder to `practise/`",
            ),
            Entry(
                "duplicate-lesson-id",
                "duplicate lesson id `{id}` (also in {path})",
                "Lesson ids are unique in the whole course (learners' answers are saved under them). Rename one.",
                bad="id: basics-first   (in 02-second.yml)",
                example="lessons/basics/02-second.yml:1:5: error: duplicate lesson id `basics-first` (also in lessons/basics/01-first.yml)\n"
                "    hint: each lesson id must be unique in the course; rename one",
            ),
            Entry(
                "lesson-listed-twice",
                "lesson `{id}` is listed twice",
                "List each lesson once in the module's `lessons:`.",
                bad="lessons: [practice-only, practice-only]",
                example="lessons/practice/module.yml:7:26: error: lesson `practice-only` is listed twice\n    hint: list each lesson once",
            ),
            Entry(
                "no-lesson-in-module",
                "no lesson with id `{id}` in `lessons/{module}/`",
                "Fix the id in the module's `lessons:`, or add the lesson (`course new lesson <module>`).",
                bad="lessons: [practice-only, practice-twice]",
                example="lessons/practice/module.yml:7:26: error: no lesson with id `practice-twice` in `lessons/practice/`\n"
                "    hint: did you mean `practice-only`?",
            ),
            Entry(
                "lesson-not-listed",
                "lesson `{id}` is not listed in its module's `lessons:`",
                "When a module lists its lessons, every lesson file in its folder must be listed. Add it, or move the file out.",
                bad="lessons: []",
                example="lessons/practice/01-only.yml:1:5: error: lesson `practice-only` is not listed in its module's `lessons:`\n"
                "    hint: add `- practice-only` to `lessons:` in lessons/practice/module.yml",
            ),
            Entry(
                "renamed-in-use",
                "`{id}` in `renamed_from` is the id of a {kind} of {where} now",
                "`renamed_from` lists the ids a lesson, worksheet or field had before, so learners' answers follow it. An "
                "id that is in use now would take another item's answers. Remove it from the list, or rename the other item.",
                bad="renamed_from: [basics-second]   (in basics-first, beside the lesson basics-second)",
                example=f"{L1}:2:16: error: `basics-second` in `renamed_from` is the id of a lesson of the course now\n"
                "    hint: an old id must be out of use: remove it from `renamed_from`, or rename that lesson",
            ),
            Entry(
                "renamed-twice",
                "`{id}` is in `renamed_from` of two {kind}s{also_in}",
                "Answers saved under an old id can follow one item only. Keep the old id in one `renamed_from` list.",
                bad="renamed_from: [old-one]   (in two lessons)",
                example="lessons/basics/02-second.yml:2:16: error: `old-one` is in `renamed_from` of two lessons (also in lessons/basics/01-first.yml)\n"
                "    hint: answers saved under an old id can follow one of them only: keep it in one list",
                shown="`{id}` is in `renamed_from` of two {kind}s (also in {path})",
            ),
            Entry(
                "module-folder-id",
                "module folder `{folder}` is not a valid id",
                "A module's folder name is its id, and ids are lowercase letters, digits and single hyphens "
                "(`own-your-career`), because they become web addresses and the keys of learners' saved answers. "
                "Rename the folder, and use the same name as the module's `id` and in `course/course.yml`.",
                bad="lessons/Extra_Module/module.yml   (a folder named so)",
                example="lessons/Extra_Module/module.yml:1:1: error: module folder `Extra_Module` is not a valid id\n"
                "    hint: rename the folder to `extra-module` (lowercase letters, digits and single hyphens), and use that as the module's id",
            ),
            Entry(
                "index-id",
                "{kind} id `{id}` is the name of {page}",
                "`index` is the file name of a folder's own page: a lesson called `index` would replace its module's page, "
                "a worksheet or routine the page that lists them. Choose another id.",
                bad="id: index",
                example=f"{L1}:1:5: error: lesson id `index` is the name of its module's own page\n    hint: rename it, for example `index-lesson`",
                shown="{kind} id `index` is the name of {page}",
            ),
            Entry(
                "index-cohort",
                "cohort id `{id}` is the name of the page that lists the cohorts",
                "`index` is the file name of the cohorts' own page. Choose another id (and file name).",
                no_example="the file name must match the id, and `index.yml` is refused by the same check; tests/model/test_cohorts.py covers it",
                shown="cohort id `index` is the name of the page that lists the cohorts",
            ),
            Entry(
                "worksheet-file-name",
                "worksheet id `{id}` does not match its file name `{file}`",
                "A worksheet's `id` is its file name without `.yml`. Change one to match the other.",
                bad="id: every-field   (in all-fields.yml)",
                example="exercises/all-fields.yml:1:5: error: worksheet id `every-field` does not match its file name `all-fields.yml`\n"
                "    hint: set `id: all-fields`, or rename the file to `every-field.yml`",
            ),
            Entry(
                "column-fill-rows",
                "column `{id}` has `fill`, but its table does not have `rows: days`",
                "A `fill` column shows what the course knows for each day (its number, date, routine or lesson), "
                "so it only fits a day-by-day table. Set `rows: days` on the table, or remove `fill`.",
                bad="      - {id: day, label: Day, fill: day}",
                example="exercises/all-fields.yml:14:37: error: column `day` has `fill`, but its table does not have `rows: days`\n"
                "    hint: a filled column shows the course's own days: set `rows: days` on the table, or remove `fill`",
            ),
            Entry(
                "column-fill-asks",
                "column `{id}` has both `fill` and `{key}`",
                "A `fill` column is filled in from the course and asks the learner nothing, so it takes no `type` or `options`. Remove the key.",
                bad="      - {id: day, label: Day, fill: day, type: number}",
                example="exercises/all-fields.yml:14:48: error: column `day` has both `fill` and `type`\n"
                "    hint: a filled column shows the course's own values and asks nothing: remove `type`",
            ),
            Entry(
                "column-choice-options",
                "column `{id}` is a `choice` column with no `options`",
                "A `choice` cell offers a list to pick from. Give the column `options:`, at least two of them.",
                bad="      - {id: role, label: Role, type: choice}",
                example="exercises/all-fields.yml:15:9: error: column `role` is a `choice` column with no `options`\n"
                "    hint: add `options:`, a list of at least two choices, such as `options: [Yes, Not yet]`",
            ),
            Entry(
                "check-no-right",
                "check `{id}` has no right answer",
                "A `choice` or `multiple` check needs the answers that are right marked with `right: true`, "
                "so the learner can be told. For a judgement call with no right answer, use `kind: scenario`.",
                bad="    options:\n      - {text: A sponsor, why: A sponsor puts their own name behind yours.}\n      - {text: A coach, why: A coach builds one skill with you.}",
                example="lessons/basics/01-first.yml:23:7: error: check `who-opens-doors` has no right answer\n"
                "    hint: mark the right answer with `right: true`",
            ),
            Entry(
                "check-two-right",
                "check `{id}` is a `choice` check with {n} right answers",
                "A `choice` check has exactly one right answer. Keep `right: true` on one option, or make it `kind: multiple` "
                "so the learner ticks every answer that applies.",
                bad="      - {text: A sponsor, right: true, why: A sponsor puts their own name behind yours.}\n      - {text: A coach, right: true, why: A coach builds one skill with you.}",
                example="lessons/basics/01-first.yml:20:11: error: check `who-opens-doors` is a `choice` check with 2 right answers\n"
                "    hint: a `choice` check has one right answer: keep `right: true` on one option, or make it `kind: multiple`",
            ),
            Entry(
                "column-options-type",
                "column `{id}` has `options` but is not a `choice` column",
                "Only a `choice` column offers options. Set `type: choice`, or remove `options`.",
                bad="      - {id: role, label: Role, options: [Coach, Mentor]}",
                example="exercises/all-fields.yml:15:42: error: column `role` has `options` but is not a `choice` column\n"
                "    hint: set `type: choice` on the column, or remove `options`",
            ),
            Entry(
                "no-routine",
                "no routine with id `{id}`",
                "Use the id of a routine in course/routines.yml; the hint names the closest.",
                bad="routine: warmup",
                example=f"{L1}:10:10: error: no routine with id `warmup`\n    hint: did you mean `warm-up`?",
            ),
            Entry(
                "no-worksheet",
                "no worksheet with id `{id}`",
                "Use the id of a worksheet in `exercises/`, or make it (`course new worksheet <id>`).",
                bad="worksheets: [all-field]",
                example=f"{L1}:17:14: error: no worksheet with id `all-field`\n    hint: did you mean `all-fields`? (files in `exercises/`)",
            ),
            Entry(
                "no-figure",
                "no picture `{name}` in `{folder}/`",
                "A section's `figure` shows a file of `course/figures/`. Put the picture there, or correct the name; the hint names the closest file.",
                bad="    figure: {image: cycle.svg, alt: A cycle of four stages.}",
                example=f"{L1}:10:21: error: no picture `cycle.svg` in `course/figures/`\n    hint: put the picture in `course/figures/`",
            ),
            Entry(
                "unsafe-figure",
                "the picture `{name}` holds {what}",
                "A figure is copied into the site, where anyone can open it at its own address, and an SVG opened that way runs "
                "like a page of the site. So an SVG may only draw: shapes, text, gradients and markers, with links only within the file. "
                "Scripts, event handlers, links or references out of the file, DOCTYPE and style-sheet instructions are refused. "
                "Save the drawing again as a plain SVG, or as a PNG.",
                bad='<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>',
                example=f"{L1}:10:21: error: the picture `cycle.svg` holds the element `<script>`\n"
                "    hint: a figure holds only a picture: remove it, or save the picture again from a drawing program as a plain SVG or PNG",
            ),
            Entry(
                "figure-too-big",
                "the picture `{name}` is larger than {limit}",
                "A lesson is read on a phone, often on a slow connection. Save a diagram as a simple SVG, a photo as a smaller PNG.",
                no_example="the example would need a file of more than 1 MB; tests/load/test_figures.py writes one",
            ),
            Entry(
                "answer-no-worksheet",
                "an `answer` field shows a field of `{id}`, which is no worksheet",
                "`from` names a field of another worksheet as `<worksheet id>.<field id>`. Use the id of a worksheet in `exercises/`.",
                bad="  - {id: again, type: answer, label: Your name, from: all-field.name}",
                example="exercises/plan.yml:6:55: error: an `answer` field shows a field of `all-field`, which is no worksheet\n"
                "    hint: did you mean `all-fields`? (files in `exercises/`)",
            ),
            Entry(
                "answer-no-field",
                "an `answer` field shows `{field}`, which is no field of worksheet `{id}`",
                "Use the id of a field the learner fills in on that worksheet; the hint names the closest.",
                bad="  - {id: again, type: answer, label: Your name, from: all-fields.nme}",
                example="exercises/plan.yml:6:55: error: an `answer` field shows `nme`, which is no field of worksheet `all-fields`\n"
                "    hint: did you mean `name`?",
            ),
            Entry(
                "answer-of-answer",
                "an `answer` field shows `{field}` of worksheet `{id}`, which is an `answer` field itself",
                "Show the answer from the worksheet where the learner writes it, so there is one place to change it.",
                bad="  - {id: again, type: answer, label: Your name, from: plan.first}",
                example="exercises/later.yml:6:55: error: an `answer` field shows `first` of worksheet `plan`, which is an `answer` field itself\n"
                "    hint: name the field where the learner writes it: `from: all-fields.name`",
            ),
            Entry(
                "answer-own-worksheet",
                "`answer` field `{id}` shows a field of its own worksheet",
                "An `answer` field brings in what the learner wrote on another worksheet. On its own worksheet, the question is already on the page.",
                bad="  - {id: again, type: answer, label: Your name, from: plan.first}",
                example="exercises/plan.yml:7:55: error: `answer` field `again` shows a field of its own worksheet\n"
                "    hint: show an answer from another worksheet, or ask the question here with a field of its own",
            ),
        ),
    ),
    Section(
        "Cohorts",
        "Problems in `course/cohorts/<id>.yml`: dates, times, time zones and sessions. Every date is checked "
        "against the calendar, and every session time against the cohort's time zone, before anything is built.",
        (
            Entry(
                "cohort-file-name",
                "cohort id `{id}` does not match its file name `{file}`",
                "A cohort's `id` is its file name without `.yml`. Change one to match the other.",
                bad="id: evenings   (in evening.yml)",
                example="course/cohorts/evening.yml:2:5: error: cohort id `evenings` does not match its file name `evening.yml`\n"
                "    hint: set `id: evening`, or rename the file to `evenings.yml`",
            ),
            Entry(
                "unknown-time-zone",
                "unknown time zone `{zone}`",
                "Use an IANA time zone name, such as `Europe/London`, `America/New_York` or `Asia/Tokyo`.",
                bad="timezone: Europe/Londn",
                example="course/cohorts/evening.yml:5:11: error: unknown time zone `Europe/Londn`\n    hint: did you mean `Europe/London`?",
            ),
            Entry(
                "end-before-start",
                "end ({end}) is before start ({start})",
                "The last day must come after the first; check the year and month.",
                bad="end: 2027-03-01",
                example="course/cohorts/evening.yml:6:6: error: end (Mon, Mar 1, 2027) is before start (Thu, Mar 25, 2027)\n"
                "    hint: the last day must come after the first; check the year and month",
            ),
            Entry(
                "cadence-single-day",
                "cadence `{day}` is a single weekday, not a list",
                "Write the weekdays as a list, even when there is one: `cadence: [mon]`.",
                bad="cadence: mon",
                example="course/cohorts/evening.yml:6:10: error: cadence `mon` is a single weekday, not a list\n"
                "    hint: write it as a list: `cadence: [mon]`",
            ),
            Entry(
                "unknown-cadence",
                "unknown cadence `{cadence}`",
                "Use `daily`, `weekdays` (Monday to Friday) or a list of weekday names.",
                bad="cadence: weekly",
                example="course/cohorts/evening.yml:6:10: error: unknown cadence `weekly`\n"
                "    hint: did you mean `weekdays`? Or give a list of weekday names such as `[mon, wed, fri]`",
            ),
            Entry(
                "cadence-kind",
                "cadence should be `daily`, `weekdays` or a list of weekday names, not {found}",
                "Use `daily`, `weekdays` or a list of weekday names such as `[mon, wed, fri]`.",
                bad="cadence: 3",
                example="course/cohorts/evening.yml:6:10: error: cadence should be `daily`, `weekdays` or a list of weekday names, not a number (`3`)\n"
                "    hint: use `daily`, `weekdays` (Monday to Friday) or a list of weekday names such as `[mon, wed, fri]`",
            ),
            Entry(
                "cadence-empty",
                "cadence lists no weekday",
                "Name at least one weekday, for example `[mon]`.",
                bad="cadence: []",
                example="course/cohorts/evening.yml:6:10: error: cadence lists no weekday\n    hint: name at least one weekday, for example `[mon]`",
            ),
            Entry(
                "weekday-kind",
                "{place}[{n}] should be a weekday name, not {found}",
                "Write weekdays as names: `mon` or `monday`.",
                bad="cadence: [mon, 4]",
                example="course/cohorts/evening.yml:6:16: error: cadence[1] should be a weekday name, not a number (`4`)\n"
                "    hint: write a weekday such as `mon` or `monday`",
            ),
            Entry(
                "unknown-weekday",
                "unknown weekday `{name}`",
                "Write weekdays in English, in full (`thursday`) or by their first three letters (`thu`).",
                bad="cadence: [mon, thur]",
                example="course/cohorts/evening.yml:6:16: error: unknown weekday `thur`\n    hint: did you mean `thu`?",
            ),
            Entry(
                "weekday-twice",
                "weekday `{name}` is listed twice",
                "List each weekday once.",
                bad="cadence: [mon, monday]",
                example="course/cohorts/evening.yml:6:16: error: weekday `monday` is listed twice\n    hint: list each weekday once",
            ),
            Entry(
                "listed-twice",
                "{what} `{value}` is listed twice in {place}",
                "List each date (or lesson) once.",
                bad="skip:\n  - 2027-03-26   # Good Friday: no weekly session\n  - 2027-03-26",
                example="course/cohorts/evening.yml:9:5: error: date `2027-03-26` is listed twice in skip\n    hint: list each date once",
            ),
            Entry(
                "skip-range-backwards",
                "skip range ends ({last}) before it starts ({first})",
                "Put the first day off in `first:` and the last in `last:`; check the year.",
                bad="skip:\n  - 2027-03-26   # Good Friday: no weekly session\n  - {first: 2027-04-09, last: 2027-04-05}",
                example="course/cohorts/evening.yml:9:31: error: skip range ends (Mon, Apr 5, 2027) before it starts (Fri, Apr 9, 2027)\n"
                "    hint: put the first day off in `first:` and the last in `last:`; check the year",
            ),
            Entry(
                "skip-range-too-long",
                "skip range is {n} days long; the longest is {limit}",
                "A break of more than a year is almost always a typo in a year: check `first:` and `last:`.",
                bad="skip:\n  - 2027-03-26   # Good Friday: no weekly session\n  - {first: 2027-04-05, last: 2028-04-09}",
                example="course/cohorts/evening.yml:9:31: error: skip range is 371 days long; the longest is 366\n"
                "    hint: check the years of `first:` and `last:`",
            ),
            Entry(
                "session-no-day",
                "session `{id}` has no day",
                "Give the session `date:` (one day), `dates:` (a list of days) or `weekly:` (weekday names, every week).",
                bad="(a session without `date`, `dates` or `weekly`)",
                example="course/cohorts/evening.yml:11:5: error: session `kick-off` has no day\n"
                "    hint: give `date:` (one day), `dates:` (a list of days) or `weekly:` (weekday names, every week)",
            ),
            Entry(
                "session-two-days",
                "session `{id}` has both `{first}` and `{second}`",
                "Give one of `date`, `dates` or `weekly`; split it into two sessions if both are meant.",
                bad="    date: 2027-03-24\n    weekly: [wed]",
                example="course/cohorts/evening.yml:14:5: error: session `kick-off` has both `date` and `weekly`\n"
                "    hint: give one of `date`, `dates` or `weekly`; split it into two sessions if both are meant",
            ),
            Entry(
                "session-time",
                "sessions[{n}].start: `{value}` is not a time of day",
                "Write a 24-hour time as HH:MM, such as `18:30` or `09:00`.",
                bad='start: "6.30pm"',
                example="course/cohorts/evening.yml:14:12: error: sessions[0].start: `6.30pm` is not a time of day\n"
                "    hint: write a 24-hour time as HH:MM, for example `18:30` or `09:00`",
            ),
            Entry(
                "session-no-place",
                "session `{id}` has no `place` or `link`",
                "Say where the group meets: `place:` (in person), `link:` (online), or both.",
                bad="(a session without `place` or `link`)",
                example="course/cohorts/evening.yml:11:5: error: session `kick-off` has no `place` or `link`\n"
                "    hint: add `place:` (where the group meets), `link:` (the online meeting address), or both",
            ),
            Entry(
                "session-link",
                "sessions[{n}].link: `{value}` is not a web address",
                "Write the full address, starting with https://.",
                bad="link: meet.example.org/evening",
                example="course/cohorts/evening.yml:24:11: error: sessions[1].link: `meet.example.org/evening` is not a web address\n"
                "    hint: write the full address, starting with https://",
            ),
            Entry(
                "session-covers-repeating",
                "session `{id}` has `covers` but meets on more than one day",
                "`covers` is for a session with one `date:`; a repeating session covers the lessons since the previous session.",
                bad="    weekly: [fri]\n    covers: [basics-first]",
                example="course/cohorts/evening.yml:21:13: error: session `weekly` has `covers` but meets on more than one day\n"
                "    hint: `covers` is for a session with one `date:`; a repeating session covers the lessons since the previous session",
            ),
            Entry(
                "duplicate-cohort",
                "duplicate cohort id `{id}` (also in {path})",
                "Each cohort needs its own id. Two files for one cohort (often `x.yml` and `x.yaml`) would be one set of "
                "pages and one calendar; keep one, or rename one (and its file).",
                bad="course/cohorts/evening.yml   (and a copy, course/cohorts/evening.yaml)",
                example="course/cohorts/evening.yml:2:5: error: duplicate cohort id `evening` (also in course/cohorts/evening.yaml)\n"
                "    hint: each cohort needs its own id; rename one",
            ),
            Entry(
                "session-id-taken",
                "session id `{id}` is also the id of the {day} meeting of session `{repeating}`",
                "Each meeting of a weekly session takes the session's id and its date (`weekly-20270402`), and calendar "
                "programs tell events apart by these ids. A session of its own with the same id would be the same event "
                "to every calendar. Rename it.",
                bad="  - id: weekly-20270402   (a one-off session, beside the weekly session `weekly`)",
                example="course/cohorts/evening.yml:11:9: error: session id `weekly-20270402` is also the id of the Fri, Apr 2, 2027 meeting of session `weekly`\n"
                "    hint: rename this session: calendars tell events apart by their ids",
            ),
            Entry(
                "covers-unknown-lesson",
                "no lesson with id `{id}`",
                "Use the id of a lesson of the course; the hint names the closest.",
                bad="covers: [basics-frist]",
                example="course/cohorts/evening.yml:17:14: error: no lesson with id `basics-frist`\n    hint: did you mean `basics-first`?",
            ),
            Entry(
                "clocks-go-forward",
                "session `{id}` at {time} on {day} does not exist in {zone}: the clocks go forward then",
                "That time is skipped when daylight saving starts. Move the session outside the skipped hour, or to another day.",
                bad='    date: 2027-03-28\n    start: "01:30"',
                example="course/cohorts/evening.yml:14:12: error: session `kick-off` at 01:30 on Sun, Mar 28, 2027 does not exist in Europe/London: the clocks go forward then\n"
                "    hint: move the session to a time outside the skipped hour, or to another day",
            ),
            Entry(
                "overlap",
                "session `{id}` on {day} at {time} overlaps session `{other}` ({starts} to {ends})",
                "Two sessions of one cohort cannot run at the same time. Move one, or shorten the first with `minutes:`.",
                bad="  - id: kick-off\n    title: Kick-off\n    date: 2027-03-31\n    start: \"18:30\"\n    minutes: 90\n    ...\n  - id: weekly\n    title: Weekly circle\n    weekly: [wed]\n    start: 19:00",
                example="course/cohorts/evening.yml:21:12: error: session `weekly` on Wed, Mar 31, 2027 at 19:00 overlaps session `kick-off` (18:30 to 20:00)\n"
                "    hint: move one of them, or shorten the first with `minutes:`",
                shown="session `{id}` on {day} at {time} overlaps session `{other}` ({from} to {to})",
            ),
            Entry(
                "no-lesson-day",
                "{what} no lesson day {when}",
                "Remove dates from `skip:`, add weekdays to `cadence:`, or move `end:` later.",
                bad="start: 2027-03-25\nend: 2027-03-25\n...\nskip:\n  - 2027-03-25   (the only day left)",
                example="course/cohorts/evening.yml:9:3: error: the skip list leaves no lesson day between Thu, Mar 25, 2027 and Thu, Mar 25, 2027\n"
                "    hint: remove dates from `skip:`, add weekdays to `cadence:`, or move `end:` later",
            ),
            Entry(
                "too-few-days",
                "only {n} lesson day{s} {when}, for {lessons} lessons",
                "Move `end:` later, add weekdays to `cadence:`, or skip fewer days.",
                bad="end: 2027-04-01",
                example="course/cohorts/evening.yml:6:6: error: only 2 lesson days between Thu, Mar 25, 2027 and Thu, Apr 1, 2027, for 3 lessons\n"
                "    hint: move `end:` later, add weekdays to `cadence:`, or skip fewer days",
            ),
        ),
    ),
    Section(
        "Translations",
        "A translation in `translations/<language>/` holds the course's text in another language, in files with "
        "the paths, keys and ids of the originals (see Translating a course). It cannot change the course's "
        "structure: these are checked once the course itself has no errors.",
        (
            Entry(
                "translation-extra-key",
                "`{key}` is not in the original ({original})",
                "A translation holds only keys its original has: a text the original lacks would have nothing to "
                "translate. Fix a misspelt key, or add the text to the original first.",
                bad="tilte: Primera lección",
                example="translations/es/lessons/basics/01-first.yml:3:1: error: `tilte` is not in the original (lessons/basics/01-first.yml)\n"
                "    hint: did you mean `title`?",
            ),
            Entry(
                "translation-unknown-id",
                "no item with id `{id}` in {list} of the original ({original})",
                "Items with an id (reflection prompts, checks, fields, routines, sessions) are matched to the "
                "original's by id. Use the original's id; a translation cannot add an item.",
                bad="reflection:\n  - id: wy\n    prompt: ¿Por qué estás aquí?",
                example="translations/es/lessons/basics/01-first.yml:11:9: error: no item with id `wy` in reflection of the original (lessons/basics/01-first.yml)\n"
                "    hint: did you mean `why`?",
            ),
            Entry(
                "translation-needs-id",
                "this item of {list} has no `id`",
                "Items with an id are matched to the original's by id, so each one in the translation names the item it translates.",
                bad="reflection:\n  - prompt: ¿Por qué estás aquí?",
                example="translations/es/lessons/basics/01-first.yml:11:5: error: this item of reflection has no `id`\n"
                "    hint: add the `id` of the item it translates (known: `why`)",
            ),
            Entry(
                "translation-extra-item",
                "{list} has only {count} in the original; a translation cannot add one",
                "Items without an id (objectives, sections, summary points, options) are matched by their place in the "
                "list. Translate each in the same order; leave out the ones not translated yet from the end.",
                bad="summary:\n  - Lo primero es lo primero.\n  - Un punto de más.",
                example="translations/es/lessons/basics/01-first.yml:16:5: error: summary has only 1 item in the original; a translation cannot add one\n"
                "    hint: a translation cannot add items: remove this one, or add it to the original first",
            ),
            Entry(
                "translation-not-text",
                "`{place}` is not text to translate",
                "Ids, numbers, dates, field types, `right: true` and the names of other parts make the course's "
                "structure, which every language shares. Leave them out of the translation, or copy them as they are.",
                bad="minutes: 20",
                example="translations/es/lessons/basics/01-first.yml:4:10: error: `minutes` is not text to translate\n"
                "    hint: keep `10` as in the original, or leave `minutes` out of the translation",
            ),
            Entry(
                "translation-shape",
                "`{place}` is {found} here but {expected} in the original",
                "Give each text the same place as in the original: a list stays a list, a text stays a text.",
                bad="objectives: Dar el primer paso.",
                example="translations/es/lessons/basics/01-first.yml:4:13: error: `objectives` is text here but a list in the original\n"
                "    hint: give this the same shape as in the original, with its text translated",
            ),
            Entry(
                "translation-without-original",
                "this translation has no original: the course has no {original}",
                "A translation file has the path of its original inside the course folder. Move it to match, or "
                "delete it if the original was removed.",
                bad="(a file translations/es/lessons/basics/03-third.yml, with no lessons/basics/03-third.yml)",
                example="translations/es/lessons/basics/03-third.yml:1:1: error: this translation has no original: the course has no lessons/basics/03-third.yml\n"
                "    hint: did you mean translations/es/lessons/basics/01-first.yml?",
            ),
            Entry(
                "translation-no-folder",
                "`{language}` is listed under `translations` but there is no {folder}",
                "Each language listed under `translations:` in course/course.yml is built from its folder "
                "`translations/<language>/`. Make the folder, or remove the language from the list.",
                bad="translations: [fr]",
                example="course/course.yml:5:16: error: `fr` is listed under `translations` but there is no translations/fr/\n"
                "    hint: make the folder translations/fr/ with translated copies of the course's files, or remove `fr` here",
            ),
            Entry(
                "translation-twice",
                "`{language}` cannot be a translation: {why}",
                "List each language other than the course's own `language` once under `translations:`.",
                bad="language: en\ntranslations: [en]",
                example="course/course.yml:5:16: error: `en` cannot be a translation: it is the course's own language\n"
                "    hint: list each other language once",
            ),
            Entry(
                "untranslated",
                "{count} not translated into {language} yet, starting here",
                "Text a translation leaves out is shown in the original's words on that language's site. Translate "
                "it when you can; a build with untranslated text still succeeds.",
                bad="(translations/es/lessons/basics/02-second.yml leaves out `teaser`)",
                example="lessons/basics/02-second.yml:16:9: warning: 1 text not translated into Spanish yet, starting here\n"
                "    hint: translate the text from here on in translations/es/lessons/basics/02-second.yml (same keys and ids)",
                severity="warning",
            ),
            Entry(
                "translation-not-listed",
                "`{language}` is translated but not built",
                "A folder in `translations/` is built only when `course/course.yml` lists its language under "
                "`translations:`, so a translation can be finished before learners see it.",
                bad="translations/de/   (with `translations: [es]`)",
                example="translations/de:1:1: warning: `de` is translated but not built\n"
                "    hint: add `de` to `translations:` in course/course.yml to build it",
                severity="warning",
            ),
        ),
    ),
    Section(
        "Warnings (course lint)",
        "Warnings do not stop a build; `course validate` shows them (and fails on them with `--strict`). "
        "Each points at something a learner would probably trip over.",
        (
            Entry(
                "unused-worksheet",
                "worksheet `{id}` is not used by any lesson",
                "Name the worksheet in the `worksheets:` of the lessons that need it (or give `--lesson` to `course new worksheet`), or delete the file.",
                example="exercises/spare.yml:1:5: warning: worksheet `spare` is not used by any lesson\n"
                "    hint: add `spare` to the `worksheets:` of the lessons that need it, or delete the file",
                severity="warning",
            ),
            Entry(
                "merged-item",
                "this line looks like a new list item, but YAML reads it as more of the text above",
                "A list item indented further than the one above is not a new item: YAML folds it into the text above, "
                "and the page shows one item with a dash in the middle. Line up the dashes.",
                bad="objectives:\n  - Take the first step after today.\n   - A second objective",
                example="lessons/basics/01-first.yml:6:4: warning: this line looks like a new list item, but YAML reads it as more of the text above\n"
                "    hint: line the `- ` up with the `- ` of the item above (2 spaces in) to make it an item of its own; if the dash belongs in the text, put the whole text in quotes",
                severity="warning",
            ),
            Entry(
                "placeholder",
                "example text from `course new` is still here: \"{text}\"",
                "`course new` fills each file with example text so it is valid from the start. Replace each example with "
                "your own words before learners see it.",
                bad="action: |\n  One small, concrete thing to do today, in a sentence or two.",
                example='lessons/basics/01-first.yml:14:9: warning: example text from `course new` is still here: "One small, concrete thing to do today, in a sentence or two."\n'
                "    hint: write your own text here: this is the example `course new` put in",
                severity="warning",
            ),
            Entry(
                "covers-later-lesson",
                "session `{id}` on {day} covers `{lesson}`, which the group reaches only on {reached}",
                "A session with one `date:` should cover lessons the group has done by then. This often happens when "
                "lessons are added to a course after the cohort file was written: move the session, or change `covers`.",
                bad="    date: 2027-03-24   (a session with one day)\n    covers: [practice-only]",
                example="course/cohorts/evening.yml:17:14: warning: session `kick-off` on Wed, Mar 24, 2027 covers `practice-only`, which the group reaches only on Mon, Apr 5, 2027\n"
                "    hint: move the session to Mon, Apr 5, 2027 or later, or cover lessons the group has done by then",
                severity="warning",
            ),
            Entry(
                "unpractised-routine",
                "routine `{id}` is not practiced in any lesson",
                "Set `routine:` to it in the lessons that practice it, or remove it from course/routines.yml.",
                bad="routines:\n  - id: warm-up\n    ...\n  - id: cool-down\n    ...",
                example="course/routines.yml:9:9: warning: routine `cool-down` is not practiced in any lesson\n"
                "    hint: set `routine: cool-down` in the lessons that practice it, or remove it",
                severity="warning",
            ),
            Entry(
                "empty-module",
                "module `{id}` has no lessons",
                "Add a lesson file to the module's folder (`course new lesson <module>`), or remove the module.",
                example="lessons/extra/module.yml:1:5: warning: module `extra` has no lessons\n"
                "    hint: add a lesson file beside lessons/extra/module.yml (`course new lesson extra`)",
                severity="warning",
            ),
            Entry(
                "same-title",
                "{kind} `{id}` has the same title as {kind} `{other}` ({path}): {title}",
                "Give each module, lesson, worksheet and routine its own title, so learners can tell them apart in the navigation.",
                bad="title: First lesson   (in 02-second.yml too)",
                example="lessons/basics/02-second.yml:2:8: warning: lesson `basics-second` has the same title as lesson `basics-first` (lessons/basics/01-first.yml): First lesson\n"
                "    hint: give each lesson its own title so learners can tell them apart",
                severity="warning",
            ),
        ),
    ),
)


def entries() -> list[Entry]:
    return [entry for section in SECTIONS for entry in section.entries]


@cache
def _by_key() -> dict[str, Entry]:
    return {entry.key: entry for entry in entries()}


def say(key: str, /, **parts: object) -> str:
    """The message of entry `key` with its varying parts filled in.

    A wrong key or a missing part fails here, at once, rather than reaching an
    author as a message with a hole in it; the source test finds both earlier.
    """
    entry = _by_key()[key]
    if set(parts) != entry.parts:
        raise TypeError(f"say({key!r}) takes {sorted(entry.parts)}, not {sorted(parts)}")
    return entry.message.format(**parts)


def message_pattern(key: str, /) -> re.Pattern[str]:
    """A regular expression that matches entry `key`'s message, each part a named group."""
    pattern = re.escape(_by_key()[key].message)
    for part in _by_key()[key].parts:
        pattern = pattern.replace(re.escape("{" + part + "}"), f"(?P<{part}>.+?)")
    return re.compile(pattern)
