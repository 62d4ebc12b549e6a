/* mkdocs-course: Today's review, a few things from earlier days to bring back (render/review.py).
 *
 * Worked out here, in the learner's browser, from their own record and the course's
 * review data (review-data.js: each lesson's key points, its checks' answers and its
 * reflection prompts); nothing is sent anywhere. An item is a lesson's key points, a
 * self-check missed the first time (or a recall answered), or a reflection the
 * learner wrote. It enters on the day its lesson is marked done and comes back after
 * the waits in `intervals` (1, 3, 7, 16, 35 days), one more each time the learner
 * remembered it; "Not yet" moves it a wait back and brings it back tomorrow. Today
 * shows at most `perDay` items, the longest waiting first, and at most one reflection.
 *
 * The state of an item is saved in the `review` section (track.js's store, so it is
 * in every export) under <course>/review/<lesson>/summary, .../check/<id> or
 * .../reflection/<id>:  {step: waits done (0-5; 5: learned), last: "YYYY-MM-DD" the
 * day it was last seen, due: "YYYY-MM-DD" or null once learned, again: true after "Not
 * yet" (it comes first the next day)}. An item without a saved state is due the day
 * after its lesson was done.
 *
 * track-views.js draws the review inside the Today view (course.review.section);
 * this file only decides what is due and draws the cards.
 */
