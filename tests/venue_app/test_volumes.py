"""Is a folder on an encrypted disk: parsing recorded ``/proc/self/mountinfo`` lines and ``/sys/class/block``
trees (built in a temporary folder from what a laptop with LUKS, LVM on LUKS, a plain partition, tmpfs
and overlay shows), and this machine's real ``/proc`` and ``/sys`` (whatever they hold, the answer must
agree with them)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from venue_app.volumes import check_folder, crypt_layer, mount_of, parse_mountinfo

# recorded from a Debian laptop (LUKS2 under LVM for /, a plain /boot, a LUKS /srv/data, tmpfs and overlay),
# mount ids shortened; a mount point with a space is escaped as \040
MOUNTINFO = """\
22 28 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw
27 1 254:1 / / rw,relatime shared:1 - ext4 /dev/mapper/vg0-root rw,errors=remount-ro
28 27 8:1 / /boot rw,relatime shared:29 - ext4 /dev/sda1 rw
29 27 254:3 / /srv/data rw,relatime shared:30 - ext4 /dev/mapper/data_crypt rw
30 27 0:45 / /tmp rw,nosuid,nodev shared:31 - tmpfs tmpfs rw,size=8123456k
31 27 0:52 / /var/lib/containers/x/merged rw,relatime - overlay overlay rw,lowerdir=/a,upperdir=/b,workdir=/c
32 27 8:17 / /media/usb\\040stick rw,relatime shared:33 - vfat /dev/sdb1 rw
33 27 259:9 / /mnt/ghost rw,relatime - ext4 /dev/nvme9n1 rw
"""


def _sysfs(root: Path) -> Path:
    """``/sys/class/block`` of that laptop: sda2 -> dm-0 (LUKS) -> dm-1 (LVM root); sda3 -> dm-3 (LUKS)."""
    block = root / "class" / "block"

    def dev(name: str, numbers: str, uuid: str | None = None, slaves: tuple[str, ...] = ()) -> None:
        node = block / name
        node.mkdir(parents=True)
        (node / "dev").write_text(numbers + "\n")
        if uuid is not None:
            (node / "dm").mkdir()
            (node / "dm" / "uuid").write_text(uuid + "\n")
        if slaves:
            (node / "slaves").mkdir()
            for s in slaves:
                (node / "slaves" / s).mkdir()

    dev("sda", "8:0")
    dev("sda1", "8:1")
    dev("sda2", "8:2")
    dev("sda3", "8:3")
    dev("sdb1", "8:17")
    dev("dm-0", "254:0", "CRYPT-LUKS2-6f1c0e2a9b8d4c7e8f00112233445566-sda2_crypt", ("sda2",))
    dev("dm-1", "254:1", "LVM-Qm4W8sYtUvXyZaBcDeFgHiJkLmNoPqRsTuVwXyZaBcDeFgHiJkLmNoPqRsTuV", ("dm-0",))
    dev("dm-3", "254:3", "CRYPT-LUKS2-0a0b0c0d0e0f10111213141516171819-data_crypt", ("sda3",))
    return block


def _check(tmp_path: Path, folder: str):
    (tmp_path / "mountinfo").write_text(MOUNTINFO)
    block = tmp_path / "class" / "block"
    if not block.exists():
        _sysfs(tmp_path)
    return check_folder(folder, mountinfo=tmp_path / "mountinfo", sys_block=block, platform="linux", resolve=False)


def test_mountinfo_is_parsed_with_escapes() -> None:
    mounts = parse_mountinfo(MOUNTINFO + "garbage line\n")
    assert len(mounts) == 8
    assert mounts[1].mount_point == "/" and mounts[1].device == "254:1" and mounts[1].fs_type == "ext4"
    assert mounts[6].mount_point == "/media/usb stick" and mounts[6].source == "/dev/sdb1"
    assert mount_of(Path("/srv/data/venue"), mounts).mount_point == "/srv/data"
    assert mount_of(Path("/srv/database"), mounts).mount_point == "/"  # a prefix of a name is not a parent
    assert mount_of(Path("/media/usb stick/desk"), mounts).mount_point == "/media/usb stick"


@pytest.mark.parametrize(("folder", "encrypted", "words"), [
    ("/home/desk/.local/share/venue-desk", True, "a dm-crypt volume (dm-0)"),  # LVM on LUKS: found below
    ("/srv/data/venue", True, "a dm-crypt volume (dm-3)"),
    ("/boot/venue", False, "NOT encrypted: /boot is on sda1"),
    ("/media/usb stick/desk", False, "NOT encrypted: /media/usb stick is on sdb1"),
    ("/tmp/venue", None, "cannot tell: /tmp is a tmpfs file system"),
    ("/var/lib/containers/x/merged/data", None, "cannot tell: /var/lib/containers/x/merged is a overlay"),
    ("/mnt/ghost/desk", None, "the device 259:9 of /mnt/ghost is not shown in sysfs"),
])
def test_recorded_laptop(tmp_path: Path, folder: str, encrypted: bool | None, words: str) -> None:
    found = _check(tmp_path, folder)
    assert found.encrypted is encrypted and words in found.detail, found


def test_a_crypt_layer_is_found_however_deep_and_loops_end(tmp_path: Path) -> None:
    block = _sysfs(tmp_path)
    assert crypt_layer("dm-1", block) == "dm-0" and crypt_layer("sda2", block) is None
    (block / "dm-0" / "slaves" / "dm-1").mkdir()  # a cycle sysfs never shows, but a bad snapshot might
    (block / "dm-0" / "dm" / "uuid").write_text("LVM-x\n")
    assert crypt_layer("dm-1", block) is None


def test_unreadable_mountinfo_and_other_systems_say_cannot_tell(tmp_path: Path) -> None:
    found = check_folder(tmp_path, mountinfo=tmp_path / "missing", platform="linux")
    assert found.encrypted is None and "unreadable" in found.detail
    found = check_folder(tmp_path, platform="win32")
    assert found.encrypted is None and "BitLocker" in found.detail


@pytest.mark.skipif(not Path("/proc/self/mountinfo").exists(), reason="Linux only: reads this machine's /proc")
def test_this_machine(tmp_path: Path) -> None:
    """The real /proc and /sys: the answer for a folder must agree with what they say about its device."""
    found = check_folder(tmp_path / "not-made-yet" / "station")
    assert found.folder == str(tmp_path.resolve())  # a folder not made yet: where it will be
    mounts = parse_mountinfo(Path("/proc/self/mountinfo").read_text())
    mount = mount_of(tmp_path.resolve(), mounts)
    assert mount is not None
    devices = {}
    for node in Path("/sys/class/block").iterdir():
        devices[(node / "dev").read_text().strip()] = node.name
    name = devices.get(mount.device)
    if mount.device.startswith("0:") or name is None:
        assert found.encrypted is None and "cannot tell" in found.detail
    else:
        uuids = []
        stack = [name]
        while stack:
            node = Path("/sys/class/block") / stack.pop()
            uuid = node / "dm" / "uuid"
            if uuid.exists():
                uuids.append(uuid.read_text())
            if (node / "slaves").is_dir():
                stack.extend(os.listdir(node / "slaves"))
        assert found.encrypted is any(u.startswith("CRYPT-") for u in uuids), found
        assert name in found.detail
