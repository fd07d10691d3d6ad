from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from eventwire.ingest.http import HttpClient, HttpLimits
from eventwire.ingest.sources import (
    CsvColumns,
    SourceError,
    article_id_for,
    guess_language,
    iter_articles,
)
from eventwire.records import Article

FIXTURES = Path(__file__).parent / "fixtures"
FAST = HttpLimits(connect_timeout=2, read_timeout=1, max_bytes=1_000_000, max_redirects=3)
ENGLISH = "Germany on Monday banned Iranian airline Mahan Air from flying in the European nation."
GERMAN = ("Die Bundesregierung hat am Montag der iranischen Fluggesellschaft die Landeerlaubnis entzogen, "
          "und das ist nicht neu.")


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, SourceError)]


def test_source_error_string_names_source_and_line():
    assert str(SourceError("in.jsonl", 3, "invalid JSON")) == "in.jsonl:3: invalid JSON"
    assert str(SourceError("feed.xml", None, "no entries")) == "feed.xml: no entries"


def test_article_id_is_the_normalised_url_else_a_content_hash():
    assert article_id_for("HTTPS://News.Example.org:443/a/b/#top", "x") == "https://news.example.org/a/b"
    assert article_id_for(None, " same text ") == article_id_for("", "same text")
    assert article_id_for(None, "text").startswith("sha1:")
    assert article_id_for(None, "one") != article_id_for(None, "two")


def test_language_guess():
    assert guess_language(ENGLISH + " The ban was announced by the ministry.") == "en"
    assert guess_language(GERMAN) == "de"
    french = "Le gouvernement a annoncé que les vols sont suspendus pour des raisons de sécurité."
    assert guess_language(french) == "fr"
    assert guess_language("") == "unknown"


def test_txt_with_header(tmp_path):
    path = tmp_path / "wn1.txt"
    path.write_text(f"TITLE: Germany bans airline\nPUBLISHED: 2019-01-23\nURL: https://x.org/a\n\n{ENGLISH}\n")
    (article,), errors = split(iter_articles(str(path)))
    assert errors == []
    assert (article.id, article.title, article.published, article.url) == (
        "wn1", "Germany bans airline", date(2019, 1, 23), "https://x.org/a")
    assert article.text.strip() == ENGLISH
    assert article.language == "en"


