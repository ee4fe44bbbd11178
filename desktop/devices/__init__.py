"""The counter's devices: the ID-card reader (``idcard``) and what the receipt printer did (``printing``).

Pure Python, no Qt: a reader SDK is reached through ``ctypes``, and what a print job came to is a
fact the audit trail keeps.  The views wire them to keys and buttons (``desktop.views``).
"""
