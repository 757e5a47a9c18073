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
 *
 * Inside the drawer a section opens as a panel over the level it comes from, by a <label>
 * for its checkbox, and the panel's title, a <label> too, goes back. Material leaves a
 * section's label and every title out of the Tab order, and insyn.css hides the panels
 * out of sight, so while the drawer is in use this script shows a button in each label's
 * place: Tab reaches it, Enter or Space presses it, an opener says whether its panel is
 * open, and the focus moves to the panel's first item, or back to the opener.
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

    // A panel's items in order: its links and the openers of the panels inside it (a page's
    // own link gives way to the opener of its contents on a phone: not shown, it is skipped).
    function firstItem(panel) {
      return Array.prototype.filter.call(panel.querySelectorAll(
        ":scope > .md-nav__list > .md-nav__item > :is(a[href], label[for], button, .md-nav__container > *)"
      ), function (item) {
        return item.getClientRects().length > 0;
      })[0];
    }

    // The menu opens on the innermost panel open: the section of the page shown, which
    // Material opens, covering the menu's first level.
    function openPanel() {
      var open = menu.querySelectorAll(".md-nav__toggle:checked ~ .md-nav");
      return open.length ? open[open.length - 1] : menu.querySelector(".md-nav");
    }

    var drawerShown = window.matchMedia("(max-width: 76.234375em)");

    // A button in place of a panel's label: the same look and content, a name and a state,
    // and the focus moved with the panel. ARIA allows no role on a <label>.
    function buttonFor(label) {
      var toggle = document.getElementById(label.htmlFor);
      var title = label.classList.contains("md-nav__title");
      var press = document.createElement("button");
      press.type = "button";
      press.className = label.className + " insyn-panelknapp";
      press.setAttribute("data-for", label.htmlFor);  // insyn.css styles a page's contents as Material does
      Array.prototype.forEach.call(label.childNodes, function (node) {
        press.appendChild(node.cloneNode(true));
      });
      if (title) {
        press.setAttribute("aria-label", label.textContent.trim() + ", tillbaka");
      } else {
        press.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
        toggle.addEventListener("change", function () {
          press.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
        });
      }
      press.addEventListener("click", function () {
        toggle.click();
        var next = toggle.checked ? firstItem(toggle.parentNode.querySelector(":scope > .md-nav")) : opener(toggle);
        if (next) next.focus({preventScroll: true});  // a panel still sliding would shift the drawer sideways
      });
      label.before(press);  // Material hides the page's own link after the label for its contents
      return press;
    }

    function opener(toggle) {
      return toggle.parentNode.querySelector(":scope > .md-nav__link.insyn-panelknapp, :scope > .md-nav__container > .insyn-panelknapp");
    }

    var panelLabels = Array.prototype.slice.call(
      menu.querySelectorAll("label.md-nav__link[for], label.md-nav__title[for]:not([for='__drawer'])")
    );
    var buttons = panelLabels.map(buttonFor);

    // Buttons while the drawer is in use; Material's labels on a wide screen, where the
    // sections are always open and their labels are headings.
    function showButtons() {
      panelLabels.forEach(function (label, i) {
        label.hidden = drawerShown.matches;
        buttons[i].hidden = !drawerShown.matches;
      });
    }

    button.addEventListener("click", function () {
      drawer.click();
      var first = drawer.checked && firstItem(openPanel());
      if (first) first.focus();
    });
    drawer.addEventListener("change", sync);
    drawerShown.addEventListener("change", showButtons);
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
    showButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
