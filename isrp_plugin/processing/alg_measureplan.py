"""isrp:measureplan — the measure plan of the Integrierter Sozialraumplan (XLSX, CSV, PDF report).

Measures (DOMAIN §6) grouped by social space and field of action, with status, responsible body,
timing and costs:

* **XLSX** (GDAL's XLSX driver through QgsVectorFileWriter; no extra Python package): a summary
  sheet (per social space and main field of action: number of measures by status, investment and
  running costs, with subtotals per social space and a grand total) and one sheet per social space
  listing its measures.
* **CSV**: all measures in one table (German: ``;`` and decimal comma, UTF-8 with BOM so that
  Excel opens it correctly; English: ``,`` and decimal point).
* **PDF**: a printable report (A4 landscape, QTextDocument → QPdfWriter) with the summary and one
  section per social space, page numbers and date.

A measure with several fields of action is listed under its first (main) field; the others are
named in "further fields of action" so that costs are never counted twice. Rejected measures are
left out unless asked for. Confidentiality rules do not apply to measures (they are plans, not
statistics about people); the plan holds no statistics. Every output gets a sidecar JSON.
"""

import csv
import datetime as _dt
import math
import re
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsSpatialIndex,
    QgsVectorFileWriter,
)

from ..core import measures as m
from ..qgis_io import layouts as L
from ..qgis_io.compat import is_null, make_field
from .alg_mapsheets import ADVANCED, FIELD_ANY, TYPE_ANY_GEOMETRY, TYPE_POLYGON, layer_record
from .base import IsrpAlgorithm

NO_GEOMETRY = L.WKB_NOGEOMETRY

#: columns of the measure lists: (key, kind, English, German)
COLUMNS = (
    ("sozialraum_id", "string", "Social space id", "Sozialraum-ID"),
    ("sozialraum", "string", "Social space", "Sozialraum"),
    ("field_main", "string", "Field of action", "Handlungsfeld"),
    ("fields_other", "string", "Further fields of action", "Weitere Handlungsfelder"),
    ("title", "string", "Measure", "Maßnahme"),
    ("measure_type", "string", "Type", "Art"),
    ("status", "string", "Status", "Status"),
    ("priority", "string", "Priority", "Priorität"),
    ("target_group", "string", "Target group", "Zielgruppe"),
    ("responsible", "string", "Responsible body", "Verantwortlich"),
    ("provider_type", "string", "Provider type", "Trägerart"),
    ("partners", "string", "Partners", "Partner"),
    ("start_date", "date", "Start", "Beginn"),
    ("end_date", "date", "End", "Ende"),
    ("cost_investment", "double", "Investment (EUR)", "Investitionskosten (EUR)"),
    ("cost_running", "double", "Running costs (EUR per year)", "Laufende Kosten (EUR pro Jahr)"),
    ("funding", "string", "Funding", "Finanzierung"),
    ("origin", "string", "Origin", "Herkunft"),
    ("ortsteil", "string", "District", "Ortsteil"),
    ("description", "string", "Description", "Beschreibung"),
    ("measure_id", "string", "Measure id", "Maßnahmen-ID"),
)
SHEET_COLUMNS = tuple(c for c in COLUMNS if c[0] not in ("sozialraum_id", "sozialraum"))

STATUS_COLUMNS = ("proposed", "agreed", "in_progress", "done", "rejected")

TEXTS = {
    "summary_sheet": ("Summary", "Übersicht"),
    "count": ("Measures", "Anzahl"),
    "no_costs": ("Without investment figure", "Ohne Angabe Investition"),
    "subtotal": ("Total", "Summe"),
    "grand_total": ("All social spaces", "Alle Sozialräume"),
    "no_space": ("Outside all social spaces", "Ohne Sozialraum"),
    "no_field": ("(no field of action)", "(ohne Handlungsfeld)"),
    "title": ("Integrated social-space plan – measure plan", "Integrierter Sozialraumplan – Maßnahmenplan"),
    "as_of": ("as of {d}", "Stand {d}"),
    "page": ("Page {i} of {n}", "Seite {i} von {n}"),
    "period": ("Period", "Zeitraum"),
    "nr": ("No.", "Nr."),
    "field": ("Field of action", "Handlungsfeld"),
    "measure": ("Measure", "Maßnahme"),
    "invest_short": ("Investment (EUR)", "Investition (EUR)"),
    "running_short": ("Running (EUR/yr)", "Laufend (EUR/Jahr)"),
    "n_measures": ("{n} measures in {k} social spaces", "{n} Maßnahmen in {k} Sozialräumen"),
    "rejected_note": ("Rejected measures are not listed.", "Abgelehnte Maßnahmen sind nicht aufgeführt."),
    "main_field_note": ("A measure with several fields of action is listed under its first one.",
                        "Eine Maßnahme mit mehreren Handlungsfeldern steht unter dem ersten."),
}


