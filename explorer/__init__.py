"""Karabakh Explorer: an offline atlas of the Nagorno-Karabakh conflict."""

__version__ = "0.1.0"
