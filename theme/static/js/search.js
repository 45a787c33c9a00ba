/* Site search on /recherche/, with Pagefind's JavaScript API and this small interface.
   Progressive enhancement: the form is hidden in the HTML (it cannot work without JavaScript) and
   shown here, and the sentence that explains why it is missing is swapped for another one.
   Lazy: Pagefind's bundle (/pagefind/pagefind.js, then its worker, WebAssembly and index files,
   all on this site) is imported the first time the visitor focuses the search box, types or
   submits; opening the page loads nothing more (unless its address carries a search, ?q=…).
   Nothing is stored: Pagefind keeps what it loads in memory; no cookie, Web Storage, IndexedDB or
   Cache Storage. A submitted search is put in the address (history.replaceState), so that
   reloading the page or sharing its address finds it again.
   Results: an ordered list of links to the pages; when Pagefind finds the words under headings
   that have an id (the findings), links to those places in the page. The role="status"
   paragraph announces the number of results. Excerpts are copied as text, with Pagefind's <mark>
   elements only: nothing from the index is inserted as HTML. */
(function () {
  "use strict";
  var MAX_RESULTS = 20;
  var MAX_PLACES = 3;  // places in one page (sub-results)
  var DELAY_MS = 250;  // pause in typing before searching

  var form = document.getElementById("recherche");
  var input = document.getElementById("recherche-mots");
  var status = document.getElementById("recherche-statut");
  var output = document.getElementById("recherche-resultats");
  if (!form || !input || !status || !output || !window.URL || !window.DOMParser) {
    return;
  }
  var bundle = new URL(form.getAttribute("data-pagefind"), document.baseURI).href;
  var loading = null;
  var latest = 0;  // number of the latest search: answers to older ones are dropped
  var timer = null;

  function load() {
    if (!loading) {
      loading = import(bundle).then(function (pagefind) {
        return pagefind.init().then(function () { return pagefind; });
      });
    }
    return loading;
  }

  function element(name, className) {
    var node = document.createElement(name);
    if (className) {
      node.className = className;
    }
    return node;
  }

  function link(url, text) {
    var anchor = element("a");
    anchor.setAttribute("href", url);
    anchor.textContent = text;
    return anchor;
  }

  // Pagefind's excerpt is HTML text with <mark> around the words found: keep text and marks only.
  function excerpt(html) {
    var paragraph = element("p", "resultat-extrait");
    var parsed = new DOMParser().parseFromString(html || "", "text/html").body;
    for (var node = parsed.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 1 && node.nodeName === "MARK") {
        var mark = element("mark");
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    }
    return paragraph;
  }

  // A finding is <section id="ID"><h2 id="ID-titre">…: Pagefind splits pages at headings that
  // have an id, but the finding's stable address is its section's. So a place links to the
  // outermost element that starts where its heading does (the first such in document order).
  function placeId(anchors, heading) {
    for (var i = 0; i < anchors.length; i++) {
      var anchor = anchors[i];
      if (anchor.location === heading.location && anchor.id && anchor.element !== "main") {
        return anchor.id;
      }
    }
    return heading.id;
  }

  function places(page) {
    var anchors = page.anchors || [];
    return (page.sub_results || []).filter(function (sub) {
      return sub.anchor && sub.anchor.id;
    }).slice(0, MAX_PLACES).map(function (sub) {
      var hash = sub.url.indexOf("#");
      var url = (hash < 0 ? sub.url : sub.url.slice(0, hash)) + "#" + placeId(anchors, sub.anchor);
      return { url: url, title: sub.title, excerpt: sub.excerpt };
    });
  }

  function counted(total) {
    if (total === 0) {
      return "Aucun résultat";
    }
    return total + (total === 1 ? " résultat" : " résultats");
  }

  function show(term, total, pages) {
    output.textContent = "";
    var shown = total > pages.length ? " (les " + pages.length + " premiers sont affichés)" : "";
    status.textContent = counted(total) + " pour «\u202f" + term + "\u202f»" + shown + ".";
    if (!pages.length) {
      return;
    }
    var list = element("ol", "resultats");
    list.setAttribute("aria-label", "Résultats de la recherche");
    pages.forEach(function (page) {
      var item = element("li", "resultat");
      var title = element("h2", "resultat-titre");
      title.appendChild(link(page.url, page.meta.title || page.url));
      item.appendChild(title);
      var found = places(page);
      if (found.length) {
        var sublist = element("ul", "resultat-endroits");
        found.forEach(function (place) {
          var subitem = element("li");
          subitem.appendChild(link(place.url, place.title));
          subitem.appendChild(excerpt(place.excerpt));
          sublist.appendChild(subitem);
        });
        item.appendChild(sublist);
      } else {
        item.appendChild(excerpt(page.excerpt));
      }
      list.appendChild(item);
    });
    output.appendChild(list);
  }

  function clear() {
    latest += 1;
    output.textContent = "";
    status.textContent = "";
  }

  function search(term) {
    window.clearTimeout(timer);
    term = term.trim();
    if (!term) {
      clear();
      return;
    }
    latest += 1;
    var number = latest;
    load().then(function (pagefind) {
      return pagefind.search(term);
    }).then(function (found) {
      if (number !== latest || !found) {
        return null;
      }
      var results = found.results.slice(0, MAX_RESULTS);
      return Promise.all(results.map(function (result) { return result.data(); })).then(function (pages) {
        if (number === latest) {
          show(term, found.results.length, pages);
        }
      });
    }).catch(function () {
      if (number === latest) {
        output.textContent = "";
        status.textContent = "La recherche n’a pas pu se charger\u00a0: parcourez plutôt les pages ci-dessous.";
      }
    });
  }

  input.addEventListener("focus", function () {
    load().catch(function () {});  // reported by the search that follows, if any
  });
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    var term = input.value;
    timer = window.setTimeout(function () { search(term); }, DELAY_MS);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var term = input.value.trim();
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", term ? "?q=" + encodeURIComponent(term) : window.location.pathname);
    }
    search(term);
  });

  form.hidden = false;
  var notes = document.querySelectorAll("[data-sans-js], [data-avec-js]");
  for (var i = 0; i < notes.length; i++) {
    notes[i].hidden = notes[i].hasAttribute("data-sans-js");
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    input.value = query;
    search(query);
  }
}());
