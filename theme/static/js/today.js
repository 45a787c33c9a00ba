/* Re-checks date-driven states in the browser, so that a page built days ago never
   shows a closed consultation as open. An element with data-from / data-until
   (ISO dates, inclusive) holds children marked data-when="before|during|after":
   the one matching the visitor's today is shown, the others hidden; an element
   with data-step (a phase of the process) is the current step while "during".
   Without JavaScript, the state computed when the site was built stands. */
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  var now = new Date();
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var periods = document.querySelectorAll("[data-from][data-until]");
  for (var i = 0; i < periods.length; i++) {
    var period = periods[i];
    var when = today < period.getAttribute("data-from") ? "before"
      : today > period.getAttribute("data-until") ? "after" : "during";
    var parts = period.querySelectorAll("[data-when]");
    var match = period.querySelector('[data-when="' + when + '"]');
    if (!match) { continue; }
    for (var j = 0; j < parts.length; j++) {
      parts[j].hidden = parts[j] !== match;
    }
    period.setAttribute("data-state", when);
    if (period.hasAttribute("data-step")) {
      if (when === "during") { period.setAttribute("aria-current", "step"); } else { period.removeAttribute("aria-current"); }
    }
  }
}());
