"""The event chooser of the map view, and the texts it shows.

The chooser is the menu offered when a click lands on a marker that stands for several
events (one place, or a cluster of nearby places at small scales).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QMenu, QWidget

from explorer.domain.model import Event


def event_menu_text(event: Event) -> str:
    return f"{event.when.display()} — {event.title}"


def chooser_title(place_label: str, count: int, nearby: int = 0) -> str:
    """The heading of the chooser: which place was clicked and how many events it holds."""
    where = place_label
    if nearby:
        where += f" and {nearby} place{'s' if nearby != 1 else ''} nearby"
    return f"{where} — {count} event{'s' if count != 1 else ''}"


class EventChooser:
    """The menu offered when several events share a marker. Tests monkeypatch :meth:`ask`."""

    @staticmethod
    def build_menu(
        events: list[Event], parent: QWidget | None = None, title: str | None = None
    ) -> QMenu:
        """A menu with one action per event (newest first); each action's data is its id.

        ``title``, if given, heads the menu as a disabled bold line: a menu of dates alone
        does not say which of several close markers was clicked.
        """
        menu = QMenu(parent)
        menu.setObjectName("eventChooser")
        if title:
            heading = menu.addAction(title)
            heading.setEnabled(False)
            heading.setObjectName("eventChooserTitle")
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            menu.addSeparator()
        for event in events:
            action = menu.addAction(event_menu_text(event))
            action.setData(event.id)
        return menu

    @classmethod
    def ask(
        cls, parent: QWidget, events: list[Event], global_pos: QPoint, title: str | None = None
    ) -> str | None:
        """The id of the event the user picks, or None if the menu is dismissed."""
        menu = cls.build_menu(events, parent, title)
        chosen = menu.exec(global_pos)
        menu.deleteLater()
        return chosen.data() if chosen is not None else None
