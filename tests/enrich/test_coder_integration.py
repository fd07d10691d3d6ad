"""The enrichment as the real coder uses it (slow: loads the coder and its dictionaries)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.ingest.sources import iter_articles
from eventwire.records import Article

TEXT = """TITLE: Ministers meet
PUBLISHED: 2019-01-23

Wednesday, January 23, 2019

Russian Foreign Minister Sergei Lavrov met Turkmen President Gurbanguly Berdimuhamedow in Ashgabat on Monday.

"We condemn the attack," Lavrov said.
"""


@pytest.mark.slow
def test_ingested_article_gets_event_dates_and_places(coder, tmp_path):
    path = tmp_path / "lavrov.txt"
    path.write_text(TEXT)
    (article,) = [a for a in iter_articles(str(path)) if isinstance(a, Article)]
    assert article.published == date(2019, 1, 23)
    events = coder.code_article(article)
    met = [e for e in events if e.trigger == "met"]
    assert met, [e.to_dict() for e in events]
    assert met[0].date == "2019-01-21" and met[0].date_resolution == "day"
    assert met[0].location is not None and met[0].location.country == "TKM"
