"""读卡 (F2): the ID-card reader read on a thread of its own, the card handed to the page (issue 16.1).

A reader SDK blocks (a serial port may take a second or two) and is not re-entrant: one read at a
time, never on the GUI thread nor on the database worker.  The reader is made from the settings at
the first read (``reader_factory``), so a counter without one pays nothing for it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.devices.idcard import CardReader, IdCard, ReaderError
from desktop.views.tasks import TaskRunner

ReaderFactory = Callable[[], "CardReader | None"]


def _no_reader() -> CardReader | None:
    return None


class CardReaderControl(QObject):
    card_read = Signal(object)  # IdCard
    failed = Signal(object)  # the error (a ReaderError says what to do, in words)

    def __init__(self, reader_factory: ReaderFactory = _no_reader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reader_factory = reader_factory
        self.reader: CardReader | None = None
        self.runner: TaskRunner | None = None  # its thread starts at the first read
        self.busy = False

    def read(self) -> bool:
        """Start a read (False: one is under way already)."""
        if self.busy:
            return False
        self.busy = True

        def read() -> IdCard:
            if self.reader is None:
                self.reader = self.reader_factory()
            if self.reader is None:
                raise ReaderError(self.tr("本机未设置身份证阅读器：请在“设置”中选择读卡器，或直接输入身份证号码"))
            return self.reader.read()

        if self.runner is None:
            self.runner = TaskRunner(self.failed.emit, self, name="zhanchi-idcard")
        self.runner.run(read, self._done, self._failed)
        return True

    def _done(self, card: IdCard) -> None:
        self.busy = False
        self.card_read.emit(card)

    def _failed(self, error: Exception) -> None:
        self.busy = False
        self.failed.emit(error)

    def shutdown(self) -> None:
        if self.runner is not None:
            self.runner.shutdown()  # after the read in hand: nothing else uses the reader then
            self.runner = None
        reader, self.reader = self.reader, None
        if reader is not None:
            with contextlib.suppress(ReaderError):  # closing: nothing left to tell
                reader.close()
