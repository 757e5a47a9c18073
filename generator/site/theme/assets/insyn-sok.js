/* Insyn: the search page (sok/), on Pagefind's own search API (pagefind/pagefind.js).
 *
 * Runs only on a page with <form data-insyn-sok>. It shows the form, fills each
 * <select data-insyn-filter="NAME"> with the values of that Pagefind filter, reads the
 * words and filters from the address (?q=…&kommun=…, so the header's search box and a
 * shared link both work), searches as the reader types and lists the hits as links,
 * twenty at a time.
 * Results are built from text nodes only: a page's text is never parsed as markup here.
 * No inline script, nothing from another host; the index loads in small pieces.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-insyn-sok]");
  if (!form) return;
  var status = document.querySelector("[data-insyn-sok-status]");
  var list = document.querySelector("[data-insyn-sok-traffar]");
  var more = document.querySelector("[data-insyn-sok-fler]");
  var input = form.querySelector("input[name=q]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-insyn-filter]"));
  var script = document.currentScript;
  var bundle = new URL("../pagefind/", script ? script.src : location.href).href;
  var siteRoot = new URL("../", script ? script.src : location.href).pathname;
  var collator = new Intl.Collator("sv");
  var pagefind = null;
  var latest = 0;
  var found = [];  // the last search's hits, best first, and how many of them are listed
  var shown = 0;
  var SHOWN = 20;

  function say(text) {
    status.textContent = text;
  }

  // Pagefind's excerpt is page text with <mark> around the words found, its < and >
  // escaped but not its &: a page's text "&lt;" and "<" both come out as "&lt;", and no
  // parser can tell them apart. So the excerpt is made again from the page's text as it is
  // (data.content): the same words Pagefind chose (data.plain_excerpt, in its escaped text)
  // with the same words marked (data.locations), and text nodes only.
  function escaped(word) {
    return word.replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function excerptStart(words, shown, locations) {
    var length = shown.length;
    var found = -1;
    for (var start = 0; start + length <= words.length; start++) {
      if (escaped(words[start]) !== shown[0]) continue;
      if (words.slice(start, start + length).map(escaped).join(" ") !== shown.join(" ")) continue;
      if (locations.some(function (at) { return at >= start && at < start + length; })) return start;
      if (found < 0) found = start;
    }
    return found;
  }

  function excerpt(data) {
    var p = document.createElement("p");
    var text = data.content || "";
    var locations = data.locations || [];
    // Pagefind splits a text with zero-width spaces at them, words otherwise; Insyn's pages
    // have none (the data may not hold them), so only a hand-written page might.
    var words = text.split(/[\r\n\s]+/g);
    var shown = (data.plain_excerpt || "").split(" ");
    var start = (data.raw_content || "").indexOf("\u200B") < 0 ? excerptStart(words, shown, locations) : -1;
    if (start < 0) {
      // Not found (a page Pagefind split otherwise): the words around the first one found.
      start = Math.max(0, Math.min((locations[0] || 0) - 5, words.length - shown.length));
    }
    for (var at = start; at < Math.min(start + shown.length, words.length); at++) {
      if (at > start) p.appendChild(document.createTextNode(" "));
      if (locations.indexOf(at) >= 0) {
        var mark = document.createElement("mark");
        mark.textContent = words[at];
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(words[at]));
      }
    }
    return p;
  }

  function chosenFilters() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) filters[select.getAttribute("data-insyn-filter")] = select.value;
    });
    return filters;
  }

  function remember() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set("q", input.value.trim());
    selects.forEach(function (select) {
      if (select.value) params.set(select.name, select.value);
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function add(data) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    item.appendChild(link);
    item.appendChild(excerpt(data));
    list.appendChild(item);
    return link;
  }

  function tell() {
    var total = found.length;
    more.hidden = shown >= total;
    if (total === 0) say("Inga träffar. Pröva ett annat ord eller färre val.");
    else if (total === 1) say("1 träff.");
    else if (shown < total) say(total + " träffar. De " + shown + " första visas.");
    else say(total + " träffar.");
  }

  function failed() {
    say("Sökningen fungerar inte just nu. Du hittar allt också genom menyn.");
  }

  // The hits from `from` on, SHOWN at a time (each is a fetch of its page's text): the first
  // ones replace the last search's; more are added below them by the button "Visa fler
  // träffar", which moves the focus to the first one added.
  function load(ticket, results, from, focus) {
    return Promise.all(results.slice(from, from + SHOWN).map(function (r) { return r.data(); })).then(function (pages) {
      if (ticket !== latest) return;
      if (from === 0) list.textContent = "";
      var first = null;
      pages.forEach(function (data) {
        var link = add(data);
        first = first || link;
      });
      found = results;
      shown = from + pages.length;
      tell();
      if (focus && first) first.focus();
    });
  }

  function run() {
    var words = input.value.trim();
    var filters = chosenFilters();
    var ticket = ++latest;
    remember();
    if (!words && Object.keys(filters).length === 0) {
      list.textContent = "";
      more.hidden = true;
      say("Skriv ett eller flera ord, till exempel namnet på en hälsocentral eller en ort.");
      return;
    }
    pagefind.search(words || null, { filters: filters }).then(function (search) {
      if (ticket !== latest || !search) return null;
      return load(ticket, search.results, 0, false);
    }).catch(failed);
  }

  function fillFilters(available) {
    var params = new URLSearchParams(location.search);
    selects.forEach(function (select) {
      var values = Object.keys(available[select.getAttribute("data-insyn-filter")] || {}).sort(collator.compare);
      values.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        select.appendChild(option);
      });
      select.value = params.get(select.name) || "";
      select.closest("p").hidden = values.length === 0;
    });
  }

  var timer = null;
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  }

  say("Sökningen laddas …");
  import(bundle + "pagefind.js").then(function (module) {
    pagefind = module;
    // Ranked by how often the words occur, weighted (a heading's words count most), not by
    // the share of a page's words they are (termFrequency 1, Pagefind's default): that put a
    // provider's follow-ups and contracts, short pages named after it, before its own page.
    return pagefind.options({ basePath: bundle, baseUrl: siteRoot, ranking: { termFrequency: 0 } })
      .then(function () { return pagefind.filters(); });
  }).then(function (available) {
    fillFilters(available || {});
    input.value = new URLSearchParams(location.search).get("q") || "";
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      run();
    });
    input.addEventListener("input", soon);
    selects.forEach(function (select) { select.addEventListener("change", run); });
    more.querySelector("button").addEventListener("click", function () {
      load(latest, found, shown, true).catch(failed);
    });
    run();
  }).catch(function () {
    say("Sökningen kunde inte laddas. Du hittar alla utförare, avtal och uppföljningar också genom menyn.");
  });
})();
