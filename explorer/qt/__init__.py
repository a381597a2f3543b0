"""The desktop window and its views. Only this package (and exports) import Qt."""
