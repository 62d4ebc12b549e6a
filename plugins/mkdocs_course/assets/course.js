/* mkdocs-course browser code. Learner data never leaves the browser: it lives in
   localStorage and moves only through files the learner exports and imports.
   Vanilla JavaScript, no build step, no outside requests (decision D7). */
(function () {
  "use strict";

  // --- Storage (decision D8) ----------------------------------------------------------
  // One versioned namespace, one localStorage entry per answer:
  //   <namespace>:<section>:<course id>/<worksheet|lesson>/<id>/<field id>
  //     -> {"value": <answer>, "modified": "<ISO time>"}
  // The format is defined once, in render/keys.py: the namespace, the sections and the
  // separator come from the track data (track-data.js, loaded first), and every key is
  // built by keyOf() below; pages carry the same keys in their data-course-* attributes.
  // Keys come from ids, never positions, so answers survive rebuilds, reordering and
  // new fields; nothing here deletes the answer to a field an author removed. One
  // entry per answer (not one blob per course) keeps two open tabs from overwriting
  // each other's other answers. Sections: "answers" (worksheets and reflections) and,
  // kept free for the daily track, "progress", "routines" and "journal". The export
  // file holds every section of one course: see docs/authors/worksheets.md.
  var CONTRACT = (window.mkdocsCourseTrack && window.mkdocsCourseTrack.storage) || {};
  var NAMESPACE = CONTRACT.namespace;
  var FILE_FORMAT = "mkdocs-course/learner-data";
  var FILE_VERSION = 1;
  var SECTIONS = CONTRACT.sections || [];
  /** The key of a lesson's, worksheet's or routine's data (or one field of it): keyOf(course, "worksheet", id, field). */
  function keyOf() {
    return Array.prototype.join.call(arguments, CONTRACT.separator);
  }
  /** A key's parts: [course id, kind, id, ...]. */
  function keyParts(k) {
    return String(k).split(CONTRACT.separator);
  }
  /** A facilitator's session sheet (render/session_sheets.py), kept beside the learner's answers
   *  so backups carry it, but no part of the learner's journal or Markdown export. */
  function isFacilitatorKey(k) {
    return keyParts(k)[1] === "facilitator";
  }
  // --- Words (model/i18n.py) -----------------------------------------------------------
  // Messages are English in the code; the track data carries their translations into the
  // course's language, by English text, and which plural form each CLDR category takes.
  // Placeholders are Python's: "%(name)s", filled from `params`.
  var WORDS = (window.mkdocsCourseTrack && window.mkdocsCourseTrack.words) || { forms: { one: 0, other: 1 }, messages: {} };
  var pluralRules = null;
  // A sentence's full stop after a part that already ends one ("Next: Day 8: How did your asks
  // go?.") is left out: a lesson title may end with a question mark.
  var ENDED = /[.?!…。؟]$/;
  function fill(text, params) {
    return params ? String(text).replace(/%\((\w+)\)[sd](\.?)/g, function (all, name, stop) {
      if (!(name in params)) return all;
      var value = String(params[name]);
      return value + (stop && !ENDED.test(value) ? stop : "");
    }) : String(text);
  }
  /** A message in the course's language: t("Coming up next"), t("Day %(n)s", {n: 3}). */
  function t(message, params) {
    var found = Object.prototype.hasOwnProperty.call(WORDS.messages, message) ? WORDS.messages[message] : null;
    return fill(typeof found === "string" ? found : message, params);
  }
  /** A message with a number: tn("%(num)d lesson", "%(num)d lessons", n); `num` is n unless params say otherwise. */
  function tn(singular, plural, n, params) {
    var all = Object.assign({ num: n }, params || {});
    var forms = Object.prototype.hasOwnProperty.call(WORDS.messages, singular) ? WORDS.messages[singular] : null;
    if (!Array.isArray(forms)) return fill(n === 1 ? singular : plural, all);
    if (!pluralRules) {
      try { pluralRules = new Intl.PluralRules(document.documentElement.lang || undefined); } catch (e) { pluralRules = new Intl.PluralRules(); }
    }
    var index = WORDS.forms[pluralRules.select(n)];
    return fill(forms[index === undefined ? forms.length - 1 : index], all);
  }
  /** A message whose placeholders are parts of the page (a link, a strong word): the pieces
   *  in the language's own order, text and nodes, for a script to append. */
  function tParts(message, params) {
    var pieces = t(message).split(/%\((\w+)\)[sd]/).map(function (piece, i) {
      if (i % 2 === 0) return piece;
      return params && piece in params ? params[piece] : "%(" + piece + ")s";
    });
    for (var i = 1; i < pieces.length - 1; i += 2) {
      var said = typeof pieces[i] === "string" ? pieces[i] : (pieces[i] && pieces[i].textContent) || "";
      if (ENDED.test(said) && pieces[i + 1].charAt(0) === ".") pieces[i + 1] = pieces[i + 1].slice(1);
    }
    return pieces.filter(function (piece) { return piece !== ""; });
  }
  /** `n` and a counted word ("1 day", "3 lessons"), each word a message of its own: languages
   *  do not all make plurals by adding "s" (the same words as i18n.counted in Python). */
  var COUNTED = {
    day: function (n) { return tn("%(num)d day", "%(num)d days", n); },
    lesson: function (n) { return tn("%(num)d lesson", "%(num)d lessons", n); },
    "daily lesson": function (n) { return tn("%(num)d daily lesson", "%(num)d daily lessons", n); },
    minute: function (n) { return tn("%(num)d minute", "%(num)d minutes", n); },
    module: function (n) { return tn("%(num)d module", "%(num)d modules", n); },
    reminder: function (n) { return tn("%(num)d reminder", "%(num)d reminders", n); },
    "self-check": function (n) { return tn("%(num)d self-check", "%(num)d self-checks", n); },
    thing: function (n) { return tn("%(num)d thing", "%(num)d things", n); },
  };
  function plural(n, word) {
    if (!COUNTED[word]) throw new Error("no counted word “" + word + "”: add it to COUNTED");
    return COUNTED[word](n);
  }
  var SECTION_NAME = /^[a-z][a-z0-9-]{0,31}$/;
  var RESERVED_NAMES = ["__proto__", "constructor", "prototype", "hasOwnProperty", "toString", "valueOf"];
  var KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)+$/;
  var ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
  var FILE_FIELDS = ["format", "version", "course", "exported"];
  var MAX_IMPORT_BYTES = 5 * 1024 * 1024;

  var lastTime = "";
  function now() {
    // Strictly increasing within a page, so two edits in one millisecond still order.
    var t = new Date().toISOString();
    if (t <= lastTime) t = new Date(Date.parse(lastTime) + 1).toISOString();
    lastTime = t;
    return t;
  }

  /** A key inside a CSS attribute selector: a stored key may hold anything, a `"` included. */
  function cssString(text) {
    return window.CSS && CSS.escape ? CSS.escape(text) : String(text).replace(/["\\]/g, "\\$&");
  }

  function isPlainObject(x) {
    return x !== null && typeof x === "object" && !Array.isArray(x);
  }

  function isRecord(x) {
    return isPlainObject(x) && "value" in x && typeof x.modified === "string" && ISO_TIME.test(x.modified) && !isNaN(Date.parse(x.modified));
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  var probed; // store.available()'s answer, once known
  var store = {
    namespace: NAMESPACE,
    storageKey: function (section, key) {
      return NAMESPACE + ":" + section + ":" + key;
    },
    /** Whether this browser lets the site read what it saved. A full store is readable:
     * every answer is still there to show and export, though nothing new can be saved. */
    readable: function () {
      if (!NAMESPACE) return false; // no track data on this page: no key to read under
      try {
        window.localStorage.getItem(NAMESPACE + ":probe");
        return true;
      } catch (e) {
        return false;
      }
    },
    /** Whether this browser lets the site save. Probed once per page load: every probe is
     * a write that other open tabs hear as a `storage` event, so probing on each redraw
     * let two tabs set each other off without end. A full store fails the probe too:
     * then `readable()` is still true. */
    available: function () {
      if (probed === undefined) {
        probed = false;
        try {
          if (!NAMESPACE) throw new Error("no track data (track-data.js) on this page");
          var probe = NAMESPACE + ":probe";
          window.localStorage.setItem(probe, "1");
          window.localStorage.removeItem(probe);
          probed = true;
        } catch (e) {
          probed = false;
        }
      }
      return probed;
    },
    /** After a save failed: the store is full (or was switched off meanwhile). */
    failed: function () { probed = false; },
    /** The record {value, modified} saved under `key`, or null. */
    get: function (section, key) {
      var raw = window.localStorage.getItem(store.storageKey(section, key));
      if (raw === null) return null;
      try {
        var record = JSON.parse(raw);
        return isRecord(record) ? record : null;
      } catch (e) {
        return null;
      }
    },
    /** Save `value` as the newest answer under `key`; returns the record. Throws when storage is full. */
    set: function (section, key, value) {
      var record = { value: value, modified: now() };
      window.localStorage.setItem(store.storageKey(section, key), JSON.stringify(record));
      return record;
    },
    put: function (section, key, record) {
      window.localStorage.setItem(store.storageKey(section, key), JSON.stringify({ value: record.value, modified: record.modified }));
    },
    remove: function (section, key) {
      window.localStorage.removeItem(store.storageKey(section, key));
    },
    /** Every record of one course: {section: {key: record}}, keys sorted. */
    all: function (courseId) {
      var found = Object.create(null); // no prototype: a section named "constructor" is only a name
      var prefix = NAMESPACE + ":";
      var names = [];
      for (var i = 0; i < window.localStorage.length; i++) names.push(window.localStorage.key(i));
      names.sort();
      names.forEach(function (name) {
        if (!name || name.indexOf(prefix) !== 0) return;
        var rest = name.slice(prefix.length);
        var colon = rest.indexOf(":");
        if (colon < 0) return;
        var section = rest.slice(0, colon);
        var key = rest.slice(colon + 1);
        if (!SECTION_NAME.test(section) || RESERVED_NAMES.indexOf(section) >= 0 || key.indexOf(keyOf(courseId, "")) !== 0) return;
        var record = store.get(section, key);
        if (!record) return;
        (found[section] = found[section] || Object.create(null))[key] = record;
      });
      return found;
    },
  };

  // --- Export and import ---------------------------------------------------------------

  function exportData(course) {
    var all = store.all(course.id);
    var data = { format: FILE_FORMAT, version: FILE_VERSION, course: { id: course.id, title: course.title }, exported: now() };
    SECTIONS.concat(Object.keys(all).sort()).forEach(function (section) {
      if (!(section in data)) data[section] = all[section] || {};
    });
    return data;
  }

  function isCellValue(v) {
    return v === null || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && isFinite(v));
  }

  function isAnswerValue(v) {
    if (v === null || typeof v === "string" || typeof v === "boolean") return true;
    if (typeof v === "number") return isFinite(v);
    if (Array.isArray(v)) {
      return v.every(function (item) {
        if (typeof item === "string") return true;
        // A table row: its cells are text, a ticked or unticked box, a number, or empty.
        return isPlainObject(item) && Object.keys(item).every(function (k) { return isCellValue(item[k]); });
      });
    }
    return false;
  }

  /** Check an export file completely before anything is written: {sections} or {error}. */
  function readExport(text, courseId) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { error: t("the file is not valid JSON") };
    }
    if (!isPlainObject(data) || data.format !== FILE_FORMAT) return { error: t("the file is not an export of answers from a course site like this one") };
    if (typeof data.version !== "number" || data.version < 1 || Math.floor(data.version) !== data.version) return { error: t("the file has no valid format version") };
    if (data.version > FILE_VERSION) return { error: t("the file was made by a newer version of this site (format version %(file)s); this site reads version %(site)s", { file: data.version, site: FILE_VERSION }) };
    if (!isPlainObject(data.course) || typeof data.course.id !== "string") return { error: t("the file does not say which course it belongs to") };
    if (data.course.id !== courseId) {
      var title = typeof data.course.title === "string" ? data.course.title : data.course.id;
      return { error: t("the file holds answers for another course (“%(title)s”)", { title: title }) };
    }
    var sections = Object.create(null);
    // A part named like a property every object has ("__proto__", "constructor") is ignored: set on a
    // plain object, it would change how every object of the page behaves.
    var ignored = Object.keys(data).filter(function (name) { return RESERVED_NAMES.indexOf(name) >= 0; });
    var names = Object.keys(data).filter(function (name) { return FILE_FIELDS.indexOf(name) < 0 && ignored.indexOf(name) < 0; });
    for (var i = 0; i < names.length; i++) {
      var name = names[i];
      var section = data[name];
      if (!SECTION_NAME.test(name) || !isPlainObject(section)) return { error: t("the file has an unknown part “%(name)s”", { name: name.slice(0, 40) }) };
      var keys = Object.keys(section);
      for (var j = 0; j < keys.length; j++) {
        var key = keys[j];
        var record = section[key];
        if (!KEY.test(key) || key.indexOf(keyOf(courseId, "")) !== 0 || key.length > 400) return { error: t("the file has an answer under a key this course never uses (“%(key)s”)", { key: key.slice(0, 80) }) };
        if (!isRecord(record) || Object.keys(record).length !== 2) return { error: t("the answer “%(key)s” is damaged (it needs a value and a modified time)", { key: key }) };
        if (name === "answers" && !isAnswerValue(record.value)) return { error: t("the answer “%(key)s” has a value of the wrong kind", { key: key }) };
      }
      sections[name] = section;
    }
    return { sections: sections, ignored: ignored };
  }

  /** Merge checked sections into storage. A newer answer on either side wins; a tie keeps this browser's. */
  function mergeImport(sections) {
    // `answers` only when every record is a field's answer: a file with progress, routine
    // ticks or notes as well is counted in entries, not called answers.
    var counts = { added: 0, updated: 0, kept: 0, same: 0, answersOnly: Object.keys(sections).every(function (s) { return s === "answers" || !Object.keys(sections[s]).length; }) };
    var undo = [];
    try {
      Object.keys(sections).forEach(function (section) {
        Object.keys(sections[section]).forEach(function (key) {
          var incoming = sections[section][key];
          var local = store.get(section, key);
          // A time still to come (a wrong clock where the file was made) wins over nothing this browser
          // holds, and is saved as now: it must not win over what the learner writes here later, nor
          // come back at the next import of the same file.
          if (Date.parse(incoming.modified) > Date.now()) {
            if (local && !same(local.value, incoming.value)) {
              counts.kept++;
              return;
            }
            incoming = { value: incoming.value, modified: now() };
          }
          if (local && same(local.value, incoming.value)) {
            counts.same++;
            return;
          }
          if (local && Date.parse(local.modified) >= Date.parse(incoming.modified)) {
            counts.kept++;
            return;
          }
          undo.push([section, key, window.localStorage.getItem(store.storageKey(section, key))]);
          store.put(section, key, incoming);
          counts[local ? "updated" : "added"]++;
        });
      });
    } catch (e) {
      // Storage full halfway: put back what was there, so a failed import changes nothing.
      undo.reverse().forEach(function (u) {
        if (u[2] === null) window.localStorage.removeItem(store.storageKey(u[0], u[1]));
        else window.localStorage.setItem(store.storageKey(u[0], u[1]), u[2]);
      });
      throw e;
    }
    return counts;
  }

  function importSummary(c) {
    var answers = c.answersOnly;
    var parts = [];
    if (c.added) parts.push(answers ? tn("%(num)d new answer", "%(num)d new answers", c.added) : tn("%(num)d new entry", "%(num)d new entries", c.added));
    if (c.updated) parts.push(answers ? tn("%(num)d newer answer from the file", "%(num)d newer answers from the file", c.updated) : tn("%(num)d newer entry from the file", "%(num)d newer entries from the file", c.updated));
    var text = !parts.length ? t("Nothing new to import.")
      : parts.length === 1 ? t("Imported %(what)s.", { what: parts[0] })
      : t("Imported %(first)s and %(second)s.", { first: parts[0], second: parts[1] });
    if (c.same) text += " " + (answers ? tn("%(num)d answer already matched.", "%(num)d answers already matched.", c.same) : tn("%(num)d entry already matched.", "%(num)d entries already matched.", c.same));
    if (c.kept) text += " " + (answers
      ? tn("%(num)d answer in this browser was newer than the file's and was kept.", "%(num)d answers in this browser were newer than the file's and were kept.", c.kept)
      : tn("%(num)d entry in this browser was newer than the file's and was kept.", "%(num)d entries in this browser were newer than the file's and were kept.", c.kept));
    return text;
  }

  /** A table field's rows as CSV (RFC 4180), its column headings first, read from the page.
   *  A cell that a spreadsheet would run as a formula (= + - @ at the start) is kept as text. */
  function tableCsv(key) {
    var box = document.querySelector('fieldset[data-course-key="' + cssString(key) + '"]');
    var columns = box ? Array.prototype.map.call(box.querySelectorAll("thead th[data-course-column]"), function (th) {
      var id = th.getAttribute("data-course-column");
      var cell = box.querySelector('td[data-course-column="' + cssString(id) + '"]');
      return { id: id, label: th.textContent.trim(), box: !!cell && cell.getAttribute("data-course-cell-type") === "checkbox" };
    }) : [];
    var record = readable ? store.get("answers", key) : null;
    // Rows with nothing in any column are left out (a table keeps its empty rows, and their unticked boxes).
    var rows = record && Array.isArray(record.value) ? record.value.filter(function (row) {
      return isPlainObject(row) && columns.some(function (c) { return answered(row[c.id]); });
    }) : [];
    function cell(v) {
      var text = v === true ? t("yes") : v === false ? t("no") : v === null || v === undefined ? "" : String(v);
      if (/^[=+\-@\t\r]/.test(text)) text = "\x27" + text; // an apostrophe before it
      return /[\x22,\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    }
    var lines = [columns.map(function (c) { return cell(c.label); }).join(",")];
    // A box left unticked in a row that has something in it is a "no" (someone who did not come).
    rows.forEach(function (row) { lines.push(columns.map(function (c) { return cell(c.box && row[c.id] !== true ? false : row[c.id]); }).join(",")); });
    // The byte order mark tells spreadsheet programs the file is UTF-8 ("García", not "GarcÃ­a").
    return { text: "\ufeff" + lines.join("\r\n") + "\r\n", rows: rows.length };
  }

  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  // The learner's own calendar day, YYYY-MM-DD: an export saved late in the
  // evening is named after today, not after the date in London.
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + (d.getMonth() < 9 ? "0" : "") + (d.getMonth() + 1) + "-" + (d.getDate() < 10 ? "0" : "") + d.getDate();
  }

  // --- Readable Markdown export ------------------------------------------------------------

  function mdLine(text) {
    return String(text).replace(/\r\n?/g, "\n");
  }

  function mdCell(text) {
    return String(text).replace(/\|/g, "\\|").replace(/\r\n?|\n/g, "<br>");
  }

  function formatAnswer(value, field) {
    var type = field ? field.type : null;
    if (value === null || value === "" || value === undefined) return "";
    if (typeof value === "string" && type === "date") return formatDate(value);
    if (typeof value === "string") return mdLine(value);
    if (typeof value === "number") return type === "scale" ? value + " of 5" : String(value);
    if (typeof value === "boolean") return value ? t("Yes") : t("No");
    if (!Array.isArray(value) || !value.length) return "";
    if (value.every(function (v) { return typeof v === "string"; })) {
      if (type === "checklist") return value.filter(Boolean).map(function (v) { return "- [x] " + mdLine(v); }).join("\n");
      if (type === "list") return value.map(function (v, i) { return v ? i + 1 + ". " + mdLine(v) : ""; }).filter(Boolean).join("\n");
      return value.filter(Boolean).map(function (v) { return "- " + mdLine(v); }).join("\n");
    }
    var table = tableRows(value, field ? field.columns : null);
    if (!table.rows.length || !table.columns.length) return "";
    var head = "| " + table.columns.map(function (c) { return mdCell(c.label); }).join(" | ") + " |";
    var rule = "|" + table.columns.map(function () { return " --- |"; }).join("");
    var body = table.rows.map(function (cells) {
      return "| " + cells.map(mdCell).join(" | ") + " |";
    });
    return [head, rule].concat(body).join("\n");
  }

  /** A table answer for reading back: the columns to show and, for each row with an
   * answer, its cells as text. A ticked checkbox reads ✓; a day-by-day table keeps its
   * day numbers (its other `fill` columns are the course's, not the learner's, words);
   * cells of columns the author removed come last, under their ids. */
  function tableRows(value, columns) {
    var shown = (columns || []).filter(function (c) { return !c.fill || c.fill === "day"; });
    value.forEach(function (row) {
      Object.keys(isPlainObject(row) ? row : {}).forEach(function (id) {
        if (!(columns || []).some(function (c) { return c.id === id; })) shown.push({ id: id, label: id });
      });
    });
    var rows = [];
    value.forEach(function (row, n) {
      if (!isPlainObject(row) || !answered([row])) return;
      rows.push(shown.map(function (c) {
        if (c.fill === "day") return String(n + 1);
        var v = row[c.id];
        return v === true ? "✓" : typeof v === "string" ? (c.type === "date" ? formatDate(v) : v) : "";
      }));
    });
    return { columns: shown, rows: rows };
  }

  function pageLabels() {
    // Labels of the fields on this page: the fallback when course.json cannot be read
    // (a site opened from files has no fetch).
    var labels = {};
    document.querySelectorAll("[data-course-key]").forEach(function (el) {
      var label = el.querySelector("legend, label");
      if (label) labels[el.getAttribute("data-course-key")] = label.textContent.trim();
    });
    return labels;
  }

  function markdownExport(course, manifest) {
    var answers = store.all(course.id).answers || {};
    var labels = pageLabels();
    var out = ["# " + t("%(course)s: my answers", { course: course.title }), "", t("Exported on %(day)s from this browser.", { day: today() }), ""];
    var done = {};
    function block(heading, items) {
      var lines = [];
      items.forEach(function (item) {
        var text = formatAnswer(item.value, item.field);
        if (!text) return;
        lines.push("### " + item.label, "", text, "");
      });
      if (lines.length) out.push("## " + heading, "");
      out.push.apply(out, lines);
    }
    var sheets = manifest && manifest.worksheets ? manifest.worksheets : [];
    sheets.forEach(function (sheet) {
      var base = keyOf(course.id, "worksheet", sheet.id, "");
      var items = sheet.fields.map(function (f) {
        done[base + f.id] = true;
        return { label: f.label, field: f, value: answers[base + f.id] ? answers[base + f.id].value : null };
      });
      Object.keys(answers).forEach(function (key) {
        if (key.indexOf(base) === 0 && !done[key]) {
          done[key] = true;
          items.push({ label: key.slice(base.length) + " (no longer on this worksheet)", field: null, value: answers[key].value });
        }
      });
      block(sheet.title, items);
    });
    var lessons = manifest && manifest.lessons ? manifest.lessons : [];
    lessons.forEach(function (lesson) {
      var base = keyOf(course.id, "lesson", lesson.id, "");
      var prompts = lesson.prompts || {};
      var items = [];
      Object.keys(answers).forEach(function (key) {
        if (key.indexOf(base) !== 0) return;
        done[key] = true;
        var id = key.slice(base.length);
        items.push({ label: prompts[id] || labels[key] || id, field: { type: "long_text" }, value: answers[key].value });
      });
      block(t("Day %(day)s: %(title)s (reflection)", { day: lesson.day, title: lesson.title }), items);
    });
    var rest = Object.keys(answers).filter(function (key) { return !done[key] && !isFacilitatorKey(key); });
    block(
      manifest ? t("Other answers") : t("Answers"),
      rest.map(function (key) {
        return { label: labels[key] || key.slice(course.id.length + 1), field: guessField(key), value: answers[key].value };
      })
    );
    api.markdownSections.forEach(function (section) {
      var text = section(course, manifest);
      if (text) out.push(text, "");
    });
    return out.join("\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
  }

  function guessField(key) {
    var el = document.querySelector('[data-course-key="' + cssString(key) + '"]');
    if (!el) return null;
    var field = { type: el.getAttribute("data-course-type") };
    if (field.type === "table") {
      field.columns = Array.prototype.map.call(el.querySelectorAll("th[data-course-column]"), function (th) {
        return { id: th.getAttribute("data-course-column"), label: th.textContent.trim() };
      });
    }
    return field;
  }

  // --- Fields on the page -------------------------------------------------------------------
  // Each field's wrapper carries data-course-key and data-course-type. A controller reads
  // the answer from the controls and writes a saved answer back into them; parts of a
  // saved answer the page no longer shows (an option or column the author removed) are
  // carried along, so saving never drops them.

  function formatDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m) return iso || "";
    var date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    try {
      return date.toLocaleDateString(document.documentElement.lang || undefined, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    } catch (e) {
      return iso;
    }
  }

  function checkedValues(el) {
    return Array.prototype.filter.call(el.querySelectorAll("input"), function (i) { return i.checked; }).map(function (i) { return i.value; });
  }

  function listInputs(el) {
    return Array.prototype.slice.call(el.querySelectorAll("input[data-course-item]"));
  }

  function addListItem(el) {
    var ol = el.querySelector("ol");
    var n = listInputs(el).length + 1;
    var fieldId = el.id;
    var legend = el.querySelector("legend");
    var li = document.createElement("li");
    var label = document.createElement("label");
    label.className = "course-visually-hidden";
    label.htmlFor = fieldId + "-" + n;
    label.textContent = (legend ? legend.textContent.trim() : "") + ", item " + n;
    var input = document.createElement("input");
    input.type = "text";
    input.id = fieldId + "-" + n;
    input.name = fieldId.replace(/^field-/, "") + "-" + n;
    input.setAttribute("data-course-item", String(n));
    li.appendChild(label);
    li.appendChild(input);
    ol.appendChild(li);
    return input;
  }

  function controller(el) {
    var type = el.getAttribute("data-course-type");
    var ctrl = { el: el, key: el.getAttribute("data-course-key"), type: type, saved: null };

    // What a saved answer must be to show in the field's controls (see `show`).
    function isText(v) { return typeof v === "string" || typeof v === "number"; }
    function isTexts(v) { return Array.isArray(v) && v.every(function (x) { return typeof x === "string"; }); }
    ctrl.fits = {
      text: isText, long_text: isText, list: isTexts, checklist: isTexts,
      date: function (v) { return v === "" || (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)); },
      choice: function (v) { return typeof v === "string"; },
      scale: function (v) { return typeof v === "number" && v >= 1 && v <= 5 && Math.floor(v) === v; },
    }[type];

    if (type === "text" || type === "long_text" || type === "date") {
      var input = el.querySelector("input, textarea");
      // A field with a `starter` (a model message to adapt) shows it until an answer is saved, even an empty one.
      var starter = el.getAttribute("data-course-starter");
      ctrl.read = function () { return input.value; };
      ctrl.write = function (v) { input.value = typeof v === "string" || typeof v === "number" ? String(v) : v === null && starter ? starter : ""; };
    } else if (type === "list") {
      var items = parseInt(el.getAttribute("data-course-items"), 10) || listInputs(el).length;
      ctrl.read = function () { return listInputs(el).map(function (i) { return i.value; }); };
      ctrl.write = function (v) {
        var values = Array.isArray(v) ? v : [];
        var inputs = listInputs(el);
        // Never fewer inputs than the author asked for, never fewer than saved answers.
        inputs.slice(Math.max(items, values.length)).forEach(function (i) { i.closest("li").remove(); });
        while (listInputs(el).length < values.length) addListItem(el);
        listInputs(el).forEach(function (i, n) { i.value = typeof values[n] === "string" ? values[n] : ""; });
      };
    } else if (type === "checklist") {
      ctrl.read = function () {
        var shown = optionValues(el);
        var kept = Array.isArray(ctrl.saved) ? ctrl.saved.filter(function (v) { return shown.indexOf(v) < 0; }) : [];
        return checkedValues(el).concat(kept);
      };
      ctrl.write = function (v) {
        var values = Array.isArray(v) ? v : [];
        el.querySelectorAll("input").forEach(function (i) { i.checked = values.indexOf(i.value) >= 0; });
      };
    } else if (type === "choice" || type === "scale") {
      ctrl.read = function () {
        var picked = checkedValues(el)[0];
        if (picked === undefined) return ctrl.saved === undefined ? null : ctrl.saved;
        return type === "scale" ? Number(picked) : picked;
      };
      ctrl.write = function (v) {
        el.querySelectorAll("input").forEach(function (i) { i.checked = v !== null && v !== undefined && i.value === String(v); });
      };
    } else if (type === "table") {
      setupTable(ctrl);
    } else {
      return null;
    }
    return ctrl;
  }

  // A table cell's answer by its column's type: true/false for a checkbox, text for the
  // rest (a date as YYYY-MM-DD, a number as typed). `fits` says whether a saved cell
  // can be shown in its control; one that cannot (text typed into a column that is now
  // a checkbox) is kept, never overwritten (see `show`).
  var CELL = {
    checkbox: {
      read: function (c) { return c.checked; },
      write: function (c, v) { c.checked = v === true; },
      fits: function (v) { return typeof v === "boolean" || v === "" || v === undefined || v === null; },
    },
    choice: {
      read: function (c) { return c.value; },
      write: function (c, v) { c.value = typeof v === "string" && optionValues(c).indexOf(v) >= 0 ? v : ""; },
      fits: function (v, c) { return v === undefined || v === null || v === "" || (typeof v === "string" && optionValues(c).indexOf(v) >= 0); },
    },
    number: {
      read: function (c) { return c.value; },
      write: function (c, v) { c.value = typeof v === "string" || typeof v === "number" ? String(v) : ""; },
      fits: function (v) { return v === undefined || v === null || v === "" || typeof v === "number" || (typeof v === "string" && /^\s*-?\d*[.,]?\d+\s*$/.test(v)); },
    },
    date: {
      read: function (c) { return c.value; },
      write: function (c, v) { c.value = typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : ""; },
      fits: function (v) { return v === undefined || v === null || v === "" || (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)); },
    },
    text: {
      read: function (c) { return c.value; },
      write: function (c, v) { c.value = typeof v === "string" || typeof v === "number" ? String(v) : ""; },
      fits: function (v) { return v === undefined || v === null || typeof v === "string" || typeof v === "number"; },
    },
  };
  CELL.long_text = CELL.text;

  function optionValues(el) {
    return Array.prototype.map.call(el.querySelectorAll(el.tagName === "SELECT" ? "option" : "input"), function (i) { return i.value; });
  }

  function cells(tr) {
    return Array.prototype.map.call(tr.querySelectorAll("td[data-course-column]"), function (td) {
      var type = CELL[td.getAttribute("data-course-cell-type")] ? td.getAttribute("data-course-cell-type") : "text";
      return { id: td.getAttribute("data-course-column"), td: td, control: td.querySelector("input, textarea, select"), type: CELL[type] };
    });
  }

  function setupTable(ctrl) {
    var el = ctrl.el;
    var tbody = el.querySelector("tbody");
    var fieldId = el.id;
    // A day-by-day table has one row per lesson day, made with the page: none to add or remove.
    var perDay = el.hasAttribute("data-course-per-day");
    var template = el.querySelector("template[data-course-row-template]");
    var startRows = parseInt(el.getAttribute("data-course-rows"), 10) || 1;

    function rows() {
      return Array.prototype.slice.call(tbody.rows);
    }

    function addActions(tr) {
      var td = document.createElement("td");
      td.className = "course-row-actions";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "course-row-remove";
      button.innerHTML = '<span aria-hidden="true">✕</span><span class="course-row-remove-text"></span>';
      td.appendChild(button);
      tr.appendChild(td);
    }

    // Ids, labels and names follow a row's place, so they stay unique and say the right row.
    function renumber() {
      rows().forEach(function (tr, n) {
        tr.setAttribute("data-course-row", String(n + 1));
        cells(tr).forEach(function (cell) {
          var id = fieldId + "-" + (n + 1) + "-" + cell.id;
          cell.control.id = cell.control.name = id;
          cell.td.querySelector("label").htmlFor = id;
          cell.td.querySelector(".course-cell-row").textContent = ", " + t("row %(n)s", { n: n + 1 });
        });
        var button = tr.querySelector(".course-row-remove");
        var remove = t("Remove row %(n)s", { n: n + 1 });
        button.setAttribute("aria-label", remove);
        button.title = remove;
        button.lastChild.textContent = remove;
      });
    }

    function setRowCount(n) {
      while (rows().length > n) tbody.deleteRow(-1);
      while (rows().length < n) {
        var tr = template.content.firstElementChild.cloneNode(true);
        addActions(tr);
        tbody.appendChild(tr);
      }
      renumber();
    }

    if (!perDay) {
      var th = document.createElement("th");
      th.scope = "col";
      th.className = "course-row-actions";
      th.innerHTML = '<span class="course-visually-hidden">Remove a row</span>';
      el.querySelector("thead tr").appendChild(th);
      rows().forEach(addActions);
      renumber();

      var add = document.createElement("button");
      add.type = "button";
      add.className = "md-button course-row-add";
      add.textContent = t("Add a row");
      el.appendChild(add);

      add.addEventListener("click", function () {
        setRowCount(rows().length + 1);
        var last = rows()[rows().length - 1];
        last.courseRow = {};
        cells(last)[0].control.focus();
        ctrl.changed(t("Row %(n)s added.", { n: rows().length }));
      });
      tbody.addEventListener("click", function (event) {
        var button = event.target.closest(".course-row-remove");
        if (!button) return;
        var tr = button.closest("tr");
        var index = rows().indexOf(tr);
        tr.remove();
        renumber();
        var next = rows()[index] || rows()[index - 1];
        (next ? cells(next)[0].control : add).focus();
        ctrl.changed(t("Row %(n)s removed.", { n: index + 1 }));
      });
    }

    ctrl.read = function () {
      return rows().map(function (tr) {
        var row = {};
        var kept = tr.courseRow || {};
        Object.keys(kept).forEach(function (k) { row[k] = kept[k]; });
        cells(tr).forEach(function (cell) { row[cell.id] = cell.type.read(cell.control); });
        return row;
      });
    };
    ctrl.write = function (v) {
      var values = Array.isArray(v) ? v : null;
      if (!perDay) setRowCount(values ? values.length : startRows);
      rows().forEach(function (tr, n) {
        var row = values && isPlainObject(values[n]) ? values[n] : {};
        tr.courseRow = row;
        cells(tr).forEach(function (cell) { cell.type.write(cell.control, row[cell.id]); });
      });
    };
    ctrl.fits = function (v) {
      if (v === null || v === undefined) return true;
      if (!Array.isArray(v) || (perDay && v.length > rows().length)) return false;
      var sample = rows()[0];
      var types = {};
      if (sample) cells(sample).forEach(function (cell) { types[cell.id] = cell; });
      return v.every(function (row) {
        return isPlainObject(row) && Object.keys(row).every(function (k) {
          return !types[k] || types[k].type.fits(row[k], types[k].control);
        });
      });
    };
  }

  // --- The paper form: answers written into the print view ---------------------------------

  function answerSpan(container, text) {
    var span = container.querySelector(":scope > .course-print-answer");
    if (!text) {
      if (span) span.remove();
      return;
    }
    if (!span) {
      span = document.createElement("span");
      span.className = "course-print-answer";
      // First in the cell, so a list number lines up with the answer's first line.
      container.insertBefore(span, container.firstChild);
    }
    span.textContent = text;
  }

  function renderPrint(el, value) {
    var type = el.getAttribute("data-course-type");
    if (type === "text" || type === "long_text" || type === "date") {
      var text = typeof value === "string" ? value : el.getAttribute("data-course-starter") || "";
      answerSpan(el.querySelector(".course-print-lines"), type === "date" ? formatDate(text) : text);
    } else if (type === "list") {
      var values = Array.isArray(value) ? value : [];
      var ol = el.querySelector("ol");
      ol.querySelectorAll(".course-print-extra").forEach(function (li) { li.remove(); });
      while (ol.children.length < values.length) {
        var li = document.createElement("li");
        li.className = "course-print-extra";
        li.innerHTML = '<div class="course-print-lines"><span class="course-print-rules"><span></span></span></div>';
        ol.appendChild(li);
      }
      Array.prototype.forEach.call(ol.children, function (item, n) {
        answerSpan(item.querySelector(".course-print-lines"), typeof values[n] === "string" ? values[n] : "");
      });
    } else if (type === "table") {
      var rows = Array.isArray(value) ? value : [];
      var tbody = el.querySelector("tbody");
      var heads = Array.prototype.slice.call(el.querySelectorAll("th[data-course-column]"));
      var perDay = el.querySelector(".course-print-table--days");
      tbody.querySelectorAll(".course-print-extra").forEach(function (tr) { tr.remove(); });
      while (!perDay && tbody.rows.length < rows.length) {
        var tr = tbody.insertRow();
        tr.className = "course-print-extra";
        heads.forEach(function (th) {
          var td = tr.insertCell();
          if (th.classList.contains("course-print-col-checkbox")) td.innerHTML = '<span class="course-print-box" data-course-option="true"></span>';
        });
      }
      Array.prototype.forEach.call(tbody.rows, function (tr, n) {
        var row = isPlainObject(rows[n]) ? rows[n] : {};
        Array.prototype.forEach.call(tr.cells, function (td, c) {
          var th = heads[c];
          var v = row[th.getAttribute("data-course-column")];
          if (th.hasAttribute("data-course-fill")) return; // the course's own text, or the learner's date (track.js)
          var box = td.querySelector("[data-course-option]");
          if (box) box.classList.toggle("course-print-chosen", v === true);
          else answerSpan(td, typeof v === "string" ? (th.classList.contains("course-print-col-date") ? formatDate(v) : v) : "");
          td.classList.toggle("course-print-answered", typeof v === "string" && v !== "");
        });
      });
    } else {
      var chosen = Array.isArray(value) ? value.map(String) : value === null || value === undefined ? [] : [String(value)];
      el.querySelectorAll("[data-course-option]").forEach(function (box) {
        box.classList.toggle("course-print-chosen", chosen.indexOf(box.getAttribute("data-course-option")) >= 0);
      });
    }
  }

  function setPrintMode(mode) {
    if (mode === "blank") document.documentElement.setAttribute("data-course-print-mode", "blank");
    else document.documentElement.removeAttribute("data-course-print-mode");
  }

  // --- Ids an author renamed (renamed_from) ----------------------------------------------------------
  // track-data.js lists [old, new] key prefixes (track.py renamed_keys). A record saved under an old
  // id moves to the new one, unless the new one already holds a newer record: then the old one stays
  // where it is, and the journal shows it under "From earlier versions of this course".

  function renamedKey(key, pairs) {
    pairs.forEach(function (pair) {
      if (key === pair[0] || key.indexOf(keyOf(pair[0], "")) === 0) key = pair[1] + key.slice(pair[0].length);
    });
    return key;
  }

  function followRenames() {
    var data = window.mkdocsCourseTrack;
    if (!data || !data.renamed || !data.renamed.length || !writable) return;
    var all = store.all(data.course);
    Object.keys(all).forEach(function (section) {
      Object.keys(all[section]).forEach(function (key) {
        var moved = renamedKey(key, data.renamed);
        if (moved === key) return;
        var here = store.get(section, moved);
        var record = all[section][key];
        try {
          if (!here || Date.parse(here.modified) < Date.parse(record.modified)) store.put(section, moved, record);
          if (!here || Date.parse(here.modified) <= Date.parse(record.modified)) store.remove(section, key);
        } catch (e) {
          /* storage full: the record stays under its old key, and in every export */
        }
      });
    });
  }

  // --- Keeping the learner's data ------------------------------------------------------------------
  // Browsers may clear a site's storage when the disk runs low unless asked to keep it: the first
  // save of a page asks (navigator.storage.persist). A learner who has written for a week without
  // saving a backup file is reminded, kindly, where they look (worksheets, the journal, Today).

  var BACKUP_DAYS = 7;
  var askedToKeep = false;

  function keepStorage() {
    if (askedToKeep || !navigator.storage || !navigator.storage.persist) return;
    askedToKeep = true;
    navigator.storage.persisted().then(function (kept) { return kept || navigator.storage.persist(); }).catch(function () { return false; });
  }

  /** Whether the browser keeps this site's storage: a promise of true, false, or null when it cannot say. */
  function storageKept() {
    if (!navigator.storage || !navigator.storage.persisted) return Promise.resolve(null);
    return navigator.storage.persisted().catch(function () { return null; });
  }

  // When this browser last saved a backup file: a fact of this browser, not of the learner's record,
  // so it is kept outside the namespace that exports and imports carry.
  var BACKUP_KEY = "mkdocs-course.local:backup:";

  /** True when answers are more than a week old and no backup file was saved since they were written. */
  function backupDue(courseId) {
    if (!readable) return false;
    var all = store.all(courseId);
    var saved = Date.parse(window.localStorage.getItem(BACKUP_KEY + courseId) || "") || 0;
    var since = Object.keys(all.answers || {}).map(function (k) { return Date.parse(all.answers[k].modified); }).filter(function (t) { return t > saved; });
    return since.length > 0 && Date.now() - Math.min.apply(null, since) > BACKUP_DAYS * 864e5;
  }

  /** "Save a backup file" (the worksheets' tools, My journal): every record of the course in one file,
   * named after the learner's day; returns what to tell them. */
  function saveBackup(course) {
    download(course.id + "-answers-" + today() + ".json", JSON.stringify(exportData(course), null, 1) + "\n", "application/json");
    backupSaved(course.id);
    return t("A backup file of all your answers was saved. Keep it safe: “Restore a backup file”, here or in another browser, brings them back.");
  }

  function backupSaved(courseId) {
    try { window.localStorage.setItem(BACKUP_KEY + courseId, now()); } catch (e) { /* full: the reminder stays */ }
  }

  // --- Copy to another device, in a link ----------------------------------------------------------
  // No server: the learner's data travels in the fragment of a link (the part after `#`, which
  // browsers never send to any server), compressed where the browser can (deflate-raw), and is
  // read on the other device only after the learner says so. Anyone with the link can read it.

  var LINK_MARK = "mkdocs-course-import=";

  function base64(bytes) {
    var text = "";
    for (var i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(text);
  }

  function unbase64(text) {
    var raw = atob(text);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function base64url(bytes) {
    return base64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function unbase64url(text) {
    return unbase64(text.replace(/-/g, "+").replace(/_/g, "/"));
  }

  function squeeze(bytes, how) {
    return new Response(new Blob([bytes]).stream().pipeThrough(new (how === "deflate-raw" ? CompressionStream : DecompressionStream)("deflate-raw"))).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  /** A promise of the link that carries every record of the course to another browser. */
  function shareLink(course, home) {
    var bytes = new TextEncoder().encode(JSON.stringify(exportData(course)));
    var base = (home || location.href).replace(/#.*$/, "");
    if (!window.CompressionStream) return Promise.resolve(base + "#" + LINK_MARK + "1.j." + base64url(bytes));
    return squeeze(bytes, "deflate-raw").then(function (small) { return base + "#" + LINK_MARK + "1.d." + base64url(small); });
  }

  /** A promise of the export file's text a link carries, or null when the address carries none. */
  function linkedData(hash) {
    return Promise.resolve().then(function () {
      var at = hash.indexOf(LINK_MARK);
      if (at < 0) return null;
      var parts = hash.slice(at + LINK_MARK.length).split(".");
      if (parts[0] !== "1" || parts.length !== 3) throw new Error("unknown link");
      var bytes = unbase64url(parts[2]);
      return (parts[1] === "d" ? squeeze(bytes, "inflate") : Promise.resolve(bytes)).then(function (b) { return new TextDecoder("utf-8", { fatal: true }).decode(b); });
    });
  }

  /** A link from another device opened here: say what it holds, and bring it in only when asked. */
  function offerLinkedData() {
    if (location.hash.indexOf(LINK_MARK) < 0 || document.querySelector(".course-linked-data")) return;
    var data = window.mkdocsCourseTrack;
    var box = document.createElement("div");
    box.className = "course-linked-data";
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", t("Answers from another device"));
    var text = box.appendChild(document.createElement("p"));
    var actions = box.appendChild(document.createElement("p"));
    actions.className = "course-track-actions";
    var target = document.querySelector(".md-content__inner") || document.body;
    target.insertBefore(box, target.firstChild);
    function forget() { history.replaceState(null, "", location.href.replace(/#.*$/, "")); }
    linkedData(location.hash).then(function (file) {
      var course = data ? data.course : null;
      var checked = course ? readExport(file, course) : { error: t("this page is not part of the course") };
      if (checked.error) {
        text.textContent = t("This link was meant to bring answers from another device, but it cannot be read here: %(why)s. Nothing was changed.", { why: checked.error });
        forget();
        return;
      }
      var n = Object.keys(checked.sections).reduce(function (sum, s) { return sum + Object.keys(checked.sections[s]).length; }, 0);
      text.textContent = tn("This link holds %(num)d answer or entry of this course, saved on another device. Bring it into this browser? Where this browser has a newer answer, it keeps its own.", "This link holds %(num)d answers or entries of this course, saved on another device. Bring them into this browser? Where this browser has a newer answer, it keeps its own.", n);
      var yes = actions.appendChild(document.createElement("button"));
      yes.type = "button";
      yes.className = "md-button md-button--primary";
      yes.textContent = t("Bring them in");
      var no = actions.appendChild(document.createElement("button"));
      no.type = "button";
      no.className = "md-button";
      no.textContent = t("Not now");
      yes.addEventListener("click", function () {
        var result = api.importText(file, course);
        text.textContent = result.message;
        actions.remove();
        forget();
      });
      no.addEventListener("click", function () {
        text.textContent = t("Nothing was brought in. The link still works, on this device or another.");
        actions.remove();
        forget();
      });
    }).catch(function () {
      text.textContent = t("This link was meant to bring answers from another device, but it is damaged or cut short (some apps cut long links). Nothing was changed.");
      forget();
    });
  }

  // --- Wiring a page ----------------------------------------------------------------------------

  var registry = {}; // key -> controllers on this page
  var readable = true; // answers can be read (and so shown and exported): false only with storage switched off
  var writable = true; // new answers can be saved: false when storage is full or switched off
  var EARLIER = "earlier"; // the section of answers kept because they no longer fit their field
  var FULL = t("This browser's storage for this site is full, so new answers cannot be saved; every answer saved so far is still here. Export your answers to keep a copy, then make room: see “Your answers” on the About page.");

  /** Why something the learner just did was not kept, said the same way by every script (answers,
   * self-checks, the track, the review): what is safe, what is not, and what to do. */
  function notSaved() {
    return store.readable()
      ? t("Not saved: this browser's storage for this site is full. What you saved before is still here, but not this: copy it somewhere safe, then make room (see “Your answers” on the About page).")
      : t("Not saved: this browser does not let this site save anything (storage is switched off). Copy what you wrote somewhere safe before you leave the page.");
  }

  /** Beside a field whose last edit was not saved, where the learner is looking (null: saved). */
  function fieldNote(ctrl, text) {
    var note = ctrl.el.querySelector(":scope > .course-unsaved");
    if (!text) {
      if (note) note.remove();
      return;
    }
    if (!note) {
      note = ctrl.el.appendChild(document.createElement("p"));
      note.className = "course-unsaved";
    }
    if (note.textContent !== text) note.textContent = text;
  }

  function setStatus(el, text, kind) {
    if (!el) return;
    el.hidden = false;
    if (el.textContent !== text) el.textContent = text;
    el.classList.toggle("course-status-saved", kind === "saved");
    el.classList.toggle("course-status-error", kind === "error");
  }

  function statusFor(form) {
    var key = form.getAttribute("data-course-form");
    var tools = document.querySelector('.course-answer-tools[data-course-tools="' + cssString(key) + '"]');
    return tools ? tools.querySelector(".course-save-status") : form.querySelector(".course-save-status");
  }

  /** Whether an answer holds anything: what the worksheet marks and the journal count. */
  function answered(v) {
    if (v === null || v === undefined || v === "" || v === false) return false;
    if (Array.isArray(v)) return v.some(function (x) { return isPlainObject(x) ? Object.keys(x).some(function (k) { return answered(x[k]); }) : answered(x); });
    return true;
  }

  /** An answer as plain text for reading back, whatever its shape. */
  function plainAnswer(v) {
    if (v === null || v === undefined) return "";
    if (typeof v === "boolean") return v ? t("Yes") : t("No");
    if (!Array.isArray(v)) return isPlainObject(v) ? JSON.stringify(v) : String(v);
    return v.filter(answered).map(function (x) {
      return "• " + (isPlainObject(x) ? Object.keys(x).filter(function (k) { return answered(x[k]); }).map(function (k) { return k + ": " + plainAnswer(x[k]); }).join(" · ") : plainAnswer(x));
    }).join("\n");
  }

  /** An answer as plain lines for reading back, shaped by its field: `type` and, for a table, its `columns`. */
  function answerText(v, type, columns) {
    if (!answered(v)) return "";
    if (typeof v === "string") return type === "date" ? formatDate(v) : v;
    if (typeof v === "number") return type === "scale" ? v + " of 5" : String(v);
    if (!Array.isArray(v)) return plainAnswer(v);
    if (v.every(function (x) { return typeof x === "string"; })) {
      return v.map(function (x, i) { return x ? (type === "list" ? i + 1 + ". " : "• ") + x : ""; }).filter(Boolean).join("\n");
    }
    var table = tableRows(v, columns);
    return table.rows.map(function (cells) {
      return "• " + cells.map(function (text, i) { return text ? table.columns[i].label + ": " + text : ""; }).filter(Boolean).join(" · ");
    }).join("\n");
  }

  /** `answer` fields: what the learner wrote in a field of another worksheet, on screen and on paper (macros.md.j2). */
  function showAnswers() {
    document.querySelectorAll("[data-course-from]").forEach(function (el) {
      var record = readable ? store.get("answers", el.getAttribute("data-course-from")) : null;
      var text = record ? answerText(record.value, el.getAttribute("data-course-from-type"), JSON.parse(el.getAttribute("data-course-columns") || "[]")) : "";
      var shown = el.querySelector("[data-course-answer-text]");
      if (shown) {
        shown.textContent = text;
        shown.hidden = !text;
        el.querySelector("[data-course-answer-none]").hidden = !!text;
      } else {
        answerSpan(el.querySelector(".course-print-lines"), text);
      }
    });
  }

  /** Answers under `key` that no longer fit their field, oldest first: kept in the `earlier` section. */
  function earlierAnswers(key) {
    var kept = readable ? store.get(EARLIER, key) : null;
    return kept && Array.isArray(kept.value) ? kept.value.filter(isRecord) : [];
  }

  /** Beside a field, read-only: what the learner wrote before the question changed shape. */
  function showEarlier(ctrl) {
    var list = earlierAnswers(ctrl.key).concat(ctrl.unfit ? [ctrl.unfit] : []);
    var box = ctrl.el.querySelector(":scope > .course-earlier");
    if (!list.length) {
      if (box) box.remove();
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.className = "course-earlier";
      box.setAttribute("role", "note");
      var anchor = ctrl.el.querySelector(":scope > .course-help") || ctrl.el.querySelector(":scope > legend, :scope > label");
      ctrl.el.insertBefore(box, anchor ? anchor.nextSibling : ctrl.el.firstChild);
    }
    box.textContent = "";
    var title = box.appendChild(document.createElement("p"));
    title.className = "course-earlier-title";
    title.textContent = t("This question has changed since you answered it. Your earlier answer is kept here, and in your exports:");
    list.forEach(function (record) {
      var p = box.appendChild(document.createElement("p"));
      p.className = "course-earlier-answer";
      p.textContent = plainAnswer(record.value);
    });
  }

  function show(ctrl) {
    var record = readable ? store.get("answers", ctrl.key) : null;
    var value = record ? record.value : null;
    // An answer that no longer fits its field (a list where there is now one text box, text
    // in a column that is now a checkbox) is shown beside the field and never overwritten:
    // the first save moves it to the `earlier` section (see `save`).
    var fits = value === null || !ctrl.fits || ctrl.fits(value);
    ctrl.unfit = fits ? null : record;
    ctrl.saved = record && fits ? value : undefined;
    ctrl.write(value);
    showEarlier(ctrl);
    document.querySelectorAll('[data-course-print-key="' + cssString(ctrl.key) + '"]').forEach(function (el) {
      renderPrint(el, fits ? value : null);
    });
  }

  function save(ctrl, status, message) {
    var value = ctrl.read();
    if (ctrl.saved !== undefined && same(value, ctrl.saved) && !message) return;
    try {
      if (ctrl.unfit) {
        var list = earlierAnswers(ctrl.key);
        if (!list.some(function (r) { return r.modified === ctrl.unfit.modified; })) list.push(ctrl.unfit);
        store.set(EARLIER, ctrl.key, list);
        ctrl.unfit = null;
      }
      store.set("answers", ctrl.key, value);
      ctrl.saved = value;
      keepStorage();
      var time = new Date().toLocaleTimeString(document.documentElement.lang || undefined, { hour: "2-digit", minute: "2-digit" });
      setStatus(status, message ? message + " " + t("Saved in this browser.") : t("Saved in this browser."), "saved");
      if (status) status.title = t("Last saved at %(time)s", { time: time });
    } catch (e) {
      store.failed();
      writable = false;
      setStatus(status, notSaved(), "error");
      fieldNote(ctrl, t("Not saved: this answer is only on the screen."));
      return;
    }
    fieldNote(ctrl, null);
    showEarlier(ctrl);
    document.querySelectorAll('[data-course-print-key="' + cssString(ctrl.key) + '"]').forEach(function (el) { renderPrint(el, value); });
  }

  function initForm(form) {
    if (form.courseReady) return;
    form.courseReady = true;
    var status = statusFor(form);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (!readable) {
      setStatus(status, t("This browser does not let this site save answers (storage is switched off), so they will be lost when you leave the page."), "error");
    } else if (!writable) {
      setStatus(status, FULL, "error");
    } else if (status && form.classList.contains("course-reflection")) {
      setStatus(status, t("Your answers are saved in this browser as you type. Nothing is sent anywhere."));
    }
    form.querySelectorAll("[data-course-key]").forEach(function (el) {
      var ctrl = controller(el);
      if (!ctrl) return;
      ctrl.changed = function (message) { if (readable) save(ctrl, status, message); };
      (registry[ctrl.key] = registry[ctrl.key] || []).push(ctrl);
      show(ctrl);
      function onEdit() { ctrl.changed(); }
      el.addEventListener("input", onEdit);
      el.addEventListener("change", onEdit);
    });
  }

  function courseOf(tools) {
    return { id: tools.getAttribute("data-course-tools").split("/")[0], title: tools.getAttribute("data-course-name") || "" };
  }

  function refreshAll() {
    Object.keys(registry).forEach(function (key) { registry[key].forEach(show); });
    showAnswers();
  }

  function initTools(tools) {
    if (tools.courseReady) return;
    tools.courseReady = true;
    tools.hidden = false;
    var course = courseOf(tools);
    var sheetKey = tools.getAttribute("data-course-tools");
    var message = tools.querySelector(".course-import-message");
    var fileInput = tools.querySelector("input[data-course-import]");
    var manifestUrl = tools.getAttribute("data-course-manifest");
    var title = (document.querySelector('form[data-course-form="' + sheetKey + '"]') || tools).getAttribute("data-course-title") || "this worksheet";

    var sayHere = null; // a status beside the button pressed, when it sits away from the tools
    function say(text, kind) {
      setStatus(sayHere || message, text, kind);
    }

    var actions = {
      "print-answers": function () {
        setPrintMode("answers");
        window.print();
      },
      "print-blank": function () {
        setPrintMode("blank");
        window.print();
      },
      "export-csv": function (event) {
        var button = event.currentTarget;
        var table = tableCsv(button.getAttribute("data-course-csv"));
        if (!table.rows) return say(t("Nothing to save yet: write names in the list first."));
        download(button.getAttribute("data-course-csv-name") || "table.csv", table.text, "text/csv;charset=utf-8");
        say(tn("Saved a CSV file with %(num)d row. Spreadsheets open it as a table.", "Saved a CSV file with %(num)d rows. Spreadsheets open it as a table.", table.rows), "saved");
      },
      "export-json": function () {
        var said = saveBackup(course);
        showBackupDue(tools, course);
        say(said);
      },
      "share-link": function () {
        var box = tools.querySelector(".course-share");
        var home = window.mkdocsCourseTrack ? new URL(window.mkdocsCourseTrack.home, window.mkdocsCourseTrack.base).href : null;
        shareLink(course, home).then(function (link) {
          box.hidden = false;
          var field = box.querySelector("textarea");
          field.value = link;
          box.querySelector(".course-share-size").textContent = t("This link is %(length)s characters long and holds every answer you wrote in this course. Anyone who has it can read them: send it only to yourself (in a note or a message to yourself), then open it on the other device, where the page asks before it brings anything in.", { length: link.length.toLocaleString(document.documentElement.lang || undefined) }) + (link.length > 60000 ? " " + t("Some apps cut links this long: if it does not work, export a file instead.") : "");
          field.focus();
          field.select();
        });
      },
      "copy-link": function () {
        var field = tools.querySelector(".course-share textarea");
        var done = function () { say(t("The link was copied. Paste it into a note or a message to yourself.")); };
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(field.value).then(done, function () { field.select(); say(t("Select the link and copy it.")); });
        else { field.select(); say(t("Select the link and copy it.")); }
      },
      "export-markdown": function () {
        var done = function (manifest) {
          download(course.id + "-answers-" + today() + ".md", markdownExport(course, manifest), "text/markdown");
          say(t("Your answers were saved as a Markdown file you can read or print."));
        };
        if (!manifestUrl || !window.fetch || location.protocol === "file:") return done(null);
        fetch(manifestUrl)
          .then(function (r) { return r.ok ? r.json() : null; })
          .catch(function () { return null; })
          .then(done);
      },
      import: function () {
        fileInput.value = "";
        fileInput.click();
      },
      clear: function () {
        if (!window.confirm(t("Clear every answer on “%(title)s”? This cannot be undone. Export your answers first if you may want them back.", { title: title }))) {
          say(t("Nothing was cleared."));
          return;
        }
        Object.keys(store.all(course.id).answers || {}).forEach(function (key) {
          if (key.indexOf(keyOf(sheetKey, "")) === 0) store.remove("answers", key);
        });
        refreshAll();
        say(t("The answers on this worksheet were cleared."));
      },
    };

    showBackupDue(tools, course);
    tools.querySelectorAll("button[data-course-action]").forEach(function (button) {
      var action = actions[button.getAttribute("data-course-action")];
      if (action) button.addEventListener("click", action);
      // With storage switched off there is nothing to export or clear; a full store still exports.
      if (!readable && button.getAttribute("data-course-action") !== "print-answers" && button.getAttribute("data-course-action") !== "print-blank") button.disabled = true;
    });

    // The same actions beside the part of the page they act on (a session's "Save attendance as
    // CSV" under its list, screens away from the tools on a phone), saying their result there.
    document.querySelectorAll('[data-course-tools-for="' + cssString(sheetKey) + '"]').forEach(function (row) {
      row.hidden = false;
      row.querySelectorAll("button[data-course-action]").forEach(function (button) {
        var action = actions[button.getAttribute("data-course-action")];
        if (!action) return;
        button.addEventListener("click", function (event) {
          sayHere = row.querySelector("[role=status]");
          try { action(event); } finally { sayHere = null; }
        });
      });
    });

    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      if (file) importFile(file, course.id, function (result) { say(result.message, result.ok ? "saved" : "error"); });
    });
  }

  /** Check and merge a backup file the learner picked; `done` gets {ok, message}. Used by the
   * worksheets' tools and by the track's own "Restore a backup file" (Today, My journal). */
  function importFile(file, courseId, done) {
    if (file.size > MAX_IMPORT_BYTES) return done({ ok: false, message: t("Not imported: the file is larger than any export of answers. Nothing was changed.") });
    var reader = new FileReader();
    reader.onload = function () { done(api.importText(String(reader.result), courseId)); };
    reader.onerror = function () { done({ ok: false, message: t("Not imported: the file could not be read. Nothing was changed.") }); };
    reader.readAsText(file);
  }

  function initPrintButtons() {
    document.querySelectorAll('button[data-course-action="print"]').forEach(function (button) {
      if (button.courseReady) return;
      button.courseReady = true;
      button.hidden = false;
      button.addEventListener("click", function () {
        setPrintMode("blank");
        window.print();
      });
    });
  }

  /** Lay out each table's box again. Chromium (156) lays out no row of a table that its
   * container query turned into cards when a script changed the table while the page
   * loaded (tested in tests/test_learner_day.py); taking the box out of the layout for a
   * moment makes it lay the rows out, before anything is painted. */
  function relayoutTables() {
    document.querySelectorAll(".course-table-fit").forEach(function (fit) {
      fit.classList.add("course-relayout"); // display: none (course.css); a class leaves no style attribute behind
      void fit.offsetHeight;
      fit.classList.remove("course-relayout");
    });
  }

  function showBackupDue(tools, course) {
    var note = tools.querySelector(".course-backup-due");
    if (note) note.hidden = !backupDue(course.id);
  }

  function init() {
    registry = {};
    readable = store.readable();
    writable = readable && store.available();
    followRenames();
    offerLinkedData();
    document.querySelectorAll("form.course-worksheet, form.course-reflection").forEach(initForm);
    document.querySelectorAll(".course-answer-tools").forEach(initTools);
    initPrintButtons();
    relayoutTables();
    showAnswers();
  }

  // Another tab saved an answer: show it here too, unless the learner is typing in it.
  window.addEventListener("storage", function (event) {
    var prefix = NAMESPACE + ":answers:";
    if (!event.key || event.key.indexOf(prefix) !== 0) return;
    (registry[event.key.slice(prefix.length)] || []).forEach(function (ctrl) {
      if (!ctrl.el.contains(document.activeElement)) show(ctrl);
    });
    showAnswers();
  });
  window.addEventListener("afterprint", function () { setPrintMode("answers"); });

  var api = {
    version: FILE_VERSION,
    store: store,
    sections: SECTIONS,
    key: keyOf,
    keyParts: keyParts,
    t: t,
    tn: tn,
    tParts: tParts,
    isFacilitatorKey: isFacilitatorKey,
    exportData: exportData,
    readExport: readExport,
    /** Check and merge an export file's text; returns {ok, message, counts}. Refused files change nothing. */
    importText: function (text, courseId) {
      var checked = readExport(text, courseId);
      if (checked.error) return { ok: false, message: t("Not imported: %(why)s. Nothing was changed.", { why: checked.error }) };
      var counts;
      try {
        counts = mergeImport(checked.sections);
      } catch (e) {
        return { ok: false, message: t("Not imported: this browser's storage is full. Nothing was changed.") };
      }
      // The learner holds a copy of their answers: no reminder to save one (it said so right after a restore).
      backupSaved(courseId);
      refreshAll();
      var message = importSummary(counts);
      if (checked.ignored.length) message += " " + tn("A part of the file named like a built-in name (“%(names)s”) was ignored.", "Parts of the file named like a built-in name (“%(names)s”) were ignored.", checked.ignored.length, { names: checked.ignored.join("”, “") });
      return { ok: true, message: message, counts: counts };
    },
    /** Merge a record in the backup file's format (a learning platform's copy, lms.js) as a restore
        does, quietly: checked first, the newer of each answer wins. Returns whether it was merged. */
    restore: function (text, courseId) {
      var checked = readExport(text, courseId);
      if (checked.error) return false;
      try {
        mergeImport(checked.sections);
      } catch (e) {
        return false; // full storage: the browser keeps what it has
      }
      refreshAll();
      return true;
    },
    markdownExport: markdownExport,
    importFile: importFile,
    /** Functions (course, manifest) -> Markdown text, appended to the Markdown export. */
    markdownSections: [],
    /** Whether an answer holds anything. */
    answered: answered,
    notSaved: notSaved,
    backupDue: backupDue,
    backupSaved: backupSaved,
    /** Save a backup file of the course ({id, title}); returns the message to show. */
    saveBackup: saveBackup,
    storageKept: storageKept,
    shareLink: shareLink,
    /** Bytes deflated (`how` "deflate-raw") or inflated ("inflate"): a promise; where the browser can (CompressionStream). */
    squeeze: squeeze,
    base64: base64,
    unbase64: unbase64,
    renamedKey: renamedKey,
    /** Earlier answers kept for `key` because they no longer fit its field ({value, modified}, oldest first). */
    earlierAnswers: earlierAnswers,
    plainAnswer: plainAnswer,
    tableRows: tableRows,
    /** One answer as Markdown text, as in the Markdown export; `field` is {type, columns} or null. */
    formatAnswer: formatAnswer,
    /** Offer `text` as a file named `name` (nothing leaves the browser). */
    download: download,
    /** The learner's calendar day, YYYY-MM-DD in the browser's time zone. */
    today: today,
    plural: plural,
    onPage: onPage,
    setPrintMode: setPrintMode,
    refresh: refreshAll,
  };
  window.mkdocsCourse = api;

  /** Run `fn` on every page: Material's instant navigation swaps pages without a load
      event, and its document$ observable announces each new page (and the first one). */
  function onPage(fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(fn);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }
  onPage(init);
})();

/* The language switcher (Material's `extra.alternate`, made by mkdocs/languages.py) links to
   each language's home; every language has the same pages at the same paths, so each link is
   pointed at this page in that language instead. Answers and progress are kept by ids in the
   site's one browser storage, so they are there in every language. */
(function () {
  "use strict";
  function siteRoot() {
    var config = document.getElementById("__config");
    try {
      var base = config ? JSON.parse(config.textContent).base : ".";
      return new URL(base.replace(/\/*$/, "/"), location.href).href; // Material's base has no trailing slash
    } catch (e) { return null; }
  }
  function samePage() {
    var root = siteRoot();
    if (!root || location.href.indexOf(root) !== 0) return;
    var here = location.href.slice(root.length).replace(/#.*$/, "");
    var links = document.querySelectorAll(".md-select a[hreflang]");
    for (var i = 0; i < links.length; i++) {
      var home = links[i].getAttribute("data-course-home") || links[i].getAttribute("href");
      links[i].setAttribute("data-course-home", home);
      // `home` is relative to this page (Material's `url` filter): that language's root.
      links[i].setAttribute("href", new URL(here, new URL(home, location.href)).href);
    }
  }
  // Pointed as the learner reaches for the switcher (pointer, keyboard focus, the click itself),
  // so it holds after Material's instant navigation changed the page, and on any page.
  ["pointerdown", "focusin", "click"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (!(event.target instanceof Element && event.target.closest(".md-select a[hreflang]"))) return;
      samePage();
      // The click goes no further than here, so the browser follows the link as pointed.
      // Material's own switcher handler (on <body>) would otherwise send it to the language's
      // home whenever that language's sitemap had arrived first and did not list the page
      // (without `site_url` none does): a learner on a lesson lost their place now and then.
      if (type === "click") event.stopPropagation();
    }, true);
  });
  // and once the page is there, so a link shows where it goes before anyone reaches for it
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", samePage);
  else samePage();
})();

/* Offline: a site unzipped and opened from disk (file://). There a link to a folder
   ("../day-2/") shows the folder's file listing, because no web server turns it into
   the folder's index.html; so links to folders get "index.html" added, the ones in
   the page and the ones scripts add later (the daily track's). Over http(s) nothing
   changes. Everything else works from disk as it is: answers and progress live in
   localStorage, and no page needs a request (course.json has a fallback). Search is
   the one exception, since Material's search runs in a worker that file:// forbids.
   See "Offline" in README.md; tests/test_quality_offline.py uses a zipped site. */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  var SCHEME = /^[a-z][a-z0-9+.-]*:|^\/\//i;

  function fixLink(a) {
    var href = a.getAttribute("href");
    // Relative links, and the file: links the daily track draws from its data (track.js makes them absolute).
    if (!href || (SCHEME.test(href) && !/^file:/i.test(href)) || href.charAt(0) === "#" || href.charAt(0) === "?") return;
    var cut = href.search(/[?#]/);
    var path = cut < 0 ? href : href.slice(0, cut);
    var rest = cut < 0 ? "" : href.slice(cut);
    if (/(^|\/)\.\.?$/.test(path)) path += "/";
    if (path.slice(-1) !== "/") return;
    a.setAttribute("href", path + "index.html" + rest);
  }

  function fixAll(root) {
    if (root.nodeType !== 1) return;
    if (root.matches("a[href]")) fixLink(root);
    var links = root.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) fixLink(links[i]);
  }

  function start() {
    fixAll(document.documentElement);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        if (change.type === "attributes") { if (change.target.matches("a[href]")) fixLink(change.target); }
        else for (var i = 0; i < change.addedNodes.length; i++) fixAll(change.addedNodes[i]);
      });
    }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["href"] });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
