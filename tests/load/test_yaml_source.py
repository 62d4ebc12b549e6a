"""The YAML reader: plain data with positions, and a clear problem for everything it refuses."""

from __future__ import annotations

import datetime

import pytest

from conftest import ROOT
from mkdocs_course.load.yaml_source import MAX_BYTES, read

GOOD = [
    # YAML 1.2 core rules: words that YAML 1.1 turns into booleans or numbers stay text.
    (b"a: no\nb: on\nc: yes\nd: off\n", {"a": "no", "b": "on", "c": "yes", "d": "off"}),
    (b"t: 1:20\nu: 18:30\n", {"t": "1:20", "u": "18:30"}),
    (b"n: 012\nh: 0x1f\no: 0o17\nf: 1.5\n", {"n": 12, "h": 31, "o": 15, "f": 1.5}),
    (b"yes: true\nno: False\nnothing: null\n", {"yes": True, "no": False, "nothing": None}),
    (b"d: 2026-01-12\n", {"d": datetime.date(2026, 1, 12)}),
    (b"s: '2026'\nq: \"true\"\n", {"s": "2026", "q": "true"}),
    (b"\xef\xbb\xbfa: with a byte-order mark\n", {"a": "with a byte-order mark"}),
    (b"list:\n  - one\n  - {k: v}\n", {"list": ["one", {"k": "v"}]}),
]


@pytest.mark.parametrize("raw, expected", GOOD)
def test_reads_plain_data(raw: bytes, expected: object) -> None:
    doc, problems = read(raw, "f.yml")
    assert problems == []
    assert doc.data == expected


BAD = [
    (b"a: &x [1, 2]\nb: *x\n", "f.yml:2:1: `b` is a YAML alias (`*name`); aliases are not allowed", "write the value out in full"),
    (b"- &x hello\n- *x\n", "f.yml:2:3: YAML aliases (`*name`) are not allowed", "write the value out in full"),
    (b"<<: {a: 1}\n", "f.yml:1:1: YAML merge keys (`<<`) are not allowed", "write the keys out in full"),
    (b"title: one\ntitle: two\n", "f.yml:2:1: duplicate key `title` (first at line 1)", "a key may appear once"),
    (b"a: !!python/object/apply:os.system [ls]\n", "f.yml:1:4: tag `tag:yaml.org,2002:python/object/apply:os.system` is not allowed", "remove the tag"),
    (b"a: !custom x\n", "f.yml:1:4: tag `!custom` is not allowed", "remove the tag"),
    (b"a: !!binary aGk=\n", "f.yml:1:4: tag `tag:yaml.org,2002:binary` is not allowed", "remove the tag"),
    (b"a: !!set {x}\n", "f.yml:1:4: tag `tag:yaml.org,2002:set` is not allowed", "remove the tag"),
    (b"title: Coach: mentor\n", "f.yml:1:13: YAML syntax error: mapping values are not allowed in this context", "must be quoted"),
    (b"a:\n\t- b\n", "f.yml:2:1: YAML syntax error: found character that cannot start any token", "indent with spaces"),
    (b"a: [1, 2\n", "f.yml:1:4: YAML syntax error: did not find expected ',' or ']'", "the `[` here starts a list that is never closed"),
    # Indentation slips, each hint naming the columns to line up (found by a new author, issue 17).
    # An item short of the one above, and a key short of the list's own key: the columns to line up.
    (b"objectives:\n    - one\n  - two\n", "f.yml:3:3: YAML syntax error: did not find expected key",
     "line the `- ` up with the `- ` of the item above (4 spaces in; this one is 2 spaces in)"),
    (b"sections:\n  - heading: A\n    body: x\n title: y\n", "f.yml:4:2: YAML syntax error: did not find expected key",
     "line the key up with `sections:` above (at the start of the line; this one is 1 space in)"),
    # A key of a list item one space short: the parser expects the next `- `, but the line has none.
    (b"sections:\n  - heading: A\n    body: x\n  - heading: B\n   body: y\n", "f.yml:5:4: YAML syntax error: did not find expected '-' indicator",
     "line the key up with `heading:` above (4 spaces in; this one is 3 spaces in)"),
    (b"sections:\n  - heading: A\n    body: x\n   - heading: B\n", "f.yml:4:4: YAML syntax error: did not find expected '-' indicator",
     "line the `- ` up with the `- ` of the item above (2 spaces in; this one is 3 spaces in)"),
    (b"sections:\n  - heading: A\n    body: x\n     extra: y\n", "f.yml:4:11: YAML syntax error: mapping values are not allowed in this context",
     "this line is 5 spaces in, further than `body:` above (4 spaces in), so YAML reads it as more of that key's text: line it up with `body:`"),
    (b"a:\n  b: 1\n c: 2\n", "f.yml:3:2: YAML syntax error: did not find expected key", "line the key up with `b:` above (2 spaces in; this one is 1 space in)"),
    (b"a: 2026-02-30\n", "f.yml:1:4: `2026-02-30` is not a real date (day is out of range for month)", "write a date that exists"),
    (b"title: caf\xe9\n", "f.yml:1:11: file is not UTF-8 (byte 0xe9)", "save the file with UTF-8 encoding"),
    (b"", "f.yml:1:1: file is empty", "write the file's keys"),
    (b"# just a comment\n\n", "f.yml:1:1: file is empty", "write the file's keys"),
    (b"~\n", "f.yml:1:1: file holds only an empty value (`~` or `null`)", "write the file's keys"),
    (b"# nothing yet\n--- null\n", "f.yml:2:5: file holds only an empty value (`~` or `null`)", "write the file's keys"),
    (b"\x00\x01binary", "f.yml:1:1: file is binary, not YAML text", "plain UTF-8 text"),
    (b"[" * 100 + b"]" * 100, "f.yml:1:66: data is nested more than 64 levels deep", "only a few levels"),
    (b"? [a, b]\n: c\n", "f.yml:1:3: keys must be plain words", "`name:`"),
    (b"a: 1\n---\nb: 2\n", "f.yml:2:1: YAML syntax error: expected a single document in the stream, but found another document", "one YAML document"),
]


