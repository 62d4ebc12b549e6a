/* mkdocs-course: the learner's daily track, on every page. Nothing leaves the browser.
 *
 * Everything is kept in the shared store of course.js (window.mkdocsCourse.store),
 * so the learner's export file holds it and an import merges it, newer wins:
 *   progress  <course>/start            first day of a self-paced track, "YYYY-MM-DD" (null: none)
 *             <course>/cohort           the cohort followed (cohort.js), whose dates win over start
 *             <course>/lesson/<lesson>  the day the lesson was marked done (null: undone)
 *             <course>/name             the learner's name on the certificate
 *             <course>/reminder         the time of day of the calendar reminders, "HH:MM" (track-views.js)
 *   routines  <course>/routine/<routine>/<day>  one boolean per step, ticked that day
 *   journal   <course>/note/<day>       the note written on the Today page that day
 *   review    <course>/review/...       Today's review: when each item comes back (review.js)
 * Undoing stores null rather than deleting, so an older export cannot bring back
 * what the learner undid.
 *
 * The course's track itself (lessons in order, their pages, each cohort's dates)
 * comes from track-data.js, made with the site (track.py), which every page loads
 * before this file: window.mkdocsCourseTrack. Its addresses are relative to the
 * course home, which is found from the data script's own address, so they work
 * from any page, under any prefix, and from a folder of files.
 *
 * Days are the learner's local calendar days, "YYYY-MM-DD". Arithmetic runs on
 * each day's UTC midnight, where every day has 24 hours, so a clock change where
 * the learner lives never makes one day count as zero or two.
 *
 * This file keeps the record and shows it where learners look on every page: a
 * mark on each done lesson in the sidebar and in the page's lists of lessons and
 * worksheets, the lesson page's "Mark this lesson done" with the way on, the
 * routine checklists ticked per day, and the learner's dates in day-by-day
 * worksheet tables. The pages with a view of their own (home, Today, Progress,
 * My journal, Certificate, a routine's tracker) load track-views.js as well.
 */
