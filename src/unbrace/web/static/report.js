/* The report in the web app: the Print button (the saved report file runs no script). */
(function () {
  "use strict";
  var button = document.getElementById("print-report");
  if (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  }
})();
