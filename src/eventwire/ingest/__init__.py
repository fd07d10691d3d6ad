"""Reading news into `Article` records: files, folders, stdin, web pages and RSS/Atom feeds."""

from eventwire.ingest.sources import CsvColumns, SourceError, article_id_for, iter_articles

__all__ = ["CsvColumns", "SourceError", "article_id_for", "iter_articles"]
