"""Reference data the central system hands to every counter: policy and holiday files.

A policy file (national period or regional overlay: amounts, shortage
catalogue, materials of the one-time notice) or a holiday arrangement is
published once (``python -m central publish policies|holidays FILE``) and
pulled by every counter into its data folder (``policies/``, ``holidays/``),
where the verifier reads it beside the shipped files.  A file is checked
with the counter's own loaders before it is published, together with the
shipped policies and everything published before, so a counter never
receives a file that would stop its verifier from loading.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path

from sqlalchemy import Engine, select

from central.db import Sequences, read, reference_files, utcnow, write
from desktop.models.errors import InvalidInput, PolicyError
from wire import REFERENCE_FOLDERS, STREAM_REFERENCE

SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,100}\.toml")


def _check(folder: str, name: str, content: str, engine: Engine) -> None:
    from desktop.models.policy import PolicyBook, default_policy_dirs
    from desktop.models.workdays import load_arrangement

    with tempfile.TemporaryDirectory(prefix="zhanchi-central-") as tmp:
        root = Path(tmp)
        with read(engine) as conn:
            for path, text in conn.execute(select(reference_files.c.path, reference_files.c.content)):
                target = root / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        target = root / folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        if folder == "holidays":
            load_arrangement(target)
        else:
            PolicyBook.load(default_policy_dirs(root))


def publish(engine: Engine, folder: str, source: Path) -> dict[str, str | int]:
    """Check and publish ``source`` as ``folder/<its name>``; republishing replaces the earlier one."""
    if folder not in REFERENCE_FOLDERS:
        raise InvalidInput("folder", f"应为 {' 或 '.join(REFERENCE_FOLDERS)}，收到“{folder}”")
    name = source.name
    if not SAFE_NAME.fullmatch(name):
        raise InvalidInput("FILE", f"文件名“{name}”只能含字母、数字、点、减号和下划线，并以 .toml 结尾")
    try:
        content = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput("FILE", f"无法读取 {source}：{exc}") from None
    try:
        _check(folder, name, content, engine)
    except PolicyError as exc:
        raise InvalidInput("FILE", str(exc)) from None
    path = f"{folder}/{name}"
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    with write(engine) as conn:
        seqs = Sequences(conn, (STREAM_REFERENCE,))
        seq = seqs.next(STREAM_REFERENCE)
        values = {"sha256": digest, "content": content, "published_at": utcnow(), "seq": seq}
        if conn.scalar(select(reference_files.c.path).where(reference_files.c.path == path)) is None:
            conn.execute(reference_files.insert().values(path=path, **values))
        else:
            conn.execute(reference_files.update().where(reference_files.c.path == path).values(**values))
        seqs.flush()
    return {"path": path, "sha256": digest, "seq": seq}
