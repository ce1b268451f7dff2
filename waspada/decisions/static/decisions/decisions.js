// The decision proposal form: show the fields the chosen outcome needs, offer only its
// reason codes, and fill in the suggested legal basis of the chosen reason.
// Without this script every field shows and the server checks everything anyway.
(function () {
  "use strict";

  function showFieldsFor(form) {
    var outcome = form.querySelector("[name=outcome]").value;
    form.querySelectorAll("[data-show-for]").forEach(function (element) {
      element.hidden = element.getAttribute("data-show-for").split(" ").indexOf(outcome) < 0;
    });
    var select = form.querySelector("[name=reason_code]");
    select.querySelectorAll("option[data-outcome]").forEach(function (option) {
      var fits = option.getAttribute("data-outcome") === outcome;
      option.hidden = !fits;
      option.disabled = !fits;
    });
    if (select.selectedIndex > 0 && select.options[select.selectedIndex].disabled) {
      select.value = "";
    }
  }

  function suggestLegalBasis(form) {
    var select = form.querySelector("[name=reason_code]");
    var legal = form.querySelector("[name=legal_basis]");
    var option = select.options[select.selectedIndex];
    var basis = (option && option.getAttribute("data-legal-basis")) || "";
    // Replace the text only while it is empty or still the previous suggestion:
    // what the officer wrote themselves is never overwritten.
    var previous = legal.getAttribute("data-suggested") || "";
    if (!legal.value.trim() || legal.value === previous) {
      legal.value = basis;
    }
    legal.setAttribute("data-suggested", basis);
  }

  document.addEventListener("change", function (event) {
    var form = event.target.closest && event.target.closest("[data-decision-form]");
    if (!form) {
      return;
    }
    if (event.target.name === "outcome") {
      showFieldsFor(form);
      suggestLegalBasis(form);
    } else if (event.target.name === "reason_code") {
      suggestLegalBasis(form);
    }
  });

  document.querySelectorAll("[data-decision-form]").forEach(showFieldsFor);
})();
