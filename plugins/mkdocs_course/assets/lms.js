/* The course inside a learning platform (a SCORM package: render/lms.py says what and why).
   Loaded only in a package, after course.js and track.js, with lms-data.js before it
   (window.mkdocsCourseLms). On the web it is not on the page at all.

   Each page of the course is a page of the one SCO the package holds: every page finds the
   platform's API, reports what the learner's browser holds (status, progress, score, where
   they are, and their record), and commits. The first page of a launch also restores the
   record the platform kept (another device's, or this one's after the browser was cleared)
   and, when the platform says the learner is resuming, goes back to where they left off. */
(function () {
  "use strict";
  var setup = window.mkdocsCourseLms;
  var course = window.mkdocsCourse;
  var raw = window.mkdocsCourseTrack;
  if (!setup || !course || !raw) return;
  var v12 = setup.kind === "scorm12";
  var NAME = v12 ? "API" : "API_1484_11";
  var CALL = v12
    ? { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", error: "LMSGetLastError" }
    : { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", error: "GetLastError" };
  var CMI = v12
    ? { status: "cmi.core.lesson_status", entry: "cmi.core.entry", location: "cmi.core.lesson_location", exit: "cmi.core.exit", raw: "cmi.core.score.raw", min: "cmi.core.score.min", max: "cmi.core.score.max" }
    : { status: "cmi.completion_status", entry: "cmi.entry", location: "cmi.location", exit: "cmi.exit", raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max", scaled: "cmi.score.scaled", progress: "cmi.progress_measure" };
  var ALREADY_RUNNING = v12 ? "101" : "103"; // Initialize a second time in one launch: each page of the course does

  /** The platform's API: in a parent frame (up to the top), or in the window that opened this one. */
  function find(win) {
    for (var hops = 0; win && hops < 12; hops++) {
      try {
        if (win[NAME]) return win[NAME];
      } catch (e) {
        return null; // another site's frame: no API of ours there
      }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = (window.parent !== window && find(window.parent)) || (window.opener && find(window.opener)) || null;
  if (!api) return; // opened outside the platform: the course works as on the web

  function ok(result) { return result === true || result === "true"; }
  if (!ok(api[CALL.init]("")) && String(api[CALL.error]()) !== ALREADY_RUNNING) return;
  function get(name) { var v = api[CALL.get](name); return v === undefined || v === null ? "" : String(v); }
  function set(name, value) { return ok(api[CALL.set](name, String(value))); }

  var courseId = raw.course;
  var home = new URL(raw.home, raw.base || location.href).href.replace(/[?#].*$/, "");
  var homeFolder = home.replace(/[^/]*$/, "");

  // --- the record: the sections the platform may have, compressed to fit -----------------------

  /** The record as suspend_data: "d1." and deflated JSON in base64, or "j1." and the JSON where the browser cannot deflate. */
  // The compression and base64 are course.js's, as its links to another device use them.
  function pack(text) {
    var bytes = new TextEncoder().encode(text);
    if (!window.CompressionStream) return Promise.resolve("j1." + text);
    return course.squeeze(bytes, "deflate-raw").then(function (small) { return "d1." + course.base64(small); });
  }
  function unpack(data) {
    if (data.indexOf("j1.") === 0) return Promise.resolve(data.slice(3));
    if (data.indexOf("d1.") !== 0 || !window.DecompressionStream) return Promise.resolve(null);
    return course.squeeze(course.unbase64(data.slice(3)), "inflate").then(function (b) { return new TextDecoder("utf-8", { fatal: true }).decode(b); });
  }

  /** The learner's record in the backup file's own format, with only the sections the platform may have. */
  function record(without) {
    var data = course.exportData({ id: courseId, title: raw.title });
    Object.keys(data).forEach(function (name) {
      if (course.sections.indexOf(name) >= 0 && (setup.sections.indexOf(name) < 0 || without.indexOf(name) >= 0)) delete data[name];
    });
    delete data.exported; // changes on every call: the same record must pack the same
    return data;
  }

  /** The longest record that fits the platform's limit: {data, left: [sections left out]}, data null when nothing fits. */
  function fitting() {
    var left = [];
    var order = setup.drop.filter(function (s) { return setup.sections.indexOf(s) >= 0; });
    function attempt() {
      return pack(JSON.stringify(record(left))).then(function (data) {
        if (data.length <= setup.suspendLimit) return { data: data, left: left };
        if (left.length === order.length) return { data: null, left: left };
        left = left.concat([order[left.length]]);
        return attempt();
      });
    }
    return attempt();
  }

  // --- what the platform is told ---------------------------------------------------------------

  function done(lesson) {
    var r = course.store.get("progress", course.key(courseId, "lesson", lesson.id));
    return !!(r && r.value);
  }

  /** Status, progress and score from the browser's record: the same numbers Progress shows. */
  function standing() {
    var lessons = raw.lessons;
    var finished = lessons.filter(done).length;
    var scored = 0;
    var right = 0;
    lessons.forEach(function (lesson) {
      lesson.checks.forEach(function (check) {
        if (check.kind !== "choice" && check.kind !== "multiple") return; // no right answer to count
        scored++;
        var r = course.store.get("checks", course.key(courseId, "lesson", lesson.id, check.id));
        if (r && r.value && r.value.first === true) right++;
      });
    });
    return { done: finished, total: lessons.length, right: right, scored: scored };
  }

  function where() {
    var here = location.href.replace(/#.*$/, "");
    if (here.indexOf(homeFolder) !== 0) return null;
    var rel = here.slice(homeFolder.length);
    return rel.length <= setup.locationLimit ? rel : null;
  }

  var sent = {};
  function say(name, value) {
    if (sent[name] === String(value)) return;
    if (set(name, value)) sent[name] = String(value);
  }

  var busy = null;
  var again = false;
  /** Tell the platform what the browser holds now, and commit. One report at a time; a change
      during one is reported right after it. */
  function report() {
    if (busy) { again = true; return busy; }
    var s = standing();
    var completed = s.total > 0 && s.done === s.total;
    var was = get(CMI.status);
    // Once completed, the course stays completed: unmarking a lesson later does not take it back.
    say(CMI.status, completed || was === "completed" ? "completed" : "incomplete");
    if (!v12) say(CMI.progress, (Math.floor((s.total ? s.done / s.total : 0) * 100) / 100).toFixed(2));
    if (s.scored) {
      say(CMI.min, 0);
      say(CMI.max, 100);
      say(CMI.raw, Math.round((100 * s.right) / s.scored));
      if (!v12) say(CMI.scaled, (Math.round((10000 * s.right) / s.scored) / 10000).toString());
    }
    var here = where();
    if (here !== null) say(CMI.location, here);
    say(CMI.exit, "suspend"); // keep the record for the next launch
    busy = fitting().then(function (fit) {
      setup.left = fit.left; // for the curious (and the tests): what did not fit
      if (fit.data !== null) say("cmi.suspend_data", fit.data);
      else if (window.console) console.warn("mkdocs-course: the learner's record is too long for the platform's suspend_data; it stays in this browser");
      api[CALL.commit]("");
    }).catch(function () { api[CALL.commit](""); }).then(function () {
      busy = null;
      if (again) { again = false; report(); }
    });
    return busy;
  }

  var timer = null;
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(report, 400);
  }

  // --- a launch: restore, resume, then report as the learner goes --------------------------------

  function restore() {
    var kept = get("cmi.suspend_data");
    if (!kept) return Promise.resolve();
    return unpack(kept).then(function (text) {
      if (text) course.restore(text, courseId); // checked like a backup file; the newer of each record wins
    }).catch(function () { /* a record this version cannot read: the browser's own stays */ });
  }

  // One restore and one resume per launch: the API object lives as long as the launch does.
  var first = !api.mkdocsCourseLaunched;
  api.mkdocsCourseLaunched = true;
  (first ? restore() : Promise.resolve()).then(function () {
    if (first && get(CMI.entry) === "resume") {
      var last = get(CMI.location);
      var target = last ? new URL(last, homeFolder).href : null;
      if (target && target.indexOf(homeFolder) === 0 && target !== location.href.replace(/#.*$/, "")) {
        location.replace(target);
        return;
      }
    }
    report();
  });
  ["click", "change", "input"].forEach(function (type) { document.addEventListener(type, soon, true); });
  window.addEventListener("storage", soon);
  // Leaving the page: what is known now is set and committed before it goes (the record as last packed).
  window.addEventListener("pagehide", function () { clearTimeout(timer); report(); api[CALL.commit](""); });
})();
