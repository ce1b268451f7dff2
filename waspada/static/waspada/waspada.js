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

  // The region picker draws its fields again when a level above the village changes.
  // Choosing the village needs nothing new; drawing its select again while the officer
  // types a village's name would forget the letters typed so far (a new select) and land
  // on another village.
  document.addEventListener("htmx:confirm", function (event) {
    var trigger = event.detail.triggeringEvent;
    if (event.detail.elt.classList.contains("region-picker") && trigger && trigger.target &&
        trigger.target.getAttribute("data-level") === "village") {
      event.preventDefault();
    }
  });

  // Warn two minutes before an idle session ends (the server ends it either way). Any
  // request, a page or an htmx update, starts the count again; "Stay signed in" makes one.
  var idle = parseInt(document.body.getAttribute("data-idle-seconds") || "0", 10);
  var warning = document.querySelector("[data-testid=idle-warning]");
  if (idle > 0 && warning) {
    var timer = null;
    var restart = function () {
      warning.hidden = true;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { warning.hidden = false; }, Math.max(idle - 120, 1) * 1000);
    };
    warning.querySelector("button").addEventListener("click", function () {
      window.fetch("/healthz", { credentials: "same-origin" }).then(restart);
    });
    document.body.addEventListener("htmx:afterRequest", restart);
    restart();
  }
})();
