"""Sync with the central system.  Pure Python: never imports Qt.

- ``protocol``     the wire format (pydantic), shared with ``central/``
- ``client``       the httpx client and its typed errors
- ``credentials``  the device credential file (``device.json``, owner-only)
- ``engine``       one sync round (``SyncEngine.run_once``), backoff and status for the app
- ``lookup``       live questions: online verification, progress lookup
"""