def t(key: str, lang: str, **kw) -> str:
    en, de = TEXTS[key]
    value = de if lang == "de" else en
    return value.format(**kw) if kw else value


def sheet_name(text: str, used: set) -> str:
    """An Excel sheet name: no []:*?/\\, at most 31 characters, unique (case-insensitive)."""
    base = re.sub(r"[\[\]:*?/\\]", "-", str(text)).strip().strip("'") or "Sheet"
    base = base[:31]
    name, i = base, 2
    while name.casefold() in used:
        suffix = f" ({i})"
        name = base[: 31 - len(suffix)] + suffix
        i += 1
    used.add(name.casefold())
    return name


def _num(value):
    try:
        v = m.to_number(value)
    except (TypeError, ValueError):
        return None
    return v


def _date(value):
    try:
        d = m.to_date(value)
    except (TypeError, ValueError):
        return None
    return d


def plan_rows(records, lang: str, include_rejected: bool = False):
    """Flat, display-ready rows (dicts keyed like :data:`COLUMNS`) sorted by social space, main field, status."""
    field_order = {c: i for i, c in enumerate(m.FIELDS_OF_ACTION.codes)}
    status_order = {s: i for i, s in enumerate(L.STATUS_ORDER)}
    rows = []
    for rec in records:
        status = rec.get("status") or ""
        if status == "rejected" and not include_rejected:
            continue
        codes = m.parse_code_list(rec.get("fields_of_action"))
        main = codes[0] if codes else ""
        sid = rec.get("sozialraum_id")
        sid = "" if sid is None or is_null(sid) else str(sid)
        prio = rec.get("priority")
        try:
            prio = int(prio) if prio is not None and not is_null(prio) else None
        except (TypeError, ValueError):
            prio = None
        row = {
            "sozialraum_id": sid,
            "sozialraum": str(rec.get("sozialraum") or "") if sid else t("no_space", lang),
            "field_main": m.FIELDS_OF_ACTION.label(main, lang) if main else t("no_field", lang),
            "fields_other": ", ".join(m.FIELDS_OF_ACTION.label(c, lang) for c in codes[1:]),
            "title": str(rec.get("title") or ""),
            "measure_type": m.MEASURE_TYPES.label(rec.get("measure_type"), lang) if rec.get("measure_type") else "",
            "status": m.STATUSES.label(status, lang) if status else "",
            "priority": m.PRIORITIES.label(prio, lang) if prio is not None else "",
            "target_group": m.TARGET_GROUPS.label(rec.get("target_group"), lang) if rec.get("target_group") else "",
            "responsible": str(rec.get("responsible") or ""),
            "provider_type": m.PROVIDER_TYPES.label(rec.get("provider_type"), lang) if rec.get("provider_type")
            else "",
            "partners": str(rec.get("partners") or ""),
            "start_date": _date(rec.get("start_date")),
            "end_date": _date(rec.get("end_date")),
            "cost_investment": _num(rec.get("cost_investment")),
            "cost_running": _num(rec.get("cost_running")),
            "funding": str(rec.get("funding") or ""),
            "origin": m.ORIGINS.label(rec.get("origin"), lang) if rec.get("origin") else "",
            "ortsteil": str(rec.get("ortsteil") or ""),
            "description": str(rec.get("description") or ""),
            "measure_id": str(rec.get("measure_id") or ""),
            "_status": status,
            "_field": main,
            "_sort": (sid == "", L._natural_key(sid), field_order.get(main, 99), status_order.get(status, 9),
                      prio if prio is not None else 9, str(rec.get("title") or "").casefold()),
        }
        rows.append(row)
    rows.sort(key=lambda r: r["_sort"])
    return rows


