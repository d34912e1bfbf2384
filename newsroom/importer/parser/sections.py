"""Routing an article to a section (栏目) by the keywords its headline and body hit."""

from __future__ import annotations

from collections.abc import Sequence

from newsroom.importer.records import Section

# A title (or kicker) hit says more about an article's subject than a body hit.
TITLE_WEIGHT = 3


def classify_section(headline: str, body: str, sections: Sequence[Section], default: str) -> str:
    """The slug of the section whose keywords the article hits most; `default` on no hit.

    `headline` is the kicker, title and subtitle; a hit there weighs TITLE_WEIGHT body hits.
    Ties go to the section listed first.
    """
    best, best_score = default, 0
    for section in sections:
        score = sum(TITLE_WEIGHT * headline.count(k) + body.count(k) for k in section.keywords)
        if score > best_score:
            best, best_score = section.slug, score
    return best