def test_every_alias_is_reported_where_it_is_written() -> None:
    raw = b"a:\n  - &x [1]\n  - *x\nb: *x\nc:\n  - one\n  - *x\n"
    _, problems = read(raw, "f.yml")
    assert [(p.line, p.column, p.message) for p in problems] == [
        (3, 5, "YAML aliases (`*name`) are not allowed"),
        (4, 1, "`b` is a YAML alias (`*name`); aliases are not allowed"),
        (7, 5, "YAML aliases (`*name`) are not allowed"),
    ]


def test_an_alias_used_as_a_key_leaves_list_aliases_at_their_anchor() -> None:
    # The walk cannot match aliases to the parser's events one for one here, so
    # a list alias keeps its anchor's position rather than take a wrong one.
    raw = b"- &x a\n- *x\n- {*x : 1}\n"
    _, problems = read(raw, "f.yml")
    assert (1, 3, "YAML aliases (`*name`) are not allowed") in [(p.line, p.column, p.message) for p in problems]


@pytest.mark.parametrize("raw, message, hint", BAD)
def test_refuses_with_position_and_hint(raw: bytes, message: str, hint: str | None) -> None:
    _, problems = read(raw, "f.yml")
    assert problems, "expected a problem"
    first = problems[0]
    assert f"{first.path}:{first.line}:{first.column}: {first.message}" == message
    if hint:
        assert first.hint and hint in first.hint


def test_every_duplicate_key_is_reported_not_just_the_first() -> None:
    _, problems = read(b"a: 1\na: 2\nb: 1\nb: 2\n", "f.yml")
    assert [(p.line, p.message) for p in problems] == [
        (2, "duplicate key `a` (first at line 1)"),
        (4, "duplicate key `b` (first at line 3)"),
    ]


def test_alias_bomb_is_refused_quickly_without_expanding() -> None:
    # The "billion laughs": nine levels of ten aliases each. Expanded, 10**9 leaves.
    lines = [b'a0: &a0 ["lol"]']
    for i in range(1, 10):
        refs = ", ".join(f"*a{i - 1}" for _ in range(10)).encode()
        lines.append(f"a{i}: &a{i} [".encode() + refs + b"]")
    _, problems = read(b"\n".join(lines) + b"\n", "bomb.yml")
    assert problems and all("alias" in p.message for p in problems)


def test_very_deep_nesting_does_not_crash_the_parser() -> None:
    # PyYAML's C composer recurses without a limit and crashes the process past
    # about 10,000 levels; the reader must refuse before composing.
    _, problems = read(b"[" * 50_000 + b"]" * 50_000, "deep.yml")
    assert [p.message for p in problems] == ["data is nested more than 64 levels deep"]
    _, problems = read(b"- " * 30_000 + b"x\n", "deep.yml")
    assert [p.message for p in problems] == ["data is nested more than 64 levels deep"]


def test_oversized_file_is_refused_before_parsing() -> None:
    _, problems = read(b"a: " + b"x" * (MAX_BYTES + 1), "big.yml")
    assert problems[0].message.startswith("file is 2,000,004 bytes; the limit is 2,000,000")


def test_positions_of_keys_and_values() -> None:
    doc, _ = read(b"id: x\nsections:\n  - heading: H\n    body: B\n", "f.yml")
    assert doc.where(("sections", 0, "body")) == (4, 11)
    assert doc.where(("sections", 0, "body"), key=True) == (4, 5)
    # An unknown place falls back to its nearest known ancestor.
    assert doc.where(("sections", 0, "missing")) == (3, 5)
    assert doc.where(("nowhere",)) == (1, 1)


