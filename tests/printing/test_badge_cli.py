"""The badge commands end to end through ``venue_desk.cli.main``."""

from __future__ import annotations

import json
from pathlib import Path

from badge_helpers import LINEAR_B, decode_qr, norm, pdf_text

from venue_desk.cli import main

PEOPLE = [
    {
        "code": "ZH-1",
        "given_name": "Xiaoming",
        "family_name": "Wang",
        "native_name": "王小明",
        "name_order": "family-first",
        "category": "delegate",
        "delegation": "Guangzhou",
        "country": "CN",
    },
    {
        "code": "KR-2",
        "given_name": "Min-jun",
        "family_name": "Kim",
        "native_name": "김민준",
        "name_order": "family-first",
        "category": "press",
        "delegation": "Seoul",
        "country": "KR",
    },
]


def test_render_batch_templates_printers(station, tmp_path, capsys):
    station.add_attendees(PEOPLE)
    data = str(station.paths.root)
    out = tmp_path / "one.pdf"
    assert main(["badge", "render", "--data", data, "--attendee", "ZH-1", "--out", str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["new_badge"] is True
    (token,) = decode_qr(out.read_bytes())
    assert station.scan(token).status == "ok"
    # rendering again reuses the valid badge instead of revoking it
    assert main(["badge", "render", "--data", data, "--attendee", "ZH-1", "--out", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["serial"] == result["serial"]

    sheet = tmp_path / "sheet.pdf"
    assert (
        main(["badge", "batch", "--data", data, "--template", "a4-4up", "--out", str(sheet), "--json"]) == 0
    )
    batch = json.loads(capsys.readouterr().out)
    assert batch["badges"] == 2 and batch["pages"] == 1 and batch["new_badges"] == 1
    assert "김민준" in pdf_text(sheet.read_bytes()) and "王小明" in pdf_text(sheet.read_bytes())
    assert (
        main(
            [
                "badge",
                "batch",
                "--data",
                data,
                "--category",
                "press",
                "--template",
                "a4-8up",
                "--out",
                str(sheet),
                "--json",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["badges"] == 1

    assert main(["badge", "templates", "--json"]) == 0
    names = {json.loads(line)["name"] for line in capsys.readouterr().out.splitlines()}
    assert {"congress-a6", "a6-portrait", "label-4x6", "cr80", "a4-4up", "a4-8up"} <= names

    assert main(["printers", "--json", "--no-qt"]) == 0
    assert "printers" in json.loads(capsys.readouterr().out)


def test_print_command_and_errors(station, tmp_path, capsys):
    station.add_attendees(PEOPLE)
    data = str(station.paths.root)
    assert (
        main(
            ["badge", "print", "--data", data, "--attendee", "KR-2", "--printer", f"pdf:{tmp_path}", "--json"]
        )
        == 0
    )
    job = json.loads(capsys.readouterr().out)
    assert job["status"] == "done" and "KimMin-jun" in norm(pdf_text(Path(job["backend_ref"]).read_bytes()))
    assert (
        main(["badge", "render", "--data", data, "--attendee", "NOPE", "--out", str(tmp_path / "x.pdf")]) == 2
    )
    assert (
        main(
            [
                "badge",
                "render",
                "--data",
                data,
                "--attendee",
                "ZH-1",
                "--template",
                "nope",
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 2
    )
    assert "unknown badge template" in capsys.readouterr().err


def test_cli_says_when_a_badge_lacks_the_native_name(station, tmp_path, capsys):
    """Bad input (issue 16): a Linear B native name. Printed without it, said so, exit 0."""
    station.add_attendees([{"code": "LB-1", "given_name": "Eumedes", "family_name": "Pylios",
                            "native_name": LINEAR_B, "category": "delegate"}])
    data = str(station.paths.root)
    assert main(["badge", "print", "--data", data, "--attendee", "LB-1", "--printer", f"pdf:{tmp_path}"]) == 0
    said = capsys.readouterr().out
    assert ": printed without the native name: no font for Linear B → " in said
    out = tmp_path / "lb.pdf"
    assert main(["badge", "render", "--data", data, "--attendee", "LB-1", "--out", str(out)]) == 0
    assert "warning: printed without the native name: no font for Linear B" in capsys.readouterr().out
    (token,) = decode_qr(out.read_bytes())
    assert station.scan(token).status == "ok"
