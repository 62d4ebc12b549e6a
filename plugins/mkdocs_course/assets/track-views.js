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
    return [button("Restore a backup file", function () { input.value = ""; input.click(); }), input];
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
    var since = from === now ? "today, the day you began" : from === rec.began ? dayText(from) + ", the day you began" : dayText(from);
    return h("div", { class: "course-routine-track" },
      heading === true ? h("h3", null, h("a", { href: r.url }, r.title)) : heading ? h("h2", null, heading) : null,
      h("p", null, "Days in a row: " + streakText(done, now) + ". Done on " + count + " of " + (length === 1 ? "1 day" : "the " + length + " days") + " since " + since + "."),
      calendar(r.title + (from === weeks ? ": the last four weeks" : ": since you began"), from, now, function (day) {
        var s = days[day];
        return { cls: (s ? "course-cal-" + s : "") + (day === now ? " course-cal-now" : ""), mark: s === "done" ? "✓" : s ? "◐" : "", words: dayText(day) + ": " + (s === "done" ? "done" : s ? "partly done" : "not done") + (day === now ? " (today)" : "") };
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
    if (!go) return h("a", { class: "md-button md-button--primary", href: shared.pages.certificate }, "You have done every lesson: your certificate");
    var begun = Object.keys(rec.done).length > 0;
    var rested = doneToday(rec).length > 0;
    var text = p.started && p.first > T.today() && !begun ? "Starts " + dayText(p.first) + " · " + dayLabel(go)
      : (rested ? "Next: " : begun ? "Continue with " : "Start with ") + dayLabel(go);
    var main = h("a", { class: "md-button course-go" + (rested ? "" : " md-button--primary"), href: go.l.url }, text);
    // A group's lesson of the day, second, when the learner is elsewhere in the course: their group
    // meets on its dates. On their own, a learner behind the plan has one way on (and Today's catch-up).
    var own = rec.cohort && !rested && p.today && !p.today.done && p.today !== go ? h("a", { class: "md-button", href: p.today.l.url }, "Your group today · " + dayLabel(p.today)) : null;
    return own ? [main, " ", own] : main;
  }

  views.home = function (t, rec, now) {
    var p = rec.plan;
    var done = t.lessons.length - p.open.length;
    if (!p.started && !done) return null; // keep the page's own "Start with day 1"
    return [
      h("p", { class: "course-start" }, goButton(rec)),
      h("p", { class: "course-meta" }, done + " of " + t.lessons.length + " lessons done · days in a row: " + streakText(rec.active, now, true) + " · ",
        h("a", { href: t.pages.today }, "Today"), " · ", h("a", { href: t.pages.progress }, "Progress")),
    ];
  };

  views.today = function (t, rec, now, act, say) {
    var p = rec.plan;
    var out = [];
    if (!p.started) {
      var input = h("input", { type: "date", id: "course-start-date", value: now });
      return [
        h("h2", { tabindex: "-1" }, "Start the course"),
        h("p", null, "One short lesson a day, " + plural(t.lessons.length, "lesson") + " in all. Start today, or choose the day you will begin: this page will then show each day's lesson. You can change the date at any time."),
        h("p", { class: "course-track-actions" }, button("Start today", act(function () {
          if (!put("progress", keyOf(t.course, "start"), now)) return null;
          return "Your track starts today: day 1 is today's lesson.";
        }), true)),
        h("p", { class: "course-track-actions" }, h("label", { for: "course-start-date" }, "Or start on "), input, " ", button("Start on this date", act(function () {
          if (!isDay(input.value)) return "Choose a date first.";
          if (!put("progress", keyOf(t.course, "start"), input.value)) return null;
          return "Your track starts on " + dayText(input.value, true) + ".";
        }))),
        t.cohorts.length ? h("p", null, "Taking the course with a group? Follow your group's dates from ", h("a", { href: t.pages.cohorts }, "its schedule"), ", and this page follows them too.") : null,
        h("p", { class: "course-track-actions" }, "Began on another device or browser? ", restoreButton(t, say)),
      ];
    }
    out.push(h("p", { class: "course-start" }, goButton(rec)));
    if (rec.cohort) out.push(h("p", { class: "course-meta" }, "You follow the dates of ", h("a", { href: rec.cohort.url }, rec.cohort.name), "."));
    var rested = doneToday(rec);
    if (!p.next) {
      out.push(h("h2", { tabindex: "-1" }, "You have done every lesson"), h("p", null, "Well done. ", h("a", { href: t.pages.certificate }, "Your certificate"), " is ready, and ", h("a", { href: t.pages.journal }, "your journal"), " holds everything you wrote."));
    } else if (rested.length) {
      // Done for today: said first, and the next lesson offered for tomorrow, not pressed on the learner.
      var last = rested[rested.length - 1];
      out.push(h("h2", { tabindex: "-1" }, "Done for today ✓"),
        h("p", null, "You finished " + dayLabel(last) + " today. Next is ", h("a", { href: p.go.l.url }, dayLabel(p.go)), ": it is ready tomorrow, or now if you have time."));
    } else if (now < p.first) {
      out.push(h("h2", { tabindex: "-1" }, "Your course starts on " + dayText(p.first, true)),
        h("p", null, "That is in " + plural(between(now, p.first), "day") + ". Day 1 is ready whenever you are: ", h("a", { href: p.lessons[0].l.url }, dayLabel(p.lessons[0])), "."));
    } else if (p.today && p.today === p.go) {
      var mod = t.modules.filter(function (m) { return m.id === p.today.l.module; })[0];
      out.push(h("h2", { tabindex: "-1" }, h("a", { href: p.today.l.url }, dayLabel(p.today))),
        h("p", { class: "course-meta" }, plural(p.today.l.minutes, "minute") + (mod ? " · " + mod.title : "")));
    } else if (rec.cohort && !p.today && now <= p.last && p.coming) {
      out.push(h("h2", { tabindex: "-1" }, "No lesson today"), h("p", null, "Your group's next lesson is ", h("a", { href: p.coming.l.url }, dayLabel(p.coming)), ", on " + dayText(p.coming.date, true) + "."));
    } else {
      out.push(h("h2", { tabindex: "-1" }, "Next for you: ", h("a", { href: p.go.l.url }, dayLabel(p.go))));
    }
    // Catching up: said kindly, once, with one way forward.
    // Not on a day a lesson is already done: no need to hear it again then.
    var behind = p.missed.filter(function (x) { return x !== p.today; });
    if (behind.length && p.next && !rested.length) {
      var first = behind[0];
      out.push(h("div", { class: "course-catch-up" },
        h("h3", null, "Catching up"),
        h("p", null, (behind.length === 1 ? "One earlier lesson is still open: " : behind.length + " earlier lessons are still open, starting with "), h("a", { href: first.l.url }, dayLabel(first)), ". No rush, and no need to do two a day: a break is part of learning."),
        rec.cohort
          ? h("p", null, "Your group keeps its dates; take the open lessons at your own pace, and bring questions to the next group session.")
          : h("p", null, button("Pick up from day " + first.l.day + " today", act(function () {
            if (!put("progress", keyOf(t.course, "start"), addDays(now, 1 - first.l.day))) return null;
            return "Day " + first.l.day + " is now today's lesson; the ones after it follow one a day.";
          }), true), " ", h("span", { class: "course-meta" }, "Your plan moves so that day " + first.l.day + " is today."))));
    }
    // A few things from earlier days to bring back (review.js, loaded by Today).
    if (course.review) out.push(course.review.section(t, rec, now));
    // Today's routine is the one of the lesson the learner is on: the one done today, else the next
    // (the calendar's lesson may be another, with another routine, for a learner behind the plan).
    var routineId = (rested[rested.length - 1] || p.go || p.today || p.lessons[p.lessons.length - 1]).l.routine;
    var r = t.routines.filter(function (x) { return x.id === routineId; })[0];
    if (r) {
      var ticks = (rec.routine[r.id] || {})[now];
      out.push(h("p", null, "Today's routine: ", h("a", { href: r.url }, r.title), " (" + plural(r.minutes, "minute") + "): " + (ticks === "done" ? "done ✓" : ticks ? "partly done" : "not ticked yet") + "."),
        h("p", null, "Days in a row: " + streakText(rec.active, now) + ". A day counts when you finish a lesson or your routine."));
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
    out.push(h("div", { class: "course-field course-field-long-text" }, h("label", { for: "course-today-note" }, "A note for today"), h("span", { class: "course-help" }, "Anything on your mind. It is saved as you type and gathered in your journal."), note, noteSaved));
    var date = h("input", { type: "date", id: "course-restart-date", value: rec.start || now });
    out.push(h("details", { class: "course-track-change" }, h("summary", null, "Change your plan"),
      rec.cohort
        ? h("p", null, button("Stop following " + rec.cohort.name, act(function () {
          if (!put("progress", keyOf(t.course, "cohort"), null)) return null;
          return "You no longer follow a group's dates. Lessons you marked done stay done.";
        })))
        : [h("p", { class: "course-track-actions" }, h("label", { for: "course-restart-date" }, "Day 1 is on "), date, " ", button("Save the date", act(function () {
          if (!isDay(date.value)) return "Choose a date first.";
          if (!put("progress", keyOf(t.course, "start"), date.value)) return null;
          return "Your track now starts on " + dayText(date.value, true) + ".";
        }))), h("p", null, button("Clear my plan", act(function () {
          if (!put("progress", keyOf(t.course, "start"), null)) return null;
          return "Your plan is cleared. Lessons you marked done stay done.";
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
      "X-WR-CALNAME:" + icsText(t.title + ": your daily lessons")];
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
    return h("details", { class: "course-reminder" }, h("summary", null, "Get a daily reminder in your calendar"),
      h("p", null, "A calendar file with a reminder for each of your " + plural(left.length, "lesson") + " still open, " + (rec.cohort ? "on your group's dates" : "one a day") + ", from " + dayText(left[0].date) + " to " + dayText(left[left.length - 1].date) + ". Open it with your calendar app. It is made in this browser from your plan; nothing is sent anywhere. Changed your plan, or missed a few days? Download it again and your calendar updates the days."),
      h("p", { class: "course-track-actions" }, h("label", { for: REMINDER_TIME }, "Remind me at "), time, " ", button("Download the calendar file", function () {
        if (!/^\d{2}:\d{2}$/.test(time.value)) { status.textContent = "Choose a time first."; return; }
        put("progress", keyOf(t.course, "reminder"), time.value);
        var now = today(), days = reminderDays(read(t, now), now, time.value);
        course.download(t.course + "-reminders.ics", reminderCalendar(t, days, time.value), "text/calendar");
        status.textContent = "Your calendar file was saved: open it to add " + plural(days.length, "reminder") + " at " + time.value + ".";
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
    if (!answered) return " · " + plural(total, "self-check") + " to try";
    return " · self-checks: " + right + " of " + answered + " right first time" + (answered < total ? ", " + (total - answered) + " to try" : "");
  }

  views.progress = function (t, rec, now) {
    var p = rec.plan;
    var done = t.lessons.length - p.open.length;
    // A count for each module of the page's own lists (track.js marks each lesson in them).
    t.modules.forEach(function (m) {
      var el = document.querySelector('[data-course-module-count="' + m.id + '"]');
      var mine = p.lessons.filter(function (x) { return x.l.module === m.id; });
      if (el) el.textContent = "· " + mine.filter(function (x) { return x.done; }).length + " of " + mine.length + " done";
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
      h("p", { class: "course-track-summary" }, h("strong", null, done + " of " + t.lessons.length + " lessons done."), " ",
        p.next ? ["Next: ", h("a", { href: p.next.l.url }, dayLabel(p.next)), "."] : ["Every lesson is done: ", h("a", { href: t.pages.certificate }, "your certificate"), " is ready."]),
      h("p", null, h("strong", null, "Days in a row: "), streakText(rec.active, now) + ". A day counts when you finish a lesson or your daily routine."),
      h("div", { class: "course-progress-modules" }, t.modules.map(function (m) {
        var mine = p.lessons.filter(function (x) { return x.l.module === m.id; });
        var n = mine.filter(function (x) { return x.done; }).length;
        return h("p", null, h("a", { href: m.url }, m.title), " ", h("progress", { max: mine.length || 1, value: n, "aria-hidden": "true" }), " ",
          h("span", { class: "course-progress-count" }, n + " of " + mine.length + checksText(t, mine)));
      })),
      h("h2", null, "Your track"),
      from
        ? calendar("Your track, week by week", from, to, function (day) {
          var lessons = byDate[day] || [];
          var x = lessons[0];
          var state = !x ? "" : x.done ? "done" : day < now ? "open" : day === now ? "today" : "later";
          var words = dayText(day, true) + ": " + (x ? dayLabel(x) + (x.done ? ", done" : state === "open" ? ", still open" : state === "today" ? ", today's lesson" : "") : "no lesson") + (rec.active[day] ? "; you were active" : "") + ".";
          return { cls: (x ? "course-cal-lesson course-cal-" + state : "") + (rec.active[day] ? " course-cal-active" : "") + (day === now ? " course-cal-now" : ""), mark: x ? x.l.day + (x.done ? "\u2009✓" : "") : "", words: words };
        })
        : h("p", null, "Choose a start date on ", h("a", { href: t.pages.today }, "Today"), " to see your track as a calendar."),
      from ? h("p", { class: "course-cal-legend" }, "In each day: the lesson you did that day, with ✓, or the lesson planned for it. A dot marks a day you finished a lesson or your routine, a dashed box a lesson still open, a thick outline today.") : null,
      h("h2", null, "Daily routine"),
      used.map(function (r) { return routineTracker(t, rec, r.id, now, used.length > 1); }),
    ];
  };

  views.certificate = function (t, rec, now, act) {
    var p = rec.plan;
    if (p.next) {
      return [h("h2", { tabindex: "-1" }, "Not yet: " + (t.lessons.length - p.open.length) + " of " + t.lessons.length + " lessons done"),
        h("p", null, "Your certificate is ready when every lesson is done. Next: ", h("a", { href: p.next.l.url }, dayLabel(p.next)), "."),
        h("p", null, "You issue it yourself, from your own record in this browser: there is no test, and nobody else sees it.")];
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
        h("div", { class: "course-field course-field-text" }, h("label", { for: "course-certificate-name" }, "Your name, as it should appear"), name),
        h("p", null, button("Print the certificate", function () { window.print(); }, true)),
        h("p", { class: "course-meta" }, "It prints on one sheet, across the page: A4 or US Letter.")),
      h("div", { class: "course-certificate" },
        h("p", { class: "course-certificate-kicker" }, "Certificate of completion"),
        h("p", null, "This certifies that"),
        shown,
        h("p", null, "has completed every lesson of"),
        h("p", { class: "course-certificate-course" }, t.title),
        h("p", null, plural(t.lessons.length, "daily lesson") + " in " + plural(t.modules.length, "module") + (days[0] === days[days.length - 1] ? ", on " + dayText(days[0], true) : ", from " + dayText(days[0], true) + " to " + dayText(days[days.length - 1], true)) + "."),
        h("p", { class: "course-certificate-note" }, "Self-issued on " + dayText(now, true) + " from the learner's own record of the course.")),
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
          h("h3", { class: "course-journal-question" }, item[0].slice(t.course.length + 1).replace(/\//g, " · ") + ", saved " + dayText(item[1].modified.slice(0, 10), true)),
          h("div", { class: "course-journal-answer" }, h("p", { class: "course-journal-text" }, course.plainAnswer(item[1].value)))));
      });
      earlier.hidden = !kept.length;
      any = any || !earlier.hidden;
    }
    var kept = h("p", { class: "course-journal-kept" });
    course.storageKept().then(function (yes) {
      if (yes === null) return kept.remove();
      kept.textContent = yes ? "This browser keeps your answers until you clear its data for this site yourself."
        : "This browser may clear your answers if the device runs low on space. Save a backup file from time to time, or ask the browser to keep them: ";
      if (!yes) kept.appendChild(button("Ask the browser to keep them", function () {
        navigator.storage.persist().then(function (granted) {
          kept.textContent = granted ? "This browser now keeps your answers until you clear its data for this site yourself." : "This browser did not agree to keep them for sure. Save a backup file from time to time.";
        });
      }));
    });
    return [
      h("p", null, any ? "Everything you have written in this course, in course order: each day's reflection and the worksheets where you first met them. It is kept in this browser only."
        : "Nothing written yet. Your reflections, worksheets and daily notes appear here as you write them, in course order."),
      course.backupDue(t.course) ? h("p", { class: "course-backup-due" }, "You have written answers for more than a week without saving a copy. A backup file keeps them safe if this browser's data is ever cleared.") : null,
      any ? h("p", { class: "course-track-actions" }, button("Print my journal", function () { window.print(); }, true), " ", button("Save as Markdown", function () {
        course.download(t.course + "-journal-" + now + ".md", journalMarkdown(t, now), "text/markdown");
        say("Your journal was saved as a Markdown file.");
      }), " ", button("Save a backup file", act(function () {
        // Drawn again, so the reminder to save a copy goes with the copy saved.
        return course.saveBackup({ id: t.course, title: t.title });
      })), " ", restoreButton(t, say)) : h("p", { class: "course-track-actions" }, "Wrote in this course on another device or browser? ", restoreButton(t, say)),
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
    if (kind === "scenario") return "You chose: " + picked.join("; ") + ".";
    var how = v.right ? (v.first ? "Right the first time." : "Right after " + (v.tries > 1 ? v.tries + " tries." : "another try."))
      : v.revealed ? "You looked at the answers." : "Not right yet: worth another try.";
    return "You picked: " + picked.join("; ") + ". " + how;
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
    var out = ["# " + t.title + ": my journal", "", "Saved on " + dayText(now, true) + " from this browser.", ""];
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
      el.appendChild(routineTracker(shared, read(shared, now), key[2], now, "Your days"));
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
