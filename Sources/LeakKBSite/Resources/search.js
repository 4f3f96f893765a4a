// Client-side search over window.LEAKKB_INDEX (assets/search-data.js), so it
// works from file:// with no server. It ranks with the function the server
// and the CLI use (SearchRanking.swift, SearchTerms.swift; see their doc
// comments): the same terms, equivalences, names and score, over the same
// fields. Entry fields: s slug, t title, a aliases and y symptoms (one per
// line), g tags, m summary, k kind, l language, r a myth's related slugs,
// w the body's first distinct words. LEAKKB_EQUIVALENCES: groups of terms.
(function () {
  "use strict";
  var data = window.LEAKKB_INDEX || [];
  var groups = (window.LEAKKB_EQUIVALENCES || []).map(function (g) { return g.map(lower); });
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var status = document.getElementById("search-status");
  if (!input || !list) return;
  var root = input.getAttribute("data-root") || "";
  var selected = -1;

  // ---- Terms (SearchQuery, Equivalences, SearchTerms) ----

  function lower(text) { return (text || "").toLowerCase(); }
  function isASCII(text) { return /^[\x00-\x7f]*$/.test(text); }
  function chars(text) { return Array.from(text); }
  var functionWords = {};
  ("a an the and or but of in on at to for from by with into is are was were be been it its this that these " +
   "those my our your their does do did has have had why how what when where which after before every each " +
   "all any some very so too i we you they").split(" ").forEach(function (w) { functionWords[w] = true; });
  var groupOfTerm = {}, longest = 1;
  groups.forEach(function (group, number) {
    group.forEach(function (term) {
      if (!(term in groupOfTerm)) groupOfTerm[term] = number;
      longest = Math.max(longest, term.split(" ").filter(Boolean).length);
    });
  });

  function groupOf(text) {
    var l = lower(text);
    if (!(l in groupOfTerm)) return null;
    return [text].concat(groups[groupOfTerm[l]].filter(function (t) { return t !== l; }));
  }

  function alternatives(text) {
    var found = groupOf(text);
    if (found) return found;
    var l = lower(text), result = [text];
    groups.forEach(function (group) {
      group.forEach(function (term) {
        if (isASCII(term) || l.indexOf(term) < 0) return;
        group.forEach(function (other) {
          if (other === term) return;
          var replaced = l.split(term).join(other);
          if (result.indexOf(replaced) < 0) result.push(replaced);
        });
      });
    });
    return result;
  }

  // The query's words and filters (tag:, lang:, kind:), as SearchQuery reads them.
  function parse(text) {
    var query = { words: [], filters: {} };
    chars(text).slice(0, 800).join("").split(/\s+/).filter(Boolean).forEach(function (token) {
      var colon = token.indexOf(":"), name = colon > 0 ? lower(token.slice(0, colon)) : "";
      if ((name === "tag" || name === "lang" || name === "kind") && colon < token.length - 1) {
        query.filters[name] = lower(token.slice(colon + 1));
      } else if (/[\p{L}\p{N}]/u.test(token)) {
        query.words.push(token);
      }
    });
    return query;
  }

  function termsOf(words) {
    var terms = [], index = 0;
    while (index < words.length) {
      var taken = 1, alts = alternatives(words[index]);
      for (var length = Math.min(longest, words.length - index); length > 1; length--) {
        var found = groupOf(words.slice(index, index + length).join(" "));
        if (found) { taken = length; alts = found; break; }
      }
      terms.push(alts);
      index += taken;
    }
    var meaningful = terms.filter(function (t) { return !(t.length === 1 && functionWords[lower(t[0])]); });
    return meaningful.length ? meaningful : terms;
  }

  function phrases(terms) {
    var set = {}, typed = terms.map(function (t) { return lower(t[0]); });
    for (var start = 0; start < typed.length; start++) {
      for (var end = start; end < Math.min(typed.length, start + 12); end++) {
        set[typed.slice(start, end + 1).join(" ")] = true;
      }
    }
    terms.forEach(function (alts) {
      alts.forEach(function (alt) {
        var l = lower(alt);
        set[l] = true;
        if (isASCII(l)) return;
        var c = chars(l).slice(0, 24);
        for (var s = 0; s < c.length; s++) for (var e = s + 1; e < c.length; e++) set[c.slice(s, e + 1).join("")] = true;
      });
    });
    return set;
  }

  // ---- Ranking (SearchRanking) ----

  function words(text) {
    return lower(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(function (w) {
      return chars(w).length > 3 && w.charAt(w.length - 1) === "s" ? w.slice(0, -1) : w;
    });
  }
  function prepared(text) {
    var set = {}, sequence = words(text);
    sequence.forEach(function (w) { set[w] = true; });
    return { lowered: lower(text), sequence: sequence, words: set };
  }
  // Whether `parts` occur in `text` one after the other, the last one only
  // as the start of a word when `prefix` says so.
  function holds(text, parts, prefix) {
    if (!parts.length) return false;
    var last = parts[parts.length - 1];
    if (parts.length === 1 && !prefix) return !!text.words[last];
    if (!parts.slice(0, -1).every(function (p) { return text.words[p]; })) return false;
    for (var start = 0; start + parts.length <= text.sequence.length; start++) {
      var all = true;
      for (var i = 0; i < parts.length && all; i++) {
        var word = text.sequence[start + i];
        all = i === parts.length - 1 && prefix ? word.indexOf(last) === 0 : word === parts[i];
      }
      if (all) return true;
    }
    return false;
  }
  var WORD = 2, INSIDE = 1, NONE = 0;

  function match(alts, prefix, text) {
    var result = NONE;
    for (var n = 0; n < alts.length; n++) {
      var l = lower(alts[n]);
      if (!l) continue;
      if (!isASCII(l)) { if (text.lowered.indexOf(l) >= 0) return WORD; continue; }
      var parts = words(l);
      if (holds(text, parts, false)) return WORD;
      if (prefix && n === 0 && holds(text, parts, true)) return WORD;
      if (text.lowered.indexOf(l) >= 0) result = INSIDE;
    }
    return result;
  }

  // The body's words hold a term as the word index sees it: as words (or the
  // typed prefix), never inside a word, and no text without spaces.
  function bodyHolds(alts, prefix, body) {
    return alts.some(function (alt, n) {
      var l = lower(alt);
      if (!l || !isASCII(l)) return false;
      var parts = words(l);
      return holds(body, parts, false) || (prefix && n === 0 && holds(body, parts, true));
    });
  }

  // Per entry, its texts taken apart once, and its names (title, aliases,
  // symptoms) lower-cased as SQLite's lower() does (ASCII only).
  var names = {};
  function asciiLower(text) { return text.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); }); }
  var entries = data.map(function (entry) {
    var own = {};
    [entry.t].concat((entry.a || "").split("\n"), (entry.y || "").split("\n")).forEach(function (name) {
      if (name) own[asciiLower(name)] = true;
    });
    Object.keys(own).forEach(function (name) { names[name] = (names[name] || 0) + 1; });
    return {
      entry: entry, names: own, body: prepared(entry.w),
      fields: [[prepared(entry.t), 10], [prepared(entry.a), 6], [prepared(entry.y), 6], [prepared(entry.g), 6],
        [prepared(entry.m), 3], [prepared(entry.k), 12]]
    };
  });

  function score(item, terms, asked) {
    var named = 0;
    Object.keys(item.names).forEach(function (name) {
      if (asked[name] && names[name] <= 3) named = Math.max(named, chars(name).length);
    });
    var found = 0, covered = 0, weight = 0;
    terms.forEach(function (alts, number) {
      var prefix = number === terms.length - 1, best = 0, word = false, any = false;
      item.fields.forEach(function (field) {
        var m = match(alts, prefix, field[0]);
        best = Math.max(best, field[1] * m);
        word = word || m === WORD;
        any = any || m !== NONE;
      });
      weight += best;
      if (word) covered++;
      if (any || bodyHolds(alts, prefix, item.body)) found++;
    });
    return { named: named, all: found === terms.length, found: found, covered: covered, weight: weight,
      slug: item.entry.s };
  }

  function better(a, b) {
    return b.named - a.named || (b.all ? 1 : 0) - (a.all ? 1 : 0) || b.weight - a.weight ||
      b.covered - a.covered || b.found - a.found || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
  }

  // A myth among the first three moves just below the last of its related
  // patterns among them, unless the query names it or myths at all.
  function mythsLast(results, terms) {
    var namesMyths = terms.some(function (alts) {
      return alts.some(function (alt) { return words(alt).indexOf("myth") >= 0; });
    });
    if (namesMyths) return results;
    var ordered = results.slice();
    results.slice(0, 3).filter(function (r) { return r.entry.k === "myth" && !r.score.named; }).forEach(function (myth) {
      var related = (myth.entry.r || "").split(" ").filter(Boolean);
      var from = ordered.indexOf(myth), last = -1;
      ordered.slice(0, 3).forEach(function (r, i) {
        if (r.entry.k !== "myth" && related.indexOf(r.entry.s) >= 0) last = i;
      });
      if (!related.length || last <= from) return;
      ordered.splice(from, 1);
      ordered.splice(last, 0, myth);
    });
    return ordered;
  }

  function search(text, limit) {
    var query = parse(text);
    if (!query.words.length) return { results: [], marks: [] };
    var terms = termsOf(query.words), asked = phrases(terms), f = query.filters;
    var results = [];
    entries.forEach(function (item) {
      var e = item.entry;
      if ((f.tag && (" " + e.g + " ").indexOf(" " + f.tag + " ") < 0) || (f.lang && e.l !== f.lang) ||
          (f.kind && e.k !== f.kind)) return;
      var s = score(item, terms, asked);
      if (s.named || s.found) results.push({ entry: e, score: s });
    });
    results.sort(function (a, b) { return better(a.score, b.score); });
    var marks = [].concat.apply([], terms).map(lower).filter(Boolean);
    return { results: mythsLast(results, terms).slice(0, limit), marks: marks };
  }
  window.LEAKKB_SEARCH = search;

  // ---- Rendering: marks on text, never on markup ----

  // Appends `text` to `parent` with every occurrence of a mark in <mark>.
  function appendMarked(parent, text, marks) {
    var l = lower(text), ranges = [];
    marks.forEach(function (m) {
      for (var at = l.indexOf(m); at >= 0 && m; at = l.indexOf(m, at + m.length)) ranges.push([at, at + m.length]);
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var position = 0;
    ranges.forEach(function (r) {
      if (r[1] <= position) return;
      var start = Math.max(r[0], position);
      if (start > position) parent.appendChild(document.createTextNode(text.slice(position, start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(start, r[1]);
      parent.appendChild(mark);
      position = r[1];
    });
    if (position < text.length) parent.appendChild(document.createTextNode(text.slice(position)));
  }

  // A result as a link: title, then kind and summary, the terms marked.
  function resultLink(entry, marks, small) {
    var link = document.createElement("a");
    link.href = root + "patterns/" + encodeURIComponent(entry.s) + ".html";
    appendMarked(link, entry.t, marks);
    var detail = document.createElement(small ? "small" : "span");
    detail.className = small ? "" : "summary";
    detail.appendChild(document.createTextNode(entry.k + " · "));
    appendMarked(detail, entry.m, marks);
    if (!small) link.appendChild(document.createElement("br"));
    link.appendChild(detail);
    return link;
  }

  function announce(count, text) {
    return count ? count + " pattern" + (count === 1 ? "" : "s") + " match “" + text + "”."
      : "No pattern matches “" + text + "”.";
  }

  function setOpen(open) {
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) { selected = -1; input.removeAttribute("aria-activedescendant"); }
  }

  function render() {
    var text = input.value.trim();
    list.textContent = "";
    selected = -1;
    input.removeAttribute("aria-activedescendant");
    if (!text) { setOpen(false); if (status) status.textContent = ""; return; }
    var found = search(text, 12);
    if (!found.results.length) {
      var empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = announce(0, text);
      list.appendChild(empty);
    }
    found.results.forEach(function (r, i) {
      var li = document.createElement("li");
      li.id = "result-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.appendChild(resultLink(r.entry, found.marks, true));
      list.appendChild(li);
    });
    if (status) status.textContent = announce(found.results.length, text);
    setOpen(true);
  }

  function move(step) {
    var items = list.querySelectorAll("li[role=option]");
    if (!items.length) return;
    if (list.hidden) setOpen(true);
    if (selected >= 0) items[selected].setAttribute("aria-selected", "false");
    selected = (selected + step + items.length) % items.length;
    items[selected].setAttribute("aria-selected", "true");
    input.setAttribute("aria-activedescendant", items[selected].id);
    items[selected].scrollIntoView({ block: "nearest" });
  }

  input.addEventListener("input", render);
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") { move(1); event.preventDefault(); }
    else if (event.key === "ArrowUp") { move(-1); event.preventDefault(); }
    else if (event.key === "Escape") { if (list.hidden) { input.value = ""; render(); } else setOpen(false); }
    else if (event.key === "Enter" && selected >= 0 && !list.hidden) {
      // A chosen result: go there. Otherwise the form goes to the results page.
      var target = list.querySelectorAll("li[role=option] a")[selected];
      if (target) { window.location.href = target.getAttribute("href"); event.preventDefault(); }
    }
  });
  // A press on a result must not blur the input first: it would close the list under the pointer.
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  input.addEventListener("blur", function () { setOpen(false); });
  input.addEventListener("focus", function () { if (input.value.trim() && list.children.length) setOpen(true); });
  document.addEventListener("pointerdown", function (event) {
    if (!input.form.contains(event.target)) setOpen(false);
  });
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test((document.activeElement || {}).tagName || "");
    if (event.key === "/" && !typing) { input.focus(); event.preventDefault(); }
  });

  // The static results page (search.html?q=) lists every match itself; a
  // served results page already shows them, so the dropdown stays closed.
  var page = document.getElementById("page-results");
  var initial = new URLSearchParams(window.location.search).get("q");
  if (page && initial !== null) {
    var found = search(initial, 50), message = document.getElementById("page-message");
    document.getElementById("page-q").value = initial;
    found.results.forEach(function (r) {
      var li = document.createElement("li");
      li.appendChild(resultLink(r.entry, found.marks, false));
      page.appendChild(li);
    });
    var query = parse(initial);
    if (message) message.textContent = query.words.length ? announce(found.results.length, initial)
      : "Type a word to search for, e.g. goroutine.";
  }
})();
