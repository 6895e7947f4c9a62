"""The small differences between QGIS 3.22, 3.38+ and QGIS 4 (Qt6) in one place."""

from qgis.core import NULL, Qgis, QgsField
from qgis.PyQt.QtCore import QMetaType, QVariant

QGIS_VERSION_INT = Qgis.QGIS_VERSION_INT
# QgsField accepts QMetaType.Type from QGIS 3.38 on; before that only QVariant.Type.
FIELD_TAKES_METATYPE = QGIS_VERSION_INT >= 33800

_KINDS = {
    # kind: (QMetaType.Type name, QVariant.Type name, typeName)
    "int": ("Int", "Int", "integer"),
    "int64": ("LongLong", "LongLong", "integer64"),
    "double": ("Double", "Double", "double"),
    "string": ("QString", "String", "string"),
    "bool": ("Bool", "Bool", "boolean"),
    "date": ("QDate", "Date", "date"),
    "datetime": ("QDateTime", "DateTime", "datetime"),
}


def field_type(kind: str):
    """The field type value this QGIS expects for ``kind`` (int, int64, double, string, bool, date, datetime)."""
    meta_name, variant_name, _ = _KINDS[kind]
    if FIELD_TAKES_METATYPE:
        enum = getattr(QMetaType, "Type", QMetaType)
        return getattr(enum, meta_name)
    return getattr(QVariant, variant_name)


def make_field(name: str, kind: str, length: int = 0, precision: int = 0, comment: str = "") -> QgsField:
    """A QgsField of the given kind that works on QGIS 3.22 … 4.x."""
    _, _, type_name = _KINDS[kind]
    return QgsField(name, field_type(kind), type_name, length, precision, comment)


def null_value():
    """The value QGIS uses for NULL attributes (a null QVariant on 3.x, None on 4)."""
    return NULL


def is_null(value) -> bool:
    """True for None and for QGIS's NULL QVariant."""
    if value is None:
        return True
    is_null_attr = getattr(value, "isNull", None)
    if callable(is_null_attr):
        try:
            return bool(is_null_attr())
        except TypeError:
            return False
    return False


def disconnect_all(connections) -> None:
    """Disconnect (signal, slot) pairs, skipping those whose sender or slot is already gone."""
    for signal, slot in connections:
        try:
            signal.disconnect(slot)
        except (TypeError, RuntimeError):
            pass
