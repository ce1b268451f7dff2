// Waspada's own script: kept tiny. htmx does the page updates; CSP forbids inline code.
(function () {
  "use strict";
  // Confirm dangerous actions declared with data-confirm (no inline onclick).
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
  // The NIK check opens the address picker at the NIK's kecamatan (an out-of-band swap),
  // but only while nothing is chosen there: a choice made while the check was under way
  // is the officer's and is kept.
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var target = event.detail.target;
    if (target && target.id === "picker-village") {
      var chosen = Array.prototype.some.call(target.querySelectorAll("select"), function (s) {
        return s.value !== "";
      });
      if (chosen) {
        event.detail.shouldSwap = false;
      }
    }
  });
})();
