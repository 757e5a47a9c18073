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
 *   value is "<column index>:stigande" or "<column index>:fallande", and the empty value
 *   puts the rows back in the order of the HTML. It is the way to sort on a phone, where
 *   the table's rows are laid out as cards and the column headers are not shown.
 *
 *   <table class="insyn-tabell--kort">: on a phone insyn.css lays each row out as a card.
 *   Some browsers then stop exposing it as a table to screen readers, so this script
 *   gives the table, its row groups, rows and cells their ARIA roles explicitly (in the
 *   HTML itself the checker forbids those roles as redundant).
 *
 *   A wide table sits in <div class="insyn-tabellram" role="region" tabindex="0"
 *   aria-labelledby="<caption id>"> so only the table, never the page, scrolls sideways
 *   (see partials/tabell_macros.html, macro ram()).
 */
(function () {
  "use strict";

  var collator = new Intl.Collator("sv", { numeric: true, sensitivity: "base" });

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

  function makeSortable(table) {
    if (!table.tHead || !table.tHead.rows.length || !table.tBodies[0]) return;
    originalOrder.set(table, Array.prototype.slice.call(table.tBodies[0].rows));
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
      button.addEventListener("click", function () {
        sortBy(table, index);
        table.dispatchEvent(new CustomEvent("insyn:sorted"));
      });
    });
    table.classList.add("insyn-tabell--sorterbar");
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
    var sorter = form.querySelector("select[data-sort-select]");
    if (sorter && originalOrder.has(table)) {
      sorter.addEventListener("change", function () {
        var choice = sorter.value.split(":");
        if (choice.length === 2) sortBy(table, Number(choice[0]), choice[1] === "stigande");
        else restoreOrder(table);
      });
      // A click on a column header sorts too: show that choice here, or none if it is not one.
      table.addEventListener("insyn:sorted", function () {
        var marked = table.querySelector("thead th[aria-sort]");
        var wanted = marked ? marked.cellIndex + ":" +
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

  function init() {
    document.querySelectorAll("table.insyn-tabell--kort").forEach(keepTableRoles);
    document.querySelectorAll("table.insyn-tabell[data-sortable]").forEach(makeSortable);
    document.querySelectorAll("form.insyn-filter[data-filter-for]").forEach(enableFilter);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
