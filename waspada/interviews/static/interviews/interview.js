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
