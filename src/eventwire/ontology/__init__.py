"""Event ontologies: CAMEO codes (names, Goldstein, QuadClass) and their PLOVER types."""