def test_txt_without_header_is_all_body(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text(f"Headline: not metadata\n\n{ENGLISH}")
    (article,), _ = split(iter_articles(str(path)))
    assert article.id == "plain" and article.text.startswith("Headline:") and article.published is None


def test_jsonl_bad_lines_are_reported_and_the_rest_read(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": ENGLISH, "published": "2019-01-23", "title": "T"}),
        '{"id": "a2", "text": "Germany on Monday ban',  # truncated
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "a4"}),
        json.dumps({"text": ENGLISH + " Again.", "url": "https://x.org/b"}),
        json.dumps({"id": "a6", "text": ENGLISH, "published": "someday"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    articles, errors = split(iter_articles(str(path)))
    assert [a.id for a in articles] == ["a1", "https://x.org/b", "a6"]
    assert articles[0].published == date(2019, 1, 23) and articles[0].title == "T"
    assert articles[2].published is None
    by_line = {e.line: e.message for e in errors}
    assert "truncated" in by_line[2]
    assert "JSON object" in by_line[3]
    assert "'text'" in by_line[4]
    assert "someday" in by_line[6]
    assert all(e.source == str(path) for e in errors)


def test_csv_with_column_mapping(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text("story_id,body,headline,day\n"
                    f's1,"{ENGLISH}",Ban,2019-01-23\n'
                    's2,"",Empty,2019-01-24\n'
                    's3,"Too many fields",x,2019-01-24,extra\n')
    columns = CsvColumns(id="story_id", text="body", title="headline", published="day", url=None)
    articles, errors = split(iter_articles(str(path), csv_columns=columns))
    assert [a.id for a in articles] == ["s1", "s2"]  # an empty text is kept: the coder skips it with a reason
    assert articles[0].title == "Ban" and articles[0].published == date(2019, 1, 23)
    assert errors[0].line == 4 and "more fields" in errors[0].message


def test_csv_without_the_text_column_names_the_columns(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text("a,b\n1,2\n")
    articles, (error,) = split(iter_articles(str(path)))
    assert articles == [] and "no text column 'text'" in error.message and "a, b" in error.message


def test_html_file_gives_main_text_and_metadata():
    (article,), errors = split(iter_articles(str(FIXTURES / "article.html")))
    assert errors == []
    assert article.title == "Germany bans Iranian airline Mahan Air"
    assert article.published == date(2019, 1, 23)
    assert article.text.startswith("Germany on Monday banned")
    assert "Home" not in article.text and "Copyright" not in article.text
    assert article.source == "Fixture Wire"


def test_html_without_article_text_is_an_error():
    articles, (error,) = split(iter_articles(str(FIXTURES / "empty_page.html")))
    assert articles == [] and "no article text" in error.message


def test_folder_is_read_recursively_in_order_and_duplicates_reported(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(ENGLISH)
    (tmp_path / "b" / "c.txt").write_text(GERMAN)
    (tmp_path / "b" / "notes.md").write_text("ignored")
    (tmp_path / "dups.jsonl").write_text(
        json.dumps({"id": "a", "text": "Different text under the same id."}) + "\n"
        + json.dumps({"id": "d", "text": ENGLISH}) + "\n" + json.dumps({"id": "d", "text": ENGLISH}) + "\n")
    articles, errors = split(iter_articles(str(tmp_path)))
    assert [a.id for a in articles] == ["a", "c", "d"]
    assert articles[1].language == "de"  # kept and marked; the coder does not code it
    messages = [e.message for e in errors]
    assert any("duplicate id 'a' with different text" in m for m in messages)
    assert not any("'d'" in m for m in messages)  # an exact repeat is dropped without an error


def test_missing_path_and_unknown_type(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    _, (missing,) = split(iter_articles(str(tmp_path / "nope.txt")))
    _, (unknown,) = split(iter_articles(str(tmp_path / "x.pdf")))
    assert "no such file" in missing.message
    assert "unknown file type '.pdf'" in unknown.message


def test_stdin_jsonl_and_plain_text(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"id": "s", "text": ENGLISH}) + "\n"))
    (article,), _ = split(iter_articles("-"))
    assert article.id == "s"
    monkeypatch.setattr("sys.stdin", io.StringIO(ENGLISH))
    (article,), _ = split(iter_articles("-"))
    assert article.id.startswith("sha1:") and article.text == ENGLISH


def test_feed_file_without_fetching_uses_summaries():
    articles, errors = split(iter_articles(str(FIXTURES / "atom.xml"), fetch_pages=False))
    assert errors == []
    (article,) = articles
    assert article.id == "https://news.example.org/turkey-offensive"
    assert article.published == date(2019, 10, 9)
    assert article.text.startswith("Turkey began a military offensive")
    assert article.source == "Fixture Atom"


def test_malformed_feed_reports_the_fault_and_keeps_what_parsed(tmp_path):
    articles, errors = split(iter_articles(str(FIXTURES / "broken_feed.xml"), fetch_pages=False))
    assert [a.title for a in articles] == ["First item is fine"]
    assert errors and "malformed feed" in errors[0].message and errors[0].line is not None
    garbage = tmp_path / "garbage.rss"
    garbage.write_bytes(b"\x00\x01 this is not xml at all")
    articles, (error,) = split(iter_articles(str(garbage)))
    assert articles == [] and error.source == str(garbage)


def test_feed_url_fetches_entry_pages_and_falls_back_to_summary(server):
    with HttpClient(FAST, allow_private=True) as client:
        articles, errors = split(iter_articles(f"{server}/feed.xml", client=client))
    first, second = articles
    assert first.url == f"{server}/article.html"
    assert first.text.startswith("Germany on Monday banned") and "sanctioned Iran" in first.text
    assert first.published == date(2019, 1, 23)
    assert second.text.startswith("The foreign ministers of Russia and Turkmenistan met in Ashgabat")
    (error,) = errors
    assert error.source == f"{server}/feed.xml" and error.line == 2
    assert "HTTP 404" in error.message and "feed summary" in error.message


def test_page_url_and_feed_sniffed_by_body(server):
    with HttpClient(FAST, allow_private=True) as client:
        (page,), _ = split(iter_articles(f"{server}/article.html", client=client))
        (entry,), _ = split(iter_articles(f"{server}/atom-as-xml", client=client, fetch_pages=False))
    assert page.id == f"{server}/article.html" and page.title.startswith("Germany bans")
    assert entry.title == "Turkey begins offensive"


def test_private_url_refused_without_allow_private(server):
    articles, (error,) = split(iter_articles(f"{server}/feed.xml"))
    assert articles == [] and "--allow-private" in error.message and error.source == f"{server}/feed.xml"
    articles, errors = split(iter_articles(f"{server}/article.html", allow_private=True))
    assert len(articles) == 1 and errors == []


def test_timeouts_and_huge_bodies_are_errors_not_crashes(server):
    with HttpClient(HttpLimits(read_timeout=0.5, max_bytes=100_000), allow_private=True) as client:
        for path, reason in (("/slow", "timeout"), ("/huge", "too large"), ("/loop", "redirects")):
            articles, (error,) = split(iter_articles(f"{server}{path}", client=client))
            assert articles == [] and reason in error.message
