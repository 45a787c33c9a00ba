"""The last gate (plugins/privacy/gate.py): a resident's phone, e-mail or postal address anywhere in
the published site stops the build at the source that holds it; declared contacts pass."""

from __future__ import annotations

import re

import pytest

from plugins.privacy.gate import mask, public_contacts, scan_site, stopped
from plugins.privacy.personal_data import Hit
from plugins.privacy.published_text import text_blocks
from conftest import ROOT
from test_plugins_alone import POST, tiny  # noqa: F401 - the fixture of the plugins alone in a tiny site

ADVICE = ("les données personnelles des habitants ne doivent jamais être en ligne, retirez-la ; si c'est le "
          "contact public de l'office ou d'un partenaire, déclarez-le dans pelicanconf.py, par exemple : "
          "PUBLIC_CONTACTS = [\"{example}\"]")
PHONE_ADVICE = ADVICE.format(example="04 92 00 00 00")
EMAIL_ADVICE = ADVICE.format(example="accueil@partenaire.example")
ADDRESS_ADVICE = ADVICE.format(example="1 place de la Mairie, 05100 Briançon")
ARTICLE = "content/articles/nouvelles/ouverture.md"
SPOKEN = "Pour en savoir plus"  # the line of ouverture.md where the office's text is added


def messages(result) -> list[str]:
    return [str(problem) for problem in result.problems]


def edit(site, relative: str, old: str, new: str, count: int = 1) -> None:
    path = site.base / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def files(folder) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_declared_contacts_pass_and_a_residents_data_stops_the_build_at_its_source(site):
    # The office's own contacts (CONTACT_EMAIL, the publisher's phone and address and the host's
    # phone, shown by the legal page, the data protection officer's) and a partner's declared in
    # PUBLIC_CONTACTS are published.
    with open(site.settings, "a", encoding="utf-8") as settings:
        settings.write('PUBLISHER["phone"] = "04 92 24 98 98"\n'
                       'PUBLISHER["address"] = "1 place du Temple, 05100 Briançon"\n'
                       'HOST["phone"] = "+33 1 23 45 67 89"\n'
                       'DATA_PROTECTION_OFFICER = "Claire Martin, dpo@example.org"\n'
                       'PUBLIC_CONTACTS = ["06 12 34 56 78", "accueil@partenaire.example"]\n')
    edit(site, ARTICLE, SPOKEN, "Contact : consultation@example.org, 06.12.34.56.78 ou accueil@partenaire.example."
                                "\n\n" + SPOKEN)
    first = site.build()
    assert first.ok, messages(first)
    before = files(site.output)
    mentions = (site.output / "mentions-legales" / "index.html").read_text(encoding="utf-8")
    assert "04 92 24 98 98" in mentions and "+33 1 23 45 67 89" in mentions
    assert "dpo@example.org" in (site.output / "donnees-personnelles" / "index.html").read_text(encoding="utf-8")

    # A resident's data typed by the office: in a title, in the text, in a link (tel:, mailto:), in
    # a data file, in a setting. Each is reported at its source, masked, in one build.
    text = (site.base / ARTICLE).read_text(encoding="utf-8")
    text = re.sub("^Title: .*", "Title: Lancement, appelez Paul au 06 98 76 54 32", text, count=1, flags=re.M)
    (site.base / ARTICLE).write_text(text, encoding="utf-8")
    edit(site, ARTICLE, SPOKEN, "Écrire à [Paul](mailto:paul.martin@exemple.fr) ou [l'appeler](tel:+33611223344). "
                                "Il habite 12 rue des Lilas.\n\n" + SPOKEN)
    edit(site, "data/projects.yml", "    dans l’élan de la fusion",
         "    avec jean.dupont@exemple.fr, dans l’élan de la fusion")
    line = site.settings.read_text(encoding="utf-8").count("\n") + 1
    with open(site.settings, "a", encoding="utf-8") as settings:
        settings.write('SITESUBTITLE = "Une question ? Marie au 07 81 22 33 44"\n')
    result = site.build()
    assert messages(result) == [
        f"{ARTICLE}:1:35: donnée personnelle dans le site publié (téléphone « 06 98 … 32 ») : {PHONE_ADVICE}",
        f"{ARTICLE}:22:24: donnée personnelle dans le site publié (adresse électronique « pa…@exemple.fr ») : "
        f"{EMAIL_ADVICE}",
        f"{ARTICLE}:22:67: donnée personnelle dans le site publié (téléphone « +33611 … 44 ») : {PHONE_ADVICE}",
        f"{ARTICLE}:22:92: donnée personnelle dans le site publié (adresse postale « 12 rue … ») : "
        f"{ADDRESS_ADVICE}",
        f"data/projects.yml:28:10: donnée personnelle dans le site publié (adresse électronique "
        f"« je…@exemple.fr ») : {EMAIL_ADVICE}",
        f"pelicanconf.py:{line}: réglage SITESUBTITLE : donnée personnelle dans le site publié (téléphone "
        f"« 07 81 … 44 ») : {PHONE_ADVICE}",
    ]
    # The message never holds the value: the logs of a public repository's CI are public.
    shown = str(result.problems)
    assert not any(value in shown for value in ("98 76 54", "paul.martin", "611223344", "Lilas", "22 33"))
    assert files(site.output) == before  # the site on line is the last clean one


