/* The check-in form through the JSON API, so that a check-in made offline waits on this
   device and is sent later. Without this script the form posts to the page as usual. */
(function () {
  "use strict";

  var form = document.getElementById("checkin-form");
  if (!form || !window.fetch) return;
  var status = document.getElementById("checkin-status");
  var RATINGS = ["pain", "enjoyment", "activity", "worst", "stress", "sleep"];

  function chosen(name) {
    var input = form.querySelector('input[name="' + name + '"]:checked');
    return input ? parseInt(input.value, 10) : null;
  }

  function tell(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  form.addEventListener("submit", function (event) {
    var missing = ["pain", "enjoyment", "activity"].filter(function (name) {
      return chosen(name) === null;
    });
    // Let the page itself explain what is missing, next to each field.
    if (missing.length) return;
    event.preventDefault();
    var body = {
      date: form.elements.date.value,
      habits: Array.prototype.slice
        .call(form.querySelectorAll('input[name="habits"]:checked'))
        .map(function (box) {
          return box.value;
        }),
      flare: form.elements.flare.checked,
      note: form.elements.note.value.trim(),
      replace:
        !!form.querySelector('input[type="hidden"][name="replace"]') ||
        !!form.querySelector('input[type="checkbox"][name="replace"]:checked'),
    };
    RATINGS.forEach(function (name) {
      var value = chosen(name);
      if (value !== null) body[name] = value;
    });
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    window.Unbrace.postJSON("/api/v1/checkins", body)
      .then(function (result) {
        button.disabled = false;
        if (result.status === 202) {
          tell("Saved on this device. It will be sent when the connection is back.");
        } else if (result.ok) {
          // A correction made from History goes back there; today's check-in says thanks.
          var back = form.elements.back && form.elements.back.value === "history";
          window.location.assign(back ? "/history?changed=saved" : "/checkin?saved=1");
        } else {
          // 409 (the day has one) or 422: the page form says it best, next to the fields.
          form.submit();
        }
      })
      .catch(function () {
        button.disabled = false;
        form.submit();
      });
  });
})();
