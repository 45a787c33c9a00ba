"""`invoke new`: a new news post, diagnostic article or axis page, ready to build, from a French title.

The file name is the page's slug (SLUGIFY_SOURCE = "basename"), made with Pelican's own
`slugify` (unidecode) after turning apostrophes into dashes, so « L'État » gives `l-etat`
and not `letat`. The generated file builds as is: its placeholders (« À compléter ») are
plain text, and the example finding of a diagnostic article has a unique id.
"""

from __future__ import annotations

import datetime
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify as pelican_slugify

# Apostrophes (straight, typographic, modifier letter) and underscores separate words in a slug;
# unidecode has already turned ’ into ' when these substitutions run.
_WORD_SEPARATORS = [(r"['\u2019\u02bc_]", " ")]

KINDS = {
    "actualite": "une actualité (rubrique NEWS_SECTION de pelicanconf.py)",
    "diagnostic": "un article du diagnostic, avec un exemple de constat (rubrique des constats, FINDINGS_SECTIONS)",
    "axe": "une page d'axe stratégique (content/axes/)",
}
# What a communicator may type for each kind (accents and plurals forgiven).
_ALIASES = {
    "actualite": "actualite", "actualites": "actualite", "actu": "actualite", "news": "actualite",
    "diagnostic": "diagnostic", "constat": "diagnostic", "constats": "diagnostic",
    "axe": "axe", "axes": "axe",
}
PLACEHOLDER = "À compléter"


class ScaffoldError(Exception):
    """A French message for the communicator; nothing was written."""


@dataclass(frozen=True)
class Scaffolded:
    path: Path
    kind: str
    slug: str
    url: str | None
    themes: tuple[str, ...] = ()


def slugify(title: str) -> str:
    """The slug of a French title: « Fête d'été » → `fete-d-ete`, « Œuvre » → `oeuvre`."""
    subs = _WORD_SEPARATORS + list(DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    return pelican_slugify(title, regex_subs=subs).strip("-")


def normalize_kind(kind: str) -> str:
    plain = unicodedata.normalize("NFKD", kind.strip().lower())
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    if plain not in _ALIASES:
        raise ScaffoldError(f"type « {kind} » inconnu : types possibles : {', '.join(KINDS)}")
    return _ALIASES[plain]


def _theme_ids(data_dir: Path) -> tuple[str, ...]:
    """The theme ids of data/themes.yml, for the hint; none if the file is missing or unreadable."""
    import yaml

    try:
        themes = yaml.safe_load((data_dir / "themes.yml").read_text(encoding="utf-8"))
        return tuple(str(theme["id"]) for theme in themes)
    except Exception:  # noqa: BLE001 - only a hint; the build reports a broken file
        return ()


def _metadata(path: Path) -> dict[str, tuple[int, str]]:
    """The header metadata of a content file: lower-case key → (line, value)."""
    from core.markdown_header import metadata_lines

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return {key.lower(): (line, value) for line, key, value, _ in metadata_lines(text)}


def _finding_stem(slug: str) -> str:
    """The slug, cut at a dash if need be so that `<stem>-NN` fits a finding id (findings.scan)."""
    from plugins.findings.scan import ID_MAX_LENGTH

    room = ID_MAX_LENGTH - len("-01")
    if len(slug) <= room:
        return slug
    cut = slug[:room + 1].rfind("-")
    return slug[:cut] if cut > 0 else slug[:room]


def _finding_ids(content_dir: Path) -> set[str]:
    from plugins.findings.scan import scan

    ids = set()
    for path in content_dir.rglob("*.md"):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        ids.update(finding.id for finding in scan(str(path), text, None)[0])
    return ids


def _display(path: Path) -> str:
    from core.problems import display_path

    return display_path(str(path))


def _articles_dir(settings: dict) -> str:
    return (settings.get("ARTICLE_PATHS") or ["articles"])[0].strip("/")


def _url(template: str | None, **fields) -> str | None:
    try:
        return "/" + template.format(**fields) if template else None
    except (KeyError, IndexError, ValueError):
        return None


def render(kind: str, title: str, today: datetime.date, slug: str, *, finding_id: str = "",
           order: int = 1, themes: tuple[str, ...] = ()) -> str:
    """The text of a new file (UTF-8, LF)."""
    date = today.isoformat()
    if kind == "actualite":
        return (
            f"Title: {title}\n"
            f"Date: {date}\n"
            f"Summary: {PLACEHOLDER} : une ou deux phrases qui résument l'actualité (elles s'affichent dans la liste "
            "des actualités).\n"
            "\n"
            f"{PLACEHOLDER} : le texte de l'actualité, en Markdown. Séparez les paragraphes par une ligne vide.\n"
            "\n"
            "## Un intertitre (facultatif)\n"
            "\n"
            "Un lien vers une autre page du site s'écrit avec {filename} et le chemin de son fichier : "
            "[la démarche]({filename}/pages/la-demarche.md).\n"
        )
    if kind == "diagnostic":
        theme_line = f"    # theme: {themes[0]}\n" if themes else ""
        second = re.sub(r"-01\Z", "-02", finding_id) if finding_id.endswith("-01") else f"{finding_id}-2"
        return (
            f"Title: {title}\n"
            f"Date: {date}\n"
            f"Summary: {PLACEHOLDER} : une ou deux phrases qui résument l'article.\n"
            "\n"
            f"{PLACEHOLDER} : l'introduction de l'article, en Markdown.\n"
            "\n"
            f"/// constat | {PLACEHOLDER} : le titre du constat, en une phrase\n"
            f"    id: {finding_id}\n"
            f"{theme_line}"
            "\n"
            f"{PLACEHOLDER} : le texte du constat. Pour un autre constat, copiez ce bloc, de la ligne "
            f"« /// constat » jusqu'à la ligne « /// » qui le ferme, et donnez-lui un autre identifiant "
            f"(par exemple {second}).\n"
            "///\n"
        )
    if kind == "axe":
        return (
            f"Title: {title}\n"
            f"Id: {slug}\n"
            f"Order: {order}\n"
            f"Ambition: {PLACEHOLDER} : l'ambition de cet axe, en une phrase.\n"
            f"Summary: {PLACEHOLDER} : une ou deux phrases qui présentent l'axe.\n"
            "\n"
            f"{PLACEHOLDER} : le texte de l'axe, en Markdown.\n"
        )
    raise ScaffoldError(f"type « {kind} » inconnu : types possibles : {', '.join(KINDS)}")


def scaffold(kind: str, title: str, content_dir: str | Path, data_dir: str | Path,
             today: datetime.date, settings: dict) -> Scaffolded:
    """Write the new file and return what was made; raise ScaffoldError (nothing written) otherwise.

    `settings` are the site's (pelicanconf.py): ARTICLE_PATHS, ARTICLE_URL, AXES_PATH, AXIS_URL.
    """
    content_dir, data_dir = Path(content_dir), Path(data_dir)
    kind = normalize_kind(kind)
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("titre vide : écrivez le titre entre guillemets, ex. --titre \"Fête d'été\"")
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f"titre « {title} » : impossible d'en tirer un nom de fichier ; "
                            "écrivez au moins une lettre ou un chiffre")

    finding_id, order, themes, url = "", 1, (), None
    if kind == "axe":
        folder = content_dir / settings.get("AXES_PATH", "axes").strip("/")
        axes = [(path, _metadata(path)) for path in sorted(folder.glob("*.md"))] if folder.is_dir() else []
        for path, metadata in axes:
            if metadata.get("id", (0, ""))[1] == slug and path.name != f"{slug}.md":
                line = metadata["id"][0]
                raise ScaffoldError(f"{_display(path)}:{line}: identifiant d'axe « {slug} » déjà utilisé par ce "
                                    "fichier : choisissez un autre titre (rien n'a été écrit)")
        orders = [int(m["order"][1]) for _, m in axes if re.fullmatch(r"[0-9]{1,3}", m.get("order", (0, ""))[1])]
        order = max(orders, default=0) + 1
        url = _url(settings.get("AXIS_URL"), id=slug)
    else:
        section = news_section(settings) if kind == "actualite" else settings["FINDINGS_SECTIONS"][0]
        folder = content_dir / _articles_dir(settings) / section
        url = _url(settings.get("ARTICLE_URL"), category=section, slug=slug)
        if kind == "diagnostic":
            themes = _theme_ids(data_dir)
            taken = _finding_ids(content_dir)
            stem = _finding_stem(slug)
            number = 1
            while f"{stem}-{number:02d}" in taken:
                number += 1
            finding_id = f"{stem}-{number:02d}"

    path = folder / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{_display(path)}: ce fichier existe déjà : choisissez un autre titre, ou ouvrez ce "
                            "fichier pour le modifier (rien n'a été écrit)")
    text = render(kind, title, today, slug, finding_id=finding_id, order=order, themes=themes)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{_display(path)}: ce fichier existe déjà : choisissez un autre titre, ou ouvrez ce "
                            "fichier pour le modifier (rien n'a été écrit)") from None
    return Scaffolded(path, kind, slug, url, themes)


