/* unbrace: what every page shares. Small, no framework, nothing fetched from elsewhere.
   - registers the service worker that keeps opened pages working offline;
   - says when saved records are waiting to be sent, and asks for them to be sent when the
     connection comes back;
   - offers Unbrace.postJSON to the other scripts. */
(function () {
  "use strict";

  var status = document.getElementById("sync-status");

  // A form sent back with problems: the summary of them takes the keyboard focus, so a person
  // using a screen reader or the keyboard hears what to fix first.
  var problems = document.getElementById("error-summary");
  if (problems) problems.focus();

  function say(text) {
    if (status) status.textContent = text;
  }

  function postJSON(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (data) {
          return { status: response.status, ok: response.ok, data: data };
        });
    });
  }

  function askToReplay() {
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "replay" });
    }
  }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
      /* Without it the app still works; it just needs the connection. */
    });
    navigator.serviceWorker.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.type === "queued") {
        say("Saved on this device. It will be sent when the connection is back.");
      } else if (data.type === "synced") {
        say(data.left ? "" : "Everything saved on this device has been sent.");
      }
    });
    navigator.serviceWorker.ready.then(askToReplay);
  }

  window.addEventListener("online", function () {
    say("");
    askToReplay();
  });
  window.addEventListener("offline", function () {
    say("You are offline. What you save is kept on this device until the connection is back.");
  });

  window.Unbrace = { postJSON: postJSON, say: say };
})();