# --- a parsed document kept between builds (to_json / from_json) --------------------------------


def test_a_kept_document_is_the_document_parsed_again() -> None:
    import json

    from mkdocs_course.load.yaml_source import from_json, read, to_json

    for path in sorted(ROOT.glob("lessons/*/*.yml")) + [ROOT / "course/course.yml", ROOT / "course/routines.yml"]:
        rel = path.relative_to(ROOT).as_posix()
        doc, problems = read(path.read_bytes(), rel)
        assert not problems
        kept = to_json(doc)
        assert kept is not None
        again = from_json(rel, json.loads(json.dumps(kept)))  # through JSON, as the cache keeps it
        assert again is not None and (again.data, again.values, again.keys, again.folded) == (doc.data, doc.values, doc.keys, doc.folded)
        kept["places"] = kept["places"].encode("utf-8")  # as the page cache keeps them: bytes
        again = from_json(rel, kept)
        assert again is not None and (again.values, again.keys) == (doc.values, doc.keys)


def test_a_document_json_cannot_give_back_is_not_kept_and_a_forged_one_not_believed() -> None:
    import json

    from mkdocs_course.load.yaml_source import from_json, read, to_json

    dated, _ = read(b"id: a\nstart: 2027-01-04\n", "course/cohorts/a.yml")
    assert to_json(dated) is None  # a date would come back as text
    assert to_json(read(b"x: .nan\n", "a.yml")[0]) is None
    good = to_json(read(b"id: a\ntitle: A\n", "a.yml")[0])
    assert good is not None and from_json("a.yml", good) is not None
    forgeries = (None, [], {"data": {}}, {**good, "places": 7}, {**good, "places": None}, {k: v for k, v in good.items() if k != "folded"},
                 {**good, "folded": [[1, 2]]}, {**good, "folded": [[1, 2, "3"]]}, {**good, "folded": {"1": 2}}, {**good, "folded": [[1, 2, 3.0]]})
    for forged in forgeries:
        assert from_json("a.yml", forged) is None
    # Places are read when a problem asks for one: forged ones give none (line 1, column 1), never a crash.
    assert from_json("a.yml", good).problem(("title",), "m").line == 2  # type: ignore[union-attr]
    keys = json.loads(good["places"])[1]
    for places in ("[[[[\"title\"], \"2\", 1]], []]", "[[[[\"title\"], 2]], []]", "[[7], []]", "{not json", "[]", b"\xff"):
        doc = from_json("a.yml", {**good, "places": places})
        assert doc is not None and (doc.problem(("title",), "m").line, doc.problem(("title",), "m").column) == (1, 1)
    doc = from_json("a.yml", {**good, "places": json.dumps([[[["title"], 2, 8]], [[[1.5], 1, 1]]])})
    assert doc is not None and doc.where(("title",), key=True) == (2, 8) and keys  # no key places: the value's


@pytest.mark.parametrize("raw, place, hint", [
    # An author's trial: the parser gave up three lines below the `[` left open, and said so there.
    (b"id: a\ntitle: A\nminutes: 5\nobjectives: [one, two\nteaser: x\nsections:\n  - heading: H\n", (4, 13), "the `[` here starts a list that is never closed"),
    (b"id: a\nobjectives: {one: two\nteaser: x\n", (2, 13), "the `{` here starts a mapping that is never closed"),
    (b'id: a\ntitle: "A title\nteaser: x\nmore: y\n', (2, 8), "the quote here starts a text that is never closed"),
])
def test_a_bracket_or_quote_left_open_is_reported_where_it_opens(raw: bytes, place: tuple[int, int], hint: str) -> None:
    _, problems = read(raw, "lessons/m/01-a.yml")
    assert [(p.line, p.column) for p in problems] == [place] and problems[0].hint.startswith(hint), problems


def test_a_bracket_closed_on_its_own_line_keeps_the_parsers_place() -> None:
    _, problems = read(b"id: a\nobjectives: [one, two]]\n", "a.yml")
    assert problems and problems[0].line == 2 and "never closed" not in (problems[0].hint or "")


def test_plain_texts_over_several_lines_are_marked_where_the_parser_saw_them() -> None:
    """What lint's merged-item rule reads (lint._merged_items), marked as the file is parsed."""
    raw = (b"id: a\nteaser: one line\nobjectives:\n  - Take the first step today.\n   - And the second\n"
           b"body: |\n  a block\n  of two lines\nquoted: \"over\n  two\"\n")
    doc, problems = read(raw, "a.yml")
    assert not problems
    # The folded item (lines 4-5, its column 4), not the block, the quoted text or the one-line ones.
    assert doc.folded == [(3, 4, 4)]
    doc, _ = read(b"x: [a\n  b, c]\n", "a.yml")
    assert doc.folded == [(0, 4, 1)] and doc.data == {"x": ["a b", "c"]}
