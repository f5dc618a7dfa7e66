/* Practices: when the length changes, the preview shows that version of the script. */
(function () {
  "use strict";

  var pickers = document.querySelectorAll("select[data-practice]");
  Array.prototype.forEach.call(pickers, function (select) {
    select.addEventListener("change", function () {
      var id = select.getAttribute("data-practice");
      var box = document.getElementById(select.getAttribute("data-preview"));
      var url = "/api/v1/practices/" + encodeURIComponent(id) + "?minutes=" + select.value;
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (plan) {
          if (!plan || !plan.steps) return;
          var intro = document.createElement("p");
          intro.className = "muted preview-length";
          intro.textContent = "The " + plan.minutes + "-minute version, with your own words:";
          var list = document.createElement("ol");
          list.className = "steps";
          plan.steps.forEach(function (step) {
            var item = document.createElement("li");
            var title = document.createElement("strong");
            title.textContent = step.title + ".";
            item.appendChild(title);
            item.appendChild(document.createTextNode(" " + step.text));
            list.appendChild(item);
          });
          box.replaceChildren(intro, list);
        })
        .catch(function () {
          /* offline: the preview keeps the usual length */
        });
    });
  });
})();
