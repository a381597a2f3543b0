"""Exports that work without a window: data (GeoJSON, CSV, KML, TimelineJS), web map, snapshots."""
