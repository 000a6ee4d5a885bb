"""Hostile files (issue 14, item 9): every one refused or capped within 10 s and 500 MB.

Each case runs ``kith import`` in a fresh process (with a 2 GB address-space limit as a
safety net) that reports its own peak memory; the time and the peak are printed with the
figures. Test files are generated in tmp, cheaply: archive bombs are written by hand from
one compressed member, so a "10 GiB" zip costs 10 MB and a fraction of a second.
"""

from __future__ import annotations

import os
import resource
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest

from kith.core import limits
from tests.figures import count, record_max

SECONDS = 10
PEAK_MB = 500
RUNNER = """
import atexit, resource, sys
report = sys.argv[1]
atexit.register(lambda: open(report, "w").write(
    str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))
sys.argv = ["kith", *sys.argv[2:]]
from kith.cli.main import main
main()
"""


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


def kith_measured(home: Path, *args: str) -> Run:
    report = home.parent / f"peak-{time.monotonic_ns()}"
    home.mkdir(parents=True, exist_ok=True)  # $KITH_HOME must name a folder that exists
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUNNER, str(report), *args],
                          capture_output=True, text=True, timeout=120, preexec_fn=_cap_memory,
                          env={**os.environ, "KITH_HOME": str(home)})
    seconds = time.perf_counter() - started
    peak = int(report.read_text()) / 1024 if report.exists() else float("nan")
    return Run(done.returncode, done.stdout, done.stderr, seconds, peak)


def within_budget(run: Run, case: str) -> None:
    assert "Traceback" not in run.stderr, run.stderr
    assert run.seconds < SECONDS, (case, run.seconds)
    assert run.peak_mb < PEAK_MB, (case, run.peak_mb)
    record_max("hostile files: slowest case (ms)", int(run.seconds * 1000))
    record_max("hostile files: highest peak memory (MB)", int(run.peak_mb))
    record_max(f"hostile file, {case}: ms", int(run.seconds * 1000))
    record_max(f"hostile file, {case}: peak MB", int(run.peak_mb))
    count("hostile files: refused or capped within 10 s and 500 MB")


# generators ----------------------------------------------------------------------------

def many_member_zip(path: Path, members: int, size: int, prefix: str = "data/m") -> Path:
    """A zip of ``members`` members of ``size`` zero bytes each, written by hand from one
    compressed copy (so 10,000 x 1 MiB costs 10 MB on disk and no compression time)."""
    payload = b"\0" * size
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packer.compress(payload) + packer.flush()
    crc = zlib.crc32(payload)
    central = []
    with path.open("wb") as out:
        for index in range(members):
            name = f"{prefix}{index:06d}.js".encode()
            offset = out.tell()
            out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data),
                                  size, len(name), 0) + name + data)
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0,
                                       crc, len(data), size, len(name), 0, 0, 0, 0, 0,
                                       offset) + name)
        start = out.tell()
        out.write(b"".join(central))
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, members, members,
                              out.tell() - start, start, 0))
    return path


