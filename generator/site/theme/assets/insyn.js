/* Insyn: filter and sort for tables. Only an enhancement: every page works without it
 * (the full table is in the HTML, the filter form is hidden until this script runs).
 * No inline scripts or event handlers anywhere; nothing is loaded from another host.
 *
 * The convention every generated page uses:
 *
 *   <table class="insyn-tabell" data-sortable id="X">
 *     Each <th> in <thead> gets a <button> (its text moves into the button). Clicking
 *     sorts the rows of the first <tbody> by that column, ascending then descending, and
 *     sets aria-sort on that <th> (the others lose it). A cell may carry
 *     data-sort-value="..."; values that are numbers compare as numbers, others as
 *     Swedish text; an empty value always sorts last. Without data-sort-value the cell
 *     text is used. <th data-sort="none"> stays a plain heading. <tfoot> never moves.
 *
 *   <form class="insyn-filter" data-filter-for="X" hidden>
 *     This script removes `hidden`. Each <select name="N"> keeps only the <tbody> rows of
 *     table X whose data-N attribute equals the chosen value (a row may list several
 *     values separated by spaces); the empty value means "all". An element inside the
 *     form with [data-filter-status] is told "Visar 3 av 12 <noun>", where the noun is
 *     the form's data-filter-noun (default "rader"); give it aria-live="polite".
 *
 *   A <select data-sort-select> (no name) inside the form sorts table X too: each option's
 *   value is "<column key>:stigande" or "<column key>:fallande", where the key is the
 *   data-kolumn of a header cell, and the empty value puts the rows back in the order of
 *   the HTML. It is the way to sort on a phone, where
 *   the table's rows are laid out as cards and the column headers are not shown. The
 *   value "avstand" is near me's (below), which adds that choice once it has sorted.
 *
 *   <table class="insyn-tabell--kort">: on a phone insyn.css lays each row out as a card.
 *   Some browsers then stop exposing it as a table to screen readers, so this script
 *   gives the table, its row groups, rows and cells their ARIA roles explicitly (in the
 *   HTML itself the checker forbids those roles as redundant). Its column headers are
 *   hidden from sight there, so their sort buttons leave the Tab order while the cards show.
 *
 *   A wide table sits in <div class="insyn-tabellram" role="region" tabindex="0"
 *   aria-labelledby="<caption id>"> so only the table, never the page, scrolls sideways
 *   (see partials/tabell_macros.html, macro ram()).
 */
