/* The coach page: feedback appears as the person types (the coach API, debounced), with the
   words that need work marked by colour, by underline style and by a word in brackets. */
(function () {
  "use strict";

  var form = document.getElementById("coach-form");
  var text = document.getElementById("text");
  var body = document.getElementById("feedback-body");
  var status = document.getElementById("coach-status");
  var section = document.getElementById("feedback");
  if (!form || !text || !body || !window.fetch) return;
  var labels = JSON.parse(section.getAttribute("data-flags") || "{}");
  var WAIT_MS = 600;
  var timer = null;
  var asked = 0;

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  // Each word once, as first written: a sense or a movement named again adds nothing to read.
  function distinct(words) {
    var seen = {};
    return (words || []).filter(function (word) {
      var key = String(word).toLowerCase();
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    });
  }

  function pieces(script, evidence, flags) {
    var spans = [];
    Object.keys(evidence || {}).forEach(function (flag) {
      if (!flags[flag]) return;
      (evidence[flag] || []).forEach(function (item) {
        if (item.start !== null && item.end !== null && item.end > item.start) {
          spans.push({ start: item.start, end: item.end, flag: flag });
        }
      });
    });
    spans.sort(function (a, b) {
      return a.start - b.start || a.end - b.end;
    });
    var out = el("p", "highlighted");
    var at = 0;
    spans.forEach(function (span) {
      if (span.start < at) return;
      if (span.start > at) out.appendChild(document.createTextNode(script.slice(at, span.start)));
      var mark = el("mark", "flag-" + span.flag, script.slice(span.start, span.end));
      mark.appendChild(el("span", "flag-tag", " [" + (labels[span.flag] || {}).tag + "]"));
      out.appendChild(mark);
      at = span.end;
    });
    if (at < script.length) out.appendChild(document.createTextNode(script.slice(at)));
    return out;
  }

  function render(script, result) {
    var parts = [];
    var score = el("p", "score");
    score.appendChild(el("span", "score-number", String(result.score)));
    score.appendChild(document.createTextNode(" "));
    score.appendChild(el("span", "", "out of 100"));
    parts.push(score);
    var meter = el("meter");
    meter.min = 0;
    meter.max = 100;
    meter.value = result.score;
    meter.setAttribute("aria-label", "Score");
    meter.textContent = result.score + " out of 100";
    parts.push(meter);
    parts.push(el("h3", "", "What you wrote"));
    parts.push(pieces(script, result.evidence, result.flags));
    parts.push(el("h3", "", "Checks"));
    var checks = el("ul", "checks");
    Object.keys(labels).forEach(function (flag) {
      var ok = !result.flags[flag];
      var item = el("li", ok ? "ok" : "todo");
      var mark = el("span", "check-mark", ok ? "✓" : "•");
      mark.setAttribute("aria-hidden", "true");
      item.appendChild(mark);
      item.appendChild(el("span", "visually-hidden", ok ? "Good:" : "To work on:"));
      var words = ok
        ? []
        : (result.evidence[flag] || [])
            .filter(function (e) {
              return e.start !== null && e.start !== undefined;
            })
            .map(function (e) {
              return "“" + e.text + "”";
            });
      var line = " " + (ok ? labels[flag].good : labels[flag].bad) + (words.length ? ": " + words.join(", ") : "");
      item.appendChild(document.createTextNode(line));
      checks.appendChild(item);
    });
    parts.push(checks);
    var senses = Object.keys(result.senses || {}).map(function (channel) {
      return channel + " (" + distinct(result.senses[channel]).join(", ") + ")";
    });
    var sensesLine = el("p");
    sensesLine.appendChild(el("strong", "", "Senses:"));
    sensesLine.appendChild(document.createTextNode(" " + (senses.join("; ") || "none yet")));
    parts.push(sensesLine);
    var moves = el("p");
    moves.appendChild(el("strong", "", "Movements:"));
    moves.appendChild(document.createTextNode(" " + (distinct(result.movements).join(", ") || "none yet")));
    parts.push(moves);
    if (result.suggestions && result.suggestions.length) {
      parts.push(el("h3", "", "Suggestions"));
      var list = el("ul", "suggestions");
      result.suggestions.forEach(function (tip) {
        list.appendChild(el("li", "", tip));
      });
      parts.push(list);
    }
    body.replaceChildren.apply(body, parts);
    var todo = Object.keys(labels).filter(function (flag) {
      return result.flags[flag];
    }).length;
    status.textContent =
      "Score " + result.score + " out of 100. " +
      (todo ? todo + (todo === 1 ? " thing" : " things") + " to work on." : "All four checks look good.");
  }

  function ask() {
    var script = text.value;
    if (!script.trim()) {
      body.replaceChildren(el("p", "muted", "Write a sentence or two and the feedback appears here."));
      status.textContent = "";
      return;
    }
    var mine = ++asked;
    window.Unbrace.postJSON("/api/v1/coach", { text: script })
      .then(function (result) {
        if (mine !== asked) return; // an older answer arriving late
        if (result.ok && result.data && typeof result.data.score === "number") {
          render(script, result.data);
        }
      })
      .catch(function () {
        /* offline: the Get feedback button still works when the connection is back */
      });
  }

  text.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, WAIT_MS);
  });
})();
