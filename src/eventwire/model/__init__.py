"""The trained event model: candidates in, decided events out (see event_model.py, training.py)."""
