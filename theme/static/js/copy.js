/* « Copier » buttons for the code snippets of the partner page (/partenaires/) and the prepared
   messages beside « Réagir à ce constat » (for residents without a mail client).
   Progressive enhancement: without JavaScript the texts are plain selectable text and no
   button exists. Each <pre data-copy-label="Copier le code iframe"> gets, right after it (after
   its <details> when it is folded in one, so the button shows while the text stays folded), a
   button with that label and a status in an aria-live="polite" region, which says « Copié »
   once the text is on the clipboard. Where the Clipboard API is missing or refused, the
   snippet is selected (and copied with execCommand where the browser still allows it). */
(function () {
  "use strict";
  var COPIED = "Copié";
  var SELECTED = "Texte sélectionné\u00a0: appuyez sur Ctrl+C (Cmd+C sur Mac) pour le copier";
  var statuses = [];

  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function fallback(code, status) {
    select(code);
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    status.textContent = copied ? COPIED : SELECTED;
  }

  function copy(code, status) {
    for (var i = 0; i < statuses.length; i++) { statuses[i].textContent = ""; }
    var text = code.textContent;
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () {
        status.textContent = COPIED;
      }, function () {
        fallback(code, status);
      });
    } else {
      // Let the region be emptied first, so that a second copy is announced again.
      window.setTimeout(function () { fallback(code, status); }, 0);
    }
  }

  var blocks = document.querySelectorAll("pre[data-copy-label]");
  for (var i = 0; i < blocks.length; i++) {
    (function (pre) {
      var code = pre.querySelector("code") || pre;
      var bar = document.createElement("p");
      bar.className = "copie";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "bouton-copie";
      button.textContent = pre.getAttribute("data-copy-label");
      var status = document.createElement("span");
      status.className = "copie-statut";
      status.setAttribute("aria-live", "polite");
      statuses.push(status);
      bar.appendChild(button);
      bar.appendChild(document.createTextNode(" "));
      bar.appendChild(status);
      var place = pre.closest("details") || pre;
      place.parentNode.insertBefore(bar, place.nextSibling);
      button.addEventListener("click", function () { copy(code, status); });
    }(blocks[i]));
  }
}());
