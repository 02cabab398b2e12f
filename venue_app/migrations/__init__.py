"""Numbered schema migrations of the station replica: ``mNNNN_name.py`` with ``SQL`` or ``apply(conn)``.

Never edit a migration that has been released; add the next number instead. Numbers reserved:
0001 core, 0002 search, 0003 print queue.
"""
