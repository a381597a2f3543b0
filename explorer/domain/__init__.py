"""The pure-Python domain: sources, excerpts, places, actors, events, the timeline, app state.

Nothing here imports Qt or GeoPandas; tests/test_architecture.py keeps it that way.
"""