(function () {
  "use strict";
  var course = window.mkdocsCourse; // course.js, loaded first
  if (!course) return;
  var store = course.store;
  var keyOf = course.key, partsOf = course.keyParts; // the one key format (render/keys.py)
  var DAY = 864e5;
  var ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
  var lang = document.documentElement.lang || undefined;

  // --- Calendar days --------------------------------------------------------------------

  var today = course.today;
  function stamp(day) { return Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)); }
  function isDay(x) { return typeof x === "string" && ISO_DAY.test(x) && addDays(x, 0) === x; }
  function addDays(day, n) { return new Date(stamp(day) + n * DAY).toISOString().slice(0, 10); }
  function between(a, b) { return Math.round((stamp(b) - stamp(a)) / DAY); }
  function weekday(day) { return (new Date(stamp(day)).getUTCDay() + 6) % 7; } // Monday 0
  /** A day in the course's one style: "Wed, Dec 2" or, long, "Wednesday, December 2, 2026". */
  function dayText(day, long) {
    var o = long ? { weekday: "long", day: "numeric", month: "long", year: "numeric" } : { weekday: "short", day: "numeric", month: "short" };
    o.timeZone = "UTC";
    return new Date(stamp(day)).toLocaleDateString(lang, o);
  }
  var plural = course.plural, tr = course.t;

  // --- The learner's record ---------------------------------------------------------------

  function get(section, key) {
    try {
      var r = store.get(section, key);
      return r ? r.value : null;
    } catch (e) {
      return null;
    }
  }
  function put(section, key, value) {
    try {
      store.set(section, key, value);
      return true;
    } catch (e) {
      return false;
    }
  }
  function stepsDone(v) { return Array.isArray(v) ? v.filter(function (x) { return x === true; }).length : 0; }
  function complete(v) { return Array.isArray(v) && v.length > 0 && stepsDone(v) === v.length; }

  /** Days in a row up to today; today not being active yet does not break the run. */
  function streak(days, now) {
    var day = days[now] ? now : addDays(now, -1);
    var n = 0;
    while (days[day]) { n++; day = addDays(day, -1); }
    return n;
  }
  function longest(days) {
    var best = 0, run = 0, prev = null;
    Object.keys(days).sort().forEach(function (d) {
      run = prev && between(prev, d) === 1 ? run + 1 : 1;
      best = Math.max(best, run);
      prev = d;
    });
    return best;
  }
  /** "Days in a row: " and this. A broken run is said gently: the way back is today. */
  function streakText(days, now, short) {
    var n = streak(days, now), best = longest(days);
    if (short) return String(n);
    if (n) return best > n ? tr("%(n)s (your longest run: %(best)s)", { n: n, best: best }) : String(n);
    return best ? tr("none right now (your last run: %(run)s; today is a good day to start again)", { run: plural(best, "day") }) : tr("none yet (today can be the first)");
  }

  // --- The track and the plan it gives --------------------------------------------------------

  var shared = null;
  /** The course's track with every address made absolute, or null on a site without one. */
  function trackData() {
    if (shared) return shared;
    var raw = window.mkdocsCourseTrack;
    if (!raw || !raw.lessons) return null;
    var home = new URL(raw.home, raw.base || location.href).href;
    function abs(u) { return new URL(u, home).href; }
    var t = JSON.parse(JSON.stringify(raw));
    t.home = home;
    t.lessons.forEach(function (l) { l.url = abs(l.url); });
    t.modules.forEach(function (m) { m.url = abs(m.url); });
    t.routines.forEach(function (r) { r.url = abs(r.url); });
    t.cohorts.forEach(function (c) { c.url = abs(c.url); });
    t.worksheets.forEach(function (w) { w.url = abs(w.url); });
    Object.keys(t.pages).forEach(function (k) { t.pages[k] = abs(t.pages[k]); });
    return (shared = t);
  }

  /** Everything saved for the course, with the plan it gives for `now`. */
  function read(t, now) {
    var all = {};
    try { all = store.all(t.course); } catch (e) { /* storage switched off: an empty record */ }
    var p = all.progress || {};
    var r = all.routines || {};
    function v() { var k = keyOf.apply(null, [t.course].concat(Array.prototype.slice.call(arguments))); return p[k] ? p[k].value : null; }
    var rec = {
      done: {}, routine: {}, active: {}, last: null, name: v("name"), notes: all.journal || {}, answers: all.answers || {}, earlier: all.earlier || {},
      checks: all.checks || {}, review: all.review || {},
    };
    var latest = "";
    t.lessons.forEach(function (l) {
      var d = v("lesson", l.id);
      if (!isDay(d)) return;
      rec.done[l.id] = rec.active[d] = d;
      // "Where you left off" is the lesson marked done most recently; page visits are not recorded.
      var at = p[keyOf(t.course, "lesson", l.id)];
      if (at.modified > latest) { latest = at.modified; rec.last = l.id; }
    });
    // routine[id][day] = "done" or "partly"; a day with a finished routine is an active day.
    Object.keys(r).forEach(function (key) {
      var m = partsOf(key); // <course>, "routine", <routine id>, <day>
      if (m.length !== 4 || m[1] !== "routine" || !isDay(m[3]) || !stepsDone(r[key].value)) return;
      var done = complete(r[key].value);
      (rec.routine[m[2]] = rec.routine[m[2]] || {})[m[3]] = done ? "done" : "partly";
      if (done) rec.active[m[3]] = m[3];
    });
    var cohortId = course.followedCohort ? course.followedCohort(t.course) : v("cohort");
    rec.cohort = t.cohorts.filter(function (k) { return k.id === cohortId; })[0] || null;
    rec.start = isDay(v("start")) ? v("start") : null;
    var dates = rec.cohort ? rec.cohort.dates : rec.start ? t.lessons.map(function (l, i) { return addDays(rec.start, i); }) : null;
    // `on`: the day a lesson belongs to in the learner's record: the day it was done, else its planned
    // day. A learner who picked up after a break moved the plan, not their past (Progress, tables).
    var lessons = t.lessons.map(function (l, i) {
      var date = dates ? dates[i] : null, done = rec.done[l.id] || null;
      return { l: l, date: date, done: done, on: done || date };
    });
    var open = lessons.filter(function (x) { return !x.done; });
    var plan = rec.plan = {
      started: !!dates,
      lessons: lessons,
      open: open,
      next: open[0] || null,
      first: dates ? dates[0] : null,
      last: dates ? dates[dates.length - 1] : null,
      today: dates ? lessons.filter(function (x) { return x.date === now; })[0] || null : null,
      coming: dates ? lessons.filter(function (x) { return x.date > now; })[0] || null : null,
      missed: dates ? open.filter(function (x) { return x.date < now; }) : [],
    };
    // Where to go on ("Continue"): the first open lesson after the one marked done last,
    // else today's lesson while it is open, else the first open lesson.
    var i = t.lessons.map(function (l) { return l.id; }).indexOf(rec.last);
    var after = i < 0 ? null : lessons.slice(i).filter(function (x) { return !x.done; })[0] || null;
    plan.go = after || (plan.today && !plan.today.done ? plan.today : plan.next);
    // The day the learner began: their plan's first day, or their first tick or done mark.
    var days = Object.keys(rec.active).concat(Object.keys(r).map(function (k) { return k.slice(-10); }).filter(isDay)).sort();
    rec.began = plan.started && plan.first <= now ? (days[0] && days[0] < plan.first ? days[0] : plan.first) : days[0] && days[0] <= now ? days[0] : now;
    return rec;
  }

  function dayLabel(x) { return tr("Day %(day)s: %(title)s", { day: x.l.day, title: x.l.title }); }

  // --- Marks where learners look ----------------------------------------------------------------

  /** An address without "index.html", so "../day-2/" and "../day-2/index.html" (offline) match. */
  function same(href) { return String(href).replace(/#.*$/, "").replace(/index\.html$/, ""); }

  function mark(el, words, cls) {
    var old = el.querySelector(":scope > .course-mark");
    if (old) old.remove();
    el.classList.remove("course-marked-done", "course-marked-started");
    if (!words) return;
    el.classList.add(cls);
    var m = document.createElement("span");
    m.className = "course-mark";
    m.innerHTML = '<span aria-hidden="true"></span><span class="course-visually-hidden"></span>';
    m.firstChild.textContent = cls === "course-marked-done" ? "✓" : "◐";
    m.lastChild.textContent = " (" + words + ")";
    el.appendChild(m);
  }

  /** Done lessons in the sidebar, and a state for each lesson or worksheet a list item of the page links to first. */
  function showMarks(t, rec) {
    var lessons = {}, sheets = {};
    t.lessons.forEach(function (l) { lessons[same(l.url)] = l; });
    t.worksheets.forEach(function (w) { sheets[same(w.url)] = w; });
    document.querySelectorAll(".md-nav a.md-nav__link[href]").forEach(function (a) {
      var l = lessons[same(a.href)];
      if (l) mark(a.querySelector(".md-ellipsis") || a, rec.done[l.id] ? tr("done") : null, "course-marked-done");
    });
    document.querySelectorAll(".md-content li").forEach(function (li) {
      var a = li.querySelector("a[href]");
      if (!a || a.closest("li") !== li) return;
      var l = lessons[same(a.href)], w = sheets[same(a.href)];
      if (!l && !w) return;
      var state = li.querySelector(":scope > .course-track-state");
      if (!state) {
        li.appendChild(document.createTextNode(" "));
        state = li.appendChild(document.createElement("span"));
        state.className = "course-track-state";
      }
      var text = "", done = false;
      if (l && rec.done[l.id]) {
        done = true;
        text = "✓ " + tr("done on %(day)s", { day: dayText(rec.done[l.id]) });
      } else if (w) {
        var base = keyOf(t.course, "worksheet", w.id, "");
        var n = Object.keys(rec.answers).filter(function (k) { return k.indexOf(base) === 0 && course.answered(rec.answers[k].value); }).length;
        done = n >= w.fields;
        text = n ? (done ? "✓ " : "") + tr("%(n)s of %(total)s answered", { n: n, total: w.fields }) : "";
      }
      li.classList.toggle("course-is-done", done);
      state.textContent = text;
    });
  }

  /** Day-by-day worksheet tables: each row's date in the learner's plan. */
  function showDates(rec) {
    // The table on screen, and its printed copy: a tracker on paper needs its dates too.
    document.querySelectorAll("[data-course-per-day] tr[data-course-row], .course-print-table--days tr[data-course-row]").forEach(function (tr) {
      var x = rec.plan.lessons[+tr.getAttribute("data-course-row") - 1];
      var on = x && x.on;
      tr.querySelectorAll('[data-course-fill="date"] .course-cell-value, td[data-course-fill="date"]:not(:has(.course-cell-value))').forEach(function (cell) {
        cell.textContent = on ? dayText(on) : "";
      });
      tr.classList.toggle("course-row-today", !!(x && x.date && x.date === today()));
    });
    document.querySelectorAll("[data-course-per-day] [data-course-dates-hint]").forEach(function (p) { p.hidden = rec.plan.started; });
    // A long tracker on a phone: one tap to today's row.
    var x = rec.plan.today;
    document.querySelectorAll("[data-course-per-day] [data-course-today-row]").forEach(function (p) {
      var row = x && p.closest("fieldset").querySelector('tr[data-course-row="' + x.l.day + '"]');
      p.hidden = !row;
      if (row) {
        p.firstChild.href = "#" + row.id;
        p.firstChild.textContent = tr("Go to today's row: day %(day)s", { day: x.l.day });
      }
    });
  }

  // --- Lesson and routine pages ------------------------------------------------------------------

  function initDone(box) {
    var key = box.getAttribute("data-course-done"); // <course>/lesson/<lesson id>
    var courseId = partsOf(key)[0];
    var day = +box.getAttribute("data-course-day");
    var b = box.querySelector("button");
    var status = box.querySelector("[role=status]");
    var next = box.querySelector(".course-done-next");
    function label() {
      var done = get("progress", key);
      b.textContent = done ? tr("Mark as not done") : tr("Mark this lesson done");
      b.classList.toggle("md-button--primary", !done);
      box.classList.toggle("course-is-done", !!done);
      // Once the lesson is done, the way on is the main thing on offer.
      if (next) next.hidden = !done;
    }
    label();
    box.hidden = false;
    if (b.courseReady) return;
    b.courseReady = true;
    b.addEventListener("click", function () {
      var now = today();
      var text;
      if (get("progress", key)) {
        text = put("progress", key, null) ? tr("Day %(day)s is no longer marked done.", { day: day }) : null;
      } else if (put("progress", key, now)) {
        text = tr("Day %(day)s is done: well done.", { day: day });
        // Marking a lesson done is starting: the plan puts this lesson on today, unless a cohort sets the dates.
        var cohort = course.followedCohort ? course.followedCohort(courseId) : null;
        if (!isDay(get("progress", keyOf(courseId, "start"))) && !cohort) {
          put("progress", keyOf(courseId, "start"), addDays(now, 1 - day));
          text += " " + tr("From tomorrow, the Today page has your next lesson ready.");
        }
      }
      status.textContent = text || course.notSaved();
      label();
      redraw();
    });
  }

  function initRoutine(fs) {
    var base = fs.getAttribute("data-course-routine"); // <course>/routine/<routine id>
    var boxes = Array.prototype.slice.call(fs.querySelectorAll("input[type=checkbox]"));
    var status = fs.querySelector(".course-routine-status");
    if (!status) {
      status = fs.appendChild(document.createElement("p"));
      status.className = "course-routine-status";
      status.setAttribute("role", "status");
    }
    var saved = get("routines", keyOf(base, today()));
    boxes.forEach(function (b, i) { b.checked = Array.isArray(saved) && saved[i] === true; });
    if (fs.courseReady) return;
    fs.courseReady = true;
    fs.addEventListener("change", function () {
      var now = today();
      var ticks = boxes.map(function (b) { return b.checked; });
      if (!put("routines", keyOf(base, now), ticks)) {
        status.textContent = course.notSaved();
        return;
      }
      var n = stepsDone(ticks);
      var days = {};
      Object.keys(store.all(partsOf(base)[0]).routines || {}).forEach(function (key) {
        if (key.indexOf(keyOf(base, "")) === 0 && complete(get("routines", key))) days[key.slice(-10)] = true;
      });
      status.textContent = n === ticks.length ? tr("Done for today. Days in a row: %(streak)s.", { streak: streakText(days, now) }) : tr("%(n)s of %(total)s steps ticked today, %(day)s.", { n: n, total: ticks.length, day: dayText(now) });
      redraw();
    });
  }

  // --- Wiring ------------------------------------------------------------------------------------

  var drawnOn = null;

  /** Draw this page's marks, and its views where track-views.js is loaded. */
  function redraw(focus) {
    var now = (drawnOn = today());
    var t = trackData();
    if (t) {
      var rec = read(t, now);
      showMarks(t, rec);
      showDates(rec);
    }
    loadPageScripts();
    if (track.draw) return track.draw(focus);
  }

  // Scripts only some pages load (the views, Today's review) say what they define
  // (`data-course-defines`, track_macros.md.j2). A page swapped in by Material's instant
  // navigation may carry their tags without running them: each missing one is loaded
  // once, in the page's order, and draws when it arrives.
  var loading = {};
  function defined(path) {
    return path.split(".").reduce(function (o, name) { return o ? o[name] : undefined; }, window);
  }
  function loadPageScripts() {
    document.querySelectorAll("script[data-course-defines]").forEach(function (tag) {
      if (defined(tag.getAttribute("data-course-defines")) || loading[tag.src]) return;
      loading[tag.src] = true;
      var copy = document.createElement("script");
      copy.src = tag.src;
      copy.async = false; // in order: a review's data before its code
      // A failed load (the learner went offline) is tried again at the next redraw.
      copy.onerror = function () { delete loading[tag.src]; copy.remove(); };
      document.head.appendChild(copy);
    });
  }

  function init() {
    document.querySelectorAll("[data-course-done]").forEach(initDone);
    document.querySelectorAll("fieldset[data-course-routine]").forEach(initRoutine);
    redraw();
  }

  // What track-views.js builds on: one notion of a day, one way to read and save.
  var track = (course.track = {
    today: today, stamp: stamp, addDays: addDays, between: between, weekday: weekday, isDay: isDay, dayText: dayText, plural: plural,
    get: get, put: put, stepsDone: stepsDone, complete: complete, streakText: streakText, redraw: redraw,
    data: trackData, read: read, dayLabel: dayLabel,
  });

  course.onPage(init);
  // Another tab changed the record (or cleared storage: no key), or the page comes back
  // after midnight: draw again. Only the track's own sections count; anything else another
  // tab writes is not the track's business, and redrawing on it risks tabs waking each other.
  // Answers count only for the worksheet marks, which are redrawn, never written.
  var ownSections = course.sections;
  window.addEventListener("storage", function (e) {
    if (e.key === null || ownSections.some(function (s) { return e.key.indexOf(store.namespace + ":" + s + ":") === 0; })) init();
  });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && drawnOn && drawnOn !== today()) init();
  });
})();