def test_an_excerpt_of_feedback_is_read_at_its_line_rendered_or_not(site):
    site.write("data/feedback/marque-partagee.yml", (
        'finding: "marque-partagee"\n'
        "count: 2\n"
        "excerpts:\n"
        "  - date: 2016-03-15\n"
        '    text: "Très bien. Rappelez-moi au 06 12 34 56 78."\n'
        "    relu: oui\n"
        '    cle: "0123456789abcdef"\n'
        "  - date: 2016-03-16\n"
        '    text: "Écrivez à marie.curie@example.fr"\n'
        "    relu: oui\n"
        '    cle: "fedcba9876543210"\n'))
    assert messages(site.build()) == [
        "data/feedback/marque-partagee.yml:5:11: donnée personnelle dans un extrait de réaction (téléphone "
        f"« 06 12 … 78 ») : {PHONE_ADVICE} (dans un extrait, remplacez-la par « [retiré] »)",
        "data/feedback/marque-partagee.yml:9:11: donnée personnelle dans un extrait de réaction (adresse "
        f"électronique « ma…@example.fr ») : {EMAIL_ADVICE} (dans un extrait, remplacez-la par « [retiré] »)",
    ]


@pytest.mark.parametrize(("line", "expected"), [
    ('PUBLIC_CONTACTS = ["bonjour"]',
     "« bonjour » n'est ni une adresse électronique, ni un numéro de téléphone, ni une adresse postale : écrivez "
     "le contact tel qu'il est publié, par exemple \"04 92 00 00 00\", \"accueil@partenaire.example\" ou "
     "\"1 place de la Mairie, 05100 Briançon\""),
    ('PUBLIC_CONTACTS = ["04 92 24 98 98", 4922498]',
     "« 4922498 » invalide : chaque contact public est un texte entre guillemets, par exemple \"04 92 00 00 00\" "
     "ou \"accueil@partenaire.example\""),
    ('PUBLIC_CONTACTS = "04 92 24 98 98"',
     "« '04 92 24 98 98' » invalide : une liste [ … ] est attendu"),
])
def test_a_bad_public_contacts_setting_is_refused_at_its_line(site, line, expected):
    lines = site.settings.read_text(encoding="utf-8").count("\n")
    with open(site.settings, "a", encoding="utf-8") as settings:
        settings.write(line + "\n")
    assert messages(site.build()) == [f"pelicanconf.py:{lines + 1}: réglage PUBLIC_CONTACTS : {expected}"]


def test_data_only_in_a_published_file_without_source_names_that_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    feed = tmp_path / "site" / "feeds" / "all.atom.xml"
    feed.parent.mkdir(parents=True)
    feed.write_text('<feed><entry><content type="html">&lt;p&gt;Écrire à '
                    '&lt;a href="mailto:paul.martin&amp;#64;exemple.fr"&gt;Paul&lt;/a&gt;&lt;/p&gt;</content>'
                    "</entry></feed>", encoding="utf-8")
    (tmp_path / "site" / "pagefind" / "fragment").mkdir(parents=True)
    (tmp_path / "site" / "pagefind" / "fragment" / "fr_1444d9f.pf_fragment").write_text(  # not read
        "06 12 34 56 78", encoding="utf-8")
    (tmp_path / "site" / "photo.jpg").write_bytes(b"\xff\xd8 06 12 34 56 78")  # not read
    problems = scan_site(str(tmp_path / "site"), {"PATH": str(tmp_path / "content")}, {})
    assert [str(problem) for problem in problems] == [
        "feeds/all.atom.xml: donnée personnelle dans le site publié (adresse électronique « pa…@exemple.fr ») : "
        f"{EMAIL_ADVICE} (fichier publié, qu'aucune source ne contient)"]


