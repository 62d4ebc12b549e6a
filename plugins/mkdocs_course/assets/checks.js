/* mkdocs-course: a lesson's self-checks (templates/macros.md.j2 `checks`).

   The learner picks or writes an answer and checks it here, in the browser: nothing is
   sent anywhere and no score is kept, only what they picked, whether it was right, and
   whether it was right the first time they checked it (Progress counts those). Records
   go through course.js's store, in the `checks` section, under
   <course>/lesson/<lesson id>/<check id>:

     choice, multiple  {picked: [option numbers, from 0], right: bool, first: bool, tries: n,
                        revealed: true once the learner asked to see the answers}
     scenario          {picked: [option number]}
     recall            {text: "the learner's own answer", shown: true}

   A wrong answer shows why each picked option is not it, and the learner tries again
   (or asks for every answer); a right one shows why for every option. */
(function () {
  "use strict";
  var course = window.mkdocsCourse;
  if (!course) return;
  var SECTION = "checks";
  var tr = course.t; // the words (model/i18n.py)

  function inputs(form) {
    return Array.prototype.slice.call(form.querySelectorAll(".course-check-options input"));
  }

  function pickedOf(form) {
    return inputs(form).filter(function (i) { return i.checked; }).map(function (i) { return +i.value; });
  }

  function rightOf(form) {
    return inputs(form).filter(function (i) { return i.hasAttribute("data-course-right"); }).map(function (i) { return +i.value; });
  }

  function isRight(form, picked) {
    var right = rightOf(form);
    return picked.length === right.length && right.every(function (n) { return picked.indexOf(n) >= 0; });
  }

  /** The saved record's value, or null when there is none or it is not one of ours. */
  function read(key) {
    var record;
    try {
      record = course.store.get(SECTION, key);
    } catch (e) {
      return null; // storage switched off: nothing saved to show
    }
    var v = record && record.value;
    return v && typeof v === "object" && !Array.isArray(v) ? v : null;
  }

  function write(key, value) {
    try {
      if (!course.store.available()) return false;
      course.store.set(SECTION, key, value);
      return true;
    } catch (e) {
      course.store.failed();
      return false;
    }
  }

  /** Show the whys of `which` options (and mark right and picked ones), hide the rest. */
  function show(form, which, picked, marked) {
    inputs(form).forEach(function (input) {
      var n = +input.value;
      var item = input.closest("li");
      item.querySelector(".course-check-why").hidden = which.indexOf(n) < 0;
      item.classList.toggle("course-check-is-right", marked && input.hasAttribute("data-course-right"));
      item.classList.toggle("course-check-is-wrong", marked && picked.indexOf(n) >= 0 && !input.hasAttribute("data-course-right"));
      input.checked = picked.indexOf(n) >= 0;
    });
  }

  function every(form) {
    return inputs(form).map(function (i) { return +i.value; });
  }

  function initCheck(form) {
    if (form.hasAttribute("data-course-ready")) return;
    form.setAttribute("data-course-ready", "");
    var key = form.getAttribute("data-course-check");
    var kind = form.getAttribute("data-course-kind");
    var actions = form.querySelector(".course-check-actions");
    var submit = actions.querySelector("[type=submit]");
    var again = actions.querySelector("[data-course-check-again]");
    var all = actions.querySelector("[data-course-check-all]");
    var status = form.querySelector(".course-check-result");
    var own = form.querySelector("textarea");
    var answer = form.querySelector(".course-check-answer");
    actions.hidden = false;

    /** Draw the state of `value` (a saved or a new answer); returns what the live region says. */
    function draw(value) {
      if (kind === "recall") {
        if (typeof value.text === "string") own.value = value.text;
        answer.hidden = !value.shown;
        // Shown once: the button has done its work, and edits are kept as they are typed.
        submit.hidden = !!value.shown;
        return value.shown ? tr("Here is a model answer. Compare it with yours: what did you remember, and what would you add?") : "";
      }
      var picked = Array.isArray(value.picked) ? value.picked.filter(function (n) { return typeof n === "number"; }) : [];
      again.hidden = false;
      submit.hidden = true;
      if (kind === "scenario") {
        show(form, picked, picked, false);
        again.textContent = tr("Try another option");
        return tr("Here is what tends to happen. Try another option to compare.");
      }
      if (value.right || value.revealed) {
        show(form, every(form), picked, true);
        // Right: nothing to try again, but the learner may answer afresh.
        again.textContent = value.right ? tr("Answer again") : tr("Try again");
        if (all) all.hidden = true;
        if (!value.right) return tr("The answers are marked, each with why. Try again when you are ready.");
        return kind === "multiple" ? tr("Right: those are all the answers that apply. Read why under each one.") : tr("Right. Read why under each answer.");
      }
      show(form, picked, picked, false);
      again.textContent = tr("Try again");
      if (all) all.hidden = false;
      return kind === "multiple" ? tr("Not quite: a tick is off, or an answer that applies is missing. Read why under your answer, then try again.") : tr("Not quite. Read why under your answer, then try again.");
    }

    /** Back to answering: the feedback goes; `keep` keeps the learner's picks (they changed one). */
    function reset(keep) {
      show(form, [], keep ? pickedOf(form) : [], false);
      submit.hidden = false;
      again.hidden = true;
      if (all) all.hidden = true;
      status.textContent = "";
      if (!keep) {
        var first = inputs(form)[0];
        if (first) first.focus();
      }
    }

    var saved = read(key);
    if (saved) status.textContent = draw(saved);

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var value;
      if (kind === "recall") {
        if (!own.value.trim()) {
          status.textContent = tr("Write your own answer first: trying to remember is what makes it stick.");
          own.focus();
          return;
        }
        value = { text: own.value, shown: true };
      } else {
        var picked = pickedOf(form);
        if (!picked.length) {
          status.textContent = kind === "multiple" ? tr("Tick at least one answer first.") : tr("Pick an answer first.");
          return;
        }
        if (kind === "scenario") {
          value = { picked: picked };
        } else {
          var before = read(key);
          var right = isRight(form, picked);
          value = { picked: picked, right: right, first: before && typeof before.first === "boolean" ? before.first : right, tries: ((before && before.tries) || 0) + 1 };
        }
      }
      var said = draw(value);
      status.textContent = said + (write(key, value) ? "" : " " + course.notSaved());
      if (!again.hidden) again.focus();
    });

    again.addEventListener("click", function () { reset(false); });
    // Changing an answer after checking is trying again: the feedback of the old one goes.
    inputs(form).forEach(function (input) {
      input.addEventListener("change", function () { if (submit.hidden) reset(true); });
    });
    if (all) {
      all.addEventListener("click", function () {
        var v = read(key) || { picked: pickedOf(form), right: false, first: false, tries: 1 };
        v = { picked: v.picked, right: !!v.right, first: v.first, tries: v.tries, revealed: true };
        status.textContent = draw(v) + (write(key, v) ? "" : " " + course.notSaved());
        again.focus();
      });
    }
    if (own) {
      // An edited recall answer is kept as it is typed, once the model answer has been shown.
      own.addEventListener("input", function () {
        var v = read(key);
        if (v && v.shown) write(key, { text: own.value, shown: true });
      });
    }
  }

  course.onPage(function () {
    document.querySelectorAll("form.course-check").forEach(initCheck);
  });
})();
