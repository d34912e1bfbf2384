"""The word check (字词检查) on every save: a 5,000-character article against a 10,000-term list.

    .venv/bin/python bench/word_check.py [--terms 10000] [--chars 5000] [--runs 200]

The article is cut from the seed edition's own paragraphs (so it holds full-width punctuation,
as copy does), with 20 listed terms planted in it, some in 繁体 or full-width form. The list is the
channel's starter list (seeds/word_list.tsv) plus terms of 2-4 characters drawn from the same
characters, so the automaton is as dense as a real list. Measured: `check_page` on the article's
fields (what a save runs, less the one query for the list's version), the body in paragraphs.
The baseline, in the same run, is the naive check: one compiled regex per term over the
normalised text.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLANTED = ["既使", "按裝", "渡假", "首次", "聋子", "ＡＩ芯片", "再接再勵", "迫不急待"]


def article_text(chars: int, rng: random.Random) -> list[str]:
    """Paragraphs of the seed edition, `chars` characters in all, with listed terms planted."""
    seed = next((ROOT / "seeds").glob("000_*.txt")).read_text(encoding="utf-8")
    lines = [line.strip() for line in seed.splitlines() if len(line.strip()) > 40]
    paragraphs, total = [], 0
    while total < chars:
        line = lines[len(paragraphs) % len(lines)][: chars - total]
        paragraphs.append(line)
        total += len(line)
    for number in range(20):
        index = rng.randrange(len(paragraphs))
        at = rng.randrange(len(paragraphs[index]))
        word = PLANTED[number % len(PLANTED)]
        paragraphs[index] = paragraphs[index][:at] + word + paragraphs[index][at + len(word) :]
    return paragraphs


def word_list(size: int, text: str, rng: random.Random) -> list:
    from newsroom.wordcheck.matcher import BANNED, CAUTION, TYPO, Term
    from newsroom.wordcheck.seed import read_word_list

    terms = [*read_word_list(ROOT / "seeds" / "word_list.tsv"), Term("AI芯片", CAUTION)]
    alphabet = sorted({char for char in text if "\u4e00" <= char <= "\u9fff"})
    seen = {term.term for term in terms}
    while len(terms) < size:
        term = "".join(rng.choice(alphabet) for _ in range(rng.randint(2, 4)))
        if term not in seen:
            seen.add(term)
            terms.append(Term(term, rng.choice((BANNED, CAUTION, TYPO)), "替换"))
    return terms


def median_ms(check, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        check()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--chars", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=200)
    options = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from wagtail.blocks import StreamValue

    from newsroom.blocks import ArticleBodyBlock
    from newsroom.search.segmenter import normalize
    from newsroom.wordcheck.check import check_page
    from newsroom.wordcheck.matcher import Matcher

    rng = random.Random(12)
    paragraphs = article_text(options.chars, rng)
    text = "".join(paragraphs)
    terms = word_list(options.terms, text, rng)
    # The fields `check_page` reads, as an article page holds them (a Page needs a database to exist).
    body = StreamValue(ArticleBodyBlock(), [("paragraph", paragraph) for paragraph in paragraphs])
    page = SimpleNamespace(title="胶东经济圈一体化发展全面起势", body=body)

    start = time.perf_counter()
    matcher = Matcher(terms)
    build_ms = (time.perf_counter() - start) * 1000
    hits = check_page(page, matcher)
    automaton_ms = median_ms(lambda: check_page(page, matcher), options.runs)

    # The naive check: every term its own regex, over the normalised text of each paragraph.
    patterns = [(term, re.compile(re.escape(normalize(term.term)))) for term in terms]

    def naive() -> int:
        found = 0
        for paragraph in [page.title, *paragraphs]:
            normalised = normalize(paragraph)
            for _term, pattern in patterns:
                found += sum(1 for _ in pattern.finditer(normalised))
        return found

    naive_hits = naive()
    naive_ms = median_ms(naive, max(3, options.runs // 20))

    print(f"article: {len(text):,} characters in {len(paragraphs)} paragraphs; word list: {len(terms):,} terms")
    print(f"automaton built once per list change: {build_ms:.1f} ms")
    print(f"check_page (Aho-Corasick), median of {options.runs}: {automaton_ms:.2f} ms, {len(hits)} hits")
    naive_runs = max(3, options.runs // 20)
    print(f"baseline, one regex per term, median of {naive_runs}: {naive_ms:.1f} ms, {naive_hits} hits")
    verdict = "ok" if automaton_ms <= 5 else "OVER"
    print(f"ratio: {naive_ms / automaton_ms:.0f}x faster than the baseline; budget 5 ms: {verdict}")


if __name__ == "__main__":
    main()
