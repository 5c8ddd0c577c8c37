"""The office server (``kinerja-xl serve``): bidang upload their forms in a browser, the pengelola
follows the collection. Routes are thin: parse the request, call one library function, render."""

from kinerja_xl.server.app import create_app

__all__ = ["create_app"]