@pytest.mark.parametrize(("name", "data", "blocks"), [
    ("a.html", b'<p>Tel : 06 12 <b>34</b> 56&#160;78</p><img alt="12 rue des Lilas" class="x">',
     ["Tel : 06 12 34 56\xa078", "12 rue des Lilas"]),
    ("a.html", b'<a href="mailto:paul%2Emartin&#64;example.org" title="Paul">x</a><div>y</div>',
     ["mailto:paul.martin@example.org", "Paul", "x", "y"]),
    ("a.html", b"<!DOCTYPE html><p>Un <!-- Paul : 06 12 34 56 78 --> texte</p>", ["Paul : 06 12 34 56 78", "Un  texte"]),
    ("donnees/phases.ics", b"BEGIN:VEVENT\r\nUID:phase-1@www.example.org\r\nDESCRIPTION:Appelez le 06 12\r\n  34 56 78"
     b"\\, merci\r\n", ["VEVENT", "Appelez le 06 12 34 56 78, merci"]),
    ("donnees/projets.csv", b'id,contact\nx,"06 12 34\n56 78"\n', ["id", "contact", "x", "06 12 34\n56 78"]),
    ("donnees/projets.json", b'{"a": ["<p>un</p><p>deux</p>", "trois"]}', ["a", "un", "deux", "trois"]),
    ("theme/js/a.js", b'x = (c + 0.055) / 1.055; s = "Appelez le 06\\u00a012"; // tel 0612345678',
     ["Appelez le 06\xa012", " tel 0612345678"]),
    ("images/photo.png", b"\x89PNG 06 12 34 56 78", None),
    # a binary file is not read as letters (random bytes would make e-mail addresses); a text is, in any encoding
    ("images/clip.m4a", bytes(range(256)) * 100 + b" Pa@b.cd", []),
    ("images/notes.txt", "Hélène : 06 12 34 56 78".encode("utf-16-le"), ["Hélène : 06 12 34 56 78"]),
    # JSON nested deeper than Python reads is read as text, not a crash of the build
    ("donnees/a.json", b"[" * 100_000 + b'"06 12 34 56 78"' + b"]" * 100_000,
     ["[" * 100_000 + '"06 12 34 56 78"' + "]" * 100_000]),
    # text of open data that only looks like a tag is read as it is too
    ("donnees/projets.json", b'{"contact": "Paul <Martin 06 12 34 56 78>"}',
     ["contact", "Paul", "Paul <Martin 06 12 34 56 78>"]),
    # a line break (two spaces at the end of a Markdown line) is read as one, not as the end of the block
    ("a.html", b"<p>Paul, 06 12<br>34 56 78<br />12 rue des Lilas</p>", ["Paul, 06 12\n34 56 78\n12 rue des Lilas"]),
    # text that only looks like escaped markup is read, not unescaped for ever (found by the escaping test)
    ("a.html", b"<p>&lt;!----&gt;]]&gt;&lt;![CDATA[ 06 12 34 56 78</p>", ["]]> 06 12 34 56 78", "<!---->]]><![CDATA[ 06 12 34 56 78"]),  # (a CDATA never closed runs
    # to the end; shown as it is on the page, read as shown too)
    ("feeds/a.atom.xml", b"<summary>&lt;p&gt;&amp;lt;b&amp;gt;06 12 34 56 78&lt;/p&gt;</summary>",
     ["06 12 34 56 78"]),
])
def test_the_text_of_a_published_file(name, data, blocks):
    found = text_blocks(name, data)
    assert (None if found is None else list(found)) == blocks


