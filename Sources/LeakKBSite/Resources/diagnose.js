// The served /diagnose page: sends the pasted text or the chosen file to
// /api/diagnose and shows the report the server renders from the same
// template as `leakkb diagnose --html`. application/octet-stream makes the
// request one no other site's page can send unasked; the server insists on it.
(function () {
  "use strict";
  var form = document.getElementById("diagnose-form");
  if (!form) return;
  var text = document.getElementById("evidence-text");
  var file = document.getElementById("evidence-file");
  var format = document.getElementById("evidence-format");
  var status = document.getElementById("diagnose-status");
  var report = document.getElementById("diagnose-report");
  var button = form.querySelector("button[type=submit]");
  var chosen = null;

  file.addEventListener("change", function () {
    chosen = null;
    var picked = file.files && file.files[0];
    if (!picked) { status.textContent = ""; return; }
    var reader = new FileReader();
    reader.onload = function () {
      chosen = reader.result;
      status.textContent = picked.name + " (" + picked.size + " bytes) will be sent instead of the text.";
    };
    reader.onerror = function () { status.textContent = "Could not read " + picked.name + "."; };
    reader.readAsArrayBuffer(picked);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (chosen === null && !text.value.trim()) {
      status.textContent = "Paste a dump or choose a file first.";
      text.focus();
      return;
    }
    var url = form.getAttribute("data-endpoint") + (format.value ? "?format=" + encodeURIComponent(format.value) : "");
    button.disabled = true;
    status.textContent = "Diagnosing…";
    fetch(url, {
      method: "POST", credentials: "same-origin", body: chosen !== null ? chosen : text.value,
      headers: { "Content-Type": "application/octet-stream", "Accept": "text/html" }
    }).then(function (response) {
      return response.text().then(function (answer) {
        if (!response.ok) {
          var message = "the server answered " + response.status;
          try { message = JSON.parse(answer).error.message; } catch (e) { /* not the API's error shape */ }
          report.textContent = "";
          status.textContent = "Not diagnosed: " + message;
          return;
        }
        // Rendered by the server's template, which escapes everything from the evidence.
        report.innerHTML = answer;
        var verdict = report.querySelector("#diagnosis-verdict");
        status.textContent = "Report ready below. " + (verdict ? verdict.textContent : "");
      });
    }).catch(function () {
      status.textContent = "Not diagnosed: the server could not be reached.";
    }).then(function () { button.disabled = false; });
  });
})();
