"""The editors' picks cost the home and a section front a fixed number of queries, however many there are."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from tests.curation.conftest import publish_picks

pytestmark = pytest.mark.django_db

# Pinned with tests/site/test_queries.py and tests/api/test_query_counts.py (each render here reads
# the outline afresh): the pages' own reads, the picks (one query), and on the site the picked
# articles' bylines (one more, once any are shown).
SITE_HOME_WITH_PICKS = 12
SECTION_FRONT_WITH_PINS = 11
API_HOME = 7


def fresh_get(client, path: str):
    # Measure the work, not the reader cache.
    caches["pages"].clear()
    return client.get(path)


@pytest.mark.parametrize("count", [1, 5])
def test_the_home_costs_the_same_for_one_pick_or_five(
    client, home, channel_with_news, django_assert_num_queries, count
):
    publish_picks(home, *channel_with_news.newest[1 : 1 + count], lead=channel_with_news.newest[-1])
    fresh_get(client, "/")
    with django_assert_num_queries(SITE_HOME_WITH_PICKS):
        assert fresh_get(client, "/").content.decode().count('class="headline-item"') >= count
    with django_assert_num_queries(API_HOME):
        assert len(fresh_get(client, "/api/v1/home").json()["featured"]) == count


@pytest.mark.parametrize("count", [1, 2])
def test_a_section_front_costs_the_same_for_one_pin_or_two(client, channel_with_news, django_assert_num_queries, count):
    yaowen = channel_with_news.yaowen
    in_section = [a for a in channel_with_news.newest if a.get_parent().pk == yaowen.pk]
    # Pinned among three, so that the dated list below the pins is never empty.
    publish_picks(yaowen, *in_section[:count])
    fresh_get(client, yaowen.url)
    with django_assert_num_queries(SECTION_FRONT_WITH_PINS):
        assert fresh_get(client, yaowen.url).content.decode().count('class="pin-mark"') == count
