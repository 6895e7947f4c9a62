"""Small widget builders shared by the docks (one place for the results table and the log box)."""

from qgis.gui import QgsCollapsibleGroupBox
from qgis.PyQt.QtCore import QSortFilterProxyModel
from qgis.PyQt.QtGui import QStandardItemModel
from qgis.PyQt.QtWidgets import QAbstractItemView, QHeaderView, QPlainTextEdit, QTableView, QVBoxLayout

#: Qt.ItemDataRole.UserRole + 1, written as a number because enum arithmetic differs between PyQt5 and PyQt6
SORT_ROLE = 257


def sortable_table(owner, parent):
    """(model, proxy, table): a read-only, row-selecting table sorted by the items' SORT_ROLE data."""
    model = QStandardItemModel(owner)
    proxy = QSortFilterProxyModel(owner)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = QTableView(parent)
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.verticalHeader().setVisible(False)
    return model, proxy, table


def log_box(title: str, parent):
    """(group box, text edit): a collapsed box for the messages of the last run."""
    box = QgsCollapsibleGroupBox(title, parent)
    box.setSaveCollapsedState(False)
    box.setCollapsed(True)
    text = QPlainTextEdit(box)
    text.setReadOnly(True)
    QVBoxLayout(box).addWidget(text)
    return box, text