def huge_sheet_xlsx(path: Path, rows: int) -> Path:
    """An .xlsx whose one sheet has ``rows`` rows (compressed fast: identical rows)."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        book.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://'
                      'schemas.openxmlformats.org/package/2006/content-types"/>')
        with book.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            chunk = row * 10_000
            for _ in range(rows // 10_000):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return path


def ics(path: Path, rule: str, start: str = "20250101T090000Z", events: int = 1) -> Path:
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:hostile-{n}@example.org\r\nDTSTART:{start}\r\n"
        f"DTEND:{start[:-2]}1Z\r\nSUMMARY:Recurring {n}\r\nRRULE:{rule}\r\nEND:VEVENT\r\n"
        for n in range(events))
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//kith tests//EN\r\n"
                    f"{body}END:VCALENDAR\r\n")
    return path


def card(name: str, extra: str = "") -> str:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\n{extra}END:VCARD\r\n"


# cases -----------------------------------------------------------------------------------

def _zip_of_10000_mib(tmp: Path) -> list[str]:
    return ["import", "linkedin", str(many_member_zip(tmp / "bomb.zip", 10_000, 2**20)),
            "--create-network", "social"]


def _zip_of_small_members_expanding_far(tmp: Path) -> list[str]:
    return ["import", "linkedin", str(many_member_zip(tmp / "bomb.zip", 3_000, 512 * 1024)),
            "--create-network", "social"]


def _zip_of_too_many_members(tmp: Path) -> list[str]:
    path = tmp / "many.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for index in range(limits.MAX_ARCHIVE_MEMBERS + 1):
            archive.writestr(f"m{index}", b"")
    return ["import", "x-archive", str(path), "--create-network", "social"]


def _breeze_sheet_of_3m_rows(tmp: Path) -> list[str]:
    folder = tmp / "breeze"
    folder.mkdir()
    huge_sheet_xlsx(folder / "people.xlsx", 3_000_000)
    return ["import", "breeze", str(folder), "--network", "Church", "--create-network",
            "church"]


def _file_larger_than_the_limit(tmp: Path) -> list[str]:
    path = tmp / "huge.ics"
    with path.open("wb") as handle:  # sparse: costs nothing on disk
        handle.truncate(limits.MAX_FILE_BYTES + 1)
    return ["import", "church-calendar", str(path), "--network", "Church",
            "--create-network", "church"]


def _vcard_with_100k_emails(tmp: Path) -> list[str]:
    path = tmp / "emails.vcf"
    path.write_text(card("Many Mails", "".join(f"EMAIL:a{i}@example.org\r\n"
                                               for i in range(100_000))))
    return ["import", "vcard", str(path), "--create-network", "friends", "--strict"]


def _vcard_with_a_50mb_name(tmp: Path) -> list[str]:
    path = tmp / "name.vcf"
    path.write_text(card("N" * 50 * 1024**2))
    return ["import", "vcard", str(path), "--create-network", "friends", "--strict"]


REFUSED: dict[str, tuple[Callable[[Path], list[str]], str]] = {
    "zip of 10,000 x 1 MiB": (_zip_of_10000_mib, "in all"),
    "zip of 3,000 x 512 KiB zeros": (_zip_of_small_members_expanding_far, "times in all"),
    "zip of too many members": (_zip_of_too_many_members, "too many members"),
    "Breeze xlsx with a 3M-row sheet": (_breeze_sheet_of_3m_rows, "spreadsheet"),
    "file over the size limit": (_file_larger_than_the_limit, "larger than"),
    "vCard with 100k emails": (_vcard_with_100k_emails, "properties"),
    "vCard with a 50 MB name": (_vcard_with_a_50mb_name, "longer than"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_hostile_file_is_refused_quickly_and_in_little_memory(tmp_path: Path,
                                                              case: str) -> None:
    make, match = REFUSED[case]
    args = make(tmp_path)
    home = tmp_path / "db"
    run = kith_measured(home, *args)
    assert run.code == 2, (case, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and match in lines[0], (case, run.stderr)
    assert not (home / "interactions").exists()
    within_budget(run, case)


@pytest.mark.parametrize(("rule", "start", "expected", "warning"), [
    ("FREQ=SECONDLY", "20250101T090000Z", limits.MAX_OCCURRENCES, "kept the first"),
    ("FREQ=MINUTELY", "20250101T090000Z", limits.MAX_OCCURRENCES, "kept the first"),
    ("FREQ=SECONDLY;INTERVAL=1", "20000101T090000Z", 0, "skipped"),
    ("FREQ=DAILY;COUNT=30", "20250101T090000Z", 30, None),
], ids=["secondly", "minutely", "secondly-from-2000", "daily-count"])
def test_recurring_events_are_capped_per_event(tmp_path: Path, rule: str, start: str,
                                               expected: int, warning: str | None) -> None:
    path = ics(tmp_path / "rules.ics", rule, start)
    home = tmp_path / "db"
    run = kith_measured(home, "import", "church-calendar", str(path), "--network", "Church",
                        "--create-network", "church", "--since", "2024-12-01", "--until",
                        "2026-01-01", "--json")
    assert run.code == 0, run.stderr
    summary = orjson.loads(run.stdout)
    stored = summary.get("interactions_added", summary.get("added"))
    assert stored == expected, summary
    if warning:
        assert any(warning in w for w in summary["warnings"]), summary
        assert "event 1" in " ".join(summary["warnings"])
    within_budget(run, f"ics {rule}")


def test_recurring_events_in_the_default_window(tmp_path: Path) -> None:
    """No --since/--until: the default window applies and the cap still holds."""
    path = ics(tmp_path / "rules.ics", "FREQ=SECONDLY", "20000101T090000Z", events=3)
    run = kith_measured(tmp_path / "db", "import", "church-calendar", str(path), "--network",
                        "Church", "--create-network", "church", "--json")
    assert run.code == 0, run.stderr
    warnings = orjson.loads(run.stdout)["warnings"]
    assert len([w for w in warnings if "skipped" in w]) == 3
    within_budget(run, "ics default window")


def test_links_in_a_vcard_folder_are_not_followed(tmp_path: Path,
                                                  ok: Callable[..., Any],
                                                  ok_json: Callable[..., Any],
                                                  kith_home: Path) -> None:
    secret = tmp_path / "private.vcf"
    secret.write_text(card("Secret Person", "EMAIL:secret@example.org\r\n"))
    folder = tmp_path / "cards"
    (folder / "sub").mkdir(parents=True)
    (folder / "real.vcf").write_text(card("Real Person", "EMAIL:real@example.org\r\n"))
    os.symlink(secret, folder / "link.vcf")
    os.symlink(tmp_path, folder / "sub" / "loop")  # a folder link: not entered either
    result = ok("import", "vcard", str(folder), "--json", "--create-network", "friends")
    summary = orjson.loads(result.stdout)
    assert summary["people_added"] == 1
    assert any("link.vcf" in s and "not followed" in s for s in summary["warnings"]), summary
    assert any("loop" in s for s in summary["warnings"]), summary
    names = [p["name"] for p in ok_json("person", "list")]
    assert "Secret Person" not in names and "Real Person" in names
    for stored in kith_home.rglob("*.json"):
        assert b"secret@example.org" not in stored.read_bytes()
    count("hostile files: links in folders not followed", 2)


def test_links_in_export_folders_are_refused(tmp_path: Path, fails: Callable[..., Any]) -> None:
    folder = tmp_path / "linkedin"
    folder.mkdir()
    (tmp_path / "private.csv").write_text("First Name,Last Name\nSecret,Person\n")
    os.symlink(tmp_path / "private.csv", folder / "Connections.csv")
    fails("import", "linkedin", str(folder), "--create-network", "social",
          match="never follows links")
    count("hostile files: links in folders not followed")


def test_parse_errors_name_the_place_never_the_content(tmp_path: Path,
                                                       fails: Callable[..., Any]) -> None:
    path = tmp_path / "broken.vcf"
    path.write_text(card("Ann", "N:Lee;Ann\r\n") + card(
        "Bob", "TEL;TYPE=cell:+1 555 0100\r\nSSN 123-45-6789 PRIVATE NOTE WITHOUT COLON\r\n"))
    result = fails("import", "vcard", str(path), "--strict", "--create-network", "friends")
    assert "123-45-6789" not in result.stderr and "PRIVATE" not in result.stderr
    assert "card 2" in result.stderr and "line" in result.stderr and str(path) in result.stderr
    broken = tmp_path / "broken.ics"
    broken.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n"
                      "DTSTART:2025-not-a-date SECRET-TOKEN-42\r\nSUMMARY:s\r\nEND:VEVENT\r\n"
                      "END:VCALENDAR\r\n")
    result = fails("import", "church-calendar", str(broken), "--network", "Church",
                   "--create-network", "church", "--strict")
    assert "SECRET-TOKEN-42" not in result.stderr, result.stderr
    count("hostile files: parse errors without content", 2)


def test_breeze_rows_are_counted_before_they_are_kept(tmp_path: Path,
                                                      fails: Callable[..., Any],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The row cap, with a small cap and a real (openpyxl-written) sheet."""
    import openpyxl

    monkeypatch.setattr(limits, "MAX_SHEET_ROWS", 1_000)
    folder = tmp_path / "breeze"
    folder.mkdir()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Breeze ID", "First Name", "Last Name", "Email"])
    for n in range(1_500):
        sheet.append([str(n), "Ann", f"Lee{n}", f"a{n}@example.org"])
    book.save(folder / "people.xlsx")
    fails("import", "breeze", str(folder), "--network", "Church", "--create-network", "church",
          match="more than 1,000 rows")
    count("hostile files: refused or capped within 10 s and 500 MB")
