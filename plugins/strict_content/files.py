"""Every file under content/ is read by a reader or copied as a static file; nothing is a link.

Pelican silently skips a file no reader takes (`fête.md.txt`, `fête.MD`, `..md`, a post saved at
the root of content/): the communicator believes it published. Here each one is a problem naming
the file, checked at `initialized`, before anything is read, with the symbolic links of content/
and of the theme (core/source_tree.py).
"""

from __future__ import annotations

import fnmatch
import os

from core.output_paths import inside
from core.problems import Problem, setting_problem
from core.source_tree import symlinks_under

# Files operating systems drop in folders: never read, never published, never an error.
SYSTEM_FILES = {".DS_Store", "Thumbs.db", "desktop.ini"}

# What the static folders (content/images/) may hold: Pelican copies these files as they are, and
# a browser opening one at its own address must find a picture or a document, never a page whose
# scripts would run as the site's (.html, .xhtml, .svgz, .xml, .js…), nor a photo format the
# images plugin does not clean (.jpe, .ico…, which would keep their GPS position).
STATIC_EXTENSIONS = {
    # photos and drawings: JPEG and PNG re-encoded without metadata, SVG checked (svg.py); the other
    # photo formats are refused by the images plugin with what to do
    "jpg", "jpeg", "png", "svg", "gif", "webp", "avif", "heic", "heif", "tif", "tiff", "bmp", "jfif",
    # documents to download or read (spreadsheets and archives only once PUBLIC_FILES lists them:
    # plugins/privacy/people_files.py refuses them before this check)
    "pdf", "txt", "csv", "odt", "ods", "odp", "odg", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "rtf", "epub",
    "zip", "gpx", "kml", "kmz", "ics",
    # sound and video, with their subtitles
    "mp3", "ogg", "oga", "opus", "m4a", "mp4", "webm", "ogv", "vtt",
}
_ACTIVE = {"html", "htm", "xhtml", "xht", "shtml", "xml", "xsl", "xslt", "svgz", "js", "mjs", "css", "swf", "php"}


def _under(relative: str, folders) -> bool:
    return any(relative == folder.strip("/") or relative.startswith(folder.strip("/") + "/") for folder in folders)


def _where(settings) -> str:
    articles = (settings.get("ARTICLE_PATHS") or ["articles"])[0]
    pages = (settings.get("PAGE_PATHS") or ["pages"])[0]
    static = (settings.get("STATIC_PATHS") or ["images"])[0]
    return (f"un article va dans content/{articles}/<rubrique>/, une page dans content/{pages}/, "
            f"une image ou un document dans content/{static}/")


def static_file_problem(path: str, name: str) -> Problem | None:
    """A file of a static folder that may not be published as it is, or None."""
    if name.startswith("."):
        return None  # hidden: Pelican never publishes it (IGNORE_FILES)
    stem, dot, extension = name.rpartition(".")
    extension = extension.lower() if dot and stem else ""
    if extension in STATIC_EXTENSIONS:
        return None
    if extension in _ACTIVE:
        reason = (f"un fichier « .{extension} » ouvert à son adresse s'exécuterait comme une page du site ; "
                  "écrivez la page en Markdown dans content/pages/"
                  + (", ou enregistrez le dessin en « .svg » non compressé" if extension == "svgz" else ""))
    elif not extension:
        reason = "un fichier sans extension ne dit pas ce qu'il est ; ajoutez la sienne (.jpg, .pdf…)"
    else:
        reason = (f"extension « .{extension} » inconnue ; une photo s'enregistre en JPEG (.jpg) ou PNG (.png), un "
                  "document en PDF (.pdf) ou dans un format de bureautique (.odt, .docx…)")
    return Problem(path, None, None, f"fichier refusé, il ne serait pas publié tel quel : {reason}")


def unread_file(path: str, relative: str, settings, extensions) -> Problem | None:
    """The problem of one file under content/ no reader would take, or None."""
    name = os.path.basename(relative)
    if name in SYSTEM_FILES:
        return None
    if _under(relative, settings.get("STATIC_PATHS") or []):
        return static_file_problem(path, name)
    if name.startswith("."):
        return Problem(path, None, None, (
            "fichier caché (nom commençant par un point) : il n'est jamais lu ni publié ; renommez-le, "
            "par exemple « mon-texte.md »"))
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem:
        return Problem(path, None, None, (
            "fichier sans extension : il n'est jamais lu ni publié ; un texte s'enregistre en « .md »"))
    if extension not in extensions:
        if extension.lower() in extensions:
            hint = f"écrivez-la en minuscules : renommez le fichier « {stem}.{extension.lower()} »"
        elif ".md." in name.lower():
            hint = f"renommez le fichier « {name[:name.lower().index('.md.') + 3]} »"
        else:
            hint = f"un texte s'enregistre en « .md » ; {_where(settings)}"
        return Problem(path, None, None, f"extension « .{extension} » inconnue, le fichier ne serait pas lu : {hint}")
    if not _under(relative, [*(settings.get("ARTICLE_PATHS") or []), *(settings.get("PAGE_PATHS") or [])]):
        return Problem(path, None, None,
                       f"fichier hors des dossiers lus, il ne serait pas publié : {_where(settings)}")
    return None


def source_file_problems(settings, extensions) -> list[Problem]:
    """Symbolic links under content/ and the theme, then every file of content/ no reader takes."""
    content = settings["PATH"]
    problems = []
    for folder in (content, settings.get("THEME")):
        if folder and os.path.lexists(folder):
            problems.extend(symlinks_under(folder))
    if problems or not os.path.isdir(content):
        return problems
    ignored = settings.get("IGNORE_FILES") or []
    for root, dirs, files in os.walk(content):
        dirs[:] = sorted(d for d in dirs if not any(fnmatch.fnmatch(d, pattern) for pattern in ignored))
        for name in sorted(files):
            if any(fnmatch.fnmatch(name, pattern) for pattern in ignored):
                continue
            path = os.path.join(root, name)
            relative = os.path.relpath(path, content).replace(os.sep, "/")
            problem = unread_file(path, relative, settings, extensions)
            if problem:
                problems.append(problem)
    return problems


def settings_outside_output(settings) -> list[Problem]:
    """Every `…_SAVE_AS` setting (Pelican's pages, the plugins' generated pages) stays inside the
    output folder."""
    return [setting_problem(name, f"« {value} » ferait écrire hors du dossier du site")
            for name, value in sorted(settings.items())
            if name.endswith("_SAVE_AS") and isinstance(value, str) and value
            and not inside(settings["OUTPUT_PATH"], value)]
