"""The window's style sheet: quiet paper-and-ink neutrals, thin rules, generous spacing."""

from __future__ import annotations

from explorer.render import palette as p

# Where the keyboard is: a ring round the focused list, map or details, always drawn (the
# transparent border keeps the size, so focusing the map never moves it).
FOCUS = p.CURSOR  # the ink of the time cursor: "where you are", apart from the category colours

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: {p.PAPER}; }}
QSplitter::handle {{ background: {p.RULE}; }}
QSplitter::handle:horizontal {{ width: 1px; }}
QSplitter::handle:vertical {{ height: 1px; }}
QTableView {{
    background: {p.PANEL}; alternate-background-color: #FAF9F6; border: none;
    selection-background-color: #E4E1DA; selection-color: {p.INK}; color: {p.INK};
}}
QTableView::item {{ padding: 0 6px; }}
QHeaderView::section {{
    background: {p.PAPER}; color: {p.INK_MUTED}; border: none;
    border-bottom: 1px solid {p.RULE}; padding: 5px 8px; font-weight: 600;
}}
QTextBrowser, QPlainTextEdit {{ background: {p.PANEL}; border: none; color: {p.INK}; }}
QTextBrowser, QGraphicsView, QTableView {{ border: 2px solid transparent; }}
QTextBrowser:focus, QGraphicsView:focus, QTableView:focus {{ border: 2px solid {FOCUS}; }}
QLineEdit {{
    background: {p.PANEL}; border: 1px solid {p.RULE}; border-radius: 4px; padding: 4px 8px;
    color: {p.INK};
}}
QLineEdit:focus {{ border: 1px solid {p.INK_MUTED}; }}
QToolButton {{
    background: transparent; border: 1px solid transparent; border-radius: 4px;
    padding: 4px 8px; color: {p.INK};
}}
QToolButton:hover, QToolButton:focus {{ border: 1px solid {p.RULE}; background: {p.PANEL}; }}
QToolButton:disabled {{ color: {p.INK_FAINT}; }}
QLabel#muted {{ color: {p.INK_MUTED}; }}
QLabel#placeholder {{ background: #EEF0EC; color: {p.INK_MUTED}; font-size: 13pt; }}
QWidget#filterBar {{ background: {p.PAPER}; border-bottom: 1px solid {p.RULE}; }}
QStatusBar {{ background: {p.PAPER}; color: {p.INK_MUTED}; border-top: 1px solid {p.RULE}; }}
QStatusBar QPushButton {{ padding: 2px 10px; }}
"""
