/* What only the embed pages (/embed/chronologie/, often in a sandboxed iframe of another site)
   run, after today.js: plugins/timeline/embed.py writes both as their one script.
   1. Display options from the query string, whitelisted and applied as classes and CSS custom
      properties only, never as markup: theme=light|dark|auto, compact=1, accent=RRGGBB (with or
      without "#"); anything else is ignored.
   2. Tells the embedding page its height when the URL fragment carries an id: "#lvas=ID" (our
      host script, /embed/chronologie.js) or "#?secret=ID" (WordPress). Message:
      {message: "height", value: <px>, secret: ID}, again whenever the height changes.
   3. WordPress only: its iframes are sandboxed with "allow-scripts" alone, so links cannot leave
      the frame; as WordPress's own embeds do, a plain click on a link to this site is sent as
      {message: "link", value: <absolute URL>, secret: ID} and the host page follows it. */
(function () {
  "use strict";
  var doc = document, root = doc.documentElement, win = window;

  var query = new URLSearchParams(win.location.search);
  var theme = query.get("theme");
  if (theme === "light" || theme === "dark" || theme === "auto") { root.classList.add("theme-" + theme); }
  if (query.get("compact") === "1") { root.classList.add("compact"); }
  var accent = /^#?([0-9a-fA-F]{6})$/.exec(query.get("accent") || "");
  if (accent) {
    // Text on the accent colour is black or white, whichever contrasts more (WCAG relative
    // luminance): at least 4.58:1 whatever the colour, so AA for normal text.
    var luminance = 0, weights = [0.2126, 0.7152, 0.0722];
    for (var k = 0; k < 3; k++) {
      var channel = parseInt(accent[1].substr(2 * k, 2), 16) / 255;
      luminance += weights[k] * (channel <= 0.04045 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4));
    }
    root.style.setProperty("--accent", "#" + accent[1].toLowerCase());
    root.style.setProperty("--on-accent", (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? "#000" : "#fff");
  }

  var secret = null, wordpress = false, sent = 0;
  function sendHeight() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (secret && win.parent !== win && height !== sent) {
      sent = height;
      win.parent.postMessage({message: "height", value: height, secret: secret}, "*");
    }
  }
  function readFragment() {
    var found = /^#(\?secret|lvas)=([A-Za-z0-9]{1,64})$/.exec(win.location.hash);
    secret = found && found[2];
    wordpress = Boolean(found) && found[1] === "?secret";
    sent = 0;
    sendHeight();
  }
  readFragment();
  win.addEventListener("hashchange", readFragment);  // a host may add the id once the page is loaded
  win.addEventListener("load", sendHeight);
  win.addEventListener("resize", sendHeight);
  if (win.ResizeObserver) { new win.ResizeObserver(sendHeight).observe(root); }

  doc.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!wordpress || !link || event.defaultPrevented || event.button || event.ctrlKey || event.metaKey
        || event.shiftKey || event.altKey || link.origin !== win.location.origin) {
      return;
    }
    event.preventDefault();
    win.parent.postMessage({message: "link", value: link.href, secret: secret}, "*");
  });
}());
