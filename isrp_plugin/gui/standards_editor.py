"""Table editor of a standards catalogue (one row per facility type, see ``core.standards``).

One widget for both places where standards are edited:

* the Coverage tab edits **this project's** catalogue (``coverage_tab.StandardsTable`` saves it in
  the project on every valid edit);
* the ISRP options page edits the user's **default catalogue for new projects** (saved in the QGIS
  settings when the options dialog is accepted).

The editor validates the whole table after every edit with ``core.standards.standard_from_row``
(the same rules as for CSV files) and lists each problem with its row and column; the cells in
question turn red. Only a valid table is handed on: :attr:`StandardsEditor.edited` is emitted after
an edit that leaves the table valid, and :attr:`StandardsEditor.standards` keeps the last valid
catalogue. Units and decay are chosen from dropdowns (the decay one stays editable for forms like
``step(300:1, 600:0.6)``); numbers accept digits with a decimal point or comma only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Tuple

from qgis.PyQt.QtCore import QCoreApplication, QRegularExpression, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor, QRegularExpressionValidator, QStandardItem, QStandardItemModel
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.standards import (
    AGE_BANDS,
    CATCHMENT_UNITS,
    FIELDS,
    STANDARD_UNITS,
    Standard,
    StandardsError,
    read_standards,
    standard_from_row,
    write_standards,
)

#: Decay presets offered in the dropdown (any form ``core.coverage.parse_decay`` reads may be typed).
DECAYS = ("none", "step", "linear", "gaussian")
#: Columns holding numbers (a decimal comma is accepted, as in CSV files).
NUMBER_FIELDS = ("standard_value", "catchment_value")
#: How many problems the status line lists before "… and n more".
MAX_LISTED = 8
ERROR_COLOUR = "#b2182b"
ERROR_BACKGROUND = QColor("#f4c7c3")


@dataclass(frozen=True)
class CellProblem:
    """One problem of the table: model row (0-based), column (field name) and message."""

    row: int
    field: str
    message: str


def _fmt_number(value: Optional[float]) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def standard_cells(std: Standard) -> List[str]:
    """The texts of one table row (in :data:`FIELDS` order) for a standard."""
    return [std.id, std.label_de, std.label_en, std.target_group, _fmt_number(std.standard_value),
            std.standard_unit, _fmt_number(std.catchment_value), std.catchment_unit, std.decay, std.source,
            std.note]


class ChoiceDelegate(QStyledItemDelegate):
    """A dropdown editor for a column with a fixed (or, if ``editable``, suggested) set of values."""

    def __init__(self, choices: Iterable[str], editable: bool, parent=None):
        super().__init__(parent)
        self.choices = list(choices)
        self.editable = editable

    def createEditor(self, parent, option, index):  # noqa: N802, D102 - Qt override
        combo = QComboBox(parent)
        combo.addItems(self.choices)
        combo.setEditable(self.editable)
        return combo

    def setEditorData(self, editor, index):  # noqa: N802, D102 - Qt override
        text = str(index.data() or "")
        position = editor.findText(text)
        if position >= 0:
            editor.setCurrentIndex(position)
        elif self.editable:
            editor.setEditText(text)

    def setModelData(self, editor, model, index):  # noqa: N802, D102 - Qt override
        model.setData(index, editor.currentText().strip())


class NumberDelegate(QStyledItemDelegate):
    """A line edit that takes only a non-negative number (``.`` or ``,`` as decimal mark) or nothing."""

    PATTERN = r"[0-9]*(?:[.,][0-9]*)?"

    def __init__(self, placeholder: str = "", parent=None):
        super().__init__(parent)
        self.placeholder = placeholder

    def createEditor(self, parent, option, index):  # noqa: N802, D102 - Qt override
        edit = QLineEdit(parent)
        edit.setValidator(QRegularExpressionValidator(QRegularExpression(self.PATTERN), edit))
        edit.setPlaceholderText(self.placeholder)
        return edit


class StandardsEditor(QWidget):
    """Editable standards catalogue with add/remove, CSV import/export and a reset button.

    ``caption`` says which catalogue is edited; ``reset_text``/``reset_tooltip`` label the reset
    button and ``reset_source`` returns the catalogue it restores. The owner persists the catalogue:
    it connects :attr:`edited` (a valid user edit) and reads :attr:`standards`.
    """

    #: emitted after a user edit (cell, add, remove, import, reset) that leaves the table valid
    edited = pyqtSignal()

    def __init__(self, caption: str, reset_text: str, reset_tooltip: str,
                 reset_source: Callable[[], Dict[str, Standard]], parent=None):
        super().__init__(parent)
        self.reset_source = reset_source
        #: the last valid catalogue, by id in table order
        self.standards: Dict[str, Standard] = {}
        self.problems: List[CellProblem] = []
        self.valid = True
        self._loading = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel(caption, self)
        self.caption.setWordWrap(True)
        lay.addWidget(self.caption)
        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(list(FIELDS))
        for col, tip in enumerate(self._column_tips()):
            self.model.horizontalHeaderItem(col).setToolTip(tip)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setMinimumHeight(140)
        self._delegates = {
            "standard_unit": ChoiceDelegate(STANDARD_UNITS, False, self.view),
            "catchment_unit": ChoiceDelegate(CATCHMENT_UNITS, False, self.view),
            "decay": ChoiceDelegate(DECAYS, True, self.view),
            "standard_value": NumberDelegate(StandardsEditor.tr("empty = user-defined"), self.view),
            "catchment_value": NumberDelegate("", self.view),
        }
        for name, delegate in self._delegates.items():
            self.view.setItemDelegateForColumn(FIELDS.index(name), delegate)
        lay.addWidget(self.view)
        row = QHBoxLayout()
        self.add_button = QPushButton(StandardsEditor.tr("Add"), self)
        self.remove_button = QPushButton(StandardsEditor.tr("Remove"), self)
        self.import_button = QPushButton(StandardsEditor.tr("Import CSV…"), self)
        self.export_button = QPushButton(StandardsEditor.tr("Export CSV…"), self)
        self.reset_button = QPushButton(reset_text, self)
        self.reset_button.setToolTip(reset_tooltip)
        for b in (self.add_button, self.remove_button, self.import_button, self.export_button, self.reset_button):
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.model.itemChanged.connect(self._item_changed)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(lambda: self.import_csv())
        self.export_button.clicked.connect(lambda: self.export_csv())
        self.reset_button.clicked.connect(self.reset_defaults)

    @staticmethod
    def tr(message: str) -> str:
        # Called as StandardsEditor.tr so that a subclass with its own tr (context) does not take these strings.
        return QCoreApplication.translate("StandardsEditor", message)

    @staticmethod
    def _column_tips() -> List[str]:
        """Header tooltips, in :data:`FIELDS` order."""
        return [
            StandardsEditor.tr("Key of the facility type: lowercase letters, digits and _ (e.g. kita_u3)"),
            StandardsEditor.tr("German name"),
            StandardsEditor.tr("English name"),
            StandardsEditor.tr("Age bands of the demand layer, with shares, joined by +: e.g. 2/3*pop_0_3 + "
                               "pop_3_6. Bands: {0}").format(", ".join(AGE_BANDS)),
            StandardsEditor.tr("Number > 0 in the standard unit; empty = user-defined (set it before computing "
                               "coverage)"),
            StandardsEditor.tr("places_per_100, places_per_1000 (per persons of the target group) or "
                               "m2_per_inhabitant"),
            StandardsEditor.tr("Catchment: number > 0 in the catchment unit"),
            StandardsEditor.tr("m (metres) or min (minutes)"),
            StandardsEditor.tr("Distance decay for E2SFCA: none, step, linear, gaussian, or e.g. step(300:1, "
                               "600:0.6, 1000:0.2), gaussian(w_d0=0.05)"),
            StandardsEditor.tr("Where the value comes from"),
            StandardsEditor.tr("Caveats; shipped defaults say “verify locally”"),
        ]

    # -- model <-> standards -----------------------------------------------------------------------
    def set_standards(self, standards: Iterable[Standard]) -> None:
        """Show a catalogue (no :attr:`edited` signal; the owner loads, it does not edit)."""
        self._fill([standard_cells(s) for s in standards])
        self.validate()

    def _fill(self, rows: List[List[str]]) -> None:
        self._loading = True
        try:
            self.model.removeRows(0, self.model.rowCount())
            for values in rows:
                self.model.appendRow([QStandardItem(v) for v in values])
        finally:
            self._loading = False
        self.view.resizeColumnsToContents()
        for col in (FIELDS.index("source"), FIELDS.index("note")):
            self.view.setColumnWidth(col, min(self.view.columnWidth(col), 240))

    def rows(self) -> List[Dict[str, str]]:
        """The table as catalogue rows (column name -> text)."""
        out = []
        for r in range(self.model.rowCount()):
            out.append({f: (self.model.item(r, c).text() if self.model.item(r, c) else "").strip()
                        for c, f in enumerate(FIELDS)})
        return out

    def table_problems(self) -> Tuple[Dict[str, Standard], List[CellProblem]]:
        """(standards by id, problems): every row read with the catalogue rules; repeated ids are problems."""
        standards: Dict[str, Standard] = {}
        problems: List[CellProblem] = []
        rows_of_id: Dict[str, List[int]] = {}
        for r, row in enumerate(self.rows()):
            if not any(row.values()):
                continue  # an empty row is ignored, as an empty line of a CSV file
            std, row_problems = standard_from_row(row)
            problems.extend(CellProblem(r, f, message) for f, message in row_problems)
            if std is not None and std.id:
                rows_of_id.setdefault(std.id, []).append(r)
                standards.setdefault(std.id, std)
        for sid, rows in rows_of_id.items():
            if len(rows) > 1:
                where = ", ".join(str(r + 1) for r in rows)
                problems.extend(CellProblem(r, "id", StandardsEditor.tr("id '{0}' is used in rows {1}.")
                                            .format(sid, where)) for r in rows)
        problems.sort(key=lambda p: (p.row, FIELDS.index(p.field)))
        return standards, problems

    def problem_text(self, problem: CellProblem) -> str:
        """A problem as the user reads it: row number (as shown), id, column, message."""
        sid = self.model.item(problem.row, 0).text().strip() if self.model.item(problem.row, 0) else ""
        return StandardsEditor.tr("Row {0} ({1}), column {2}: {3}").format(
            problem.row + 1, sid or "–", problem.field, problem.message)

    def validate(self) -> bool:
        """Check the table; keep a valid catalogue in :attr:`standards`, or list the problems."""
        standards, problems = self.table_problems()
        self.problems = problems
        self.valid = not problems
        self._mark(problems)
        if self.valid:
            self.standards = standards
            self.show_status("")
        else:
            lines = [self.problem_text(p) for p in problems[:MAX_LISTED]]
            if len(problems) > MAX_LISTED:
                more = len(problems) - MAX_LISTED
                lines.append(StandardsEditor.tr("… and {0} more (see the red cells).").format(more))
            self.show_status(StandardsEditor.tr("Not saved – fix the table first:") + "\n" + "\n".join(lines),
                             error=True)
        return self.valid

    def _mark(self, problems: List[CellProblem]) -> None:
        """Red cells with the problem as tooltip; the others plain."""
        by_cell: Dict[tuple, List[str]] = {}
        for p in problems:
            by_cell.setdefault((p.row, FIELDS.index(p.field)), []).append(p.message)
        self._loading = True
        try:
            for r in range(self.model.rowCount()):
                for c in range(len(FIELDS)):
                    item = self.model.item(r, c)
                    if item is None:
                        continue
                    messages = by_cell.get((r, c))
                    item.setBackground(QBrush(ERROR_BACKGROUND) if messages else QBrush())
                    item.setToolTip("\n".join(messages) if messages else "")
        finally:
            self._loading = False

    def show_status(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "")
        self.status.setText(text)

    def _user_edit(self) -> None:
        """After any user change: validate; hand a valid catalogue on."""
        if self.validate():
            self.edited.emit()

    def _item_changed(self, item) -> None:
        if not self._loading:
            self._user_edit()

    # -- actions -----------------------------------------------------------------------------------
    def add_row(self) -> None:
        """Append a row with a new key and plausible defaults (to be completed by the user)."""
        taken = {row["id"] for row in self.rows()}
        sid = "new_standard"
        n = 2
        while sid in taken:
            sid, n = f"new_standard_{n}", n + 1
        self._loading = True
        try:
            self.model.appendRow([QStandardItem(v) for v in (
                sid, "", StandardsEditor.tr("New standard"), "pop_27_65", "", "places_per_100", "500", "m", "none",
                "", "")])
        finally:
            self._loading = False
        self.view.scrollToBottom()
        self._user_edit()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()}, reverse=True)
        if not rows:
            return
        self._loading = True
        try:
            for r in rows:
                self.model.removeRow(r)
        finally:
            self._loading = False
        self._user_edit()

    def reset_defaults(self) -> None:
        """Replace the table with the catalogue of ``reset_source``."""
        self._fill([standard_cells(s) for s in self.reset_source().values()])
        self._user_edit()

    def import_csv(self, path: Optional[str] = None) -> bool:
        """Replace the table with a catalogue file; a file with problems is not imported (listed instead)."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, StandardsEditor.tr("Import standards"), "",
                                                  StandardsEditor.tr("CSV (*.csv)"))
            if not path:
                return False
        try:
            standards = read_standards(path)
        except (StandardsError, OSError) as err:
            self.show_status(StandardsEditor.tr("Not imported: {0}").format(err), error=True)
            return False
        self._fill([standard_cells(s) for s in standards.values()])
        self._user_edit()
        return self.valid

    def export_csv(self, path: Optional[str] = None) -> bool:
        """Write the (valid) table as catalogue CSV (UTF-8, ``,``-separated, ``.`` decimals)."""
        if not self.validate():
            return False
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, StandardsEditor.tr("Export standards"), "standards.csv",
                                                  StandardsEditor.tr("CSV (*.csv)"))
            if not path:
                return False
        try:
            write_standards(self.standards.values(), path)
        except OSError as err:
            self.show_status(StandardsEditor.tr("Not exported: {0}").format(err), error=True)
            return False
        self.show_status(StandardsEditor.tr("Exported to {0}.").format(Path(path).name))
        self.status.setToolTip(str(path))
        return True


__all__ = ["DECAYS", "CellProblem", "ChoiceDelegate", "NumberDelegate", "StandardsEditor", "standard_cells"]
