/* mkdocs-course: which cohort a learner follows. Nothing leaves the browser.
 *
 * The choice is one record in the shared learner store of course.js (so it is in
 * the learner's export file and comes back with an import):
 *   section "progress", key "<course-id>/cohort"  (pages carry it in data-course-cohort-key)
 *   value   the cohort id, as in course/cohorts/<id>.yml and course.json "cohorts",
 *           or null once the learner stops following one
 * A cohort's schedule page sets it (its button, or opening the page with ?join),
 * and clears it. The daily track (track.js) follows the cohort's dates; when the
 * choice changes, this script fires "course:cohort" on document with detail {key, cohort}.
 *
 * What this script shows:
 * - lesson pages: the followed cohort's date for the lesson (".course-cohort-days");
 * - schedule pages: whether this cohort is followed, with buttons to change it;
 * - the cohorts page: which cohort is followed ([data-course-cohort-mark]);
 * - print buttons ([data-course-print]);
 * - a facilitator guide's next session ([data-course-next-session]).
 * Without JavaScript all of it stays hidden and the pages still work.
 */
(function () {
  "use strict";
  var course = window.mkdocsCourse; // course.js, loaded first
  if (!course) return;
  var SECTION = "progress";
  var tr = course.t; // the words (model/i18n.py)

  function read(key) {
    try {
      var record = course.store.get(SECTION, key) || migrate(key);
      return record && typeof record.value === "string" ? record.value : null;
    } catch (e) {
      return null;
    }
  }

  // Before the choice moved into the shared store it had an entry of its own,
  // "mkdocs-course/<course id>/cohort": moved over the first time it is read.
  function migrate(key) {
    var old = "mkdocs-course/" + key.split("/")[0] + "/cohort";
    var value = window.localStorage.getItem(old);
    if (value === null) return null;
    window.localStorage.removeItem(old);
    return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) ? course.store.set(SECTION, key, value) : null;
  }

  function write(key, value) {
    try {
      course.store.set(SECTION, key, value || null);
    } catch (e) {
      return false;
    }
    document.dispatchEvent(new CustomEvent("course:cohort", { detail: { key: key, cohort: value || null } }));
    return true;
  }

  function showLessonDates(root) {
    root.querySelectorAll(".course-cohort-days").forEach(function (box) {
      var chosen = read(box.getAttribute("data-course-cohort-key"));
      var any = false;
      box.querySelectorAll("[data-course-cohort]").forEach(function (line) {
        var mine = line.getAttribute("data-course-cohort") === chosen;
        line.hidden = !mine;
        any = any || mine;
      });
      box.hidden = !any;
    });
  }

  function setUpChoice(box) {
    var key = box.getAttribute("data-course-cohort-key");
    var id = box.getAttribute("data-course-cohort-choice");
    var name = box.getAttribute("data-course-cohort-name");
    var status = box.querySelector(".course-cohort-status");
    var set = box.querySelector("[data-course-cohort-set]");
    var clear = box.querySelector("[data-course-cohort-clear]");

    function show(message) {
      var mine = read(key) === id;
      set.hidden = mine;
      clear.hidden = !mine;
      status.textContent = message || (mine
        ? tr("You follow the %(group)s dates: lesson pages show your date for each lesson.", { group: name })
        : tr("Is this your group? Follow its dates to see them on every lesson page."));
    }

    if (box.getAttribute("data-course-cohort-ready")) return show();
    box.setAttribute("data-course-cohort-ready", "1");
    set.addEventListener("click", function () {
      show(write(key, id) ? tr("Done: you now follow the %(group)s dates.", { group: name }) : tr("Your browser does not let this site save anything, so the dates cannot be remembered."));
      clear.focus();
    });
    clear.addEventListener("click", function () {
      write(key, null);
      show(tr("You no longer follow a cohort's dates."));
      set.focus();
    });
    // A link a facilitator shares: <schedule page>?join sets the cohort on arrival.
    var joining = new URLSearchParams(window.location.search).has("join");
    if (joining && read(key) !== id) {
      show(write(key, id) ? tr("Welcome: you now follow the %(group)s dates.", { group: name }) : undefined);
    } else {
      show();
    }
    box.hidden = false;
  }

  function markCurrent(mark) {
    mark.hidden = read(mark.getAttribute("data-course-cohort-key")) !== mark.getAttribute("data-course-cohort-mark");
  }

  function setUpPrint(box) {
    var button = box.querySelector("button");
    if (!button || box.getAttribute("data-course-print-ready")) return;
    box.setAttribute("data-course-print-ready", "1");
    button.addEventListener("click", function () { window.print(); });
    box.hidden = false;
  }

  /** A facilitator guide's "Next session": the first whose end is still ahead (times are
   *  ISO with their offset, so the facilitator's own time zone does not matter). */
  function showNextSession(box) {
    var now = Date.now();
    var next = null;
    box.querySelectorAll("[data-course-session-end]").forEach(function (item) {
      var ahead = Date.parse(item.getAttribute("data-course-session-end")) > now;
      item.hidden = !(ahead && !next);
      if (ahead && !next) next = item;
    });
    box.querySelector("[data-course-sessions-over]").hidden = !!next;
    box.hidden = false;
    var title = document.querySelector("[data-course-next-session-title]");
    if (title) title.hidden = false;
  }

  /** The cohort pack's handout, on a site built without `site_url`: printed from the live site,
   *  the address of the group's page is this page's own origin. Not from a file or this machine,
   *  whose addresses no learner's phone can open: the line to write on stays. */
  function fillAddress(el) {
    var local = /^(localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0)$/.test(location.hostname);
    if (!/^https?:$/.test(location.protocol) || local) return;
    el.textContent = new URL(el.getAttribute("data-course-here"), location.href).href;
  }

  function init() {
    showLessonDates(document);
    document.querySelectorAll("[data-course-cohort-choice]").forEach(setUpChoice);
    document.querySelectorAll("[data-course-cohort-mark]").forEach(markCurrent);
    document.querySelectorAll("[data-course-print]").forEach(setUpPrint);
    document.querySelectorAll("[data-course-next-session]").forEach(showNextSession);
    document.querySelectorAll("[data-course-here]").forEach(fillAddress);
  }

  /** The cohort a learner follows in a course, or null: how the daily track (track.js) asks. */
  course.followedCohort = function (courseId) {
    return read(course.key(courseId, "cohort"));
  };
  course.onPage(init);
})();