@pytest.mark.parametrize(("kind", "text", "masked"), [
    ("téléphone", "06 12 34 56 78", "06 12 … 78"),
    ("téléphone", "+33 6 12 34 56 78", "+33 6 12 … 78"),
    ("adresse électronique", "paul.martin@example.org", "pa…@example.org"),
    ("adresse postale", "12 rue des Lilas", "12 rue …"),
])
def test_a_value_is_masked_in_the_message(kind, text, masked):
    assert mask(Hit(0, len(text), kind, text)) == masked


def test_the_plugin_alone_in_a_tiny_site(tiny):
    site = tiny(["plugins.privacy"])
    site.write("content/articles/nouvelles/ouverture.md", POST.format(body="Appelez Paul au 06 12 34 56 78."))
    result = site.build()
    assert [str(problem) for problem in result.problems] == [
        "content/articles/nouvelles/ouverture.md:5:17: donnée personnelle dans le site publié (téléphone "
        f"« 06 12 … 78 ») : {PHONE_ADVICE}"]
    site.write("pelicanconf.py", site.settings.read_text(encoding="utf-8") + 'PUBLIC_CONTACTS = ["06 12 34 56 78"]\n')
    assert site.build().ok


def test_the_preview_reads_again_only_the_files_it_did_not_read_clean(tmp_path, monkeypatch):
    # The preview hard-links the pages an edit does not touch from the site on screen into the new
    # one (site_build/incremental.py): those are not read again; every new file is.
    import plugins.privacy.gate as gate

    monkeypatch.setattr(gate, "_SEEN", gate._Seen())
    read = []
    monkeypatch.setattr(gate, "text_blocks",
                        lambda name, data, seen: read.append(name) or text_blocks(name, data, seen))
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        (folder / "a").mkdir(parents=True)
    (first / "a" / "index.html").write_text("<p>Une page.</p>", encoding="utf-8")
    (first / "index.html").write_text("<p>Accueil.</p>", encoding="utf-8")
    settings = {"PATH": str(tmp_path / "content")}
    assert scan_site(str(first), settings, {}) == []
    assert read == ["index.html", "a/index.html"]
    read.clear()
    (second / "a" / "index.html").hardlink_to(first / "a" / "index.html")
    (second / "index.html").write_text("<p>Accueil, appelez le 06 12 34 56 78.</p>", encoding="utf-8")
    assert [str(problem) for problem in scan_site(str(second), settings, {})] == [
        "index.html: donnée personnelle dans le site publié (téléphone « 06 12 … 78 ») : "
        f"{PHONE_ADVICE} (fichier publié, qu'aucune source ne contient)"]
    assert read == ["index.html"]


def test_the_preview_refuses_a_rebuild_that_renders_one_page(site):
    # An edit of one article's text: the preview renders that page only (site_build/incremental.py);
    # the gate still reads it, and the site on screen stays the last clean one.
    import io

    from publishing.devserver import Rebuilder

    preview = Rebuilder(site.settings, site.base / "apercu", site.base / "cache", {},
                        watched=[site.base / "content", site.base / "data"], stream=io.StringIO())
    try:
        assert preview.build().ok
        before = files(site.base / "apercu")
        edit(site, ARTICLE, SPOKEN, "Appelez Paul au 06 12 34 56 78.\n\n" + SPOKEN)
        result = preview.build()
        # one article's page and the sections' listings (paginated: always rendered)
        assert preview.incremental.rendered == ["nouvelles/ouverture/index.html", "etat-des-lieux/index.html",
                                                "nouvelles/index.html"]
        assert files(site.base / "apercu") == before
        edit(site, ARTICLE, "Appelez Paul au 06 12 34 56 78.", "Appelez le standard.")
        assert preview.build().ok
    finally:
        if preview.index is not None:
            preview.index.cancel()
    assert messages(result) == [
        f"{ARTICLE}:20:17: donnée personnelle dans le site publié (téléphone « 06 12 … 78 ») : {PHONE_ADVICE}"]
    assert "Appelez le standard." in (site.base / "apercu" / "nouvelles" / "ouverture" / "index.html").read_text(
        encoding="utf-8")


@pytest.mark.parametrize("template", sorted((ROOT / "theme" / "templates").rglob("*.html")),
                         ids=lambda path: path.name)
