/* Insyn: the search page (sok/), on Pagefind's own search API (pagefind/pagefind.js).
 *
 * Runs only on a page with <form data-insyn-sok>. It shows the form, fills each
 * <select data-insyn-filter="NAME"> with the values of that Pagefind filter, reads the
 * words and filters from the address (?q=…&kommun=…, so the header's search box and a
 * shared link both work), searches as the reader types and lists the hits as links.
 * Results are built from text nodes only: a page's text is never parsed as markup here.
 * No inline script, nothing from another host; the index loads in small pieces.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-insyn-sok]");
  if (!form) return;
  var status = document.querySelector("[data-insyn-sok-status]");
  var list = document.querySelector("[data-insyn-sok-traffar]");
  var input = form.querySelector("input[name=q]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-insyn-filter]"));
  var script = document.currentScript;
  var bundle = new URL("../pagefind/", script ? script.src : location.href).href;
  var siteRoot = new URL("../", script ? script.src : location.href).pathname;
  var collator = new Intl.Collator("sv");
  var pagefind = null;
  var latest = 0;
  var SHOWN = 20;

  function say(text) {
    status.textContent = text;
  }

  // Pagefind's excerpt is page text with <mark> around the words found. It is read by an
  // inert parser and rebuilt from text nodes and <mark> elements only.
  function excerpt(html) {
    var p = document.createElement("p");
    var doc = new DOMParser().parseFromString("<body>" + html, "text/html");
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
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

  function show(results, total) {
    list.textContent = "";
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      item.appendChild(link);
      item.appendChild(excerpt(data.excerpt || ""));
      list.appendChild(item);
    });
    if (total === 0) say("Inga träffar. Pröva ett annat ord eller färre val.");
    else if (total === 1) say("1 träff.");
    else if (total > results.length) say(total + " träffar. De " + results.length + " bästa visas; skriv fler ord för att hitta rätt.");
    else say(total + " träffar.");
  }

  function run() {
    var words = input.value.trim();
    var filters = chosenFilters();
    var ticket = ++latest;
    remember();
    if (!words && Object.keys(filters).length === 0) {
      list.textContent = "";
      say("Skriv ett eller flera ord, till exempel namnet på en hälsocentral eller en ort.");
      return;
    }
    pagefind.search(words || null, { filters: filters }).then(function (search) {
      if (ticket !== latest || !search) return null;
      return Promise.all(search.results.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (data) {
        if (ticket === latest) show(data, search.results.length);
      });
    }).catch(function () {
      say("Sökningen fungerar inte just nu. Du hittar allt också genom menyn.");
    });
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
    return pagefind.options({ basePath: bundle, baseUrl: siteRoot }).then(function () { return pagefind.filters(); });
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
    run();
  }).catch(function () {
    say("Sökningen kunde inte laddas. Du hittar alla utförare, avtal och uppföljningar också genom menyn.");
  });
})();