def summary_rows(rows, lang: str, include_rejected: bool = False):
    """(social space, main field) rows with counts by status and costs; subtotals per social space; grand total."""
    statuses = [s for s in STATUS_COLUMNS if include_rejected or s != "rejected"]

    def empty(sid, name, fld):
        d = {"sozialraum_id": sid, "sozialraum": name, "field_main": fld, "count": 0, "cost_investment": 0.0,
             "cost_running": 0.0, "no_costs": 0}
        d.update({s: 0 for s in statuses})
        return d

    def add(acc, r):
        acc["count"] += 1
        if r["_status"] in acc:
            acc[r["_status"]] += 1
        if r["cost_investment"] is None:
            acc["no_costs"] += 1
        else:
            acc["cost_investment"] += r["cost_investment"]
        if r["cost_running"] is not None:
            acc["cost_running"] += r["cost_running"]

    out = []
    total = empty(t("grand_total", lang), "", "")
    current_sid, sub, cell = object(), None, None
    for r in rows:
        if r["sozialraum_id"] != current_sid:
            if sub is not None:
                out.append(sub)
            current_sid = r["sozialraum_id"]
            sub = empty(r["sozialraum_id"], r["sozialraum"], t("subtotal", lang))
            cell = None
        if cell is None or cell["field_main"] != r["field_main"]:
            cell = empty(r["sozialraum_id"], r["sozialraum"], r["field_main"])
            out.append(cell)
        add(cell, r)
        add(sub, r)
        add(total, r)
    if sub is not None:
        out.append(sub)
    out.append(total)
    return out, statuses


