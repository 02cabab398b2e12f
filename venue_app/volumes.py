"""Is a folder on an encrypted disk? Asked by the self-test for the station's data folder: a laptop lost
with an unencrypted replica gives away every attendee's personal data it holds.

Linux: the folder's mount (``/proc/self/mountinfo``, the longest mount point above it) names the block
device by major:minor; ``/sys/class/block/*/dev`` finds it, and the device and everything below it
(``slaves/``: LVM on LUKS, RAID members, …) is searched for a device-mapper layer whose ``dm/uuid``
starts with ``CRYPT-`` (dm-crypt: LUKS, plain, BitLocker through cryptsetup). A mount without a
block device (tmpfs, overlay, network and FUSE file systems) or a device sysfs does not show gives
"cannot tell". A self-encrypting drive (hardware encryption) cannot be seen from here: such a disk
reads as "not encrypted", said with that caveat. macOS: ``fdesetup status`` (FileVault); Windows:
"cannot tell" (BitLocker's status needs an administrator).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Mount", "VolumeCheck", "check_folder", "crypt_layer", "mount_of", "parse_mountinfo"]

#: file systems without a block device of their own: nothing to look at
_NO_DEVICE = {"tmpfs", "ramfs", "overlay", "aufs", "nfs", "nfs4", "cifs", "smb3", "9p", "virtiofs", "fuse",
              "squashfs", "devtmpfs", "proc", "sysfs"}


@dataclass(frozen=True)
class Mount:
    mount_point: str
    device: str  # major:minor
    fs_type: str
    source: str


@dataclass(frozen=True)
class VolumeCheck:
    """``encrypted``: True, False, or None (cannot tell); ``detail`` says why, in words."""

    folder: str
    encrypted: bool | None
    detail: str


def _unescape(field: str) -> str:
    # mountinfo escapes space, tab, newline and backslash as octal (\040 …)
    out, i = [], 0
    while i < len(field):
        code = field[i + 1:i + 4]
        if field[i] == "\\" and len(code) == 3 and code.isdigit():
            out.append(chr(int(code, 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def parse_mountinfo(text: str) -> list[Mount]:
    """The mounts of a ``/proc/<pid>/mountinfo`` text (lines it cannot read are skipped)."""
    mounts = []
    for line in text.splitlines():
        parts = line.split()
        if "-" not in parts:
            continue
        sep = parts.index("-")
        if sep < 6 or len(parts) < sep + 3:
            continue
        mounts.append(Mount(_unescape(parts[4]), parts[2], parts[sep + 1], _unescape(parts[sep + 2])))
    return mounts


def mount_of(folder: Path, mounts: list[Mount]) -> Mount | None:
    """The mount holding ``folder`` (the last mounted of the longest matching mount point)."""
    path = str(folder)
    best: Mount | None = None
    for m in mounts:
        point = m.mount_point.rstrip("/") or "/"
        if (path == point or path.startswith(point + "/") or point == "/") and \
                (best is None or len(point) >= len(best.mount_point.rstrip("/") or "/")):
            best = m
    return best


def _by_device(sys_block: Path) -> dict[str, str]:
    found = {}
    for entry in sys_block.iterdir() if sys_block.is_dir() else ():
        try:
            found[(entry / "dev").read_text().strip()] = entry.name
        except OSError:
            continue
    return found


def crypt_layer(name: str, sys_block: Path, _seen: frozenset[str] = frozenset()) -> str | None:
    """The dm-crypt device at or below block device ``name`` (None: none found)."""
    if name in _seen:
        return None
    node = sys_block / name
    try:
        if (node / "dm" / "uuid").read_text().strip().upper().startswith("CRYPT-"):
            return name
    except OSError:
        pass
    slaves = node / "slaves"
    for below in sorted(p.name for p in slaves.iterdir()) if slaves.is_dir() else ():
        found = crypt_layer(below, sys_block, _seen | {name})
        if found:
            return found
    return None


def _existing(folder: Path) -> Path:
    folder = folder.expanduser().absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # not made yet: it will be where its nearest existing parent is
    return folder.resolve()


def check_folder(folder: Path | str, *, mountinfo: Path = Path("/proc/self/mountinfo"),
                 sys_block: Path = Path("/sys/class/block"), platform: str = sys.platform,
                 resolve: bool = True) -> VolumeCheck:
    """Whether ``folder`` is on an encrypted volume, as far as this OS can tell. ``resolve`` off: ``folder``
    is taken as written (a path of the machine ``mountinfo`` and ``sys_block`` were recorded on)."""
    where = _existing(Path(folder)) if resolve else Path(folder)
    if platform == "darwin":
        return _filevault(str(where))
    if not platform.startswith("linux"):
        return VolumeCheck(str(where), None, "cannot tell on this system (check BitLocker in its settings)")
    try:
        mounts = parse_mountinfo(mountinfo.read_text("utf-8", "replace"))
    except OSError as exc:
        return VolumeCheck(str(where), None, f"cannot tell ({mountinfo} unreadable: {exc.strerror or exc})")
    mount = mount_of(where, mounts)
    if mount is None:
        return VolumeCheck(str(where), None, "cannot tell (its mount is not listed)")
    fs = mount.fs_type.split(".")[0]
    if fs in _NO_DEVICE or mount.device.startswith("0:"):
        return VolumeCheck(str(where), None, f"cannot tell: {mount.mount_point} is a {mount.fs_type} file system "
                                             "(no disk of its own to look at)")
    name = _by_device(sys_block).get(mount.device)
    if name is None:
        return VolumeCheck(str(where), None, f"cannot tell: the device {mount.device} of {mount.mount_point} "
                                             "is not shown in sysfs")
    layer = crypt_layer(name, sys_block)
    if layer:
        return VolumeCheck(str(where), True, f"encrypted: {mount.mount_point} is on {name}, "
                                             f"a dm-crypt volume ({layer})")
    return VolumeCheck(str(where), False, f"NOT encrypted: {mount.mount_point} is on {name} ({mount.source}, "
                                          f"{mount.fs_type}) without disk encryption (no dm-crypt layer; a "
                                          "self-encrypting drive cannot be seen from here). A lost laptop gives "
                                          "away the attendee data in this folder: use an encrypted disk (LUKS)")


def _filevault(where: str) -> VolumeCheck:
    tool = shutil.which("fdesetup")
    if tool is None:
        return VolumeCheck(where, None, "cannot tell (fdesetup not found)")
    try:
        out = subprocess.run([tool, "status"], capture_output=True, text=True, timeout=10, check=False,
                             env={**os.environ, "LC_ALL": "C"}).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        return VolumeCheck(where, None, f"cannot tell (fdesetup: {exc})")
    if "FileVault is On" in out:
        return VolumeCheck(where, True, "encrypted: FileVault is on")
    if "FileVault is Off" in out:
        return VolumeCheck(where, False, "NOT encrypted: FileVault is off. A lost laptop gives away the attendee "
                                         "data in this folder: turn FileVault on")
    return VolumeCheck(where, None, f"cannot tell (fdesetup says {out.strip()[:80]!r})")