def test_the_themes_own_texts_pass_the_gate(template):
    # What the templates write (the Défenseur des droits' postal address…) is public: declared in
    # THEME_CONTACTS, so that no site fails for the engine's own words.
    public = public_contacts({})
    assert [hit.text for block in text_blocks(template.name, template.read_bytes()) for hit in stopped(block, public)] == []


@pytest.mark.parametrize(("text", "stops"), [
    ("Écrivez à contact@example.com", False),
    ("Écrivez à accueil@partenaire.example ou à test@mairie.test", False),
    ("Écrivez à paul@example.org.fr", True),  # a real domain that only starts like an example
    ("Écrivez à paul@myexample.com", True),
])
def test_an_address_at_a_domain_reserved_for_examples_is_nobody_s(text, stops):
    """RFC 2606 and 6761: nobody owns such an address; a placeholder is the publication's check's."""
    assert bool(stopped(text, public_contacts({}))) is stops


def test_data_in_a_document_copied_as_it_is_names_its_source_and_line(site):
    """A list saved as text next to the photos: the message names content/images/…, with the line, not
    only the published copy « qu'aucune source ne contient »."""
    site.write("content/images/inscrits.txt", "Liste des inscrits\nPaul : 06 12 34 56 78\n")
    assert messages(site.build()) == [
        "content/images/inscrits.txt:2:8: donnée personnelle dans le site publié (téléphone « 06 12 … 78 ») : "
        f"{PHONE_ADVICE}"]


def test_a_link_with_a_query_string_does_not_hide_what_it_carries(tiny):
    # A web address with a query string is not stopped (the office's forms, maps, videos), but a
    # phone, an e-mail or an address inside it is: it no longer hides them by being longer.
    site = tiny(["plugins.privacy"])
    site.write("content/articles/nouvelles/ouverture.md", POST.format(
        body="[Écrire](https://wa.me/33612345678?text=bonjour) ou "
             "<https://forms.example.org/f?courriel=paul.martin@exemple.fr>, et "
             "[carte](https://www.openstreetmap.org/search?query=12%20rue%20des%20Lilas)."))
    assert messages(site.build()) == [
        "content/articles/nouvelles/ouverture.md:5:24: donnée personnelle dans le site publié (téléphone "
        f"« 3361 … 78 ») : {PHONE_ADVICE}",
        "content/articles/nouvelles/ouverture.md:5:91: donnée personnelle dans le site publié (adresse "
        f"électronique « pa…@exemple.fr ») : {EMAIL_ADVICE}",
        # read in the link's address decoded, found in the source where it is percent-encoded
        "content/articles/nouvelles/ouverture.md:5:170: donnée personnelle dans le site publié (adresse "
        f"postale « 12 rue … ») : {ADDRESS_ADVICE}",
    ]


