"""The curation workbench: add sources, accept suggestions, write events (issue 14)."""
