"""This PC's IPv4 addresses on the office network (for the addresses ``serve`` prints)."""

from __future__ import annotations

import socket


def lan_addresses() -> list[str]:
    """Non-loopback IPv4 addresses, the one of the default route first. No packet is sent."""
    found: list[str] = []
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.255.255.255", 1))  # UDP connect only picks a route
            found.append(s.getsockname()[0])
    except OSError:
        pass
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(str(info[4][0]))
    except OSError:
        pass
    return [a for a in dict.fromkeys(found) if not a.startswith("127.") and a != "0.0.0.0"]
