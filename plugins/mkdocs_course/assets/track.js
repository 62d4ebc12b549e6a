/* mkdocs-course: the learner's daily track: Today, Progress, the routine tracker,
 * My journal and the certificate. Nothing leaves the browser.
 *
 * Everything is kept in the shared store of course.js (window.mkdocsCourse.store),
 * so the learner's export file holds it and an import merges it, newer wins:
 *   progress  <course>/start            first day of a self-paced track, "YYYY-MM-DD" (null: none)
 *             <course>/cohort           the cohort followed (cohort.js), whose dates win over start
 *             <course>/lesson/<lesson>  the day the lesson was marked done (null: undone)
 *             <course>/name             the learner's name on the certificate
 *   routines  <course>/routine/<routine>/<day>  one boolean per step, ticked that day
 *   journal   <course>/note/<day>       the note written on the Today page that day
 * Undoing stores null rather than deleting, so an older export cannot bring back
 * what the learner undid.
 *
 * Days are the learner's local calendar days, "YYYY-MM-DD". Arithmetic runs on
 * each day's UTC midnight, where every day has 24 hours, so a clock change where
 * the learner lives never makes one day count as zero or two.
 *
 * This file, loaded on every page, keeps the record: the lesson page's "Mark this
 * lesson done" and the routine checklists ticked per day. The pages that show the
 * record (home, Today, Progress, My journal, Certificate, a routine's tracker) load
 * track-views.js as well, so a lesson page carries no code it does not run.
 */
(function () {
  "use strict";
  var course = window.mkdocsCourse; // course.js, loaded first
  if (!course) return;
  var store = course.store;
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
  function dayText(day, long) {
    var o = long ? { weekday: "long", day: "numeric", month: "long", year: "numeric" } : { weekday: "short", day: "numeric", month: "short" };
    o.timeZone = "UTC";
    return new Date(stamp(day)).toLocaleDateString(lang, o);
  }
  var plural = course.plural;

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
    if (n) return n + (best > n ? " (your longest run: " + best + ")" : "");
    return best ? "none right now (your last run: " + plural(best, "day") + "); today is a good day to start again" : "none yet: today can be the first";
  }

  // --- Lesson and routine pages ------------------------------------------------------------------

  function initDone(box) {
    var key = box.getAttribute("data-course-done"); // <course>/lesson/<lesson id>
    var c = key.split("/")[0] + "/";
    var day = +box.getAttribute("data-course-day");
    var b = box.querySelector("button");
    var status = box.querySelector("[role=status]");
    function label() {
      var done = get("progress", key);
      b.textContent = done ? "Mark as not done" : "Mark this lesson done";
      box.classList.toggle("course-is-done", !!done);
    }
    label();
    box.hidden = false;
    if (b.courseReady) return;
    b.courseReady = true;
    b.addEventListener("click", function () {
      var now = today();
      var text;
      if (get("progress", key)) {
        text = put("progress", key, null) ? "Day " + day + " is no longer marked done." : null;
      } else if (put("progress", key, now)) {
        text = "Day " + day + " is done: well done.";
        // Marking a lesson done is starting: the plan puts this lesson on today, unless a cohort sets the dates.
        var cohort = course.followedCohort ? course.followedCohort(c.slice(0, -1)) : null;
        if (!isDay(get("progress", c + "start")) && !cohort) {
          put("progress", c + "start", addDays(now, 1 - day));
          text += " Your daily track starts from here: the Today page shows tomorrow's lesson.";
        }
      }
      status.textContent = text || "Not saved: this browser does not let this site keep your progress.";
      label();
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
    var saved = get("routines", base + "/" + today());
    boxes.forEach(function (b, i) { b.checked = Array.isArray(saved) && saved[i] === true; });
    if (fs.courseReady) return;
    fs.courseReady = true;
    fs.addEventListener("change", function () {
      var now = today();
      var ticks = boxes.map(function (b) { return b.checked; });
      if (!put("routines", base + "/" + now, ticks)) {
        status.textContent = "Not saved: this browser does not let this site keep your ticks.";
        return;
      }
      var n = stepsDone(ticks);
      var days = {};
      Object.keys(store.all(base.split("/")[0]).routines || {}).forEach(function (key) {
        if (key.indexOf(base + "/") === 0 && complete(get("routines", key))) days[key.slice(-10)] = true;
      });
      status.textContent = n === ticks.length ? "Done for today. Days in a row: " + streakText(days, now) + "." : n + " of " + ticks.length + " steps ticked today, " + dayText(now) + ".";
      redraw();
    });
  }

  // --- Wiring ------------------------------------------------------------------------------------

  var drawnOn = null;

  /** Draw the views of this page again (track-views.js fills this in where it is loaded). */
  function redraw(focus) {
    drawnOn = today();
    if (track.draw) return track.draw(focus);
    // A page swapped in by Material's instant navigation may carry the views' script
    // tag without running it: load it once, and it draws when it arrives.
    var tag = document.querySelector('script[src$="track-views.js"]');
    if (tag && !track.loading) {
      track.loading = document.head.appendChild(document.createElement("script"));
      track.loading.src = tag.src;
    }
  }

  function init() {
    if (!store.available()) return; // storage switched off: the pages stay as they are without JavaScript
    document.querySelectorAll("[data-course-done]").forEach(initDone);
    document.querySelectorAll("fieldset[data-course-routine]").forEach(initRoutine);
    redraw();
  }

  // What track-views.js builds on: one notion of a day, one way to read and save.
  var track = (course.track = {
    today: today, stamp: stamp, addDays: addDays, between: between, weekday: weekday, isDay: isDay, dayText: dayText, plural: plural,
    get: get, put: put, stepsDone: stepsDone, complete: complete, streakText: streakText, redraw: redraw,
  });

  course.onPage(init);
  // Another tab changed the record (or cleared storage: no key), or the page comes back
  // after midnight: draw again. Only the track's own sections count; anything else another
  // tab writes is not the track's business, and redrawing on it risks tabs waking each other.
  var ownSections = course.sections.filter(function (s) { return s !== "answers"; });
  window.addEventListener("storage", function (e) {
    if (e.key === null || ownSections.some(function (s) { return e.key.indexOf(store.namespace + ":" + s + ":") === 0; })) init();
  });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && drawnOn && drawnOn !== today()) init();
  });
})();
