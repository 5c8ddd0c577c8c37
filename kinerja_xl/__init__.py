"""kinerja-xl: quarterly performance-data collection (Pengumpulan Data Kinerja) for SAKIP."""

__version__ = "0.1.0"

#: Version of the form layout. Intake refuses forms of another template version.
TEMPLATE_VERSION = "1"
