"""A station process enrolling from a snapshot that stops at a chosen point, for the test to SIGKILL it there.

``download``: after the first chunk of the snapshot reached the disk; ``swap``: in the middle of the copy
into the replica (SQLite's backup, a few pages per step). It prints the point it reached and waits on
stdin, which the test never answers: the test kills it.
"""

from __future__ import annotations

import functools
import sys
from typing import Any, BinaryIO

from venue_app.paths import Paths
from venue_app.sync import snapshot
from venue_app.sync.client import RegistryClient
from venue_app.sync.enroll import enroll


def stop_here(point: str) -> None:
    print(point, flush=True)
    sys.stdin.readline()  # the test SIGKILLs this process meanwhile


def main(data: str, url: str, code: str, point: str) -> None:
    if point == "download":
        real = RegistryClient.snapshot

        def stalling(self: RegistryClient, out: BinaryIO, header: str, **kwargs: Any) -> tuple[str, str]:
            class Stall:
                def write(self, chunk: bytes) -> None:
                    out.write(chunk)
                    out.flush()
                    stop_here("downloading")

            return real(self, Stall(), header, **kwargs)  # type: ignore[arg-type]

        RegistryClient.snapshot = stalling  # type: ignore[method-assign]
    else:
        snapshot.install_open = functools.partial(  # type: ignore[assignment]
            snapshot.install_open, pages=4, step=lambda *_: stop_here("swapping"))
    enroll(Paths.at(data), url, code, name="Killed")
    print("finished", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])
