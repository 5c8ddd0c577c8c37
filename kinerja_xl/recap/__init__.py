"""The recap workbook (SOP steps 5–9) and the tidy CSV export."""

from kinerja_xl.recap.model import BidangStatusRow, RecapModel, build_model
from kinerja_xl.recap.workbook import RecapResult, write_recap

__all__ = ["BidangStatusRow", "RecapModel", "RecapResult", "build_model", "write_recap"]
