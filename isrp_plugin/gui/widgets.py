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


#: names of road-class fields the network combo picks by itself (OSM exports, Geofabrik, the sample)
ROAD_CLASS_NAMES = ("road_class", "highway", "fclass", "strassenklasse")


def road_class_combo(network_combo, parent):
    """A field combo for the network's road class (empty allowed) that follows ``network_combo``'s layer
    and picks a field named like one of :data:`ROAD_CLASS_NAMES` when the layer has one."""
    from qgis.gui import QgsFieldComboBox

    combo = QgsFieldComboBox(parent)
    combo.setAllowEmptyFieldName(True)

    def follow(layer):
        combo.setLayer(layer)
        names = {f.name().lower(): f.name() for f in layer.fields()} if layer is not None else {}
        combo.setField(next((names[n] for n in ROAD_CLASS_NAMES if n in names), ""))

    network_combo.layerChanged.connect(follow)
    follow(network_combo.currentLayer())
    return combo


def layer_filter(name: str):
    """A map-layer combo filter by name ("PointLayer", "LineLayer", …) in QGIS 3.22 … 4 spelling."""
    from qgis.core import Qgis, QgsMapLayerProxyModel

    enum = getattr(Qgis, "LayerFilter", None)
    return getattr(enum, name) if enum is not None else getattr(QgsMapLayerProxyModel.Filter, name)


def inputs_and_results(panel):
    """(splitter, body, layout) of a panel: scrolling inputs on top of a vertical splitter whose second
    part the caller adds (the results), so the user shares the height between the two."""
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtWidgets import QScrollArea, QSplitter, QWidget

    outer = QVBoxLayout(panel)
    outer.setContentsMargins(0, 0, 0, 0)
    splitter = QSplitter(Qt.Orientation.Vertical, panel)
    splitter.setChildrenCollapsible(False)
    outer.addWidget(splitter)
    scroll = QScrollArea(splitter)
    scroll.setWidgetResizable(True)
    body = QWidget(scroll)
    scroll.setWidget(body)
    splitter.addWidget(scroll)
    return splitter, body, QVBoxLayout(body)
