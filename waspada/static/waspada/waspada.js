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
})();
