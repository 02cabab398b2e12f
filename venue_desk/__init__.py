"""The composition root of venue desk: what puts the parts together and starts them.

The ``venue-app`` command line (:mod:`venue_desk.cli`), the benchmarks (:mod:`venue_desk.bench`), the
demo congress (:mod:`venue_desk.demo`, :mod:`venue_desk.demodata`) and the self-test
(:mod:`venue_desk.selftest`). It sits above every other package — the GUI (``ui``), printing, devices
and the Qt-free core (``venue_app``) — and none of them imports it (``./dev lint`` checks the layers).
"""
