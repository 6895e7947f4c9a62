"""Pure computational core of ISRP.

Modules here import only the standard library, numpy, scipy and pandas, so that
they are fast to test without QGIS and reusable from any Python console.
A test (tests/core/test_code_layout.py) keeps this true.
"""