(function () {
  "use strict";
  var course = window.mkdocsCourse;
  if (!course || !course.track || course.review) return;
  var T = course.track;
  var keyOf = course.key;
  var tr = course.t, parts = course.tParts; // the words (model/i18n.py)
  var KIND_ORDER = { check: 0, summary: 1, reflection: 2 };

  function data(t) {
    var R = window.mkdocsCourseReview;
    return R && R.course === t.course && R.lessons ? R : null;
  }

  /** Every item the learner can review: from the lessons they marked done. */
  function itemsOf(t, rec, R) {
    var out = [];
    t.lessons.forEach(function (l) {
      var done = rec.done[l.id];
      var r = R.lessons[l.id];
      if (!done || !r) return;
      function add(kind, key, more) {
        var item = { kind: kind, key: key, lesson: l, entered: done };
        Object.keys(more).forEach(function (k) { item[k] = more[k]; });
        out.push(item);
      }
      if (r.summary.length) add("summary", keyOf(t.course, "review", l.id, "summary"), { points: r.summary });
      r.checks.forEach(function (c) {
        var saved = rec.checks[keyOf(t.course, "lesson", l.id, c.id)];
        var v = saved && saved.value;
        if (!v || typeof v !== "object") return;
        var own = c.kind === "recall" && typeof v.text === "string" && v.text.trim() ? v.text : null;
        if (own || (c.kind !== "recall" && v.first === false)) add("check", keyOf(t.course, "review", l.id, "check", c.id), { check: c, own: own });
      });
      r.reflection.forEach(function (p) {
        var saved = rec.answers[keyOf(t.course, "lesson", l.id, p.id)];
        if (saved && typeof saved.value === "string" && saved.value.trim()) {
          add("reflection", keyOf(t.course, "review", l.id, "reflection", p.id), { prompt: p.prompt, text: saved.value });
        }
      });
    });
    return out;
  }

  /** When an item comes back: its saved state, or due the day after its lesson was done. */
  function stateOf(item, rec, R) {
    var saved = rec.review[item.key];
    var v = saved && saved.value;
    var steps = R.intervals.length;
    if (v && typeof v === "object" && typeof v.step === "number" && v.step >= 0 && v.step <= steps && Math.floor(v.step) === v.step &&
        T.isDay(v.last) && (v.due === null ? v.step === steps : T.isDay(v.due))) {
      return { step: v.step, last: v.last, due: v.due, again: v.again === true, saved: true };
    }
    return { step: 0, last: item.entered, due: T.addDays(item.entered, R.intervals[0]), again: false, saved: false };
  }

  /** The state after the learner's answer: `remembered` waits one step longer; not yet, back tomorrow,
   * ahead of the others (`again`), so the page keeps its word. */
  function after(state, remembered, now, R) {
    if (!remembered) return { step: Math.max(0, state.step - 1), last: now, due: T.addDays(now, 1), again: true };
    var step = state.step + 1;
    return { step: step, last: now, due: step < R.intervals.length ? T.addDays(now, R.intervals[step]) : null };
  }

  function byCourseOrder(a, b) {
    return a.lesson.day - b.lesson.day || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.key < b.key ? -1 : 1);
  }

  /** Today's review: the items seen today, then the longest waiting, up to the day's number, in course order. */
  function plan(t, rec, now) {
    var R = data(t);
    if (!R) return null;
    var items = itemsOf(t, rec, R);
    items.forEach(function (x) { x.state = stateOf(x, rec, R); });
    var seen = items.filter(function (x) { return x.state.saved && x.state.last === now; });
    var waiting = items.filter(function (x) { return seen.indexOf(x) < 0 && x.state.due !== null && x.state.due <= now; });
    // "Not yet" first (the card said "tomorrow"), then the longest waiting, checks before key points before reflections.
    waiting.sort(function (a, b) {
      if (a.state.again !== b.state.again) return a.state.again ? -1 : 1;
      return a.state.due < b.state.due ? -1 : a.state.due > b.state.due ? 1 : KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || byCourseOrder(a, b);
    });
    var chosen = seen.slice(0, R.perDay);
    var reflections = chosen.filter(function (x) { return x.kind === "reflection"; }).length;
    waiting.forEach(function (x) {
      if (chosen.length >= R.perDay || (x.kind === "reflection" && reflections >= 1)) return;
      if (x.kind === "reflection") reflections++;
      chosen.push(x);
    });
    chosen.sort(byCourseOrder);
    // The next review: the soonest day an item is due after today; one still waiting after today's comes tomorrow.
    var later = items.filter(function (x) { return x.state.due !== null && (x.state.due > now || chosen.indexOf(x) < 0); })
      .map(function (x) { return x.state.due > now ? x.state.due : T.addDays(now, 1); }).sort();
    return { R: R, items: items, today: chosen, next: later[0] || null };
  }

  // --- Drawing ------------------------------------------------------------------------------------

  var uid = 0;

  function why(x) {
    var day = x.lesson.day;
    if (x.kind === "summary") return tr("From Day %(day)s, which you did on %(date)s.", { day: day, date: T.dayText(x.entered) });
    if (x.kind === "reflection") return tr("You wrote this on Day %(day)s, %(date)s.", { day: day, date: T.dayText(x.entered) });
    return x.own ? tr("You answered this on Day %(day)s.", { day: day }) : tr("On Day %(day)s this one was not right the first time.", { day: day });
  }

  /** When an item comes back, in words that stay true when a busy day makes it wait a little longer. */
  function when(due, now) {
    if (due === null) return tr("You know this one now: it will not come back.");
    var days = T.between(now, due);
    return days === 1 ? tr("It comes back tomorrow.") : days < 7 ? tr("It comes back in %(n)s days.", { n: days }) : days < 10 ? tr("It comes back in a week or so.") : days < 25 ? tr("It comes back in about two weeks.") : tr("It comes back in about a month.");
  }

  /** What to compare with once the learner has brought it to mind. */
  function answerOf(x) {
    var h = T.h;
    if (x.kind === "summary") return h("ul", null, x.points.map(function (p) { return h("li", null, p); }));
    var c = x.check;
    if (c.kind === "recall") {
      return [h("p", null, h("strong", null, tr("A model answer:")), " ", c.answer),
        h("p", null, h("strong", null, tr("You wrote:")), " ", h("span", { class: "course-review-own" }, x.own))];
    }
    return c.right.length === 1
      ? h("p", null, h("strong", null, tr("The answer:")), " ", c.right[0].text + ". ", c.right[0].why)
      : [h("p", null, h("strong", null, tr("Every answer that applies:"))), h("ul", null, c.right.map(function (o) { return h("li", null, o.text + ". ", o.why); }))];
  }

  function card(x, now, R, settled) {
    var h = T.h, button = T.button;
    var id = "course-review-" + ++uid;
    var status = h("p", { class: "course-review-result", role: "status", tabindex: "-1" });
    var actions = h("p", { class: "course-review-actions" });
    var li = h("li", { class: "course-review-item course-review-" + x.kind, "data-course-review": x.key },
      h("p", { class: "course-review-why" }, why(x)));
    var lessonLink = h("a", { href: x.lesson.url }, tr("Day %(day)s: %(title)s", { day: x.lesson.day, title: x.lesson.title }));

    function settle(remembered) {
      var state = after(x.state, remembered, now, R);
      if (!T.put("review", x.key, state)) {
        status.textContent = course.notSaved();
        return;
      }
      x.state = { step: state.step, last: state.last, due: state.due, again: !!state.again, saved: true };
      done(!remembered ? tr("Not yet: that is how remembering grows.") : x.kind === "reflection" ? tr("Looked back.") : tr("Remembered."));
      settled();
      // On to the next card that still waits, or this card's own result.
      var next = li.parentNode && li.parentNode.querySelector(".course-review-item:not(.course-is-done) button");
      (next || status).focus();
    }
    function done(words) {
      li.classList.add("course-is-done");
      actions.textContent = "";
      status.textContent = "✓ " + words + " " + when(x.state.due, now);
    }

    if (x.kind === "reflection") {
      li.appendChild(h("h3", { class: "course-review-prompt" }, x.prompt));
      li.appendChild(h("blockquote", { class: "course-review-own" }, x.text));
      li.appendChild(h("p", { class: "course-meta" }, parts("Would you answer differently now? You can change it in %(lesson)s.", { lesson: lessonLink })));
      actions.appendChild(button(tr("I looked back"), function () { settle(true); }, false));
    } else {
      var answer = h("div", { class: "course-review-answer", id: id, hidden: true }, answerOf(x));
      li.appendChild(h("h3", { class: "course-review-prompt" }, x.kind === "summary" ? parts("What were the key points of %(lesson)s?", { lesson: lessonLink }) : x.check.question));
      li.appendChild(h("p", { class: "course-meta" }, x.kind === "summary" ? tr("Bring them to mind first, then look.") : tr("Bring it to mind first, then look.")));
      li.appendChild(answer);
      var show = button(x.kind === "summary" ? tr("Show the key points") : tr("Show the answer"), function () {
        answer.hidden = false;
        show.setAttribute("aria-expanded", "true");
        actions.textContent = "";
        var yes = button(tr("I remembered"), function () { settle(true); }, false);
        actions.append(yes, " ", button(tr("Not yet"), function () { settle(false); }, false));
        yes.focus();
      }, false);
      show.setAttribute("aria-expanded", "false");
      show.setAttribute("aria-controls", id);
      actions.appendChild(show);
    }
    li.appendChild(actions);
    li.appendChild(status);
    if (x.state.saved && x.state.last === now) {
      var answerBox = li.querySelector(".course-review-answer");
      if (answerBox) answerBox.hidden = false;
      done(tr("Seen today."));
    }
    return li;
  }

  /** The review part of the Today view, or null when there is nothing to review yet. */
  function section(t, rec, now) {
    var p = plan(t, rec, now);
    if (!p || !p.items.length) return null;
    var h = T.h;
    function nextText(day) {
      if (!day) return "";
      return day === T.addDays(now, 1) ? tr("Your next review is tomorrow.") : tr("Your next review is on %(day)s.", { day: T.dayText(day) });
    }
    if (!p.today.length) {
      return h("p", { class: "course-meta course-review-next" }, p.next ? tr("Nothing to review today.") + " " + nextText(p.next) : tr("You have reviewed everything: well done."));
    }
    var intro = h("p", { class: "course-meta" });
    var list = h("ol", { class: "course-review-items" });
    /** The line under the heading: what is on offer, or, once every card is answered, when the next review is. */
    function say() {
      var open = list.querySelectorAll(".course-review-item:not(.course-is-done)").length;
      intro.textContent = open
        ? tr("%(things)s from earlier days, about a minute each. Trying to remember is what makes an idea stay.", { things: T.plural(p.today.length, "thing") })
        : (tr("Review done for today.") + " " + nextText(plan(t, T.read(t, now), now).next)).trim();
    }
    p.today.forEach(function (x) { list.appendChild(card(x, now, p.R, say)); });
    say();
    return h("section", { class: "course-review", "aria-labelledby": "course-review-title" }, h("h2", { id: "course-review-title" }, tr("Today's review")), intro, list);
  }

  course.review = { plan: plan, section: section };
  if (T.draw) T.redraw();
})();