def next_steps(made: Scaffolded, local_url: str = "http://127.0.0.1:8000") -> str:
    """What to print after creating the file: its path and what to do next, in French."""
    shown = _display(made.path)
    lines = [f"Fichier créé : {shown}"]
    if made.url:
        lines.append(f"Adresse de la page une fois publiée : {made.url}")
    lines += ["", "Et maintenant :",
              f"  1. ouvrez {shown} et remplacez chaque « {PLACEHOLDER} » par votre texte ;"]
    if made.kind == "diagnostic":
        if made.themes:
            lines.append(f"     thème du constat : retirez « # » devant « theme: » et choisissez parmi "
                         f"{', '.join(made.themes)} (data/themes.yml) ;")
        lines.append("     l'identifiant du constat (id:) devient son adresse : ne le changez plus une fois publié ;")
    if made.kind == "axe":
        lines.append("     l'identifiant (Id:) devient l'adresse de l'axe : ne le changez plus une fois publié ;")
    page = f"{local_url}{made.url}" if made.url else f"{local_url}/"
    lines += [f"  2. regardez le résultat : python3 manage.py livereload, puis ouvrez {page} ;",
              "  3. vérifiez tout le site : python3 manage.py check ;",
              f"  4. enregistrez et envoyez : git add {shown} ; git commit ; git push "
              "(le site est publié s'il n'y a aucune erreur)."]
    return "\n".join(lines)


def news_section(settings: dict) -> str:
    """Where news posts go: NEWS_SECTION, else the first section that holds no findings."""
    findings = settings.get("FINDINGS_SECTIONS", [])
    others = [slug for slug in settings.get("SECTIONS", {}) if slug not in findings]
    return settings.get("NEWS_SECTION") or (others[0] if others else findings[0])


def content_dirs(settings: dict) -> tuple[str, str]:
    """content/ and data/ as the build finds them (DATA_PATH is relative to content/'s parent)."""
    content_dir = os.path.abspath(settings["PATH"])
    data_dir = settings.get("DATA_PATH", "data")
    if not os.path.isabs(data_dir):
        data_dir = os.path.join(os.path.dirname(content_dir), data_dir)
    return content_dir, data_dir
