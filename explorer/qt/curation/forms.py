"""Dialogs of the workbench: a source's metadata, an event, an annotation, a new place.

Each has a ``classmethod ask(...)`` returning the values or ``None`` (cancelled); tests
replace ``ask`` or drive the dialog itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QEventLoop, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from explorer.curation.importing import SOURCE_KINDS, SourceMeta
from explorer.domain.dates import Precision
from explorer.domain.model import ActorKind, Category, Role

PLACE_KINDS = ("town", "village", "city", "capital", "region", "site", "military-base", "airport")
NAME_LANGUAGES = ("en", "hy", "az", "ru")


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _date_edit(day: dt.date | None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(_qdate(day or dt.date.today()))
    return edit


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


# A map picker is given a callback and calls it with (lon, lat) when the user clicks the map.
MapPicker = Callable[[Callable[[float, float], None]], bool]


def run_dialog(dialog: QDialog, *, modal: bool = True) -> bool:
    """Show ``dialog`` until it is closed; True if accepted.

    Not modal (``modal=False``) while the user may have to click the main window's map: the
    dialog then waits in a local event loop, and the rest of the application stays usable.
    """
    if modal:
        return dialog.exec() == QDialog.DialogCode.Accepted
    dialog.setModal(False)
    loop = QEventLoop()
    dialog.finished.connect(loop.quit)
    dialog.show()
    loop.exec()
    return dialog.result() == QDialog.DialogCode.Accepted


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48].strip("-")


class SourceMetaDialog(QDialog):
    """The metadata of a source being added, filled from the file, for the user to confirm."""

    def __init__(self, meta: SourceMeta, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Add source — {file_name}")
        self.meta = meta
        form = QFormLayout()
        self.title = QLineEdit(meta.title)
        self.authors = QLineEdit(", ".join(meta.authors))
        self.outlet = QLineEdit(meta.outlet)
        self.language = QLineEdit(meta.language)
        self.kind = QComboBox()
        self.kind.addItems(SOURCE_KINDS)
        self.kind.setCurrentText(meta.kind)
        self.published = _date_edit(meta.published)
        self.precision = QComboBox()
        self.precision.addItems([p.value for p in Precision])
        self.precision.setCurrentText(meta.precision)
        self.note = QPlainTextEdit(meta.note)
        self.note.setMaximumHeight(80)
        for label, widget in (
            ("&Title", self.title), ("&Authors (comma-separated)", self.authors),
            ("&Outlet", self.outlet), ("&Language", self.language), ("&Kind", self.kind),
            ("&Published", self.published), ("&Precision", self.precision),
            ("Date &note", self.note),
        ):  # fmt: skip
            form.addRow(label, widget)
        found = "; ".join(f"{k} from {v}" for k, v in meta.found.items()) or "nothing"
        hint = QLabel(f"Found in the file: {found}. Check each field before adding.")
        hint.setWordWrap(True)
        hint.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(_buttons(self))

    def values(self) -> SourceMeta:
        meta = self.meta
        meta.title = self.title.text().strip()
        meta.authors = [a.strip() for a in self.authors.text().split(",") if a.strip()]
        meta.outlet = self.outlet.text().strip()
        meta.language = self.language.text().strip() or "en"
        meta.kind = self.kind.currentText()
        meta.published = _pydate(self.published.date())
        meta.precision = self.precision.currentText()
        meta.note = self.note.toPlainText().strip()
        return meta

    @classmethod
    def ask(cls, parent: QWidget | None, meta: SourceMeta, file_name: str) -> SourceMeta | None:
        dialog = cls(meta, file_name, parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class PlaceDialog(QDialog):
    """A new place for the gazetteer: id, kind, position and its names by language."""

    def __init__(
        self,
        parent: QWidget | None = None,
        lon: float = 46.75,
        lat: float = 39.8,
        name: str = "",
        picker: MapPicker | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New place")
        self.picker = picker
        form = QFormLayout(self)
        self.names = {lang: QLineEdit() for lang in NAME_LANGUAGES}
        self.names["en"].setText(name)
        self.ident = QLineEdit(slug(name))
        self.names["en"].textEdited.connect(lambda t: self.ident.setText(slug(t)))
        self.kind = QComboBox()
        self.kind.addItems(PLACE_KINDS)
        self.lon, self.lat = QDoubleSpinBox(), QDoubleSpinBox()
        for box, value, bound in ((self.lon, lon, 180), (self.lat, lat, 90)):
            box.setRange(-bound, bound)
            box.setDecimals(4)
            box.setValue(value)
        form.addRow("Name (&en)", self.names["en"])
        for lang in NAME_LANGUAGES[1:]:
            form.addRow(f"Name ({lang})", self.names[lang])
        form.addRow("&Id", self.ident)
        form.addRow("&Kind", self.kind)
        form.addRow("&Longitude", self.lon)
        form.addRow("L&atitude", self.lat)
        self.pick_button = QPushButton("&Pick on the map")
        self.pick_button.setToolTip("Then click the map of the main window where the place is")
        self.pick_button.setVisible(picker is not None)
        self.pick_button.clicked.connect(self._on_pick_button_clicked)
        self.pick_hint = QLabel()
        self.pick_hint.setObjectName("muted")
        form.addRow(self.pick_button, self.pick_hint)
        form.addRow(_buttons(self))

    def _on_pick_button_clicked(self) -> None:
        if self.picker is not None and self.picker(self.set_position):
            self.pick_hint.setText("Click the map in the main window…")

    def set_position(self, lon: float, lat: float) -> None:
        self.lon.setValue(lon)
        self.lat.setValue(lat)
        self.pick_hint.setText(f"{lat:.4f}° N, {lon:.4f}° E from the map")
        self.raise_()
        self.activateWindow()

    def values(self) -> dict[str, Any]:
        return {
            "place_id": self.ident.text().strip(),
            "kind": self.kind.currentText(),
            "lon": self.lon.value(),
            "lat": self.lat.value(),
            "names": {k: e.text().strip() for k, e in self.names.items() if e.text().strip()},
        }

    @classmethod
    def ask(cls, parent: QWidget | None, **initial: Any) -> dict[str, Any] | None:
        dialog = cls(parent, **initial)
        return dialog.values() if run_dialog(dialog, modal=dialog.picker is None) else None


class ActorDialog(QDialog):
    """A new actor for ``actors.yaml``."""

    def __init__(self, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("New actor")
        form = QFormLayout(self)
        self.name = QLineEdit(name)
        self.ident = QLineEdit(slug(name))
        self.name.textEdited.connect(lambda t: self.ident.setText(slug(t)))
        self.kind = QComboBox()
        self.kind.addItems([k.value for k in ActorKind])
        self.description = QLineEdit()
        form.addRow("&Name", self.name)
        form.addRow("&Id", self.ident)
        form.addRow("&Kind", self.kind)
        form.addRow("&Description", self.description)
        form.addRow(_buttons(self))

    def values(self) -> dict[str, Any]:
        return {
            "id": self.ident.text().strip(),
            "name": self.name.text().strip(),
            "kind": self.kind.currentText(),
            "affiliation": None,
            "description": self.description.text().strip(),
        }

    @classmethod
    def ask(cls, parent: QWidget | None, name: str = "") -> dict[str, Any] | None:
        dialog = cls(parent, name)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class AnnotationDialog(QDialog):
    """Who did or said what in the selected passage: actor, role and the app's attribution."""

    def __init__(
        self, actors: dict[str, str], initial: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Annotate")
        initial = initial or {}
        form = QFormLayout(self)
        self.actor = QComboBox()
        for ident, name in sorted(actors.items(), key=lambda kv: kv[1]):
            self.actor.addItem(name, ident)
        if initial.get("actor"):
            self.actor.setCurrentIndex(max(0, self.actor.findData(initial["actor"])))
        self.role = QComboBox()
        self.role.addItems([r.value for r in Role])
        self.role.setCurrentText(initial.get("role", "said"))
        self.text = QLineEdit(initial.get("text", ""))
        self.text.setPlaceholderText('Said that … (contested words in "quotes")')
        form.addRow("&Actor", self.actor)
        form.addRow("&Role", self.role)
        form.addRow("&Text", self.text)
        form.addRow(_buttons(self))

    def values(self) -> dict[str, Any]:
        return {
            "actor": self.actor.currentData(),
            "role": self.role.currentText(),
            "text": self.text.text().strip(),
        }

    @classmethod
    def ask(
        cls, parent: QWidget | None, actors: dict[str, str], initial: dict[str, Any] | None = None
    ) -> dict[str, Any] | None:
        dialog = cls(actors, initial, parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class EventForm(QDialog):
    """An event: title, summary, dates with precision and note, places, actors, category, sides.

    The excerpts (and any annotations) come from the workbench and are shown, not edited.
    """

    def __init__(
        self,
        event: dict[str, Any],
        places: dict[str, str],
        actors: dict[str, str],
        parent: QWidget | None = None,
        picker: MapPicker | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Event")
        self.picker = picker
        self.resize(640, 600)
        self.initial = dict(event)
        form = QFormLayout()
        self.ident = QLineEdit(event.get("id", ""))
        self.ident.setPlaceholderText("lower-case-with-dashes; made from the title if left empty")
        self.title = QLineEdit(event.get("title", ""))
        self.title.setCursorPosition(0)  # show the start of a long title, not its end
        self.summary = QPlainTextEdit(event.get("summary", ""))
        self.summary.setPlaceholderText(
            "In the app's neutral voice: attribute claims, keep loaded words in quotes."
        )
        self.summary.setMaximumHeight(80)
        self.start = _date_edit(event.get("start"))
        self.end = _date_edit(event.get("end") or event.get("start"))
        self.precision = QComboBox()
        self.precision.addItems([p.value for p in Precision])
        self.precision.setCurrentText(event.get("precision", "day"))
        self.date_note = QPlainTextEdit(event.get("date_note", ""))
        self.date_note.setMaximumHeight(60)
        self.category = QComboBox()
        self.category.addItems([c.value for c in Category])
        self.category.setCurrentText(event.get("category", "political"))
        self.places = self._checklist(places, event.get("places", []))
        self.actors = self._checklist(actors, event.get("actors", []))
        sides = event.get("sides") or {}
        self.side_a = QLineEdit(", ".join(sides.get("a", [])))
        self.side_b = QLineEdit(", ".join(sides.get("b", [])))
        for edit in (self.side_a, self.side_b):
            edit.setPlaceholderText("actor ids, comma-separated (the opposing sides)")
        self.new_place = QPushButton("New place…")
        self.new_actor = QPushButton("New actor…")
        self.new_place.clicked.connect(self._on_new_place_clicked)
        self.new_actor.clicked.connect(self._on_new_actor_clicked)
        self.added_places: list[dict[str, Any]] = []
        self.added_actors: list[dict[str, Any]] = []
        dates = QHBoxLayout()
        for w in (self.start, QLabel("to"), self.end, self.precision):
            dates.addWidget(w)
        places_box, actors_box = QVBoxLayout(), QVBoxLayout()
        places_box.addWidget(self.places)
        places_box.addWidget(self.new_place)
        actors_box.addWidget(self.actors)
        actors_box.addWidget(self.new_actor)
        form.addRow("&Id", self.ident)
        form.addRow("&Title", self.title)
        form.addRow("&Summary", self.summary)
        form.addRow("Dates", dates)
        form.addRow("Date &note", self.date_note)
        form.addRow("&Category", self.category)
        form.addRow("Places", places_box)
        form.addRow("Actors", actors_box)
        form.addRow("Side A", self.side_a)
        form.addRow("Side B", self.side_b)
        quotes = "\n".join(f"“{x['quote']}”" for x in event.get("excerpts", []))
        excerpt = QLabel(quotes)
        excerpt.setWordWrap(True)
        excerpt.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow("Excerpt", excerpt)
        self.message = QLabel()
        self.message.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(_buttons(self))

    @staticmethod
    def _checklist(options: dict[str, str], checked: list[str]) -> QListWidget:
        widget = QListWidget()
        widget.setMinimumHeight(60)
        widget.setMaximumHeight(96)
        for ident, name in sorted(options.items(), key=lambda kv: (kv[0] not in checked, kv[1])):
            item = QListWidgetItem(f"{name} ({ident})")
            item.setData(Qt.ItemDataRole.UserRole, ident)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Checked if ident in checked else Qt.CheckState.Unchecked
            item.setCheckState(state)
            widget.addItem(item)
        return widget

    @staticmethod
    def checked(widget: QListWidget) -> list[str]:
        return [
            widget.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        ]

    def check(self, widget: QListWidget, ident: str, on: bool = True) -> None:
        for i in range(widget.count()):
            if widget.item(i).data(Qt.ItemDataRole.UserRole) == ident:
                widget.item(i).setCheckState(
                    Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
                )
                return
        raise KeyError(ident)

    def _add_option(self, widget: QListWidget, ident: str, name: str) -> None:
        item = QListWidgetItem(f"{name} ({ident})")
        item.setData(Qt.ItemDataRole.UserRole, ident)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        widget.insertItem(0, item)

    def _on_new_place_clicked(self) -> None:
        place = PlaceDialog.ask(self, picker=self.picker)
        if place and place["place_id"] and place["names"].get("en"):
            self.added_places.append(place)
            self._add_option(self.places, place["place_id"], place["names"]["en"])

    def _on_new_actor_clicked(self) -> None:
        actor = ActorDialog.ask(self)
        if actor and actor["id"] and actor["name"]:
            self.added_actors.append(actor)
            self._add_option(self.actors, actor["id"], actor["name"])

    def values(self) -> dict[str, Any]:
        event = dict(self.initial)
        start, end = _pydate(self.start.date()), _pydate(self.end.date())
        event.update(
            id=self.ident.text().strip() or slug(self.title.text()),
            title=self.title.text().strip(),
            summary=self.summary.toPlainText().strip(),
            start=start,
            end=end if end != start else None,
            precision=self.precision.currentText(),
            date_note=self.date_note.toPlainText().strip(),
            category=self.category.currentText(),
            places=self.checked(self.places),
            actors=self.checked(self.actors),
        )
        a = [s.strip() for s in self.side_a.text().split(",") if s.strip()]
        b = [s.strip() for s in self.side_b.text().split(",") if s.strip()]
        event["sides"] = {"a": a, "b": b} if a or b else None
        event["_new_places"] = list(self.added_places)
        event["_new_actors"] = list(self.added_actors)
        return event

    def problem(self) -> str:
        """What stops the event from being saved, or ''."""
        v = self.values()
        if not v["title"] or not v["summary"]:
            return "An event needs a title and a summary."
        if not v["places"]:
            return "An event needs at least one place."
        if v["end"] is not None and v["end"] < v["start"]:
            return "The end is before the start."
        return ""

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.message.setText(problem)
            return
        super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, event: dict[str, Any], places: dict[str, str],
        actors: dict[str, str], picker: MapPicker | None = None,
    ) -> dict[str, Any] | None:  # fmt: skip
        form = cls(event, places, actors, parent, picker)
        return form.values() if run_dialog(form, modal=picker is None) else None
