/* mkdocs-course, only under `mkdocs serve`: the course's problems, on the page being previewed.
 *
 * When a save leaves the course with problems, the server keeps the last good site up and
 * writes the problems to serve-problems.json beside this script (serve.py, ServeSession.show_problems);
 * MkDocs then reloads the page, and this script lists them over it. A good save writes an
 * empty list, the page reloads again, and the list is gone; a good save with warnings (course
 * lint: example text left in, a list item merged into the one above...) lists those, over a page
 * that is up to date. A built site has neither file.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var url = new URL("serve-problems.json", script.src);

  /** Text with its `code` spans as code, as the terminal's backticks mean. */
  function words(el, text) {
    String(text).split("`").forEach(function (piece, i) {
      if (!piece) return;
      if (i % 2) {
        var code = document.createElement("code");
        code.textContent = piece;
        el.appendChild(code);
      } else {
        el.appendChild(document.createTextNode(piece));
      }
    });
  }

  function show(problems) {
    var old = document.getElementById("course-serve-problems");
    if (old) old.remove();
    if (!problems.length) return;
    var box = document.createElement("section");
    box.id = "course-serve-problems";
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", "course-serve-problems-title");
    box.style.cssText = "position:fixed;z-index:1000;left:0;right:0;top:0;max-height:70vh;overflow:auto;" +
      "padding:0.8rem 1rem;background:var(--md-default-bg-color,#fff);color:var(--md-default-fg-color,#000);" +
      "border-bottom:0.3rem solid #c62828;box-shadow:0 0.2rem 0.6rem rgba(0,0,0,0.3);font:0.8rem/1.5 var(--md-text-font-family,sans-serif)";
    var title = document.createElement("h2");
    title.id = "course-serve-problems-title";
    title.style.cssText = "margin:0 0 0.4rem;font-size:1rem;font-weight:700";
    var errors = problems.filter(function (p) { return p.severity === "error"; }).length;
    var warnings = problems.length - errors;
    title.textContent = errors === 1 ? "The course has a problem: this page is the last good version"
      : errors ? "The course has " + errors + " problems: this page is the last good version"
      : warnings === 1 ? "The course has a warning: the page is up to date, but a learner may trip over this"
      : "The course has " + warnings + " warnings: the page is up to date, but a learner may trip over these";
    box.style.borderBottomColor = errors ? "#c62828" : "#b26a00";
    box.appendChild(title);
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:1.2rem";
    problems.forEach(function (p) {
      var item = document.createElement("li");
      var where = document.createElement("code");
      where.textContent = p.path + ":" + p.line + ":" + p.column;
      item.appendChild(where);
      item.appendChild(document.createTextNode(": " + p.severity + ": "));
      words(item, p.message);
      if (p.hint) {
        var hint = document.createElement("div");
        hint.appendChild(document.createTextNode("hint: "));
        words(hint, p.hint);
        hint.style.cssText = "opacity:0.85";
        item.appendChild(hint);
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    var note = document.createElement("p");
    note.style.cssText = "margin:0.4rem 0 0";
    note.textContent = errors ? "Save a fix and this page reloads. The terminal running mkdocs serve shows the same list."
      : "The site was built. course validate lists the same warnings, and they go when each is fixed.";
    box.appendChild(note);
    var hide = document.createElement("button");
    hide.type = "button";
    hide.textContent = "Hide until the next save";
    hide.style.cssText = "margin-top:0.4rem;min-height:2rem;padding:0 0.8rem;border:1px solid currentColor;border-radius:0.2rem;background:none;color:inherit;cursor:pointer";
    hide.addEventListener("click", function () { box.remove(); });
    box.appendChild(hide);
    document.body.appendChild(box);
  }

  fetch(url, { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : []; })
    .then(function (problems) { show(Array.isArray(problems) ? problems : []); })
    .catch(function () { /* no list: nothing to show */ });
})();
