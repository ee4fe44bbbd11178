"""二代身份证阅读器 (issue 16.1): a small interface for reader SDKs, and the readers behind it.

``CardReader`` is what the window asks (``read()`` -> ``IdCard``); ``TermbReader`` drives the
widely used ``termb`` vendor library through ``ctypes``; ``SimulatedReader`` stands in for tests
and the demo; ``reader_from_spec`` picks one from the settings.  No Qt here: the window reads on a
thread of its own and shows the photo; nothing here keeps it.
"""

from desktop.devices.idcard.card import CardReader, IdCard, NoCard, ReaderError
from desktop.devices.idcard.config import reader_from_spec

__all__ = ["CardReader", "IdCard", "NoCard", "ReaderError", "reader_from_spec"]
