"""Badges: templates, fonts for every script, QR, rendering to PDF, printer back-ends, the print queue.

Qt-free except :mod:`printing.qtprinter` (import it lazily). Modules:
:mod:`~printing.fonts` (bundled fonts, script runs, bidi), :mod:`~printing.templates` (JSON templates),
:mod:`~printing.layout` (fit text into boxes), :mod:`~printing.render` (reportlab PDF),
:mod:`~printing.qr` (QR matrices sized for paper), :mod:`~printing.backends` (PDF, CUPS, discovery),
:mod:`~printing.queue` (persistent print queue), :mod:`~printing.testpage` (ruler page),
:mod:`~printing.raster` (a badge as printer dots), :mod:`~printing.brotherql` (Brother QL raster over
the network), :mod:`~printing.zpl` (Zebra ZPL over the network).
"""
