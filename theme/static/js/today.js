/* Re-checks date-driven states in the browser, so that a page built days ago never
   shows a closed consultation as open. An element with data-from / data-until
   (ISO dates, inclusive) holds descendants marked data-when="before|during|after" (those of a
   nested element with dates of its own belong to it):
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
    // Its own parts only: a period may hold another (a phase, the consultation inside it).
    var parts = [], match = null;
    var all = period.querySelectorAll("[data-when]");
    for (var j = 0; j < all.length; j++) {
      if (all[j].parentNode.closest("[data-from][data-until]") !== period) { continue; }
      parts.push(all[j]);
      if (all[j].getAttribute("data-when") === when) { match = match || all[j]; }
    }
    if (!match) { continue; }
    for (var k = 0; k < parts.length; k++) {
      parts[k].hidden = parts[k] !== match;
    }
    period.setAttribute("data-state", when);
    if (period.hasAttribute("data-step")) {
      if (when === "during") { period.setAttribute("aria-current", "step"); } else { period.removeAttribute("aria-current"); }
    }
  }
}());
