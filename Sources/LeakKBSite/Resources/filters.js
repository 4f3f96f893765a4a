// The home page's filters: kind × tag × language × "affects my Go version",
// over the rows the page already lists (each row's data-* attributes), so
// they work from file://. The state lives in the address (?kind=&tag=&lang=&go=);
// without JavaScript the form stays hidden and the whole list shows.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll("a.row"));
  var count = document.getElementById("filter-count");
  var names = ["kind", "tag", "lang", "go"];

  // "1.22", "go1.22.10" → [1, 22, 10]; null when it is no release.
  function version(text) {
    var m = /^\s*(?:go)?(\d+)\.(\d+)(?:\.(\d+))?\s*$/i.exec(text || "");
    return m ? [+m[1], +m[2], +(m[3] || 0)] : null;
  }
  function compare(a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; }
  function admits(guard, v) {
    if (guard === "*") return true;
    var m = /^(>=|<=|==|>|<)(.*)$/.exec(guard), g = m && version(m[2]);
    if (!g) return true;
    var c = compare(v, g);
    return { ">=": c >= 0, "<=": c <= 0, "==": c === 0, ">": c > 0, "<": c < 0 }[m[1]];
  }

  function state() {
    var s = {};
    names.forEach(function (n) { s[n] = form.elements[n].value.trim(); });
    return s;
  }

  function apply() {
    var s = state(), v = version(s.go), shown = 0;
    form.elements.go.setAttribute("aria-invalid", s.go && !v ? "true" : "false");
    rows.forEach(function (row) {
      var d = row.dataset, from = version(d.from), until = version(d.until);
      var ok = (!s.kind || d.kind === s.kind) && (!s.lang || d.lang === s.lang) &&
        (!s.tag || (" " + d.tags + " ").indexOf(" " + s.tag + " ") >= 0) &&
        (!v || ((!from || compare(v, from) >= 0) && (!until || compare(v, until) < 0)));
      var li = row.closest("li"), note = li.querySelector(".applies");
      li.hidden = !ok;
      if (ok) shown++;
      if (note) {
        var guards = (d.guards || "").split(" ").filter(Boolean);
        var applying = v ? guards.filter(function (g) { return admits(g, v); }).length : 0;
        note.textContent = v && guards.length ? applying + " of " + guards.length + " claims apply to Go " +
          v[0] + "." + v[1] : "";
      }
    });
    // A heading over an emptied group goes with it; a kind's count is of the rows still shown.
    Array.prototype.forEach.call(document.querySelectorAll(".kind-group, .language"), function (group) {
      var visible = group.querySelectorAll("li:not([hidden])").length;
      group.hidden = !visible;
      var heading = group.querySelector(":scope > h3 .count");
      if (heading) heading.textContent = visible;
    });
    var filtered = names.some(function (n) { return s[n]; });
    count.textContent = filtered ? shown + " of " + rows.length + " patterns" +
      (s.go && !v ? " (“" + s.go + "” is not a Go release such as 1.22)" : "") : "";
    var query = names.filter(function (n) { return s[n]; })
      .map(function (n) { return n + "=" + encodeURIComponent(s[n]); }).join("&");
    var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    try { history.replaceState(null, "", address); } catch (e) { /* some file:// browsers refuse; the form still works */ }
  }

  var initial = new URLSearchParams(window.location.search);
  names.forEach(function (n) { if (initial.get(n)) form.elements[n].value = initial.get(n); });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.hidden = false;
  apply();
})();
