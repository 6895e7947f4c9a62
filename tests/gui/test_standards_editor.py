"""The standards editor shared by the Coverage tab and the options page: validation messages with
row and column, dropdowns and number input, add/remove, CSV import/export."""

import pytest
from qgis.PyQt.QtGui import QValidator
from qgis.PyQt.QtWidgets import QComboBox, QStyleOptionViewItem

from isrp_plugin.core.standards import FIELDS, STANDARD_UNITS, load_default_standards, read_standards
from tests.gui.standards_fixtures import CANONICAL


@pytest.fixture()
def editor(qgis_app):
    from isrp_plugin.gui.standards_editor import StandardsEditor

    widget = StandardsEditor("caption", "Reset", "reset tooltip", load_default_standards)
    widget.set_standards(load_default_standards().values())
    widget.edits = []
    widget.edited.connect(lambda: widget.edits.append(len(widget.standards)))
    yield widget
    widget.deleteLater()


def _cell(editor, row, field):
    return editor.model.item(row, FIELDS.index(field))


# Rows as shipped: 1 kita_u3, 2 kita_3_6, 3 primary_school, ... 8 youth_club. Expected texts as the user reads them.
@pytest.mark.parametrize(
    "row, field, text, message",
    [
        (0, "id", "", "Row 1 (–), column id: id is empty; give the facility type a key such as kita_u3."),
        (1, "standard_value", "-3", "Row 2 (kita_3_6), column standard_value: standard_value must be a number > 0 "
                                    "(or empty for user-defined), got -3."),
        (0, "standard_value", "viele", "Row 1 (kita_u3), column standard_value: standard_value 'viele' is not a "
                                       "number."),
        (2, "catchment_value", "1 km", "Row 3 (primary_school), column catchment_value: catchment_value '1 km' is "
                                       "not a number."),
        (7, "decay", "cubic", "Row 8 (youth_club), column decay: decay: Unknown decay 'cubic' (use none, step, "
                              "linear, gaussian or gravity)."),
        (0, "target_group", "", "Row 1 (kita_u3), column target_group: target_group is empty; give at least one age "
                                "band, e.g. pop_3_6."),
        (0, "standard_unit", "places", "Row 1 (kita_u3), column standard_unit: unknown standard_unit 'places' (use "
                                       "places_per_100, places_per_1000, m2_per_inhabitant)."),
    ],
)
def test_bad_entries_are_rejected_naming_row_and_column(editor, row, field, text, message):
    from isrp_plugin.gui.standards_editor import ERROR_BACKGROUND

    shipped = load_default_standards()
    item = _cell(editor, row, field)
    before = item.text()
    item.setText(text)
    assert not editor.valid
    assert editor.status.text().splitlines() == ["Not saved – fix the table first:", message]
    assert editor.edits == []  # nothing handed on for saving
    assert editor.standards == shipped  # the last valid catalogue is kept
    assert item.background().color() == ERROR_BACKGROUND and item.toolTip() in message
    item.setText(before)  # fixed: valid again, handed on, the cell plain
    assert editor.valid and editor.edits == [len(shipped)] and editor.status.text() == ""
    assert editor.standards == shipped and item.toolTip() == ""


def test_repeated_id_names_both_rows(editor):
    _cell(editor, 1, "id").setText("kita_u3")
    assert editor.status.text().splitlines()[1:] == [
        "Row 1 (kita_u3), column id: id 'kita_u3' is used in rows 1, 2.",
        "Row 2 (kita_u3), column id: id 'kita_u3' is used in rows 1, 2.",
    ]


def test_decay_and_units_are_dropdowns_numbers_take_digits_only(editor):
    from isrp_plugin.gui.standards_editor import DECAYS

    view = editor.view
    index = editor.model.index(0, FIELDS.index("decay"))
    delegate = view.itemDelegateForColumn(FIELDS.index("decay"))
    combo = delegate.createEditor(view.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(combo, QComboBox) and combo.isEditable()
    assert [combo.itemText(i) for i in range(combo.count())] == list(DECAYS)
    delegate.setEditorData(combo, index)
    assert combo.currentText() == "none"  # kita_u3 as shipped
    combo.setCurrentText("gaussian")
    delegate.setModelData(combo, editor.model, index)
    assert _cell(editor, 0, "decay").text() == "gaussian"
    assert editor.valid and editor.standards["kita_u3"].decay == "gaussian" and len(editor.edits) == 1

    unit_index = editor.model.index(0, FIELDS.index("standard_unit"))
    unit = view.itemDelegateForColumn(FIELDS.index("standard_unit")).createEditor(
        view.viewport(), QStyleOptionViewItem(), unit_index)
    assert not unit.isEditable() and [unit.itemText(i) for i in range(unit.count())] == list(STANDARD_UNITS)

    value_index = editor.model.index(0, FIELDS.index("standard_value"))
    number = view.itemDelegateForColumn(FIELDS.index("standard_value")).createEditor(
        view.viewport(), QStyleOptionViewItem(), value_index)
    validator = number.validator()
    for text in ("65", "62,5", "62.5", ""):
        assert validator.validate(text, 0)[0] == QValidator.State.Acceptable, text
    for text in ("abc", "-1", "6x"):
        assert validator.validate(text, 0)[0] == QValidator.State.Invalid, text


def test_add_and_remove_rows(editor):
    n = editor.model.rowCount()
    editor.add_row()
    editor.add_row()
    assert editor.model.rowCount() == n + 2
    assert [editor.model.item(r, 0).text() for r in (n, n + 1)] == ["new_standard", "new_standard_2"]
    # a new row has no standard value yet (user-defined) and is valid
    assert editor.valid and editor.standards["new_standard"].standard_value is None
    assert editor.edits == [n + 1, n + 2]
    editor.view.selectRow(n)
    editor.remove_selected()
    assert editor.model.rowCount() == n + 1 and "new_standard" not in editor.standards
    assert list(editor.standards)[-1] == "new_standard_2"


def test_import_export_round_trip_equals_the_file(editor, tmp_path):
    source = tmp_path / "mine.csv"
    source.write_text(CANONICAL, encoding="utf-8")
    assert editor.import_csv(str(source))
    assert editor.model.rowCount() == 3 and editor.edits == [3]
    assert [_cell(editor, r, "standard_value").text() for r in range(3)] == ["62.5", "", "1.5"]
    assert _cell(editor, 1, "decay").text() == "step(300:1, 600:0.6, 1000:0.2)"
    assert _cell(editor, 1, "note").text() == "Zitat: \"Richtwert\" geprüft"
    out = tmp_path / "out.csv"
    assert editor.export_csv(str(out))
    assert out.read_bytes() == source.read_bytes()
    # the shipped catalogue through the editor: the same catalogue again
    editor.reset_defaults()
    shipped_out = tmp_path / "shipped.csv"
    assert editor.export_csv(str(shipped_out))
    assert read_standards(shipped_out) == load_default_standards()


def test_a_file_with_errors_is_not_imported(editor, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(CANONICAL.replace("gaussian(w_d0=0.05)", "cubic"), encoding="utf-8")
    assert not editor.import_csv(str(bad))
    assert "Not imported" in editor.status.text()
    assert "bad.csv line 4: 'playground_u6': decay: Unknown decay 'cubic'" in editor.status.text()
    assert editor.standards == load_default_standards() and editor.model.rowCount() == 11
