"""The embedded event store (DuckDB): schema, writer, read snapshots, deduplication and exports."""
