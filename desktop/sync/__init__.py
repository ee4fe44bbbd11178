"""Sync with the central system.  Pure Python: never imports Qt.  It speaks the
wire format of the ``wire`` package, which ``central/`` imports too.

- ``client``       the httpx client and its typed errors
- ``credentials``  the device credential file (``device.json``, owner-only)
- ``engine``       one sync round (``SyncEngine.run_once``), backoff and status for the app
- ``lookup``       live questions: online verification, progress lookup
"""