def _document(entries: dict[str, str]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_document_to_download_is_read_whatever_its_format(tiny):
    # Documents next to the photos are published as they are: a text saved by an old Windows
    # editor (Windows-1252, UTF-16), a Word or OpenDocument file (a ZIP of XML, its words cut in runs),
    # and its links, are read; none is skipped for not being UTF-8. Each is reported at its own name.
    site = tiny(["plugins.privacy"])
    site.write("content/articles/nouvelles/ouverture.md", POST.format(body="Bonjour."))
    images = site.base / "content" / "images"
    images.mkdir(parents=True)
    (images / "liste.txt").write_bytes("Réunion : Hélène, 06 12 34 56 78".encode("cp1252"))
    (images / "notes.txt").write_bytes("Écrire à helene.martin@exemple.fr".encode("utf-16"))
    (images / "compte-rendu.docx").write_bytes(_document({
        "word/document.xml": '<w:document><w:body><w:p><w:r><w:t>Appeler le 07 </w:t></w:r><w:r><w:rPr><w:b/>'
                             '</w:rPr><w:t>81 22</w:t></w:r><w:r><w:t xml:space="preserve"> 33 44</w:t></w:r></w:p>'
                             '<w:p><w:r><w:t>Fin</w:t></w:r></w:p></w:body></w:document>',
        "word/_rels/document.xml.rels": '<Relationships><Relationship Id="rId1" '
                                        'Target="mailto:paul.martin@exemple.fr"/></Relationships>'}))
    (images / "plan.odt").write_bytes(_document({
        "content.xml": "<office:text><text:p>Chez M. Blanc, 12 <text:span>rue des Lilas</text:span></text:p>"
                       "</office:text>"}))
    assert messages(site.build()) == [
        "content/images/compte-rendu.docx: donnée personnelle dans le site publié (téléphone « 07 81 … 44 ») : "
        f"{PHONE_ADVICE}",
        "content/images/compte-rendu.docx: donnée personnelle dans le site publié (adresse électronique "
        f"« pa…@exemple.fr ») : {EMAIL_ADVICE}",
        "content/images/liste.txt: donnée personnelle dans le site publié (téléphone « 06 12 … 78 ») : "
        f"{PHONE_ADVICE}",
        "content/images/notes.txt: donnée personnelle dans le site publié (adresse électronique « he…@exemple.fr ») : "
        f"{EMAIL_ADVICE}",
        "content/images/plan.odt: donnée personnelle dans le site publié (adresse postale « 12 rue … ») : "
        f"{ADDRESS_ADVICE}",
    ]


def test_the_name_of_a_published_file_is_read_too(tiny):
    # A file next to the photos is published at its own name, linked from no page: anyone lists it.
    site = tiny(["plugins.privacy"])
    site.write("content/articles/nouvelles/ouverture.md", POST.format(body="Bonjour."))
    site.write("content/images/rappeler Paul 06 12 34 56 78.txt", "Bonjour.")
    assert messages(site.build()) == [
        "content/images/rappeler Paul 06 12 34 56 78.txt: donnée personnelle dans le nom d'un fichier publié "
        f"(téléphone « 06 12 … 78 ») : {PHONE_ADVICE}"]


@pytest.mark.parametrize("data", [
    # text that only looks like markup, unescaped to be read again: tags never closed (« > » before them)
    b"<p>&gt; " + b"&lt;a " * 30_000 + b"</p>",
    b"<p>" + b"<a " * 30_000 + b"</p>",
    b"<p>&gt; " + b"&lt;a x=&quot;&lt;a " * 15_000 + b"</p>",
    b"<p>&gt; " + b"&lt;a &#39;" * 30_000 + b"</p>",
    b"<p>&gt; " + b"&lt;!-- " * 30_000 + b"</p>",
    b"<p>&gt; " + b"&lt;![CDATA[ " * 30_000 + b"</p>",
    b"<p>&gt; " + b"&lt;!x " * 30_000 + b"</p>",
    b"<p>&gt; " + b"&lt;script " * 30_000 + b"</p>",
    b"<script " * 30_000,
], ids=["escaped", "raw", "quotes", "apostrophes", "comments", "cdata", "declarations", "scripts-escaped",
        "scripts"])
def test_no_slow_published_text(data):
    import time

    started = time.monotonic()
    for block in text_blocks("a.html", data):
        stopped(block, public_contacts({}))
    assert time.monotonic() - started < 2


def test_text_that_looks_like_a_tag_is_read_as_shown(tiny):
    # Shown as text on the page (« &lt;… &gt; »), read again as markup to find HTML escaped in a
    # feed: what stood in the « tag » (its name, attributes without value, a declaration) is read too.
    site = tiny(["plugins.privacy"])
    site.write("content/articles/nouvelles/ouverture.md", POST.format(
        body="Paul <Martin 06 12 34 56 78> et <!Claire paul.martin@exemple.fr>"))
    assert messages(site.build()) == [
        "content/articles/nouvelles/ouverture.md:5:14: donnée personnelle dans le site publié (téléphone "
        f"« 06 12 … 78 ») : {PHONE_ADVICE}",
        "content/articles/nouvelles/ouverture.md:5:42: donnée personnelle dans le site publié (adresse "
        f"électronique « pa…@exemple.fr ») : {EMAIL_ADVICE}",
    ]


def test_a_page_written_where_the_search_index_goes_is_read(tiny):
    # Only the search index's own folder is left out, never what the office writes there.
    site = tiny(["plugins.privacy"])
    site.write("content/articles/nouvelles/ouverture.md", POST.format(body="Bonjour."))
    site.write("content/pages/pagefind.md", "Title: Recherche\nSlug: pagefind\n\nAppelez Paul au 06 12 34 56 78.\n")
    site.write("content/images/pagefind/liste.txt", "Paul : 06 98 76 54 32")
    assert messages(site.build()) == [
        "content/images/pagefind/liste.txt:1:8: donnée personnelle dans le site publié (téléphone « 06 98 … 32 ») : "
        f"{PHONE_ADVICE}",
        "content/pages/pagefind.md:4:17: donnée personnelle dans le site publié (téléphone « 06 12 … 78 ») : "
        f"{PHONE_ADVICE}",
    ]


def test_what_a_source_holds_unpublished_is_read_too(tiny):
    # The repository is public: a Markdown comment, an unused link reference, a YAML comment are
    # in it even if no page shows them.
    site = tiny(["plugins.privacy"])
    site.write("content/articles/nouvelles/ouverture.md", POST.format(
        body="Bonjour.\n\n[//]: # (Rappeler Paul au 06 12 34 56 78)\n\n"
             '[ref]: https://x.org/ "Paul, paul.martin@exemple.fr"'))
    site.write("data/notes.yml", "# Claire : 07 81 22 33 44\ntitre: Notes\n")
    assert messages(site.build()) == [
        "content/articles/nouvelles/ouverture.md:7:27: donnée personnelle dans le dépôt public (téléphone "
        f"« 06 12 … 78 ») : {PHONE_ADVICE}",
        "content/articles/nouvelles/ouverture.md:9:30: donnée personnelle dans le dépôt public (adresse "
        f"électronique « pa…@exemple.fr ») : {EMAIL_ADVICE}",
        f"data/notes.yml:1:12: donnée personnelle dans le dépôt public (téléphone « 07 81 … 44 ») : {PHONE_ADVICE}",
    ]


def _pdf(text: str, uri: str | None = None) -> bytes:
    """A one-page PDF whose page shows `text` (Helvetica) and, if given, links to `uri`."""
    stream = f"BT /F1 12 Tf 72 712 Td ({text}) Tj ET".encode("latin-1")
    annots = " /Annots [5 0 R]" if uri else ""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
         f"/Resources << /Font << /F1 6 0 R >> >>{annots} >>").encode(),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        (f"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI ({uri}) >> >>".encode()
         if uri else b"<< >>"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_pdf_is_read_page_by_page_with_its_links(tiny):
    """A PDF next to the photos is published as it is: its text and the addresses of its links are read
    (pypdf), and a hit is named at the document; a clean PDF passes."""
    site = tiny(["plugins.privacy"])
    site.write("content/articles/nouvelles/ouverture.md", POST.format(body="Bonjour."))
    images = site.base / "content" / "images"
    images.mkdir(parents=True)
    (images / "programme.pdf").write_bytes(_pdf("Programme de la journee du 15 mars 2016, de 9 h a 12 h"))
    (images / "compte-rendu.pdf").write_bytes(_pdf("Rappeler Paul au 06 98 76 54 32",
                                                   "mailto:paul.martin@exemple.fr"))
    assert messages(site.build()) == [  # an uncompressed PDF holds its text as it is: its line is given
        f"content/images/compte-rendu.pdf:14:42: donnée personnelle dans le site publié (téléphone « 06 98 … 32 ») : "
        f"{PHONE_ADVICE}",
        "content/images/compte-rendu.pdf:18:77: donnée personnelle dans le site publié (adresse électronique "
        f"« pa…@exemple.fr ») : {EMAIL_ADVICE}",
    ]
    (images / "compte-rendu.pdf").unlink()
    assert messages(site.build()) == []


def test_a_pdf_that_cannot_be_read_is_not_published_unread(tiny):
    site = tiny(["plugins.privacy"])
    site.write("content/articles/nouvelles/ouverture.md", POST.format(body="Bonjour."))
    (site.base / "content" / "images").mkdir(parents=True)
    (site.base / "content" / "images" / "abime.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00" * 100)
    assert messages(site.build()) == [
        "content/images/abime.pdf: document PDF illisible (PdfStreamError) : la vérification des données "
        "personnelles ne peut pas le lire, il ne sera pas publié ainsi ; enregistrez-le de nouveau en PDF sans "
        "mot de passe depuis le logiciel qui l'a créé"]
