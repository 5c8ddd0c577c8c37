"""The recap workbook (SOP steps 5–9) and the tidy CSV export.

``write_recap(catalog, period, submissions, path, statuses=…, generated=…)`` is the
library entry point; ``merge_workspace`` / ``export_workspace`` read a
workspace's ledger for the CLI.
"""

from kinerja_xl.recap.export import ExportResult, Flavour, export_csv
from kinerja_xl.recap.model import RecapModel, build_model
from kinerja_xl.recap.pdf import recap_to_pdf
from kinerja_xl.recap.run import export_workspace, merge_workspace
from kinerja_xl.recap.workbook import RecapResult, write_recap

__all__ = ["ExportResult", "Flavour", "RecapModel", "RecapResult", "build_model", "export_csv",
           "export_workspace", "merge_workspace", "recap_to_pdf", "write_recap"]
