/* The session player: pain before, timed steps with a breathing circle, ratings after.

   The clock mirrors unbrace.core.session.Player: practice time only runs while playing,
   each step has its share of seconds, skipping the last step ends the session as stopped.
   Progress goes to the server at each step change, every 10 seconds (also while paused,
   so a long pause never looks abandoned) and when the page is hidden or closed.

   With "Listen to the recorded voice" on, the practice is rendered on the server
   (POST /api/v1/audio) before it starts and played in an <audio> element: its WebVTT captions
   become the step text, and the clock follows the recording's own time. When the recording is
   not available, the browser's speech synthesis reads the steps instead. */
(function () {
  "use strict";

  var root = document.getElementById("player");
  if (!root) return;

  var SAVE_EVERY_MS = 10000;
  var TICK_MS = 200;

  function $(id) {
    return document.getElementById(id);
  }

  var params = new URLSearchParams(location.search);
  var speed = parseFloat(params.get("speed") || root.getAttribute("data-speed") || "1");
  if (!(speed > 0 && speed <= 10000)) speed = 1;
  var key = root.getAttribute("data-key");
  var minutesGiven = parseInt(root.getAttribute("data-minutes") || "", 10);
  var gentle = root.getAttribute("data-gentle") === "yes";
  // The stop rule's numbers come from the server (unbrace.core.safety); its own answer is used
  // whenever the finish reaches it, these only when the session was kept offline.
  var stopAfter = parseInt(root.getAttribute("data-stop-after") || "8", 10);
  var stopRise = parseInt(root.getAttribute("data-stop-rise") || "3", 10);
  var preview = JSON.parse(root.getAttribute("data-plan"));
  var reduced = window.matchMedia("(prefers-reduced-motion: reduce)");

  var stages = {
    before: $("stage-before"),
    play: $("stage-play"),
    after: $("stage-after"),
    end: $("stage-end"),
  };
  var beforeForm = $("before-form");
  if (!beforeForm) return; // a safety reminder is shown instead of the player
  beforeForm.hidden = false;

  var plan = null;
  var sessionId = null;
  var state = null;
  var painBefore = null;
  var timer = null;
  var lastTick = 0;
  var lastSave = 0;
  var finished = false; // the finish call has been made
  var wakeLock = null;
  var voiceAudio = null; // the recorded voice, while it guides the session
  var audioAt = 0; // where in the recording the clock last looked
  var fallbackSpeech = false; // the recording failed: the browser speaks instead

  /* --- small helpers ------------------------------------------------------------------ */

  function clock(seconds) {
    var whole = Math.max(0, Math.round(seconds));
    var rest = whole % 60;
    return Math.floor(whole / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function show(name) {
    Object.keys(stages).forEach(function (stage) {
      stages[stage].hidden = stage !== name;
    });
  }

  function focusHeading(id) {
    var heading = $(id);
    if (heading) heading.focus({ preventScroll: false });
  }

  function announce(text) {
    var region = $("announcer");
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = text;
    }, 50);
  }

  /* --- spoken guidance (off unless turned on) ------------------------------------------ */

  var speakToggles = Array.prototype.slice.call(document.querySelectorAll(".speak-toggle"));
  var canSpeak = "speechSynthesis" in window;

  function speaking() {
    if (!canSpeak || voiceAudio) return false; // never two voices at once
    return fallbackSpeech || localStorage.getItem("unbrace.speak") === "1";
  }

  speakToggles.forEach(function (toggle) {
    if (!canSpeak) {
      toggle.parentNode.hidden = true;
      return;
    }
    toggle.checked = speaking();
    toggle.addEventListener("change", function () {
      localStorage.setItem("unbrace.speak", toggle.checked ? "1" : "0");
      speakToggles.forEach(function (other) {
        other.checked = toggle.checked;
      });
      if (!toggle.checked) window.speechSynthesis.cancel();
    });
  });

  /* --- the recorded voice (off unless turned on) --------------------------------------- */

  var listenToggle = $("listen-before");
  var canListen = !!document.createElement("audio").canPlayType("audio/wav");

  function listening() {
    return canListen && localStorage.getItem("unbrace.listen") === "1";
  }

  if (listenToggle) {
    if (!canListen) {
      listenToggle.parentNode.hidden = true;
      $("hint-listen").hidden = true;
    }
    listenToggle.checked = listening();
    listenToggle.addEventListener("change", function () {
      localStorage.setItem("unbrace.listen", listenToggle.checked ? "1" : "0");
    });
  }

  function audioNote(text) {
    $("audio-status").textContent = text;
  }

  function speakInstead(why) {
    // The recording is not there (no voice installed, offline) or cannot play.
    if (voiceAudio) {
      voiceAudio.pause();
      voiceAudio.removeAttribute("src");
      voiceAudio = null;
      lastTick = performance.now(); // the clock runs on its own again
    }
    fallbackSpeech = true;
    audioNote(
      why +
        (canSpeak
          ? " Your browser reads the steps aloud instead."
          : " Follow the steps on the screen.")
    );
  }

  function loadAudio(found) {
    // Resolves with an <audio> element ready to play, or rejects.
    return new Promise(function (resolve, reject) {
      var audio = document.createElement("audio");
      audio.preload = "auto";
      audio.hidden = true;
      var track = document.createElement("track");
      track.kind = "captions";
      track.srclang = "en";
      track.label = "Captions";
      track.default = true;
      track.src = found.captions;
      audio.appendChild(track);
      var settled = false;
      function fail() {
        if (settled) return; // a later error is the player's to handle
        settled = true;
        window.clearTimeout(waited);
        audio.removeAttribute("src");
        audio.remove();
        reject(new Error("The recording could not be loaded."));
      }
      var waited = window.setTimeout(fail, 20000);
      audio.addEventListener(
        "canplay",
        function () {
          if (settled) return;
          settled = true;
          window.clearTimeout(waited);
          resolve(audio);
        },
        { once: true }
      );
      audio.addEventListener("error", fail, { once: true });
      root.appendChild(audio);
      track.track.mode = "hidden"; // cues and their events, without the browser drawing them
      track.track.addEventListener("cuechange", function () {
        if (voiceAudio !== audio) return;
        var cues = track.track.activeCues;
        if (!cues || !cues.length) return; // between sentences the last one stays
        var text = cues[cues.length - 1].text;
        $("step-text").textContent = text;
        announce(text);
      });
      audio.src = found.audio;
    });
  }

  function prepareAudio(flare) {
    // Rendering may take a while: show that, and keep the started session alive meanwhile.
    var waiting = $("audio-preparing");
    var words = $("audio-preparing-text");
    waiting.hidden = false;
    words.textContent = "Preparing the audio…";
    state = newState(plan);
    var alive = window.setInterval(saveProgress, SAVE_EVERY_MS);
    var body = { practice: key, minutes: plan.minutes, flare: !!flare, gentle: gentle };
    var plain = false;
    return window.Unbrace.postJSON("/api/v1/audio", body)
      .then(function (result) {
        if (!(result.ok && result.data && result.data.audio)) throw new Error("unavailable");
        plain = !!result.data.plain;
        return loadAudio(result.data);
      })
      .then(function (audio) {
        voiceAudio = audio;
        audioAt = 0;
        audioNote(plain ? "A plainer voice speaks: the calm neural voice is not installed." : "");
        voiceAudio.addEventListener("error", function () {
          if (voiceAudio !== audio) return;
          speakInstead("The recorded voice stopped.");
          if (state && !isFinished() && !stages.play.hidden) showStep();
        });
      })
      .catch(function () {
        speakInstead("The recorded voice is not available.");
      })
      .then(function () {
        window.clearInterval(alive);
        waiting.hidden = true;
        words.textContent = "";
      });
  }

  function startAudio() {
    if (!voiceAudio) return;
    var audio = voiceAudio;
    var started = audio.play();
    if (started && started.catch) {
      started.catch(function (problem) {
        // A Pause pressed before it began interrupts play() (AbortError): nothing is wrong.
        if (voiceAudio !== audio || (problem && problem.name === "AbortError")) return;
        speakInstead("The recorded voice could not play here.");
        if (state && !isFinished()) showStep();
      });
    }
  }

  function say(text) {
    if (!speaking()) return;
    var synth = window.speechSynthesis;
    synth.cancel();
    var utterance = new SpeechSynthesisUtterance(text);
    var rate = parseFloat(localStorage.getItem("unbrace.rate") || "0.9");
    utterance.rate = rate > 0 ? rate : 0.9;
    var wanted = localStorage.getItem("unbrace.voice");
    if (wanted) {
      var voice = synth.getVoices().filter(function (v) {
        return v.name === wanted;
      })[0];
      if (voice) utterance.voice = voice;
    }
    synth.speak(utterance);
  }

  /* --- the wake lock keeps the screen on during a session where allowed ---------------- */

  function keepAwake() {
    if (!("wakeLock" in navigator) || wakeLock) return;
    navigator.wakeLock
      .request("screen")
      .then(function (lock) {
        wakeLock = lock;
        lock.addEventListener("release", function () {
          wakeLock = null;
        });
      })
      .catch(function () {
        /* not allowed here (battery saver, hidden tab): the session goes on anyway */
      });
  }

  function letSleep() {
    if (wakeLock) wakeLock.release().catch(function () {});
    wakeLock = null;
  }

  /* --- the clock ------------------------------------------------------------------------ */

  function normalise(candidate) {
    if (!candidate || !candidate.steps || !candidate.steps.length || !candidate.pace) return null;
    return candidate;
  }

  function newState(forPlan) {
    return {
      current: 0,
      into: 0,
      paused: false,
      status: "in_progress",
      progress: forPlan.steps.map(function (step, index) {
        return { index: index, seconds: 0, skipped: false, done: false };
      }),
    };
  }

  function total() {
    return plan.steps.reduce(function (sum, step) {
      return sum + step.seconds;
    }, 0);
  }

  function practised() {
    return state.progress.reduce(function (sum, item) {
      return sum + item.seconds;
    }, 0);
  }

  function isFinished() {
    return state.status !== "in_progress";
  }

  function nextStep() {
    state.current += 1;
    state.into = 0;
    if (state.current >= plan.steps.length) {
      state.current = plan.steps.length - 1;
      state.into = plan.steps[state.current].seconds;
      state.status = "completed";
    }
  }

  function advance(seconds) {
    var ended = [];
    if (isFinished() || state.paused) return ended;
    while (seconds > 0 && !isFinished()) {
      var step = plan.steps[state.current];
      var used = Math.min(seconds, step.seconds - state.into);
      state.into += used;
      state.progress[state.current].seconds += used;
      seconds -= used;
      if (state.into >= step.seconds - 1e-9) {
        state.progress[state.current].done = true;
        ended.push(state.current);
        nextStep();
      }
    }
    return ended;
  }

  function skip() {
    if (isFinished()) return;
    state.progress[state.current].skipped = true;
    if (state.current === plan.steps.length - 1) {
      state.status = "stopped";
      return;
    }
    nextStep();
  }

  function elapsed() {
    var before = 0;
    for (var i = 0; i < state.current; i += 1) before += plan.steps[i].seconds;
    return Math.min(total(), before + state.into);
  }

  /* --- saving ----------------------------------------------------------------------------- */

  function progressBody() {
    return {
      seconds: Math.round(practised() * 100) / 100,
      steps: state.progress.map(function (item) {
        return {
          index: item.index,
          seconds: Math.round(item.seconds * 100) / 100,
          skipped: item.skipped,
          done: item.done,
        };
      }),
    };
  }

  function saveStatus(text) {
    $("save-status").textContent = text;
  }

  function saveProgress() {
    lastSave = Date.now();
    if (!sessionId) return;
    window.Unbrace.postJSON("/api/v1/sessions/" + sessionId + "/progress", progressBody())
      .then(function (result) {
        if (result.status === 202) saveStatus("Offline: progress is kept on this device.");
        else if (result.ok) saveStatus("");
      })
      .catch(function () {
        saveStatus("Offline: progress will be saved when the connection is back.");
      });
  }

  function beacon(leaving) {
    // Closing the tab or hiding the page: what was practised still reaches the server.
    if (!sessionId || finished || !state) return;
    var base = "/api/v1/sessions/" + sessionId;
    var body = progressBody();
    if (isFinished()) {
      if (!leaving) return; // only hidden for a moment: the ratings may still come
      // Ended but not yet rated: finish it as it stands (a request that outlives the page).
      body.status = state.status;
      fetch(base + "/finish", {
        method: "POST",
        keepalive: true,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }).catch(function () {});
      finished = true;
      return;
    }
    if (navigator.sendBeacon) navigator.sendBeacon(base + "/progress", JSON.stringify(body));
  }

  window.addEventListener("pagehide", function () {
    beacon(true);
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") beacon(false);
    else if (state && !isFinished()) keepAwake();
  });

  /* --- drawing ---------------------------------------------------------------------------- */

  var circle = $("breath-circle");
  var word = $("breath-word");
  var count = $("breath-count");
  var ringFill = $("ring-fill");
  var ring = $("ring");
  var ringTime = $("ring-time");
  var shownStep = -1;

  function showStep() {
    var step = plan.steps[state.current];
    $("step-count").textContent = "Step " + (state.current + 1) + " of " + plan.steps.length;
    $("step-title").textContent = step.title;
    $("step-text").textContent = step.text;
    var cue = $("step-cue");
    cue.hidden = !step.cue;
    cue.textContent = step.cue ? "Tiny movement: " + step.cue : "";
    shownStep = state.current;
    var words = "Step " + (state.current + 1) + " of " + plan.steps.length + ": " + step.title + ". ";
    // With the recorded voice, each sentence is announced as it is spoken (its caption).
    announce(voiceAudio ? words : words + step.text);
    say(step.title + ". " + step.text + (step.cue ? " " + step.cue : ""));
  }

  function ease(fraction) {
    return (1 - Math.cos(Math.PI * fraction)) / 2;
  }

  function breathing() {
    var step = plan.steps[state.current];
    // The plan says how long the words are given (the server's rule, as in the terminal).
    return step.breath || state.into >= step.read_seconds;
  }

  function drawBreath() {
    var pace = plan.pace;
    var cycle = pace.inhale + pace.exhale;
    var into = practised() % cycle;
    var inhaling = into < pace.inhale;
    var phaseSeconds = inhaling ? into : into - pace.inhale;
    var fraction = inhaling ? phaseSeconds / pace.inhale : phaseSeconds / pace.exhale;
    var active = breathing() && !isFinished();
    circle.classList.toggle("resting", !active);
    if (!active) {
      word.textContent = state.paused ? "Paused" : "Read slowly";
      count.textContent = state.paused ? "Paused" : "Read slowly.";
      if (!reduced.matches) circle.style.transform = "scale(0.7)";
      return;
    }
    if (state.paused) {
      word.textContent = "Paused";
      count.textContent = "Paused";
      return;
    }
    word.textContent = inhaling ? "Breathe in" : "Breathe out";
    // A gentle count in words, used instead of the circle when motion is reduced.
    var counted = Math.min(Math.floor(phaseSeconds) + 1, Math.ceil(inhaling ? pace.inhale : pace.exhale));
    var parts = [inhaling ? "in…" : "out…"];
    for (var n = 2; n <= counted; n += 1) parts.push(n + "…");
    count.textContent = (inhaling ? "" : "— ") + parts.join(" ");
    if (!reduced.matches) {
      var scale = inhaling ? 0.6 + 0.4 * ease(fraction) : 1.0 - 0.4 * ease(fraction);
      circle.style.transform = "scale(" + scale.toFixed(3) + ")";
    }
  }

  function drawProgress() {
    var whole = total();
    var done = elapsed();
    var fraction = whole ? done / whole : 1;
    ringFill.setAttribute("stroke-dashoffset", (100 - fraction * 100).toFixed(2));
    ring.setAttribute("aria-valuenow", String(Math.round(fraction * 100)));
    ring.setAttribute("aria-valuetext", clock(done) + " of " + clock(whole));
    ringTime.textContent = state.paused ? "Paused" : clock(whole - done) + " left";
  }

  function frame() {
    if (!state || isFinished()) return;
    drawBreath();
    drawProgress();
    window.requestAnimationFrame(frame);
  }

  /* --- running ---------------------------------------------------------------------------- */

  function tick() {
    var now = performance.now();
    var ended;
    if (voiceAudio) {
      // The recording keeps the time: buffering or a stall holds the clock too.
      var at = voiceAudio.ended ? total() + 1 : voiceAudio.currentTime;
      ended = advance(Math.max(0, at - audioAt));
      audioAt = Math.max(audioAt, at);
    } else {
      ended = advance(((now - lastTick) / 1000) * speed);
    }
    lastTick = now;
    if (isFinished()) {
      end();
      return;
    }
    if (state.current !== shownStep) showStep();
    if (ended.length || Date.now() - lastSave >= SAVE_EVERY_MS) saveProgress();
    if (reduced.matches || document.visibilityState === "hidden") {
      drawBreath();
      drawProgress();
    }
  }

  function play() {
    state = newState(plan);
    show("play");
    showStep();
    focusHeading("step-title");
    lastTick = performance.now();
    lastSave = Date.now();
    timer = window.setInterval(tick, TICK_MS);
    keepAwake();
    startAudio();
    window.requestAnimationFrame(frame);
  }

  function togglePause() {
    if (!state || isFinished()) return;
    tick();
    state.paused = !state.paused;
    var button = $("pause");
    button.textContent = state.paused ? "Go on" : "Pause";
    button.setAttribute("aria-pressed", state.paused ? "true" : "false");
    root.classList.toggle("paused", state.paused);
    announce(state.paused ? "Paused." : "Going on.");
    if (voiceAudio) {
      if (state.paused) voiceAudio.pause();
      else startAudio();
    }
    if (canSpeak) {
      if (state.paused) window.speechSynthesis.pause();
      else window.speechSynthesis.resume();
    }
    saveProgress();
    drawBreath();
    drawProgress();
  }

  function end() {
    window.clearInterval(timer);
    timer = null;
    letSleep();
    if (voiceAudio) voiceAudio.pause();
    if (canSpeak) window.speechSynthesis.cancel();
    saveProgress();
    var completed = state.status === "completed";
    $("after-summary").textContent =
      (completed
        ? "You practised " + clock(practised()) + "."
        : "You practised " + clock(practised()) + " of " + plan.minutes + " minutes.") +
      " A few quick questions, then you are done.";
    show("after");
    focusHeading("after-title");
  }

  function stop() {
    if (!state || isFinished()) return;
    tick();
    state.status = "stopped";
    end();
  }

  $("pause").addEventListener("click", togglePause);
  $("skip").addEventListener("click", function () {
    if (!state || isFinished()) return;
    tick();
    skip();
    if (isFinished()) end();
    else {
      if (voiceAudio) {
        // The recording goes on from where the next step starts.
        audioAt = elapsed();
        voiceAudio.currentTime = audioAt;
      }
      showStep();
      saveProgress();
    }
  });
  $("stop").addEventListener("click", stop);

  document.addEventListener("keydown", function (event) {
    if (stages.play.hidden || !state || isFinished()) return;
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    // A focused button answers Space and Enter itself.
    if (tag === "BUTTON" && (event.key === " " || event.key === "Enter")) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === " " || event.key === "p") {
      event.preventDefault();
      togglePause();
    } else if (event.key === "s" || event.key === "ArrowRight") {
      $("skip").click();
    } else if (event.key === "Escape") {
      stop();
    }
  });

  /* --- before: pain now, then start the session on the server ---------------------------- */

  function checkedValue(name) {
    var chosen = document.querySelector('input[name="' + name + '"]:checked');
    return chosen ? parseInt(chosen.value, 10) : null;
  }

  function begin(rated) {
    // A pain rating is only ever one the person chose: Begin asks for it, the quieter button
    // begins without one (stored as not given, never as a number).
    var problem = $("start-status");
    var unrated = $("pain-before-problem");
    problem.hidden = true;
    unrated.hidden = true;
    painBefore = rated ? checkedValue("pain_before") : null;
    if (rated && painBefore === null) {
      unrated.textContent =
        "Choose a number for your pain now, or press “Begin without rating my pain”.";
      unrated.hidden = false;
      var first = document.querySelector('input[name="pain_before"]');
      if (first) first.focus();
      return;
    }
    $("begin").disabled = true;
    $("begin-unrated").disabled = true;
    var body = { practice: key };
    if (painBefore !== null) body.pain_before = painBefore;
    if (gentle) body.gentle = true;
    if (minutesGiven > 0) body.minutes = minutesGiven;
    window.Unbrace.postJSON("/api/v1/sessions", body)
      .then(function (result) {
        if (result.ok && result.data && result.data.id) {
          sessionId = result.data.id;
          plan = normalise(result.data.plan) || preview;
          if (listening()) prepareAudio(result.data.flare).then(play);
          else play();
          return;
        }
        $("begin").disabled = false;
        $("begin-unrated").disabled = false;
        problem.textContent =
          (result.data && typeof result.data.detail === "string" && result.data.detail) ||
          "The session could not start. Please try again.";
        problem.hidden = false;
      })
      .catch(function () {
        // Offline before it began: practise anyway; this one cannot be saved.
        plan = preview;
        if (listening()) speakInstead("The recorded voice needs the connection.");
        play();
        saveStatus("You are offline, so this session is not being saved. Practise anyway.");
      });
  }

  beforeForm.addEventListener("submit", function (event) {
    event.preventDefault();
    begin(true);
  });
  $("begin-unrated").addEventListener("click", function () {
    begin(false);
  });

  /* --- after: ratings, then finish ------------------------------------------------------- */

  var finishing = false; // a finish is on its way: a second press (a double click) waits for it

  function finish(withRatings) {
    if (finishing) return;
    var body = progressBody();
    body.status = state.status;
    var painAfter = null;
    if (withRatings) {
      painAfter = checkedValue("pain_after");
      if (painAfter !== null) body.pain_after = painAfter;
      var visual = checkedValue("vivid_visual");
      var feeling = checkedValue("vivid_body");
      if (visual !== null) body.vivid_visual = visual;
      if (feeling !== null) body.vivid_body = feeling;
      var note = $("note").value.trim();
      if (note) body.note = note;
    }
    var problem = $("finish-status");
    problem.hidden = true;
    if (!sessionId) {
      closing(painAfter, false);
      return;
    }
    var url = "/api/v1/sessions/" + sessionId + "/finish";
    finishing = true;
    window.Unbrace.postJSON(url, body)
      .then(function (result) {
        finishing = false;
        if (result.ok) {
          finished = true;
          closing(painAfter, result.status === 202, result.data);
          return;
        }
        problem.textContent =
          (result.data && typeof result.data.detail === "string" && result.data.detail) ||
          "That could not be saved. Please try again.";
        problem.hidden = false;
      })
      .catch(function () {
        finishing = false;
        problem.textContent =
          "unbrace could not be reached. Keep this page open and press Save again in a moment.";
        problem.hidden = false;
      });
  }

  function closing(painAfter, queued, answer) {
    var completed = state.status === "completed";
    var server = answer && typeof answer.summary === "string" ? answer : null;
    var line;
    var worse;
    if (server) {
      // The server's own words and its stop rule (unbrace.usecases.sessions.finish_session).
      line = server.summary;
      worse = !!server.stop_advised;
    } else {
      line = completed
        ? "Well done: you practised " + clock(practised()) + "."
        : "Saved: you practised " + clock(practised()) + " of " + plan.minutes + " minutes.";
      if (painBefore !== null && painAfter !== null) {
        line += " Pain " + painBefore + " → " + painAfter + ".";
      }
      worse =
        painAfter !== null &&
        (painAfter >= stopAfter || (painBefore !== null && painAfter - painBefore >= stopRise));
    }
    if (queued) line += " It is kept on this device and will be sent when you are back online.";
    if (!sessionId) line = "You practised " + clock(practised()) + ". This one was not saved.";
    // The heading already says "Well done": the line under it does not say it again.
    if (completed) line = line.replace(/^Well done: you /, "You ");
    $("end-title").textContent = completed ? "Well done" : "Thank you";
    $("end-summary").textContent = line;
    $("end-advice").hidden = !worse;
    show("end");
    focusHeading("end-title");
  }

  $("after-form").addEventListener("submit", function (event) {
    event.preventDefault();
    finish(true);
  });
  $("skip-ratings").addEventListener("click", function () {
    finish(false);
  });
})();
