/* Spoken guidance: kept in this browser, because voices differ from device to device. */
(function () {
  "use strict";

  var form = document.getElementById("voice-form");
  if (!form) return;
  if (!("speechSynthesis" in window)) {
    var note = document.createElement("p");
    note.className = "notice";
    note.textContent = "This browser cannot speak the steps aloud.";
    form.parentNode.appendChild(note);
    return;
  }
  form.hidden = false;
  var synth = window.speechSynthesis;
  var speak = document.getElementById("speak");
  var voice = document.getElementById("voice-name");
  var rate = document.getElementById("rate");
  var rateValue = document.getElementById("rate-value");
  var status = document.getElementById("voice-status");

  speak.checked = localStorage.getItem("unbrace.speak") === "1";
  rate.value = localStorage.getItem("unbrace.rate") || "0.9";
  rateValue.textContent = rate.value;

  function fillVoices() {
    var wanted = localStorage.getItem("unbrace.voice") || "";
    var voices = synth.getVoices();
    while (voice.options.length > 1) voice.remove(1);
    voices.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.name;
      option.textContent = item.name + " (" + item.lang + ")";
      option.selected = item.name === wanted;
      voice.appendChild(option);
    });
  }
  fillVoices();
  synth.addEventListener("voiceschanged", fillVoices);

  function saved() {
    status.textContent = "Saved on this device.";
  }

  speak.addEventListener("change", function () {
    localStorage.setItem("unbrace.speak", speak.checked ? "1" : "0");
    saved();
  });
  voice.addEventListener("change", function () {
    localStorage.setItem("unbrace.voice", voice.value);
    saved();
  });
  rate.addEventListener("input", function () {
    rateValue.textContent = rate.value;
  });
  rate.addEventListener("change", function () {
    localStorage.setItem("unbrace.rate", rate.value);
    saved();
  });
  document.getElementById("voice-try").addEventListener("click", function () {
    synth.cancel();
    var words = new SpeechSynthesisUtterance(
      "Let your shoulders settle. Breathe in slowly, and let the breath out go long."
    );
    words.rate = parseFloat(rate.value);
    var chosen = synth.getVoices().filter(function (item) {
      return item.name === voice.value;
    })[0];
    if (chosen) words.voice = chosen;
    synth.speak(words);
  });
})();
