// Client-side search over window.LEAKKB_INDEX (assets/search-data.js), so it
// works from file:// with no server. Fields: s slug, t title, a aliases,
// g tags, m summary, w body words, k kind.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var data = window.LEAKKB_INDEX || [];
  if (!input || !list) return;
  var root = input.getAttribute("data-root") || "";
  var selected = -1;

  function norm(text) { return (text || "").toLowerCase(); }
  function words(text) { return norm(text).split(/[\s,;:()\[\]{}"'`]+/).filter(Boolean); }
  function escapeHTML(text) {
    return text.replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }
  function highlight(text, terms) {
    var out = escapeHTML(text);
    terms.forEach(function (term) {
      var safe = escapeHTML(term).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      if (safe) out = out.replace(new RegExp("(" + safe + ")", "ig"), "<mark>$1</mark>");
    });
    return out;
  }

  // Weighted like the CLI: title > aliases, tags > summary > body. The last
  // term matches as a prefix; CJK and other text match as substrings.
  function score(entry, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i], best = 0;
      var fields = [[entry.t, 10], [entry.a, 6], [entry.g, 6], [entry.m, 3], [entry.w, 1]];
      for (var f = 0; f < fields.length; f++) {
        var text = norm(fields[f][0]);
        if (!text) continue;
        var exact = (" " + words(text).join(" ") + " ").indexOf(" " + term + " ") >= 0;
        var partial = text.indexOf(term) >= 0;
        var value = exact ? fields[f][1] : partial ? fields[f][1] * 0.6 : 0;
        if (value > best) best = value;
      }
      if (best === 0) return 0;
      total += best;
    }
    return total;
  }

  function search(query) {
    var terms = words(query);
    if (!terms.length) return [];
    return data.map(function (entry) { return { entry: entry, score: score(entry, terms) }; })
      .filter(function (r) { return r.score > 0; })
      .sort(function (a, b) { return b.score - a.score || a.entry.t.localeCompare(b.entry.t); })
      .slice(0, 12)
      .map(function (r) { return { entry: r.entry, terms: terms }; });
  }

  function render(results) {
    selected = -1;
    list.innerHTML = "";
    if (!input.value.trim()) { list.hidden = true; return; }
    if (!results.length) {
      list.innerHTML = '<li class="empty"><a>No pattern matches “' + escapeHTML(input.value) + '”</a></li>';
    }
    results.forEach(function (r, i) {
      var li = document.createElement("li");
      li.id = "result-" + i;
      li.setAttribute("role", "option");
      li.innerHTML = '<a href="' + root + "patterns/" + encodeURIComponent(r.entry.s) + '.html">' +
        highlight(r.entry.t, r.terms) + "<small>" + escapeHTML(r.entry.k) + " · " + highlight(r.entry.m, r.terms) + "</small></a>";
      list.appendChild(li);
    });
    list.hidden = false;
  }

  function move(step) {
    var items = list.querySelectorAll("li[role=option]");
    if (!items.length) return;
    if (selected >= 0) items[selected].removeAttribute("aria-selected");
    selected = (selected + step + items.length) % items.length;
    items[selected].setAttribute("aria-selected", "true");
    items[selected].scrollIntoView({ block: "nearest" });
  }

  input.addEventListener("input", function () { render(search(input.value)); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { move(1); event.preventDefault(); }
    else if (event.key === "ArrowUp") { move(-1); event.preventDefault(); }
    else if (event.key === "Escape") { input.value = ""; render([]); }
    else if (event.key === "Enter") {
      // With a result chosen, go there; otherwise let the form submit (the
      // server answers /search; the static page reads ?q= on load).
      var items = list.querySelectorAll("li[role=option] a");
      var target = items[selected >= 0 ? selected : 0];
      if (target) { window.location.href = target.getAttribute("href"); event.preventDefault(); }
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && document.activeElement !== input) { input.focus(); event.preventDefault(); }
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; render(search(initial)); }
})();
