"""Attributes of a coded event beyond who-did-what: its date, its place and the quotation it came from."""