(function () {
  "use strict";

  var collator = new Intl.Collator("sv", { numeric: true, sensitivity: "base" });
  var AVSTAND = "avstand";  // the "Sortera" menu's choice that near me adds (below)

  function sortValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    if (cell.hasAttribute("data-sort-value")) return cell.getAttribute("data-sort-value").trim();
    return cell.textContent.replace(/\s+/g, " ").trim();
  }

  function compare(a, b) {
    if (a === "" && b === "") return 0;
    var na = Number(a), nb = Number(b);
    if (a !== "" && b !== "" && !isNaN(na) && !isNaN(nb)) return na - nb;
    return collator.compare(a, b);
  }

  var originalOrder = new WeakMap();  // table -> its body rows as the HTML had them

  function clearSortMarks(table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
  }

  function restoreOrder(table) {
    var body = table.tBodies[0];
    (originalOrder.get(table) || []).forEach(function (row) { body.appendChild(row); });
    clearSortMarks(table);
  }

  // Sorts by column `index`; `ascending` undefined means "the other way than now".
  function sortBy(table, index, ascending) {
    var body = table.tBodies[0];
    var th = table.tHead && table.tHead.rows[0].cells[index];
    if (!body || !th) return;
    if (ascending === undefined) ascending = th.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var a = sortValue(r1, index), b = sortValue(r2, index);
      if (a === "" || b === "") return (a === "") - (b === "");  // empty last, both ways
      var c = compare(a, b);
      return ascending ? c : -c;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    clearSortMarks(table);
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  // As wide as insyn.css lays a .insyn-tabell--kort out as cards, its column headers hidden from sight.
  var cards = window.matchMedia("screen and (max-width: 44.9375em)");

  // While the cards show, their header's sort buttons stay out of the Tab order: they would
  // be stops no one sees (the form's "Sortera" sorts then). A screen reader still has them.
  function keepOutOfSightOutOfTabOrder(buttons) {
    function update() {
      buttons.forEach(function (button) {
        if (cards.matches) button.tabIndex = -1;
        else button.removeAttribute("tabindex");
      });
    }
    if (cards.addEventListener) cards.addEventListener("change", update);
    else cards.addListener(update);
    update();
  }

  function makeSortable(table) {
    if (!table.tHead || !table.tHead.rows.length || !table.tBodies[0]) return;
    originalOrder.set(table, Array.prototype.slice.call(table.tBodies[0].rows));
    var buttons = [];
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (th.getAttribute("data-sort") === "none" || th.querySelector("button")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "insyn-sortera";
      while (th.firstChild) button.appendChild(th.firstChild);
      var mark = document.createElement("span");
      mark.className = "insyn-sortera__pil";
      mark.setAttribute("aria-hidden", "true");
      button.appendChild(mark);
      th.appendChild(button);
      buttons.push(button);
      button.addEventListener("click", function () {
        sortBy(table, index);
        table.dispatchEvent(new CustomEvent("insyn:sorted"));
      });
    });
    table.classList.add("insyn-tabell--sorterbar");
    if (table.classList.contains("insyn-tabell--kort")) keepOutOfSightOutOfTabOrder(buttons);
  }

  function keepTableRoles(table) {
    table.setAttribute("role", "table");
    Array.prototype.forEach.call(table.querySelectorAll("thead, tbody, tfoot"), function (group) {
      group.setAttribute("role", "rowgroup");
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute("role", "row");
      Array.prototype.forEach.call(row.cells, function (cell) {
        var role = "cell";
        if (cell.tagName === "TH") role = cell.getAttribute("scope") === "row" ? "rowheader" : "columnheader";
        cell.setAttribute("role", role);
      });
    });
  }

  function enableFilter(form) {
    var table = document.getElementById(form.getAttribute("data-filter-for"));
    if (!table || !table.tBodies[0]) return;
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[name]"));
    var status = form.querySelector("[data-filter-status]");
    var noun = form.getAttribute("data-filter-noun") || "rader";

    function apply() {
      var rows = table.tBodies[0].rows, shown = 0;
      Array.prototype.forEach.call(rows, function (row) {
        var keep = selects.every(function (select) {
          if (!select.value) return true;
          var values = (row.getAttribute("data-" + select.name) || "").split(/\s+/);
          return values.indexOf(select.value) !== -1;
        });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      if (status) status.textContent = "Visar " + shown + " av " + rows.length + " " + noun + ".";
    }

    selects.forEach(function (select) { select.addEventListener("change", apply); });
    form.addEventListener("insyn:filtrera", apply);  // near me's word is done: the count again
    var sorter = form.querySelector("select[data-sort-select]");
    if (sorter && originalOrder.has(table)) {
      sorter.addEventListener("change", function () {
        if (sorter.value === AVSTAND) return;  // near me sorts
        var choice = sorter.value.split(":");
        var th = choice.length === 2 && table.tHead.querySelector('th[data-kolumn="' + choice[0] + '"]');
        if (th) sortBy(table, th.cellIndex, choice[1] === "stigande");
        else restoreOrder(table);
        table.dispatchEvent(new CustomEvent("insyn:ordered"));
      });
      // A click on a column header sorts too: show that choice here, or none if it is not one.
      table.addEventListener("insyn:sorted", function () {
        var marked = table.querySelector("thead th[aria-sort]");
        var wanted = marked ? marked.getAttribute("data-kolumn") + ":" +
          (marked.getAttribute("aria-sort") === "ascending" ? "stigande" : "fallande") : "";
        var known = Array.prototype.some.call(sorter.options, function (o) { return o.value === wanted; });
        sorter.value = known ? wanted : "";
      });
    } else if (sorter) {
      sorter.parentNode.hidden = true;
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.hidden = false;
    apply();
  }

  /* Near me: <div data-nara hidden> inside the filter form of table X. A button
   * [data-nara-mig] asks the browser for its position (only when pressed) and a
   * <select data-nara-plats> offers places as "lat,lon". The rows of X carry data-lat and
   * data-lon; they are sorted by distance, computed here (nothing is sent anywhere), and
   * each row's [data-avstand] says how far it is, or that its position is missing (those
   * rows go last). The form's [data-filter-status] says what happened, and the form's
   * "Sortera" menu gets the choice "Avstånd från <place>, närmast först" and shows it.
   * Sorted any other way, the distances, the place chosen and the words go; the menu's
   * choice stays, to sort by that distance again. */
  function distanceKm(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180, dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad;
    var a = Math.sin(dLat / 2) * Math.sin(dLat / 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
    return 6371 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  }

  function km(d) {
    return (d < 10 ? d.toFixed(1) : String(Math.round(d))).replace(".", ",") + "\u00a0km";
  }

  function enableNearMe(form) {
    var box = form.querySelector("[data-nara]");
    var table = document.getElementById(form.getAttribute("data-filter-for"));
    if (!box || !table || !table.tBodies[0]) return;
    var status = form.querySelector("[data-filter-status]");
    var button = box.querySelector("[data-nara-mig]");
    var places = box.querySelector("[data-nara-plats]");
    var sorter = form.querySelector("select[data-sort-select]");
    var last = null, sorted = false, choice = null;

    function sortFrom(lat, lon, from) {
      var body = table.tBodies[0], missing = 0;
      var rows = Array.prototype.slice.call(body.rows).map(function (row) {
        var rlat = parseFloat(row.getAttribute("data-lat")), rlon = parseFloat(row.getAttribute("data-lon"));
        var d = isNaN(rlat) || isNaN(rlon) ? null : distanceKm(lat, lon, rlat, rlon);
        var label = row.querySelector("[data-avstand]");
        if (d === null) missing += 1;
        if (label) label.textContent = d === null ? "Position saknas, står sist" : km(d) + " bort";
        return { row: row, d: d };
      });
      rows.sort(function (a, b) {
        if (a.d === null || b.d === null) return (a.d === null) - (b.d === null);
        return a.d - b.d;
      });
      rows.forEach(function (r) { body.appendChild(r.row); });
      clearSortMarks(table);
      last = { lat: lat, lon: lon, from: from };
      sorted = true;
      if (sorter && !sorter.parentNode.hidden) {
        if (!choice) {
          choice = document.createElement("option");
          choice.value = AVSTAND;
          sorter.appendChild(choice);
        }
        choice.textContent = "Avstånd från " + from + ", närmast först";
        sorter.value = AVSTAND;
      }
      if (status) {
        status.textContent = "Sorterat efter avstånd från " + from + ", närmast först." +
          (missing ? " " + missing + (missing === 1 ? " enhet saknar position och står sist." :
            " enheter saknar position och står sist.") : "");
      }
    }

    function clearDistances() {
      Array.prototype.forEach.call(table.querySelectorAll("[data-avstand]"), function (l) { l.textContent = ""; });
      if (!sorted) return;
      sorted = false;
      if (places) places.value = "";
      form.dispatchEvent(new CustomEvent("insyn:filtrera"));
    }
    table.addEventListener("insyn:sorted", clearDistances);
    table.addEventListener("insyn:ordered", clearDistances);
    if (sorter) {
      sorter.addEventListener("change", function () {
        if (sorter.value === AVSTAND && last) sortFrom(last.lat, last.lon, last.from);
      });
    }

    if (button && navigator.geolocation) {
      button.addEventListener("click", function () {
        if (status) status.textContent = "Hämtar din position …";
        navigator.geolocation.getCurrentPosition(function (pos) {
          if (places) places.value = "";
          sortFrom(pos.coords.latitude, pos.coords.longitude, "din position");
        }, function () {
          if (status) status.textContent = "Din position gick inte att hämta. Välj en kommun eller ort i stället.";
        }, { maximumAge: 600000, timeout: 15000 });
      });
    } else if (button) {
      button.hidden = true;
    }
    if (places) {
      places.addEventListener("change", function () {
        var ll = places.value.split(",");
        if (ll.length === 2) sortFrom(parseFloat(ll[0]), parseFloat(ll[1]), places.options[places.selectedIndex].text);
      });
    }
    box.hidden = false;
  }

  /* Compare chosen units: each body row of table X has a hidden
   * <span class="insyn-valj"><input type="checkbox" data-valj="<id>">…</span>, shown here.
   * <section data-valda-for="X" hidden> shows two or three checked rows side by side: one
   * small table, a column per unit and a row per measure (the cell's data-rubrik), that
   * fits a phone. The choice is kept in the address (?valj=a,b) so it can be shared, and
   * [data-valda-status] (a live region) says what changed. The box just changed says it in
   * sight too, with a link to the units side by side when two or more are chosen: the
   * section is above the table, on a phone thousands of pixels above a unit far down. A unit
   * of the address that has closed since ([data-stangd="<id>"], the list of closed units) is
   * named in [data-valda-borta] until the choice changes. */
  var MAX_VALDA = 3;

  function enableCompare(section) {
    var table = document.getElementById(section.getAttribute("data-valda-for"));
    if (!table || !table.tBodies[0]) return;
    var status = document.querySelector("[data-valda-status]");
    var view = section.querySelector("[data-valda-vy]");
    var empty = section.querySelector("[data-valda-tom]");
    var link = section.querySelector("[data-valda-lank]");
    var gone = section.querySelector("[data-valda-borta]");
    var tools = section.querySelector(".insyn-valda__verktyg");
    var heading = section.querySelector("h3");
    var boxes = Array.prototype.slice.call(table.querySelectorAll("input[data-valj]"));
    var order = [];

    // A row by its id, compared as a value: an id from the address (?valj=) never becomes a
    // selector, so an unknown or odd one (a quote, a bracket) is simply not found.
    function rowOf(id) {
      var rows = table.querySelectorAll("tbody tr[data-id]");
      for (var i = 0; i < rows.length; i += 1) {
        if (rows[i].getAttribute("data-id") === id) return rows[i];
      }
      return null;
    }
    function nameOf(row) { var a = row.cells[0].querySelector("a"); return a ? a.textContent.trim() : ""; }

    function address() {
      var url = new URL(window.location.href);
      if (order.length) url.searchParams.set("valj", order.join(","));
      else url.searchParams.delete("valj");
      url.hash = order.length ? section.id || "" : "";
      return url;
    }

    function build() {
      while (view.firstChild) view.removeChild(view.firstChild);
      empty.hidden = order.length >= 2;
      if (tools) tools.hidden = order.length === 0;  // nothing to take away or link to yet
      if (order.length === 0) return;
      var rows = order.map(rowOf);
      var t = document.createElement("table");
      t.className = "insyn-tabell insyn-valda__tabell";
      var caption = document.createElement("caption");
      caption.textContent = "Valda enheter bredvid varandra";
      t.appendChild(caption);
      var head = t.createTHead().insertRow();
      rows.forEach(function (row) {
        var th = document.createElement("th");
        th.scope = "col";
        th.appendChild(row.cells[0].querySelector("a").cloneNode(true));
        head.appendChild(th);
      });
      var body = t.createTBody();
      Array.prototype.forEach.call(rows[0].cells, function (cell, index) {
        var label = cell.getAttribute("data-rubrik");
        if (!label) return;
        var th = document.createElement("th");
        th.scope = "colgroup";
        th.colSpan = rows.length;
        th.textContent = label;
        body.insertRow().appendChild(th);
        var values = body.insertRow();
        rows.forEach(function (row) {
          var td = values.insertCell();
          Array.prototype.forEach.call(row.cells[index].childNodes, function (n) { td.appendChild(n.cloneNode(true)); });
        });
      });
      view.appendChild(t);
    }

    function update(message) {
      if (gone) gone.hidden = true;
      boxes.forEach(function (box) { box.checked = order.indexOf(box.getAttribute("data-valj")) !== -1; });
      section.hidden = false;
      build();
      var url = address();
      if (link) link.href = url.href;
      if (window.history && window.history.replaceState) window.history.replaceState(null, "", url.href);
      if (message && status) status.textContent = message;
    }

    function counted() {
      return order.length + " av " + MAX_VALDA + " valda.";
    }

    // Beside a box: its words, not a live region (the status speaks), hidden beside every other box.
    var notes = boxes.map(function (box) {
      var note = document.createElement("span");
      note.className = "insyn-valj__besked";
      note.setAttribute("data-valj-besked", "");
      note.hidden = true;
      box.closest(".insyn-valj").appendChild(note);
      return note;
    });
    function tell(note, words) {
      notes.forEach(function (n) { n.hidden = true; });
      if (!note) return;
      note.textContent = words;
      if (order.length >= 2 && section.id) {
        var to = document.createElement("a");
        to.href = "#" + section.id;
        to.textContent = "Se jämförelsen";
        note.appendChild(document.createTextNode(" "));
        note.appendChild(to);
      }
      note.hidden = false;
    }

    boxes.forEach(function (box, index) {
      box.closest(".insyn-valj").hidden = false;
      box.addEventListener("change", function () {
        var id = box.getAttribute("data-valj"), name = nameOf(rowOf(id));
        if (box.checked && order.length >= MAX_VALDA) {
          box.checked = false;
          var refused = "Du kan jämföra högst " + MAX_VALDA + " enheter. Ta bort en först.";
          if (status) status.textContent = refused;
          tell(notes[index], refused);
          return;
        }
        if (box.checked) order.push(id);
        else order = order.filter(function (x) { return x !== id; });
        update(name + (box.checked ? " är vald. " : " är borttagen. ") + counted());
        tell(notes[index], counted());
      });
    });
    var clear = section.querySelector("[data-valda-rensa]");
    if (clear) clear.addEventListener("click", function () {
      order = [];
      update("Alla val är borttagna.");
      tell(null);
      // The button hides with the choice: the focus goes to the box's heading, not the page's top.
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    });

    // A closed unit by its id, compared as a value (as rowOf): its name, or "" if it is none.
    function closedName(id) {
      var items = document.querySelectorAll("[data-stangd]");
      for (var i = 0; i < items.length; i += 1) {
        if (items[i].getAttribute("data-stangd") === id) return items[i].querySelector("a").textContent.trim();
      }
      return "";
    }

    var wanted = new URLSearchParams(window.location.search).get("valj");
    var closed = [];
    if (wanted) {
      var ids = wanted.split(",");
      order = ids.filter(function (id, i) {
        return id && rowOf(id) && ids.indexOf(id) === i;
      }).slice(0, MAX_VALDA);
      closed = ids.filter(function (id, i) { return ids.indexOf(id) === i; }).map(closedName).filter(Boolean);
    }
    var said = closed.map(function (name) { return name + " går inte att välja längre."; }).join(" ");
    update([order.length ? "Jämför " + order.map(function (id) { return nameOf(rowOf(id)); }).join(", ") + "." : "",
      said].filter(Boolean).join(" "));
    if (gone && said) {
      gone.textContent = said;
      gone.hidden = false;
    }
  }

  function init() {
    document.querySelectorAll("table.insyn-tabell--kort").forEach(keepTableRoles);
    document.querySelectorAll("table.insyn-tabell[data-sortable]").forEach(makeSortable);
    document.querySelectorAll("form.insyn-filter[data-filter-for]").forEach(enableFilter);
    document.querySelectorAll("form.insyn-filter[data-filter-for]").forEach(enableNearMe);
    document.querySelectorAll("section[data-valda-for]").forEach(enableCompare);
    // A printed page shows the charts folded behind their tables.
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details.insyn-diagramvisning").forEach(function (d) { d.open = true; });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
