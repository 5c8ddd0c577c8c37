"""One module per sheet of the recap workbook: ``layout(model)`` (where things go) and ``write(ws, ctx)``."""