def format_money(value, lang: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return L.format_number(value, 0, lang)


def _writer(path, layer_name, fields, first):
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "XLSX"
    opts.layerName = layer_name
    opts.fileEncoding = "UTF-8"
    opts.actionOnExistingFile = (QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteFile if first
                                 else QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer)
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransformContext

    writer = QgsVectorFileWriter.create(str(path), fields, NO_GEOMETRY, QgsCoordinateReferenceSystem(),
                                        QgsCoordinateTransformContext(), opts)
    if writer.hasError() != QgsVectorFileWriter.WriterError.NoError:
        raise QgsProcessingException(f"{path}: {writer.errorMessage()}")
    return writer


def _qdate(value):
    from qgis.PyQt.QtCore import QDate

    if value is None:
        return None
    return QDate(value.year, value.month, value.day)


def write_xlsx(path: Path, rows, lang: str, include_rejected: bool, feedback=None):
    """Summary sheet + one sheet per social space. Returns {sheet name: number of data rows}."""
    used: set = set()
    sheets = {}
    summary, statuses = summary_rows(rows, lang, include_rejected)
    sfields = QgsFields()
    spec = [("sozialraum_id", "string", "Social space id", "Sozialraum-ID"),
            ("sozialraum", "string", "Social space", "Sozialraum"),
            ("field_main", "string", "Field of action", "Handlungsfeld"),
            ("count", "int", *TEXTS["count"])]
    spec += [(s, "int", m.STATUSES.label(s, "en"), m.STATUSES.label(s, "de")) for s in statuses]
    spec += [("cost_investment", "double", "Investment (EUR)", "Investitionskosten (EUR)"),
             ("cost_running", "double", "Running costs (EUR per year)", "Laufende Kosten (EUR pro Jahr)"),
             ("no_costs", "int", *TEXTS["no_costs"])]
    for _key, kind, en, de in spec:
        sfields.append(make_field(de if lang == "de" else en, kind))
    name = sheet_name(t("summary_sheet", lang), used)
    writer = _writer(path, name, sfields, True)
    for r in summary:
        f = QgsFeature(sfields)
        f.setAttributes([r[k] if kind != "double" else round(r[k], 2) for k, kind, _, _ in spec])
        writer.addFeature(f)
    del writer
    sheets[name] = len(summary)

    fields = QgsFields()
    for _key, kind, en, de in SHEET_COLUMNS:
        fields.append(make_field(de if lang == "de" else en, kind))
    groups = {}
    for r in rows:
        groups.setdefault((r["sozialraum_id"], r["sozialraum"]), []).append(r)
    for (sid, sname), group in groups.items():
        if feedback is not None and feedback.isCanceled():
            break
        name = sheet_name(f"{sid} {sname}".strip() if sid else sname, used)
        writer = _writer(path, name, fields, False)
        for r in group:
            f = QgsFeature(fields)
            values = []
            for key, kind, _, _ in SHEET_COLUMNS:
                v = r[key]
                if kind == "date":
                    v = _qdate(v)
                values.append(v)
            f.setAttributes(values)
            writer.addFeature(f)
        del writer
        sheets[name] = len(group)
    return sheets


def write_csv(path: Path, rows, lang: str) -> int:
    """All measures; German: ``;`` and decimal comma, English: ``,``; UTF-8 with BOM (Excel)."""
    delimiter = ";" if lang == "de" else ","
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow([de if lang == "de" else en for _, _, en, de in COLUMNS])
        for r in rows:
            out = []
            for key, kind, _, _ in COLUMNS:
                v = r[key]
                if v is None:
                    out.append("")
                elif kind == "date":
                    out.append(v.isoformat())
                elif kind == "double":
                    out.append(f"{v:.2f}".replace(".", ",") if lang == "de" else f"{v:.2f}")
                else:
                    out.append(str(v))
            w.writerow(out)
    return len(rows)


def _h(text) -> str:
    return L._esc(text)


def report_html(rows, lang: str, include_rejected: bool, title: str, date_text: str) -> str:
    """The PDF report as Qt rich text (HTML subset): summary, then one section per social space."""
    summary, statuses = summary_rows(rows, lang, include_rejected)
    n_spaces = len({r["sozialraum_id"] for r in rows})
    css = (
        "body { color: #1a1a1a; } h1 { color: #1f4e79; font-size: 17pt; margin: 0; } "
        "h2 { color: #1f4e79; font-size: 12.5pt; margin-top: 0; margin-bottom: 4px; } "
        "p.sub { color: #595959; font-size: 9pt; margin-top: 2px; } "
        "th { background-color: #1f4e79; color: #ffffff; font-weight: bold; font-size: 8pt; } "
        "td { font-size: 8pt; } td.num { text-align: right; } tr.sum td { font-weight: bold; "
        "background-color: #dde6ef; } tr.alt td { background-color: #eef2f6; } p.note { color: #595959; "
        "font-size: 7.5pt; }"
    )
    out = [f"<html><head><style>{css}</style></head><body>",
           f"<h1>{_h(title)}</h1>",
           f"<p class='sub'>{_h(t('as_of', lang, d=date_text))} · "
           f"{_h(t('n_measures', lang, n=len(rows), k=n_spaces))}</p>"]
    heads = [m.FIELDS_BY_NAME["sozialraum"].label(lang), t("field", lang), t("count", lang)]
    heads += [m.STATUSES.label(s, lang) for s in statuses]
    heads += [t("invest_short", lang), t("running_short", lang)]
    out.append("<table width='100%' cellspacing='0' cellpadding='3' border='0'><thead><tr>")
    out += [f"<th align='left'>{_h(h)}</th>" if i < 2 else f"<th align='right'>{_h(h)}</th>"
            for i, h in enumerate(heads)]
    out.append("</tr></thead><tbody>")
    for i, r in enumerate(summary):
        is_sum = r["field_main"] in (t("subtotal", lang), "")
        cls = " class='sum'" if is_sum else (" class='alt'" if i % 2 else "")
        space = r["sozialraum"] if r["sozialraum"] else r["sozialraum_id"]
        if r["sozialraum_id"] and r["sozialraum"] and r["sozialraum_id"] != t("grand_total", lang):
            space = f"{r['sozialraum_id']} {r['sozialraum']}"
        cells = [space, r["field_main"], str(r["count"])] + [str(r[s]) for s in statuses]
        cells += [format_money(r["cost_investment"], lang), format_money(r["cost_running"], lang)]
        out.append(f"<tr{cls}>" + "".join(
            f"<td>{_h(c)}</td>" if j < 2 else f"<td class='num' align='right'>{_h(c)}</td>"
            for j, c in enumerate(cells)) + "</tr>")
    out.append("</tbody></table>")
    notes = [t("main_field_note", lang)]
    if not include_rejected:
        notes.append(t("rejected_note", lang))
    out.append(f"<p class='note'>{_h(' '.join(notes))}</p>")

    groups = {}
    for r in rows:
        groups.setdefault((r["sozialraum_id"], r["sozialraum"]), []).append(r)
    cols = [(t("nr", lang), "right"), (t("measure", lang), "left"),
            (t("field", lang), "left"),
            (m.FIELDS_BY_NAME["status"].label(lang), "left"),
            (m.FIELDS_BY_NAME["responsible"].label(lang), "left"), (t("period", lang), "left"),
            (t("invest_short", lang), "right"), (t("running_short", lang), "right")]
    for (sid, sname), group in groups.items():
        head = f"{sid} {sname}".strip() if sid else sname
        out.append(f"<h2 style='page-break-before: always'>{_h(head)}</h2>")
        out.append("<table width='100%' cellspacing='0' cellpadding='3' border='0'><thead><tr>")
        out += [f"<th align='{a}'>{_h(h)}</th>" for h, a in cols]
        out.append("</tr></thead><tbody>")
        inv = run = 0.0
        for i, r in enumerate(group, 1):
            period = L._period(r["start_date"].isoformat() if r["start_date"] else None,
                               r["end_date"].isoformat() if r["end_date"] else None, lang)
            field_text = r["field_main"] + (f" ({r['fields_other']})" if r["fields_other"] else "")
            cells = [str(i), r["title"], field_text, r["status"], r["responsible"], period,
                     format_money(r["cost_investment"], lang), format_money(r["cost_running"], lang)]
            inv += r["cost_investment"] or 0.0
            run += r["cost_running"] or 0.0
            cls = " class='alt'" if i % 2 == 0 else ""
            out.append(f"<tr{cls}>" + "".join(
                f"<td align='{a}'>{_h(c)}</td>" for c, (_, a) in zip(cells, cols)) + "</tr>")
        out.append("<tr class='sum'>" + "".join(f"<td align='{a}'>{_h(c)}</td>" for c, (_, a) in zip(
            ["", t("subtotal", lang), "", "", "", "", format_money(inv, lang), format_money(run, lang)], cols))
            + "</tr>")
        out.append("</tbody></table>")
    out.append("</body></html>")
    return "".join(out)


def write_pdf(path: Path, html: str, lang: str, title: str, date_text: str) -> int:
    """Paginate the HTML on A4 landscape with a footer (title, date, page i of n); returns the page count."""
    from qgis.PyQt.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
    from qgis.PyQt.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument, QTextOption

    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator("ISRP for QGIS")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                     QMarginsF(14, 12, 14, 14), QPageLayout.Unit.Millimeter))
    dpmm = writer.resolution() / 25.4
    paint = writer.pageLayout().paintRectPixels(writer.resolution())
    footer_h = 8 * dpmm
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    font = QFont(L.FONT_FAMILY)
    QFont.insertSubstitutions(L.FONT_FAMILY, list(L.FONT_FALLBACKS))
    font.setPointSizeF(8.5)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    body = QSizeF(paint.width(), paint.height() - footer_h)
    doc.setPageSize(body)
    pages = max(doc.pageCount(), 1)
    painter = QPainter(writer)
    try:
        small = QFont(L.FONT_FAMILY)
        small.setPointSizeF(7.5)
        for i in range(pages):
            if i:
                writer.newPage()
            painter.save()
            painter.translate(0, -i * body.height())
            doc.drawContents(painter, QRectF(0, i * body.height(), body.width(), body.height()))
            painter.restore()
            painter.setPen(QColor("#b7b7b7"))
            y = paint.height() - footer_h + 2.5 * dpmm
            painter.drawLine(QPointF(0, y), QPointF(paint.width(), y))
            painter.setFont(small)
            painter.setPen(QColor("#595959"))
            left = f"{title} · {t('as_of', lang, d=date_text)} · ISRP for QGIS {L.VERSION}"
            painter.drawText(QRectF(0, y + 1 * dpmm, paint.width() * 0.8, 5 * dpmm), left,
                             QTextOption(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter))
            painter.drawText(QRectF(0, y + 1 * dpmm, paint.width(), 5 * dpmm), t("page", lang, i=i + 1, n=pages),
                             QTextOption(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
    finally:
        painter.end()
    return pages


class MeasurePlanAlgorithm(IsrpAlgorithm):
    MEASURES = "MEASURES"
    UNITS = "UNITS"
    UNIT_ID_FIELD = "UNIT_ID_FIELD"
    UNIT_NAME_FIELD = "UNIT_NAME_FIELD"
    LANGUAGE = "LANGUAGE"
    INCLUDE_REJECTED = "INCLUDE_REJECTED"
    TITLE = "TITLE"
    OUTPUT_XLSX = "OUTPUT_XLSX"
    OUTPUT_CSV = "OUTPUT_CSV"
    OUTPUT_PDF = "OUTPUT_PDF"
    MEASURES_COUNT = "MEASURES_COUNT"
    SOCIAL_SPACES = "SOCIAL_SPACES"

    LANGS = ("de", "en")

    def name(self) -> str:  # noqa: D102
        return "measureplan"

    def displayName(self) -> str:  # noqa: N802, D102
        return self.tr("Measure plan (XLSX, CSV, PDF)")

    def group(self) -> str:  # noqa: D102
        return self.tr("Publish")

    def groupId(self) -> str:  # noqa: N802, D102
        return "publish"

    def icon(self):  # noqa: D102
        from qgis.PyQt.QtGui import QIcon

        from ..__about__ import resource_path

        return QIcon(str(resource_path("icons", "measureplan.svg")))

    def shortHelpString(self) -> str:  # noqa: N802, D102
        return self.tr(
            "The measure plan of the integrated social-space plan: measures grouped by social space and field of "
            "action with status, responsible body, timing and costs.\n\n"
            "XLSX: a summary sheet (per social space and main field of action: number of measures by status, "
            "investment costs in EUR, running costs in EUR per year, measures without an investment figure; "
            "subtotals per social space and a grand total) and one sheet per social space with its measures. "
            "CSV: all measures in one table (German: semicolon and decimal comma; UTF-8). PDF: a printable "
            "report with the summary and one section per social space.\n\n"
            "A measure with several fields of action is listed under the first one. Measures without a social "
            "space get it from the units layer (if given) by their location. Each output gets a sidecar "
            "<file>.json with the plugin version, inputs and parameters."
        )

    def initAlgorithm(self, config=None):  # noqa: N802, D102
        self.addParameter(QgsProcessingParameterMultipleLayers(
            self.MEASURES, self.tr("Measure layers"), TYPE_ANY_GEOMETRY))
        self.addParameter(QgsProcessingParameterEnum(
            self.LANGUAGE, self.tr("Language"), [self.tr("German"), self.tr("English")], defaultValue=0))
        self.addParameter(QgsProcessingParameterBoolean(
            self.INCLUDE_REJECTED, self.tr("Include rejected measures"), defaultValue=False))
        advanced = [
            QgsProcessingParameterVectorLayer(
                self.UNITS, self.tr("Social spaces (for measures without a social space)"), [TYPE_POLYGON],
                optional=True),
            QgsProcessingParameterField(
                self.UNIT_ID_FIELD, self.tr("Social space id field"), "sozialraum_id", self.UNITS, FIELD_ANY,
                optional=True),
            QgsProcessingParameterField(
                self.UNIT_NAME_FIELD, self.tr("Social space name field"), "sozialraum", self.UNITS, FIELD_ANY,
                optional=True),
            QgsProcessingParameterString(self.TITLE, self.tr("Report title"), optional=True),
        ]
        for param in advanced:
            param.setFlags(param.flags() | ADVANCED)
            self.addParameter(param)
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT_XLSX, self.tr("Measure plan (XLSX)"), self.tr("Excel workbooks (*.xlsx)")))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT_CSV, self.tr("Measure plan (CSV)"), self.tr("CSV files (*.csv)"), optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.OUTPUT_PDF, self.tr("Measure plan report (PDF)"), self.tr("PDF files (*.pdf)"), optional=True,
            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber(self.MEASURES_COUNT, self.tr("Number of measures")))
        self.addOutput(QgsProcessingOutputNumber(self.SOCIAL_SPACES, self.tr("Number of social spaces")))

    def _records(self, layers, units, id_field, name_field, context, feedback):
        index = None
        unit_feats = {}
        if units is not None:
            index = QgsSpatialIndex(units.getFeatures())
            unit_feats = {f.id(): f for f in units.getFeatures()}
        records = []
        assigned = 0
        for layer in layers:
            names = layer.fields().names()
            if "title" not in names and "status" not in names:
                feedback.reportError(self.tr("Layer “{0}” has no measure fields (title, status); skipped.").format(
                    layer.name()))
                continue
            xform = None
            if units is not None and layer.crs() != units.crs():
                xform = QgsCoordinateTransform(layer.crs(), units.crs(), context.transformContext())
            for feat in layer.getFeatures():
                if feedback.isCanceled():
                    return records, assigned
                rec = {n: (None if is_null(feat[n]) else feat[n]) for n in m.FIELD_NAMES if n in names}
                for key in ("start_date", "end_date"):
                    v = rec.get(key)
                    if v is not None and hasattr(v, "toString"):
                        rec[key] = v.toString("yyyy-MM-dd")
                if not rec.get("sozialraum_id") and index is not None:
                    geom = QgsGeometry(feat.geometry())
                    if not geom.isEmpty():
                        if xform is not None:
                            geom.transform(xform)
                        pt = geom if geom.type() == L.GEOM_POINT else geom.pointOnSurface()
                        for fid in index.intersects(pt.boundingBox()):
                            uf = unit_feats[fid]
                            if uf.geometry().intersects(pt):
                                rec["sozialraum_id"] = None if is_null(uf[id_field]) else str(uf[id_field])
                                rec["sozialraum"] = None if is_null(uf[name_field]) else str(uf[name_field])
                                assigned += 1
                                break
                records.append(rec)
        return records, assigned

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802, D102
        layers = self.parameterAsLayerList(parameters, self.MEASURES, context)
        if not layers:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.MEASURES))
        lang = self.LANGS[self.parameterAsEnum(parameters, self.LANGUAGE, context)]
        include_rejected = self.parameterAsBool(parameters, self.INCLUDE_REJECTED, context)
        units = self.parameterAsVectorLayer(parameters, self.UNITS, context)
        id_field = self.parameterAsString(parameters, self.UNIT_ID_FIELD, context) or "sozialraum_id"
        name_field = self.parameterAsString(parameters, self.UNIT_NAME_FIELD, context) or "sozialraum"
        if units is not None:
            for f in (id_field, name_field):
                if units.fields().lookupField(f) < 0:
                    raise QgsProcessingException(self.tr("The units layer has no field {0}.").format(f))
        title = self.parameterAsString(parameters, self.TITLE, context) or t("title", lang)
        xlsx = self.parameterAsFileOutput(parameters, self.OUTPUT_XLSX, context)
        csv_path = self.parameterAsFileOutput(parameters, self.OUTPUT_CSV, context)
        pdf_path = self.parameterAsFileOutput(parameters, self.OUTPUT_PDF, context)
        if not xlsx:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT_XLSX))

        records, assigned = self._records(layers, units, id_field, name_field, context, feedback)
        if assigned:
            feedback.pushInfo(self.tr("{0} measures got their social space from the units layer.").format(assigned))
        rows = plan_rows(records, lang, include_rejected)
        spaces = len({r["sozialraum_id"] for r in rows})
        feedback.pushInfo(self.tr("{0} measures in {1} social spaces").format(len(rows), spaces))
        feedback.setProgress(20)
        date = _dt.date.today()
        date_text = date.strftime("%d.%m.%Y") if lang == "de" else date.isoformat()
        written = {}
        sheets = write_xlsx(Path(xlsx), rows, lang, include_rejected, feedback)
        written[xlsx] = {"sheets": sheets}
        feedback.pushInfo(self.tr("XLSX: {0} sheets → {1}").format(len(sheets), xlsx))
        feedback.setProgress(50)
        if csv_path and not feedback.isCanceled():
            n = write_csv(Path(csv_path), rows, lang)
            written[csv_path] = {"rows": n}
            feedback.pushInfo(self.tr("CSV: {0} rows → {1}").format(n, csv_path))
        feedback.setProgress(65)
        if pdf_path and not feedback.isCanceled():
            pages = write_pdf(Path(pdf_path), report_html(rows, lang, include_rejected, title, date_text), lang,
                              title, date_text)
            written[pdf_path] = {"pages": pages}
            feedback.pushInfo(self.tr("PDF: {0} pages → {1}").format(pages, pdf_path))
        feedback.setProgress(95)
        inputs = {"measures": [layer_record(lyr) for lyr in layers], "units": layer_record(units)}
        for path, info in written.items():
            L.write_sidecar(path, "isrp:measureplan", parameters, inputs, {"file": path, **info},
                            {"language": lang, "include_rejected": include_rejected, "measures": len(rows),
                             "social_spaces": spaces}, qgis_version=Qgis.QGIS_VERSION)
        feedback.setProgress(100)
        return {self.OUTPUT_XLSX: xlsx, self.OUTPUT_CSV: csv_path or None, self.OUTPUT_PDF: pdf_path or None,
                self.MEASURES_COUNT: len(rows), self.SOCIAL_SPACES: spaces}
