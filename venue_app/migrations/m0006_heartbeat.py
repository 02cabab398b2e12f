"""Stations: when the registry last heard from each (its heartbeat), for freshness on dashboards."""

SQL = """
ALTER TABLE stations ADD COLUMN last_seen TEXT;
"""
