// Interview page: ask before a submit button marked data-confirm-click submits.
// A click handler (not the form's submit event) so that htmx, which posts the form, never
// sees a cancelled finish; CSP forbids inline handlers, hence this file.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-confirm-click]");
    if (button && !window.confirm(button.getAttribute("data-confirm-click"))) {
      event.preventDefault();
    }
  });
})();

// Autosave: the save bar (#save-bar) posts the whole form through htmx, 800 ms after the
// officer stops typing. This script keeps a state next to each changed field ("not saved
// yet", "saving…", "saved 10:42"), and when the officer leaves with something not saved
// yet it sends the form once more (keepalive) and asks the browser to warn them.
(function () {
  "use strict";
  var dirty = new Map(); // field name -> its state element
  var sending = new Map();

  function bar() { return document.getElementById("save-bar"); }
  function text(key) { var b = bar(); return (b && b.getAttribute("data-text-" + key)) || ""; }

  function stateFor(field) {
    var anchor = field.closest("fieldset") || field;
    var owner = anchor.tagName === "FIELDSET" ? anchor.querySelector("legend") || anchor : anchor;
    var name = field.name;
    var found = document.querySelector('[data-state-for="' + CSS.escape(name) + '"]');
    if (found) { return found; }
    var span = document.createElement("span");
    span.className = "field-save-state";
    span.setAttribute("data-state-for", name);
    span.setAttribute("data-testid", "field-save-state");
    if (owner === anchor) { anchor.insertAdjacentElement("afterend", span); } else { owner.appendChild(span); }
    return span;
  }

  function show(span, state, label) {
    span.textContent = label;
    span.setAttribute("data-state", state);
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!bar() || !field.name || !field.form || !field.form.contains(bar())) { return; }
    if (field.name === "add_code" || field.name === "csrfmiddlewaretoken") { return; }
    var span = stateFor(field);
    dirty.set(field.name, span);
    show(span, "unsaved", text("unsaved"));
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt !== bar()) { return; }
    dirty.forEach(function (span, name) { sending.set(name, span); show(span, "saving", text("saving")); });
    dirty.clear();
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt !== bar()) { return; }
    var result = bar() && bar().querySelector("[data-state]");
    var saved = event.detail.successful && result && result.getAttribute("data-state") === "saved";
    sending.forEach(function (span, name) {
      if (saved) {
        show(span, "saved", text("saved") + " " + result.getAttribute("data-saved-at"));
      } else if (!dirty.has(name)) {
        dirty.set(name, span);
        show(span, "unsaved", text("unsaved"));
      }
    });
    sending.clear();
  });

  // A full save (the Save button) redraws the form: nothing is pending any more.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "session-form") { dirty.clear(); sending.clear(); }
  });
  document.addEventListener("submit", function (event) {
    if (bar() && event.target.contains(bar())) { dirty.clear(); sending.clear(); }
  }, true);

  window.addEventListener("beforeunload", function (event) {
    var b = bar();
    if (!b || (dirty.size === 0 && sending.size === 0)) { return; }
    var form = b.closest("form");
    var typed = dirty.size > 0;
    if (form) {
      fetch(b.getAttribute("data-autosave-url"), {
        method: "POST", body: new FormData(form), keepalive: true, credentials: "same-origin",
        headers: { "HX-Request": "true" }
      });
    }
    // Sent once more in any case; the browser asks only about what was never sent.
    if (typed) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
