/* Site search on /recherche/, with Pagefind's JavaScript API and this small interface.
   Progressive enhancement: the form is hidden in the HTML (it cannot work without JavaScript) and
   shown here, and the sentence that explains why it is missing is swapped for another one.
   Lazy: Pagefind's bundle (/pagefind/pagefind.js, then its worker, WebAssembly and index files,
   all on this site) is imported the first time the visitor focuses the search box, types or
   submits; opening the page loads nothing more (unless its address carries a search, ?q=…).
   Nothing is stored: Pagefind keeps what it loads in memory; no cookie, Web Storage, IndexedDB or
   Cache Storage. A submitted search is put in the address (history.replaceState), so that
   reloading the page or sharing its address finds it again.
   Only what is there: Pagefind's own search matches every word of the query as the start of an
   indexed (stemmed) word and, when no indexed word starts with it, falls back to the longest
   indexed word that starts the query word: « neige » (stem « neig ») found « ne ». So a page is a
   result only when it holds every word of the query exactly, up to French stemming and accents
   (plurals, « economie » for « économie »): for each word, Pagefind's exact search, the quoted
   form « "mot" », says which pages hold its stem. When no page does, pages whose text has, for
   each word, the word itself or a word that starts with it (at least NEAR_MIN letters: a word
   still being typed) are listed apart, under « Pages proches », never as results. A query in
   double quotes is Pagefind's exact phrase search, and its pages are results.
   Results: an ordered list of links to the pages; when Pagefind finds the words under headings
   that have an id (the findings), links to those places in the page. The role="status"
   paragraph announces the number of results. Excerpts are copied as text, with Pagefind's <mark>
   elements only: nothing from the index is inserted as HTML. The index is made with a space after
   each elided word (« l’ économie », plugins/search_index): it is taken out of what is shown, and
   elided words are left out of the query. */
