"""Input checks shared by every entry point (code, ingest, batch, the API)."""
