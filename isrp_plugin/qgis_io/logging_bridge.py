"""Bridge stdlib ``logging`` (used by the pure core) into QGIS's message log."""

import logging

from qgis.core import Qgis, QgsMessageLog

LOG_TAG = "ISRP"
LOGGER_NAME = "isrp_plugin"

_LEVELS = (
    (logging.ERROR, Qgis.MessageLevel.Critical),
    (logging.WARNING, Qgis.MessageLevel.Warning),
    (logging.INFO, Qgis.MessageLevel.Info),
)


class QgsMessageLogHandler(logging.Handler):
    """Writes log records to the "ISRP" tab of the QGIS message log."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = self.format(record)
        except Exception:  # noqa: BLE001 - a log call must never raise
            message = record.getMessage()
        level = Qgis.MessageLevel.Info
        for threshold, qgis_level in _LEVELS:
            if record.levelno >= threshold:
                level = qgis_level
                break
        QgsMessageLog.logMessage(message, LOG_TAG, level, notifyUser=False)


def install() -> QgsMessageLogHandler:
    """Attach the bridge to the plugin's logger; returns the handler for removal."""
    logger = logging.getLogger(LOGGER_NAME)
    handler = QgsMessageLogHandler()
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger.addHandler(handler)
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)
    return handler


def uninstall(handler: logging.Handler) -> None:
    logging.getLogger(LOGGER_NAME).removeHandler(handler)
