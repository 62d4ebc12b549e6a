/* mkdocs-course: the pages that show the learner's daily track: the home page's
 * "continue", Today, Progress, My journal, the certificate and a routine's
 * tracker. Pages with a view load this file; track.js (loaded on every page,
 * before it) keeps the record, owns the notion of a day and reads the track
 * (track-data.js). Without JavaScript a view stays hidden, or shows what the page
 * put in it, and the page's plain text and lists remain.
 */
(function () {
  "use strict";
  var course = window.mkdocsCourse;
  var keyOf = course && course.key; // the one key format (render/keys.py)
  // Loaded once, however many pages instant navigation shows.
  if (!course || !course.track || course.track.draw) return;
  var store = course.store;
  var T = course.track;
  var today = T.today, stamp = T.stamp, addDays = T.addDays, between = T.between, weekday = T.weekday, isDay = T.isDay, dayText = T.dayText, plural = T.plural;
  var get = T.get, put = T.put, streakText = T.streakText, read = T.read, dayLabel = T.dayLabel;
  // The words (model/i18n.py): `t` names the track data here, so the translator is `tr`.
  var tr = course.t, trn = course.tn, parts = course.tParts;
  // Words used inside another message's parts: translated here, at the top level, because the
  // message extractor does not look inside another call's arguments (tests/model/test_i18n.py).
  var DONE = tr("done"), DONE_TICK = tr("done ✓"), PARTLY = tr("partly done"), NOT_DONE = tr("not done"), NOT_TICKED = tr("not ticked yet");
  var ITS_SCHEDULE = tr("its schedule"), YOUR_JOURNAL = tr("your journal");
  var lang = document.documentElement.lang || undefined;
  var DAY = 864e5;

  // --- Building the page ----------------------------------------------------------------------

  function h(tag, props) {
    var el = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      var v = props[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") el.textContent = v;
      else if (k === "class") el.className = v;
      else if (k === "on") el.addEventListener("click", v);
      else el.setAttribute(k, v === true ? "" : v);
    });
    (function add(items) {
      items.forEach(function (c) {
        if (Array.isArray(c)) add(c);
        else if (c !== null && c !== undefined && c !== false) el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
      });
    })(Array.prototype.slice.call(arguments, 2));
    return el;
  }
  function button(text, on, primary) { return h("button", { type: "button", class: "md-button" + (primary ? " md-button--primary" : ""), on: on }, text); }

  /** "Restore a backup file": a learner on a new device brings their record in where they first look
   * (Today before they start, My journal), not only on a worksheet. */
  function restoreButton(t, say) {
    var input = h("input", { type: "file", accept: ".json,application/json", class: "course-visually-hidden", tabindex: "-1", "aria-hidden": "true" });
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      course.importFile(file, t.course, function (result) {
        T.redraw();
        say(result.message);
      });
    });
    return [button(tr("Restore a backup file"), function () { input.value = ""; input.click(); }), input];
  }

  /** Weeks from Monday to Sunday, one cell per day from `from` to `to`; each cell says in words what its marks show. */
  function calendar(caption, from, to, cell) {
    var monday = addDays(from, -weekday(from));
    var head = h("tr", null, [0, 1, 2, 3, 4, 5, 6].map(function (i) {
      var d = new Date(stamp("2024-01-01") + i * DAY); // a Monday
      return h("th", { scope: "col" }, h("abbr", { title: d.toLocaleDateString(lang, { weekday: "long", timeZone: "UTC" }) }, d.toLocaleDateString(lang, { weekday: "short", timeZone: "UTC" })));
    }));
    var rows = [];
    for (var day = monday; day <= to; ) {
      var tr = h("tr");
      for (var i = 0; i < 7; i++, day = addDays(day, 1)) {
        if (day < from || day > to) { tr.appendChild(h("td", { class: "course-cal-off" })); continue; }
        var c = cell(day);
        tr.appendChild(h("td", { class: c.cls, title: c.words },
          h("span", { class: "course-cal-date", "aria-hidden": "true" }, day.slice(8) === "01" || day === from ? new Date(stamp(day)).toLocaleDateString(lang, { day: "numeric", month: "short", timeZone: "UTC" }) : String(+day.slice(8))),
          h("span", { class: "course-cal-mark", "aria-hidden": "true" }, c.mark),
          h("span", { class: "course-visually-hidden" }, c.words)));
      }
      rows.push(tr);
    }
    return h("div", { class: "course-cal-wrap" }, h("table", { class: "course-cal" }, h("caption", null, caption), h("thead", null, head), h("tbody", null, rows)));
  }

  /** A routine's run of days and the last four weeks, Monday to today. */
  function routineTracker(t, rec, id, now, heading) {
    var r = t.routines.filter(function (x) { return x.id === id; })[0] || { title: "Routine" };
    var days = rec.routine[id] || {};
    var done = {};
    Object.keys(days).forEach(function (d) { if (days[d] === "done") done[d] = true; });
    // The last four weeks, from Monday, but never before the learner began: days before
    // they started are not days they missed.
    var weeks = addDays(now, -21 - weekday(now));
    var from = rec.began > weeks ? rec.began : weeks;
    var count = Object.keys(done).filter(function (d) { return d >= from && d <= now; }).length;
    var length = between(from, now) + 1;
    var since = from === now ? tr("today, the day you began") : from === rec.began ? tr("%(day)s, the day you began", { day: dayText(from) }) : dayText(from);
    return h("div", { class: "course-routine-track" },
      heading === true ? h("h3", null, h("a", { href: r.url }, r.title)) : heading ? h("h2", null, heading) : null,
      h("p", null, tr("Days in a row: %(streak)s.", { streak: streakText(done, now) }) + " " + trn("Done on %(count)s of 1 day since %(since)s.", "Done on %(count)s of the %(num)d days since %(since)s.", length, { count: count, since: since })),
      calendar(from === weeks ? tr("%(routine)s: the last four weeks", { routine: r.title }) : tr("%(routine)s: since you began", { routine: r.title }), from, now, function (day) {
        var s = days[day];
        return { cls: (s ? "course-cal-" + s : "") + (day === now ? " course-cal-now" : ""), mark: s === "done" ? "✓" : s ? "◐" : "", words: tr("%(day)s: %(state)s", { day: dayText(day), state: s === "done" ? DONE : s ? PARTLY : NOT_DONE }) + (day === now ? " " + tr("(today)") : "") };
      }));
  }

  // --- Views ----------------------------------------------------------------------------------

  var views = {};

  /** The lessons marked done today: the day's lesson is done, whatever the plan says. */
  function doneToday(rec) {
    var now = T.today();
    return rec.plan.lessons.filter(function (x) { return x.done === now; });
  }

  /** The main way on: "Continue: Day 4: ..." once begun, the certificate once done. Once a lesson
   * is done today it stays quiet ("Next: ..."): one a day is the pace the course asks for. */
  function goButton(rec) {
    var p = rec.plan;
    var go = p.go;
    if (!go) return h("a", { class: "md-button md-button--primary", href: shared.pages.certificate }, tr("You have done every lesson: your certificate"));
    var begun = Object.keys(rec.done).length > 0;
    var rested = doneToday(rec).length > 0;
    var text = p.started && p.first > T.today() && !begun ? tr("Starts %(day)s · %(lesson)s", { day: dayText(p.first), lesson: dayLabel(go) })
      : rested ? tr("Next: %(lesson)s", { lesson: dayLabel(go) }) : begun ? tr("Continue with %(lesson)s", { lesson: dayLabel(go) }) : tr("Start with %(lesson)s", { lesson: dayLabel(go) });
    var main = h("a", { class: "md-button course-go" + (rested ? "" : " md-button--primary"), href: go.l.url }, text);
    // A group's lesson of the day, second, when the learner is elsewhere in the course: their group
    // meets on its dates. On their own, a learner behind the plan has one way on (and Today's catch-up).
    var own = rec.cohort && !rested && p.today && !p.today.done && p.today !== go ? h("a", { class: "md-button", href: p.today.l.url }, tr("Your group today · %(lesson)s", { lesson: dayLabel(p.today) })) : null;
    return own ? [main, " ", own] : main;
  }

  views.home = function (t, rec, now) {
    var p = rec.plan;
    var done = t.lessons.length - p.open.length;
    if (!p.started && !done) return null; // keep the page's own "Start with day 1"
    return [
      h("p", { class: "course-start" }, goButton(rec)),
      h("p", { class: "course-meta" }, tr("%(done)s of %(total)s lessons done · days in a row: %(streak)s", { done: done, total: t.lessons.length, streak: streakText(rec.active, now, true) }) + " · ",
        h("a", { href: t.pages.today }, tr("Today")), " · ", h("a", { href: t.pages.progress }, tr("Progress"))),
    ];
  };

  views.today = function (t, rec, now, act, say) {
    var p = rec.plan;
    var out = [];
    if (!p.started) {
      var input = h("input", { type: "date", id: "course-start-date", value: now });
      return [
        h("h2", { tabindex: "-1" }, tr("Start the course")),
        h("p", null, tr("One short lesson a day, %(lessons)s in all. Start today, or choose the day you will begin: this page will then show each day's lesson. You can change the date at any time.", { lessons: plural(t.lessons.length, "lesson") })),
        h("p", { class: "course-track-actions" }, button(tr("Start today"), act(function () {
          if (!put("progress", keyOf(t.course, "start"), now)) return null;
          return tr("Your track starts today: day 1 is today's lesson.");
        }), true)),
        h("p", { class: "course-track-actions" }, h("label", { for: "course-start-date" }, tr("Or start on")), " ", input, " ", button(tr("Start on this date"), act(function () {
          if (!isDay(input.value)) return tr("Choose a date first.");
          if (!put("progress", keyOf(t.course, "start"), input.value)) return null;
          return tr("Your track starts on %(day)s.", { day: dayText(input.value, true) });
        }))),
        t.cohorts.length ? h("p", null, parts("Taking the course with a group? Follow your group's dates from %(schedule)s, and this page follows them too.", { schedule: h("a", { href: t.pages.cohorts }, ITS_SCHEDULE) })) : null,
        h("p", { class: "course-track-actions" }, tr("Began on another device or browser?"), " ", restoreButton(t, say)),
      ];
    }
    out.push(h("p", { class: "course-start" }, goButton(rec)));
    if (rec.cohort) out.push(h("p", { class: "course-meta" }, parts("You follow the dates of %(group)s.", { group: h("a", { href: rec.cohort.url }, rec.cohort.name) })));
    var rested = doneToday(rec);
    if (!p.next) {
      out.push(h("h2", { tabindex: "-1" }, tr("You have done every lesson")), h("p", null, parts("Well done. %(certificate)s is ready, and %(journal)s holds everything you wrote.", { certificate: h("a", { href: t.pages.certificate }, tr("Your certificate")), journal: h("a", { href: t.pages.journal }, YOUR_JOURNAL) })));
    } else if (rested.length) {
      // Done for today: said first, and the next lesson offered for tomorrow, not pressed on the learner.
      var last = rested[rested.length - 1];
      out.push(h("h2", { tabindex: "-1" }, tr("Done for today ✓")),
        h("p", null, parts("You finished %(done)s today. Next is %(next)s: it is ready tomorrow, or now if you have time.", { done: dayLabel(last), next: h("a", { href: p.go.l.url }, dayLabel(p.go)) })));
    } else if (now < p.first) {
      out.push(h("h2", { tabindex: "-1" }, tr("Your course starts on %(day)s", { day: dayText(p.first, true) })),
        h("p", null, parts("That is in %(days)s. Day 1 is ready whenever you are: %(lesson)s.", { days: plural(between(now, p.first), "day"), lesson: h("a", { href: p.lessons[0].l.url }, dayLabel(p.lessons[0])) })));
    } else if (p.today && p.today === p.go) {
      var mod = t.modules.filter(function (m) { return m.id === p.today.l.module; })[0];
      out.push(h("h2", { tabindex: "-1" }, h("a", { href: p.today.l.url }, dayLabel(p.today))),
        h("p", { class: "course-meta" }, plural(p.today.l.minutes, "minute") + (mod ? " · " + mod.title : "")));
    } else if (rec.cohort && !p.today && now <= p.last && p.coming) {
      out.push(h("h2", { tabindex: "-1" }, tr("No lesson today")), h("p", null, parts("Your group's next lesson is %(lesson)s, on %(day)s.", { lesson: h("a", { href: p.coming.l.url }, dayLabel(p.coming)), day: dayText(p.coming.date, true) })));
    } else {
      out.push(h("h2", { tabindex: "-1" }, parts("Next for you: %(lesson)s", { lesson: h("a", { href: p.go.l.url }, dayLabel(p.go)) })));
    }
    // Catching up: said kindly, once, with one way forward.
    // Not on a day a lesson is already done: no need to hear it again then.
    var behind = p.missed.filter(function (x) { return x !== p.today; });
    if (behind.length && p.next && !rested.length) {
      var first = behind[0];
      out.push(h("div", { class: "course-catch-up" },
        h("h3", null, tr("Catching up")),
        h("p", null, behind.length === 1
          ? parts("One earlier lesson is still open: %(lesson)s. No rush, and no need to do two a day: a break is part of learning.", { lesson: h("a", { href: first.l.url }, dayLabel(first)) })
          : parts("%(n)s earlier lessons are still open, starting with %(lesson)s. No rush, and no need to do two a day: a break is part of learning.", { n: String(behind.length), lesson: h("a", { href: first.l.url }, dayLabel(first)) })),
        rec.cohort
          ? h("p", null, tr("Your group keeps its dates; take the open lessons at your own pace, and bring questions to the next group session."))
          : h("p", null, button(tr("Pick up from day %(day)s today", { day: first.l.day }), act(function () {
            if (!put("progress", keyOf(t.course, "start"), addDays(now, 1 - first.l.day))) return null;
            return tr("Day %(day)s is now today's lesson; the ones after it follow one a day.", { day: first.l.day });
          }), true), " ", h("span", { class: "course-meta" }, tr("Your plan moves so that day %(day)s is today.", { day: first.l.day })))));
    }
    // A few things from earlier days to bring back (review.js, loaded by Today).
    if (course.review) out.push(course.review.section(t, rec, now));
    // Today's routine is the one of the lesson the learner is on: the one done today, else the next
    // (the calendar's lesson may be another, with another routine, for a learner behind the plan).
    var routineId = (rested[rested.length - 1] || p.go || p.today || p.lessons[p.lessons.length - 1]).l.routine;
    var r = t.routines.filter(function (x) { return x.id === routineId; })[0];
    if (r) {
      var ticks = (rec.routine[r.id] || {})[now];
      out.push(h("p", null, parts("Today's routine: %(routine)s (%(minutes)s): %(state)s.", { routine: h("a", { href: r.url }, r.title), minutes: plural(r.minutes, "minute"), state: ticks === "done" ? DONE_TICK : ticks ? PARTLY : NOT_TICKED })),
        h("p", null, tr("Days in a row: %(streak)s.", { streak: streakText(rec.active, now) }) + " " + tr("A day counts when you finish a lesson or your routine.")));
    }
    out.push(reminder(t, rec, now));
    // A note for today, gathered in the journal.
    var noteKey = keyOf(t.course, "note", now);
    var note = h("textarea", { id: "course-today-note", rows: "3" });
    note.value = typeof get("journal", noteKey) === "string" ? get("journal", noteKey) : "";
    var noteSaved = h("p", { class: "course-unsaved", hidden: true });
    note.addEventListener("input", function () {
      var ok = put("journal", noteKey, note.value);
      noteSaved.hidden = ok;
      if (!ok) noteSaved.textContent = course.notSaved();
    });
    out.push(h("div", { class: "course-field course-field-long-text" }, h("label", { for: "course-today-note" }, tr("A note for today")), h("span", { class: "course-help" }, tr("Anything on your mind. It is saved as you type and gathered in your journal.")), note, noteSaved));
    var date = h("input", { type: "date", id: "course-restart-date", value: rec.start || now });
    out.push(h("details", { class: "course-track-change" }, h("summary", null, tr("Change your plan")),
      rec.cohort
        ? h("p", null, button(tr("Stop following %(group)s", { group: rec.cohort.name }), act(function () {
          if (!put("progress", keyOf(t.course, "cohort"), null)) return null;
          return tr("You no longer follow a group's dates. Lessons you marked done stay done.");
        })))
        : [h("p", { class: "course-track-actions" }, h("label", { for: "course-restart-date" }, tr("Day 1 is on")), " ", date, " ", button(tr("Save the date"), act(function () {
          if (!isDay(date.value)) return tr("Choose a date first.");
          if (!put("progress", keyOf(t.course, "start"), date.value)) return null;
          return tr("Your track now starts on %(day)s.", { day: dayText(date.value, true) });
        }))), h("p", null, button(tr("Clear my plan"), act(function () {
          if (!put("progress", keyOf(t.course, "start"), null)) return null;
          return tr("Your plan is cleared. Lessons you marked done stay done.");
        })))]));
    return out;
  };

  // --- A reminder in the learner's own calendar ------------------------------------------------
  // A static site cannot send a message, but a calendar can remind: an iCalendar file
  // (RFC 5545) of the learner's own plan, made here from their dates and nothing else,
  // with one event per lesson day still to come at the time they choose, each with an
  // alarm. Times are written in UTC, worked out for each day by the browser's own time
  // zone rules, so the reminder stays at 7:30 when the clocks change mid-course.

  var REMINDER_TIME = "course-reminder-time";

  /** Text for an iCalendar value: backslash, semicolon, comma and line breaks escaped. */
  function icsText(text) {
    return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
  }

  /** One content line, folded at 75 octets as RFC 5545 asks (never inside a UTF-8 character). */
  function icsLine(line) {
    var out = [], part = "", size = 0, limit = 75;
    Array.from(line).forEach(function (ch) {
      var octets = unescape(encodeURIComponent(ch)).length;
      if (size + octets > limit) {
        out.push(part);
        part = " ";
        size = 1;
        limit = 75;
      }
      part += ch;
      size += octets;
    });
    out.push(part);
    return out.join("\r\n");
  }

  function icsStamp(date) {
    return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  }

  /** The days a reminder is for: each lesson still open, from the one the learner is on, on its
   * day in their plan (their group's date, for a cohort), or, for a learner on their own who is
   * behind it, one a day from today; never at a time already past. A learner behind their plan was
   * offered reminders for the plan's days, some already gone. */
  function reminderDays(rec, now, time) {
    var p = rec.plan;
    var clock = new Date();
    var passed = time <= ("0" + clock.getHours()).slice(-2) + ":" + ("0" + clock.getMinutes()).slice(-2);
    var first = passed ? addDays(now, 1) : now;
    var from = p.go ? p.lessons.indexOf(p.go) : p.lessons.length;
    return p.lessons.slice(from).filter(function (x) { return !x.done; }).map(function (x, i) {
      var date = rec.cohort ? x.date : x.date && x.date > addDays(first, i) ? x.date : addDays(first, i);
      return { x: x, date: date };
    }).filter(function (day) { return day.date && day.date >= first; });
  }

  /** The calendar of the learner's reminder `days` (reminderDays), at `time` ("HH:MM") where they are. */
  function reminderCalendar(t, days, time) {
    var host = /^https?:$/.test(location.protocol) ? location.host : "mkdocs-course.invalid";
    var made = icsStamp(new Date());
    var hm = time.split(":");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//mkdocs-course//daily track//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
      "X-WR-CALNAME:" + icsText(tr("%(course)s: your daily lessons", { course: t.title }))];
    days.forEach(function (day) {
      var x = day.x;
      var start = new Date(+day.date.slice(0, 4), +day.date.slice(5, 7) - 1, +day.date.slice(8, 10), +hm[0], +hm[1]);
      var title = dayLabel(x);
      lines.push("BEGIN:VEVENT",
        // Stable per lesson: a calendar that imports the file again updates the day, not adds one.
        "UID:" + t.course + "." + x.l.id + "@" + host,
        "DTSTAMP:" + made,
        "DTSTART:" + icsStamp(start),
        "DURATION:PT" + x.l.minutes + "M",
        "SUMMARY:" + icsText(title),
        "DESCRIPTION:" + icsText(plural(x.l.minutes, "minute") + ". " + x.l.url),
        /^https?:/.test(x.l.url) ? "URL:" + x.l.url : null,
        "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + icsText(title), "TRIGGER:PT0S", "END:VALARM",
        "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.filter(function (l) { return l !== null; }).map(icsLine).join("\r\n") + "\r\n";
  }

  function reminder(t, rec, now) {
    var saved = get("progress", keyOf(t.course, "reminder"));
    var time = h("input", { type: "time", id: REMINDER_TIME, value: typeof saved === "string" && /^\d{2}:\d{2}$/.test(saved) ? saved : "08:00", required: true });
    var left = reminderDays(rec, now, time.value);
    if (!left.length) return null;
    var status = h("p", { class: "course-track-note", role: "status" });
    return h("details", { class: "course-reminder" }, h("summary", null, tr("Get a daily reminder in your calendar")),
      h("p", null, (rec.cohort
        ? tr("A calendar file with a reminder for each of your %(lessons)s still open, on your group's dates, from %(first)s to %(last)s.", { lessons: plural(left.length, "lesson"), first: dayText(left[0].date), last: dayText(left[left.length - 1].date) })
        : tr("A calendar file with a reminder for each of your %(lessons)s still open, one a day, from %(first)s to %(last)s.", { lessons: plural(left.length, "lesson"), first: dayText(left[0].date), last: dayText(left[left.length - 1].date) }))
        + " " + tr("Open it with your calendar app. It is made in this browser from your plan; nothing is sent anywhere. Changed your plan, or missed a few days? Download it again and your calendar updates the days.")),
      h("p", { class: "course-track-actions" }, h("label", { for: REMINDER_TIME }, tr("Remind me at")), " ", time, " ", button(tr("Download the calendar file"), function () {
        if (!/^\d{2}:\d{2}$/.test(time.value)) { status.textContent = tr("Choose a time first."); return; }
        put("progress", keyOf(t.course, "reminder"), time.value);
        var now = today(), days = reminderDays(read(t, now), now, time.value);
        course.download(t.course + "-reminders.ics", reminderCalendar(t, days, time.value), "text/calendar");
        status.textContent = tr("Your calendar file was saved: open it to add %(reminders)s at %(time)s.", { reminders: plural(days.length, "reminder"), time: time.value });
      })), status);
  }

  /** A module's self-checks (choice and multiple; a scenario or recall has no right answer):
      how many the learner got right the first time of those answered (checks.js keeps `first`).
      No score, no percentage: a count of what stuck, and how many are still to try. */
  function checksText(t, mine) {
    var answered = 0, right = 0, total = 0;
    mine.forEach(function (x) {
      (x.l.checks || []).forEach(function (c) {
        if (c.kind !== "choice" && c.kind !== "multiple") return;
        total++;
        var v = get("checks", keyOf(t.course, "lesson", x.l.id, c.id));
        if (v && typeof v.first === "boolean") {
          answered++;
          if (v.first) right++;
        }
      });
    });
    if (!total) return "";
    if (!answered) return " · " + tr("%(checks)s to try", { checks: plural(total, "self-check") });
    return " · " + (answered < total
      ? tr("self-checks: %(right)s of %(answered)s right first time, %(left)s to try", { right: right, answered: answered, left: total - answered })
      : tr("self-checks: %(right)s of %(answered)s right first time", { right: right, answered: answered }));
  }

  views.progress = function (t, rec, now) {
    var p = rec.plan;
    var done = t.lessons.length - p.open.length;
    // A count for each module of the page's own lists (track.js marks each lesson in them).
    t.modules.forEach(function (m) {
      var el = document.querySelector('[data-course-module-count="' + m.id + '"]');
      var mine = p.lessons.filter(function (x) { return x.l.module === m.id; });
      if (el) el.textContent = "· " + tr("%(done)s of %(total)s done", { done: mine.filter(function (x) { return x.done; }).length, total: mine.length });
    });
    var days = Object.keys(rec.active).sort();
    var from = p.started ? (days[0] && days[0] < p.first ? days[0] : p.first) : days[0];
    var to = p.started ? (p.last > now ? p.last : now) : now;
    var byDate = {};
    p.lessons.forEach(function (x) { if (x.on) (byDate[x.on] = byDate[x.on] || []).push(x); });
    // The routines the learner has reached: a tracker of one the course has not brought in yet says
    // "done on 0 of 3 days" for days it was never asked for.
    var reached = p.go ? p.lessons.slice(0, p.lessons.indexOf(p.go) + 1) : p.lessons;
    var used = t.routines.filter(function (r) { return reached.some(function (x) { return x.l.routine === r.id; }); });
    return [
      h("p", { class: "course-track-summary" }, h("strong", null, tr("%(done)s of %(total)s lessons done.", { done: done, total: t.lessons.length })), " ",
        p.next ? parts("Next: %(lesson)s.", { lesson: h("a", { href: p.next.l.url }, dayLabel(p.next)) }) : parts("Every lesson is done: %(certificate)s is ready.", { certificate: h("a", { href: t.pages.certificate }, tr("your certificate")) })),
      h("p", null, h("strong", null, tr("Days in a row:")), " ", tr("%(streak)s. A day counts when you finish a lesson or your daily routine.", { streak: streakText(rec.active, now) })),
      h("div", { class: "course-progress-modules" }, t.modules.map(function (m) {
        var mine = p.lessons.filter(function (x) { return x.l.module === m.id; });
        var n = mine.filter(function (x) { return x.done; }).length;
        return h("p", null, h("a", { href: m.url }, m.title), " ", h("progress", { max: mine.length || 1, value: n, "aria-hidden": "true" }), " ",
          h("span", { class: "course-progress-count" }, tr("%(done)s of %(total)s", { done: n, total: mine.length }) + checksText(t, mine)));
      })),
      h("h2", null, tr("Your track")),
      from
        ? calendar(tr("Your track, week by week"), from, to, function (day) {
          var lessons = byDate[day] || [];
          var x = lessons[0];
          var state = !x ? "" : x.done ? "done" : day < now ? "open" : day === now ? "today" : "later";
          var what = !x ? tr("no lesson") : x.done ? tr("%(lesson)s, done", { lesson: dayLabel(x) }) : state === "open" ? tr("%(lesson)s, still open", { lesson: dayLabel(x) }) : state === "today" ? tr("%(lesson)s, today's lesson", { lesson: dayLabel(x) }) : dayLabel(x);
          var words = (rec.active[day] ? tr("%(day)s: %(what)s; you were active.", { day: dayText(day, true), what: what }) : tr("%(day)s: %(what)s.", { day: dayText(day, true), what: what }));
          return { cls: (x ? "course-cal-lesson course-cal-" + state : "") + (rec.active[day] ? " course-cal-active" : "") + (day === now ? " course-cal-now" : ""), mark: x ? x.l.day + (x.done ? "\u2009✓" : "") : "", words: words };
        })
        : h("p", null, parts("Choose a start date on %(today)s to see your track as a calendar.", { today: h("a", { href: t.pages.today }, tr("Today")) })),
      from ? h("p", { class: "course-cal-legend" }, tr("In each day: the lesson you did that day, with ✓, or the lesson planned for it. A dot marks a day you finished a lesson or your routine, a dashed box a lesson still open, a thick outline today.")) : null,
      h("h2", null, tr("Daily routine")),
      used.map(function (r) { return routineTracker(t, rec, r.id, now, used.length > 1); }),
    ];
  };

  views.certificate = function (t, rec, now, act) {
    var p = rec.plan;
    if (p.next) {
      return [h("h2", { tabindex: "-1" }, tr("Not yet: %(done)s of %(total)s lessons done", { done: t.lessons.length - p.open.length, total: t.lessons.length })),
        h("p", null, parts("Your certificate is ready when every lesson is done. Next: %(lesson)s.", { lesson: h("a", { href: p.next.l.url }, dayLabel(p.next)) })),
        h("p", null, tr("You issue it yourself, from your own record in this browser: there is no test, and nobody else sees it."))];
    }
    var days = Object.keys(rec.done).map(function (id) { return rec.done[id]; }).sort();
    var name = h("input", { type: "text", id: "course-certificate-name", autocomplete: "name" });
    name.value = typeof rec.name === "string" ? rec.name : "";
    var shown = h("p", { class: "course-certificate-name" }, name.value);
    name.addEventListener("input", function () {
      shown.textContent = name.value;
      put("progress", keyOf(t.course, "name"), name.value.trim() ? name.value : null);
    });
    return [
      h("div", { class: "course-certificate-form" },
        h("div", { class: "course-field course-field-text" }, h("label", { for: "course-certificate-name" }, tr("Your name, as it should appear")), name),
        h("p", null, button(tr("Print the certificate"), function () { window.print(); }, true)),
        h("p", { class: "course-meta" }, tr("It prints on one sheet, across the page: A4 or US Letter."))),
      h("div", { class: "course-certificate" },
        h("p", { class: "course-certificate-kicker" }, tr("Certificate of completion")),
        h("p", null, tr("This certifies that")),
        shown,
        h("p", null, tr("has completed every lesson of")),
        h("p", { class: "course-certificate-course" }, t.title),
        h("p", null, days[0] === days[days.length - 1]
          ? tr("%(lessons)s in %(modules)s, on %(day)s.", { lessons: plural(t.lessons.length, "daily lesson"), modules: plural(t.modules.length, "module"), day: dayText(days[0], true) })
          : tr("%(lessons)s in %(modules)s, from %(first)s to %(last)s.", { lessons: plural(t.lessons.length, "daily lesson"), modules: plural(t.modules.length, "module"), first: dayText(days[0], true), last: dayText(days[days.length - 1], true) })),
        h("p", { class: "course-certificate-note" }, tr("Self-issued on %(day)s from the learner's own record of the course.", { day: dayText(now, true) }))),
    ];
  };

  views.journal = function (t, rec, now, act, say) {
    var any = false;
    var answers = {}, checks = {};
    try {
      var all = store.all(t.course);
      answers = all.answers || {};
      checks = all.checks || {};
    } catch (e) { /* nothing to show */ }
    /** The answer an entry shows: a field's or a reflection's, or a self-check's (checkText). */
    function answerOf(entry) {
      var key = entry.getAttribute("data-course-journal-key");
      if (entry.getAttribute("data-course-journal-section") !== "checks") return answers[key];
      var c = checks[key];
      var text = c && c.value && typeof c.value === "object" ? checkText(c.value, entry) : null;
      return text ? { value: text } : null;
    }
    document.querySelectorAll("[data-course-journal-part]").forEach(function (part) {
      var shown = 0;
      part.querySelectorAll(".course-journal-group").forEach(function (group) {
        var n = 0;
        group.querySelectorAll("[data-course-journal-key]").forEach(function (entry) {
          var a = answerOf(entry);
          var node = a ? answerNode(a.value, entry) : null;
          var box = entry.querySelector(".course-journal-answer");
          box.textContent = "";
          if (node) box.appendChild(node);
          entry.hidden = !node;
          if (node) n++;
        });
        group.hidden = !n;
        shown += n;
      });
      part.hidden = !shown;
      any = any || !!shown;
    });
    var notes = document.querySelector("[data-course-journal-notes]");
    if (notes) {
      notes.querySelectorAll(".course-journal-entry").forEach(function (el) { el.remove(); });
      Object.keys(rec.notes).sort().forEach(function (key) {
        var m = /\/note\/(\d{4}-\d{2}-\d{2})$/.exec(key);
        var text = rec.notes[key].value;
        if (!m || typeof text !== "string" || !text.trim()) return;
        notes.appendChild(h("div", { class: "course-journal-entry", "data-course-type": "long_text", "data-course-note": m[1] },
          h("h3", { class: "course-journal-question" }, dayText(m[1], true)), h("div", { class: "course-journal-answer" }, h("p", { class: "course-journal-text" }, text))));
      });
      notes.hidden = !notes.querySelector(".course-journal-entry");
      any = any || !notes.hidden;
    }
    // Answers the course no longer asks for: a lesson, worksheet or field gone (or renamed without
    // `renamed_from`), and answers kept because they no longer fit their field. Never dropped.
    var earlier = document.querySelector("[data-course-journal-earlier]");
    if (earlier) {
      earlier.querySelectorAll(".course-journal-entry").forEach(function (el) { el.remove(); });
      var asked = {};
      document.querySelectorAll("[data-course-journal-key]").forEach(function (el) { asked[el.getAttribute("data-course-journal-key")] = true; });
      var kept = [];
      Object.keys(answers).sort().forEach(function (key) {
        if (!asked[key] && !course.isFacilitatorKey(key) && course.answered(answers[key].value)) kept.push([key, answers[key]]);
      });
      Object.keys(rec.earlier).sort().forEach(function (key) {
        course.earlierAnswers(key).forEach(function (r) { kept.push([key, r]); });
      });
      kept.forEach(function (item) {
        earlier.appendChild(h("div", { class: "course-journal-entry", "data-course-earlier-key": item[0] },
          h("h3", { class: "course-journal-question" }, tr("%(where)s, saved %(day)s", { where: item[0].slice(t.course.length + 1).replace(/\//g, " · "), day: dayText(item[1].modified.slice(0, 10), true) })),
          h("div", { class: "course-journal-answer" }, h("p", { class: "course-journal-text" }, course.plainAnswer(item[1].value)))));
      });
      earlier.hidden = !kept.length;
      any = any || !earlier.hidden;
    }
    var kept = h("p", { class: "course-journal-kept" });
    course.storageKept().then(function (yes) {
      if (yes === null) return kept.remove();
      kept.textContent = yes ? tr("This browser keeps your answers until you clear its data for this site yourself.")
        : tr("This browser may clear your answers if the device runs low on space. Save a backup file from time to time, or ask the browser to keep them:") + " ";
      if (!yes) kept.appendChild(button(tr("Ask the browser to keep them"), function () {
        navigator.storage.persist().then(function (granted) {
          kept.textContent = granted ? tr("This browser now keeps your answers until you clear its data for this site yourself.") : tr("This browser did not agree to keep them for sure. Save a backup file from time to time.");
        });
      }));
    });
    return [
      h("p", null, any ? tr("Everything you have written in this course, in course order: each day's reflection and the worksheets where you first met them. It is kept in this browser only.")
        : tr("Nothing written yet. Your reflections, worksheets and daily notes appear here as you write them, in course order.")),
      course.backupDue(t.course) ? h("p", { class: "course-backup-due" }, tr("You have written answers for more than a week without saving a copy. A backup file keeps them safe if this browser's data is ever cleared.")) : null,
      any ? h("p", { class: "course-track-actions" }, button(tr("Print my journal"), function () { window.print(); }, true), " ", button(tr("Save as Markdown"), function () {
        course.download(t.course + "-journal-" + now + ".md", journalMarkdown(t, now), "text/markdown");
        say(tr("Your journal was saved as a Markdown file."));
      }), " ", button(tr("Save a backup file"), act(function () {
        // Drawn again, so the reminder to save a copy goes with the copy saved.
        return course.saveBackup({ id: t.course, title: t.title });
      })), " ", restoreButton(t, say)) : h("p", { class: "course-track-actions" }, tr("Wrote in this course on another device or browser?"), " ", restoreButton(t, say)),
      kept,
    ];
  };

  /** A self-check's record in words: a recall's own answer; what was picked in the others, and how a
   * choice or multiple went, with no score ("Right the first time", "Right on the 3rd try"). */
  function checkText(v, entry) {
    if (typeof v.text === "string") return v.text.trim() ? v.text : null;
    var kind = entry.getAttribute("data-course-check-kind");
    var options = JSON.parse(entry.getAttribute("data-course-options") || "[]");
    var picked = (Array.isArray(v.picked) ? v.picked : []).filter(function (n) { return typeof n === "number" && options[n] !== undefined; })
      .map(function (n) { return options[n]; });
    if (!picked.length) return null;
    if (kind === "scenario") return tr("You chose: %(picked)s.", { picked: picked.join("; ") });
    var how = v.right ? (v.first ? tr("Right the first time.") : v.tries > 1 ? tr("Right after %(n)s tries.", { n: v.tries }) : tr("Right after another try."))
      : v.revealed ? tr("You looked at the answers.") : tr("Not right yet: worth another try.");
    return tr("You picked: %(picked)s.", { picked: picked.join("; ") }) + " " + how;
  }

  /** An answer as HTML, or null when there is nothing in it. */
  function answerNode(v, entry) {
    var type = entry.getAttribute("data-course-type");
    if (v === null || v === undefined || v === "") return null;
    if (typeof v === "string") return h("p", { class: "course-journal-text" }, type === "date" && isDay(v) ? dayText(v, true) : v);
    if (typeof v === "number") return h("p", null, type === "scale" ? v + " of 5" : String(v));
    if (typeof v === "boolean") return h("p", null, v ? "Yes" : "No");
    if (!Array.isArray(v)) return null;
    if (v.every(function (x) { return typeof x === "string"; })) {
      var items = v.map(function (x, i) { return x ? h("li", { value: type === "list" ? i + 1 : null }, x) : null; }).filter(Boolean);
      return items.length ? h(type === "list" ? "ol" : "ul", null, items) : null;
    }
    var table = course.tableRows(v, JSON.parse(entry.getAttribute("data-course-columns") || "[]"));
    if (!table.rows.length) return null;
    return h("div", { class: "course-journal-table-wrap" }, h("table", { class: "course-journal-table" },
      h("thead", null, h("tr", null, table.columns.map(function (c) { return h("th", { scope: "col" }, c.label); }))),
      h("tbody", null, table.rows.map(function (cells) { return h("tr", null, cells.map(function (text) { return h("td", null, text); })); }))));
  }

  /** The journal as Markdown, from what the page shows: the same order, the same words. */
  function journalMarkdown(t, now) {
    var out = ["# " + tr("%(course)s: my journal", { course: t.title }), "", tr("Saved on %(day)s from this browser.", { day: dayText(now, true) }), ""];
    var answers = store.all(t.course).answers || {};
    document.querySelectorAll("[data-course-journal-part]:not([hidden]), [data-course-journal-notes]:not([hidden]), [data-course-journal-earlier]:not([hidden])").forEach(function (part) {
      out.push("## " + part.querySelector("h2").textContent.trim(), "");
      part.querySelectorAll(".course-journal-sheet:not([hidden]) > h3, .course-journal-entry:not([hidden])").forEach(function (el) {
        if (el.tagName === "H3") return out.push("### " + el.textContent.trim(), "");
        var q = el.querySelector(".course-journal-question");
        var key = el.getAttribute("data-course-journal-key");
        var field = { type: el.getAttribute("data-course-type"), columns: JSON.parse(el.getAttribute("data-course-columns") || "null") };
        // A field's answer from the record (its type formats it); a note's or a self-check's as the page shows it.
        var fromPage = !key || el.getAttribute("data-course-journal-section") === "checks";
        var value = fromPage ? el.querySelector(".course-journal-answer").textContent : (answers[key] || {}).value;
        out.push((q.tagName === "H4" ? "#### " : "### ") + q.textContent.trim(), "", course.formatAnswer(value, field), "");
      });
    });
    return out.join("\n").replace(/\n{3,}/g, "\n\n").trim() + "\n";
  }

  var shared;
  function draw(focus) {
    var now = today();
    shared = T.data();
    if (!shared) return;
    document.querySelectorAll("[data-course-view]").forEach(function (view) {
      var draw1 = views[view.getAttribute("data-course-view")];
      var t = shared;
      function say(text) { view.querySelector(".course-track-status").textContent = text; }
      // An action's handler returns what to say, or null when its record could not be saved.
      function act(fn) {
        return function () {
          var text = fn();
          T.redraw(view);
          say(text === null ? course.notSaved() : text);
        };
      }
      var nodes = draw1 && draw1(t, read(t, now), now, act, say);
      if (!nodes) return;
      var body = h("div", { class: "course-track-body" }, nodes);
      var old = view.querySelector(".course-track-body");
      if (old) {
        old.replaceWith(body);
      } else {
        view.textContent = "";
        view.appendChild(h("p", { class: "course-track-status", role: "status" }));
        view.appendChild(body);
      }
      view.hidden = false;
      // The button pressed was redrawn away: keyboard users continue from the view's heading.
      if (focus === view) (body.querySelector("h2[tabindex]") || view.querySelector(".course-track-status")).focus();
    });
    document.querySelectorAll("[data-course-routine-tracker]").forEach(function (el) {
      var key = course.keyParts(el.getAttribute("data-course-routine-tracker")); // <course>, "routine", <routine id>
      el.textContent = "";
      el.appendChild(routineTracker(shared, read(shared, now), key[2], now, tr("Your days")));
      el.hidden = false;
    });
    document.querySelectorAll("[data-course-nojs]").forEach(function (el) { el.hidden = true; });
  }

  T.draw = draw;
  // For the parts of a view drawn by other scripts (review.js).
  T.h = h;
  T.button = button;
  course.onPage(function () { T.redraw(); });
})();
