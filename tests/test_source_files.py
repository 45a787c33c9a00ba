"""Nothing outside the repository is read or published (issue 12, item 4): symbolic links under
content/, data/ and the theme are refused before anything is read, each named with where it
points; no page is written outside the output folder. Links leaving content/ and files no reader
takes are in the bad-input corpus (tests/test_bad_inputs.py); the gate's pristine export of the
committed tree in tests/test_publish_gate.py."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from core.engine_settings import THEME

LINK = ("lien symbolique refusé (il pointe vers « {target} ») : seuls les vrais fichiers enregistrés dans le "
        "dépôt sont publiés ; remplacez le lien par une copie du {kind}")


def messages(result) -> list[str]:
    assert not result.ok
    return [str(problem) for problem in result.problems]


@pytest.mark.parametrize("place, target, kind", [
    pytest.param("content/images/config.txt", "../../.git/config", "fichier", id="file-to-git-config"),
    pytest.param("content/images/systeme", "/etc", "dossier", id="folder-outside-the-repository"),
    pytest.param("content/articles/nouvelles/lien.md", "ouverture.md", "fichier", id="linked-article"),
    pytest.param("content/images/absent.png", "../../nulle-part.png", "fichier", id="broken-link"),
    pytest.param("data/themes.yml", "../content/themes.yml", "fichier", id="linked-data-file"),
])
def test_symlinks_are_refused_with_their_target(site, place, target, kind):
    (site.base / ".git").mkdir(exist_ok=True)
    (site.base / ".git/config").write_text("[remote \"origin\"]\n\turl = https://jeton@github.com/x\n")
    if place.startswith("data/"):
        shutil.move(site.base / "data/themes.yml", site.base / "content/themes.yml")
        target = "../content/themes.yml"
    link = site.base / place
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, link)
    expected = f"{place}: {LINK.format(target=target, kind=kind)}"
    # For data/, data is checked first: content/themes.yml (a file no reader takes) is never reached.
    assert messages(site.build()) == [expected]
    assert not site.output.exists()


def test_a_linked_content_folder_is_refused(site):
    os.symlink(str(site.base / "content"), site.base / "contenu")
    shutil.rmtree(site.base / "content/pages")
    os.symlink("../contenu/articles", site.base / "content/pages")
    assert messages(site.build()) == [f"content/pages: {LINK.format(target='../contenu/articles', kind='dossier')}"]


def test_a_symlink_in_the_theme_is_refused(site, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(THEME, theme)
    os.symlink("/etc/hostname", theme / "static" / "hote.txt")
    assert messages(site.build(THEME=str(theme))) == [
        f"theme/static/hote.txt: {LINK.format(target='/etc/hostname', kind='fichier')}"]


def test_nothing_is_ever_claimed_outside_the_output_folder(tmp_path):
    """The last guard behind the reader's checks of Slug, Save_as and URL (core/output_paths.py)."""
    from core import output_paths
    from core.build_state import reset
    from core.problems import ProblemError

    output = tmp_path / "output"
    (output / "dedans").mkdir(parents=True)
    os.symlink(tmp_path, output / "sortie")
    assert [output_paths.inside(str(output), path) for path in (
        "nouvelles/a/index.html", "dedans", "", ".", "../ailleurs/index.html", "a/../../x.html", "/etc/passwd",
        "sortie/x.html")] == [True, True, False, False, False, False, False, False]
    reset()
    output_paths._OUTPUT["root"] = str(output)
    page = output_paths.Writer("content/pages/x.md", "content/pages/x.md", 3)
    generated = output_paths.Writer("la page générée par le site (gabarit « constats »)")
    try:
        for writer, expected in (
                (page, "content/pages/x.md:3:1: la page serait écrite hors du dossier du site "
                       "(../ailleurs/index.html) : corrigez Slug, Save_as ou URL"),
                (generated, "pelicanconf.py: adresse « ../ailleurs/index.html » hors du dossier du site, "
                            "demandée par la page générée par le site (gabarit « constats ») : corrigez le réglage "
                            "d'adresse (…_SAVE_AS)")):
            with pytest.raises(ProblemError) as caught:
                output_paths.claim(str(tmp_path / "ailleurs" / "index.html"), writer)
            assert [str(problem) for problem in caught.value.problems] == [expected]
        output_paths.claim(str(output / "nouvelles" / "a" / "index.html"), page)  # inside: taken
    finally:
        reset()


def test_system_files_and_static_files_are_not_refused(site):
    site.write("content/images/notes.txt", "un document à télécharger\n")
    site.write("content/images/.cache", "x")
    site.write("content/pages/.DS_Store", b"\x00\x00\x00\x01Bud1")
    result = site.build()
    assert result.ok, [str(problem) for problem in result.problems]
    assert (site.output / "images/notes.txt").is_file()
    assert not Path(site.output / "pages").exists()


def test_word_line_break_is_a_space_in_the_header_and_a_line_break_in_the_text():
    from core.problems import decode_markdown

    raw = "Title: Saut\x0bde ligne\r\nDate: 2016-03-01\r\n\r\nUne\x0bligne.\r\n".encode()
    assert decode_markdown("x.md", b"\xef\xbb\xbf" + raw) == "Title: Saut de ligne\nDate: 2016-03-01\n\nUne\nligne.\n"


def test_a_save_as_setting_outside_the_output_folder_is_refused(site):
    problems = messages(site.build(ARCHIVES_SAVE_AS="../archives.html"))
    assert [problem.split(": ", 1)[1] for problem in problems] == [
        "réglage ARCHIVES_SAVE_AS : « ../archives.html » ferait écrire hors du dossier du site"]
    assert not (site.base / "archives.html").exists()


@pytest.mark.parametrize("name, reason", [
    ("page.html", "un fichier « .html » ouvert à son adresse s'exécuterait comme une page du site ; écrivez la page "
                  "en Markdown dans content/pages/"),
    ("page.XHTML", "un fichier « .xhtml » ouvert à son adresse s'exécuterait comme une page du site ; écrivez la "
                   "page en Markdown dans content/pages/"),
    ("dessin.svgz", "un fichier « .svgz » ouvert à son adresse s'exécuterait comme une page du site ; écrivez la "
                    "page en Markdown dans content/pages/, ou enregistrez le dessin en « .svg » non compressé"),
    ("photo.jpe", "extension « .jpe » inconnue ; une photo s'enregistre en JPEG (.jpg) ou PNG (.png), un document "
                  "en PDF (.pdf) ou dans un format de bureautique (.odt, .docx…)"),
    ("icone.ico", "extension « .ico » inconnue ; une photo s'enregistre en JPEG (.jpg) ou PNG (.png), un document "
                  "en PDF (.pdf) ou dans un format de bureautique (.odt, .docx…)"),
    ("photo", "un fichier sans extension ne dit pas ce qu'il est ; ajoutez la sienne (.jpg, .pdf…)"),
])
def test_a_static_file_a_browser_would_run_or_that_keeps_its_metadata_is_refused(site, name, reason):
    """A page or script in content/images/ would run as the site's; a photo format the images plugin
    does not re-encode would keep its GPS position."""
    site.write(f"content/images/{name}", b"<html><script>alert(1)</script></html>")
    assert [str(problem) for problem in site.build().problems] == [
        f"content/images/{name}: fichier refusé, il ne serait pas publié tel quel : {reason}"]
    assert not site.output.exists()
