"""Which reader the counter uses, from one line of settings (``idcard_reader``):

- empty: none (the 读卡 key says so; a keyboard-mode reader still works through the scanner path);
- ``simulated``: the simulated reader (the demo's people, one after another);
- ``termb``: the vendor's ``termb`` library where the system finds it (termb.dll / libtermb.so);
- ``termb:PATH``, ``termb:PATH@PORT``, ``termb@PORT``: that library file, that port (1001–1016 USB,
  1–16 serial; without one the USB ports, then the serial ones, are tried).
"""

from __future__ import annotations

from pathlib import Path

from desktop.devices.idcard.card import CardReader, ReaderError


def reader_from_spec(spec: str, data_dir: Path | None = None) -> CardReader | None:
    """The reader the line names, not yet opened (None: no reader); ``ReaderError`` for a line it
    cannot read."""
    text = spec.strip()
    if not text:
        return None
    if text == "simulated":
        from desktop.devices.idcard.simulated import SimulatedReader, demo_cards

        return SimulatedReader(demo_cards(data_dir) if data_dir is not None else [], cycle=True)
    library, port = _termb(text)
    from desktop.devices.idcard.termb import TermbReader

    return TermbReader(library, port=port)


def check_spec(spec: str) -> None:
    """``ReaderError`` when the line names no reader this program knows."""
    text = spec.strip()
    if text and text != "simulated":
        _termb(text)


def _termb(text: str) -> tuple[Path | None, int | None]:
    kind, _, rest = text.partition(":")
    port: int | None = None
    if "@" in kind:
        kind, _, port_text = kind.partition("@")
        rest = rest or ""
    elif "@" in rest:
        rest, _, port_text = rest.rpartition("@")
    else:
        port_text = ""
    if kind != "termb":
        raise ReaderError.of("reader.bad_setting", setting=text)
    if port_text:
        if not port_text.isdigit():
            raise ReaderError.of("reader.bad_port", port=port_text)
        port = int(port_text)
    return (Path(rest) if rest else None), port
