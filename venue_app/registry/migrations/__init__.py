"""Numbered schema migrations of the registry database (SQLite and PostgreSQL): ``rNNNN_name.py``.

Each module has a docstring (its first line says in words what it changes) and
``upgrade(conn: sqlalchemy.engine.Connection) -> None``, which must work on both dialects (SQLAlchemy
constructs, or branches on ``conn.dialect.name``; SQLite's ``ALTER TABLE`` only adds and renames
columns, other changes rebuild the table). The number reached is kept as the ``schema`` row of the
``meta`` table (the row the first registry already wrote, ``"1"``), so a database created before these
migrations existed is simply version 1.

:meth:`venue_app.registry.store.Store.open` runs :func:`upgrade` inside one transaction that also holds
the schema lock (SQLite ``BEGIN IMMEDIATE``, PostgreSQL :func:`lock`): all steps commit together or not
at all, and of several processes opening one old database at once exactly one migrates it. A database
whose version is newer than :func:`latest` is refused and left untouched.

Never edit a migration that has been released; add the next number instead.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

__all__ = ["STEPS", "Migration", "StepFailed", "UnknownSchema", "describe", "latest", "lock", "read_version",
           "upgrade"]


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    description: str
    apply: Callable[[Connection], None]


def _discover() -> tuple[Migration, ...]:
    found: list[Migration] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("r") and info.name[1:5].isdigit():
            module = importlib.import_module(f"{__name__}.{info.name}")
            description = (module.__doc__ or info.name).strip().splitlines()[0].rstrip(".")
            found.append(Migration(int(info.name[1:5]), info.name, description, module.upgrade))
    found.sort(key=lambda m: m.number)
    numbers = [m.number for m in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"registry migrations must be numbered 1, 2, 3… without gaps: {numbers}")
    return tuple(found)


#: every migration, in order (tests may replace it to exercise an upgrade)
STEPS: tuple[Migration, ...] = _discover()

_meta = sa.table("meta", sa.column("key", sa.String), sa.column("value", sa.Text))
# the first key of PostgreSQL's two-key advisory lock; the second is the schema (registries may share a database)
_LOCK_CLASS = 0x76656E75  # "venu"


def latest(steps: Sequence[Migration] | None = None) -> int:
    """The schema version this code creates and understands."""
    steps = STEPS if steps is None else steps
    return steps[-1].number if steps else 0


class UnknownSchema(Exception):
    """The database holds a ``meta`` table without a registry schema version in it."""


class StepFailed(Exception):
    """A migration raised (its exception is the cause); the caller's transaction must be rolled back."""

    def __init__(self, step: Migration, start: int, error: BaseException) -> None:
        reason = getattr(error, "orig", None) or error
        super().__init__(f"migration {step.number} ({step.description}) failed: "
                         f"{(str(reason).splitlines() or [type(error).__name__])[0][:300]}")
        self.step = step
        self.start = start


def read_version(conn: Connection) -> int:
    """The database's schema version: 0 when it holds no registry (no ``meta`` table).

    Raises :class:`UnknownSchema` for a ``meta`` table without a readable ``schema`` row (not a
    registry database, or one whose creation was interrupted before the first registry's seed rows).
    """
    if not sa.inspect(conn).has_table("meta"):
        return 0
    value = conn.execute(sa.select(_meta.c.value).where(_meta.c.key == "schema")).scalar()
    try:
        version = int(str(value).strip())
    except ValueError:
        raise UnknownSchema(f"its table `meta` holds no schema version (found {value!r})") from None
    if version < 1:
        raise UnknownSchema(f"its table `meta` holds the schema version {value!r}")
    return version


def lock(conn: Connection) -> None:
    """Take the schema lock for the rest of ``conn``'s transaction. PostgreSQL: an advisory lock per
    schema. SQLite needs none here: its transaction must have begun with ``BEGIN IMMEDIATE``, which
    already holds the database's only write lock."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:cls, hashtext(current_schema()))"),
                     {"cls": _LOCK_CLASS})


def upgrade(conn: Connection, start: int, steps: Sequence[Migration] | None = None) -> list[Migration]:
    """Apply the migrations after ``start`` in ``conn``'s transaction and record the version reached;
    returns those applied. The caller holds the lock and commits (or rolls back everything)."""
    steps = STEPS if steps is None else steps
    applied: list[Migration] = []
    for step in steps:
        if step.number <= start:
            continue
        try:
            step.apply(conn)
        except Exception as exc:
            raise StepFailed(step, start, exc) from exc
        applied.append(step)
    if applied:
        reached = str(applied[-1].number)
        if start == 0:
            conn.execute(sa.insert(_meta).values(key="schema", value=reached))
        else:
            conn.execute(sa.update(_meta).where(_meta.c.key == "schema").values(value=reached))
    return applied


def describe(applied: Sequence[Migration]) -> str:
    """``2 (what it did), 3 (…)`` for a log line."""
    return ", ".join(f"{m.number} ({m.description})" for m in applied)
