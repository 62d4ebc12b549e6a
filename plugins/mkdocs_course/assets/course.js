/* mkdocs-course browser code. Learner data never leaves the browser. */
(function () {
  "use strict";
})();