(function () {
  "use strict";
  var MAX_RESULTS = 20;
  var MAX_PLACES = 3;  // places in one page (sub-results)
  var DELAY_MS = 250;  // pause in typing before searching
  var NEAR_MIN = 3;  // a shorter word that is not on a page does not make it a close page
  var NNBSP = "\u202f";  // inside « guillemets », before ; ! ?
  var ELIDED = "(?:jusqu|lorsqu|puisqu|quoiqu|presqu|qu|[cdjlmnst])['\u2019]";  // as in indexer.py
  var ELIDED_START = new RegExp("^[^\\p{L}\\p{N}]*" + ELIDED, "iu");
  var ELISION = new RegExp("(^|[^\\p{L}\\p{N}_])(" + ELIDED + ")(?=[\\p{L}\\p{N}])", "giu");
  var SPLIT_ELISION = new RegExp("(^|[^\\p{L}\\p{N}_])(" + ELIDED + ") ", "giu");
  var ENDS_ELIDED = new RegExp("(^|[^\\p{L}\\p{N}_])" + ELIDED + "$", "iu");

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

  // « l’ économie » in the index's text: « l’économie » again.
  function rejoined(text) {
    return (text || "").replace(SPLIT_ELISION, "$1$2");
  }

  // Pagefind's excerpt is HTML text with <mark> around the words found: keep text and marks only.
  function excerpt(html) {
    var paragraph = element("p", "resultat-extrait");
    var parsed = new DOMParser().parseFromString(html || "", "text/html").body;
    var pieces = [];
    for (var node = parsed.firstChild; node; node = node.nextSibling) {
      pieces.push({ mark: node.nodeType === 1 && node.nodeName === "MARK", text: node.textContent });
    }
    pieces.forEach(function (piece, i) {
      var text = rejoined(piece.text);
      if (i > 0 && text.charAt(0) === " " && ENDS_ELIDED.test(pieces[i - 1].text)) {
        text = text.slice(1);  // « <mark>l’</mark> économie »
      }
      if (piece.mark) {
        var mark = element("mark");
        mark.textContent = text;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(text));
      }
    });
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
      return { url: url, title: rejoined(sub.title), excerpt: sub.excerpt };
    });
  }

  var PHRASE = /^\s*"(.+)"\s*$/;

  // « mots », or l’expression « mots » for a query in double quotes.
  function quoted(term) {
    var phrase = PHRASE.exec(term);
    return (phrase ? "l’expression " : "") + "«" + NNBSP + (phrase ? phrase[1].trim() : term) + NNBSP + "»";
  }

  function counted(total, one, many) {
    return total + " " + (total === 1 ? one : many);
  }

  function list(pages, level) {
    var items = element("ol", "resultats");
    pages.forEach(function (page) {
      var item = element("li", "resultat");
      var title = element(level, "resultat-titre");
      title.appendChild(link(page.url, rejoined(page.meta.title) || page.url));
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
      items.appendChild(item);
    });
    return items;
  }

  // answer: {total, pages} (results), or {near} (close pages, none exact), or neither.
  function show(term, answer) {
    output.textContent = "";
    if (answer.pages && answer.pages.length) {
      var shown = answer.total > answer.pages.length ?
        " (les " + answer.pages.length + " premiers sont affichés)" : "";
      status.textContent = counted(answer.total, "résultat", "résultats") + " pour " + quoted(term) + shown + ".";
      var results = list(answer.pages, "h2");
      results.setAttribute("aria-label", "Résultats de la recherche");
      output.appendChild(results);
    } else if (answer.near && answer.near.length) {
      status.textContent = "Aucun résultat exact pour " + quoted(term) + NNBSP + "; " +
        counted(answer.near.length, "page proche", "pages proches") + " ci-dessous.";
      var section = element("section", "resultats-proches");
      section.setAttribute("aria-labelledby", "pages-proches");
      var heading = element("h2");
      heading.id = "pages-proches";
      heading.textContent = "Pages proches";
      var note = element("p");
      note.textContent = "Ces pages ne contiennent pas " + quoted(term) + " tel quel, mais des mots " +
        "qui commencent de la même façon.";
      section.appendChild(heading);
      section.appendChild(note);
      section.appendChild(list(answer.near, "h3"));
      output.appendChild(section);
    } else {
      status.textContent = "Aucun résultat pour " + quoted(term) + ".";
    }
  }

  // Lower case, without accents: « Économie » and « economie » alike.
  function plain(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  // The words of a query as Pagefind sees them: split at spaces and hyphens, elided words
  // (« l’ », « qu’ ») left out, punctuation taken away; empty when nothing is left.
  function queryWords(term) {
    var words = [];
    term.split(/[\s\p{Pd}]+/u).forEach(function (word) {
      word = word.replace(ELIDED_START, "").replace(/[^\p{L}\p{N}\p{M}]/gu, "");
      if (word) {
        words.push(word);
      }
    });
    return words;
  }

  // The ids of the pages that hold the word's stem: Pagefind's exact search.
  function exactPages(pagefind, word) {
    return pagefind.search("\"" + word + "\"").then(function (found) {
      var pages = {};
      found.results.forEach(function (result) { pages[result.id] = result; });
      return pages;
    });
  }

  // Is the page close to the query: each word is on it (stemmed), or starts one of its words.
  function isNear(words, exact, id, content) {
    var text = plain(content || "");
    return words.every(function (word, i) {
      if (exact[i][id]) {
        return true;
      }
      var start = plain(word);
      return start.length >= NEAR_MIN && new RegExp("(^|[^\\p{L}\\p{N}])" + start, "u").test(text);
    });
  }

  function data(results) {
    return Promise.all(results.map(function (result) { return result.data(); }));
  }

  function find(pagefind, term) {
    if (PHRASE.test(term)) {  // Pagefind's exact phrase search, elided words apart as in the index
      return pagefind.search(term.replace(ELISION, "$1$2 ")).then(function (found) {
        return data(found.results.slice(0, MAX_RESULTS)).then(function (pages) {
          return { total: found.results.length, pages: pages };
        });
      });
    }
    var words = queryWords(term);
    if (!words.length) {
      return Promise.resolve({});
    }
    return Promise.all([pagefind.search(words.join(" "))].concat(words.map(function (word) {
      return exactPages(pagefind, word);
    }))).then(function (answers) {
      var ranked = answers[0].results;  // Pagefind's order, prefixes and fallbacks included
      var exact = answers.slice(1);
      var hits = ranked.filter(function (result) {
        return exact.every(function (pages) { return pages[result.id]; });
      });
      if (hits.length) {
        // One word: the exact search's excerpts, which mark that word's forms only.
        var shown = hits.slice(0, MAX_RESULTS).map(function (result) {
          return words.length === 1 ? exact[0][result.id] : result;
        });
        return data(shown).then(function (pages) { return { total: hits.length, pages: pages }; });
      }
      var candidates = ranked.slice(0, MAX_RESULTS);
      return data(candidates).then(function (pages) {
        return { near: pages.filter(function (page, i) {
          return isNear(words, exact, candidates[i].id, page.content);
        }) };
      });
    });
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
      return find(pagefind, term);
    }).then(function (answer) {
      if (number === latest) {
        show(term, answer);
      }
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
