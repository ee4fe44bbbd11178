"""The reference central system of Zhanchi Counter (FastAPI + SQLAlchemy).

``python -m central`` (``central.cli``); the HTTP interface is ``central.app``
and speaks the wire protocol of the ``wire`` package.
"""
