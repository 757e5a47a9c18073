/* Insyn: the header's menu button where Material's navigation is a drawer (under 76.25em:
 * a phone, or a desktop at 200-400 % zoom), opened by the hidden checkbox #__drawer.
 *
 * partials/header.html writes Material's <label for="__drawer">, which opens the drawer
 * with a pointer, also without this script, and a hidden <button data-insyn-meny
 * aria-label="Meny" aria-expanded="false">. This script shows the button in the label's
 * place: Tab reaches it, Enter or Space opens the menu and moves the focus to its first
 * link in sight, aria-expanded says whether the menu is open; Escape, or the focus leaving the menu,
 * closes it. The checkbox is toggled by a click, as Material does itself, so Material's
 * own listeners hear every change. insyn.css keeps the closed drawer's links out of the
 * Tab order (visibility: hidden while it lies off the screen).
 */
(function () {
  "use strict";

  function init() {
    var drawer = document.getElementById("__drawer");
    var button = document.querySelector("button[data-insyn-meny]");
    var menu = document.querySelector(".md-sidebar--primary");
    if (!drawer || !button || !menu) return;
    var label = button.parentNode.querySelector('label[for="__drawer"]');

    function sync() {
      button.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
    }

    function close() {
      if (drawer.checked) drawer.click();
    }

    // The menu opens on the section of the page shown (Material checks its toggle), a panel
    // that covers the menu's first level: its first link shown is the first one in sight
    // (the page's own link is not shown there, a label for its contents is).
    // Links of a panel still closed inside it (the page's contents) are not in sight either.
    function firstLink() {
      var open = menu.querySelectorAll(".md-nav__toggle:checked ~ .md-nav");
      var panel = open.length ? open[open.length - 1] : menu.querySelector(".md-nav");
      if (!panel) return null;
      return Array.prototype.filter.call(panel.querySelectorAll("a[href]"), function (a) {
        return a.closest(".md-nav") === panel && a.getClientRects().length > 0;
      })[0];
    }

    button.addEventListener("click", function () {
      drawer.click();
      var first = drawer.checked && firstLink();
      if (first) first.focus();
    });
    drawer.addEventListener("change", sync);
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !drawer.checked) return;
      close();
      button.focus();
    });
    // Tab past the menu's last link (or Shift+Tab before its first) leaves it: the page under
    // the dimmed overlay gets the focus, so the menu closes.
    document.addEventListener("focusin", function (event) {
      if (drawer.checked && !menu.contains(event.target) && event.target !== button) close();
    });

    if (label) label.hidden = true;
    button.hidden = false;
    sync();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
