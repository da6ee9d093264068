#!/usr/bin/env python3
"""Make TorchSharp's native shim (libLibTorchSharp.so) load where the system libstdc++ is older than GCC 13's.

TorchSharp 0.107.0's libLibTorchSharp.so was linked against libstdc++ from GCC 13+ and asks for the symbol
version GLIBCXX_3.4.32, which libstdc++ 12 (Debian 12, glibc 2.36) does not define, so the dynamic loader refuses
the library. The only symbol carrying that version is `std::ios_base_library_init()`
(_ZSt21ios_base_library_initv). GCC 13's <iostream> emits a bare `.globl` reference to it to pin the libstdc++
version; no relocation uses it, so nothing ever looks it up. This script, for each version that the library asks
of libstdc++.so.6 and the system libstdc++ does not define:

  1. checks that every dynamic symbol carrying that version is undefined and referenced by no relocation
     (otherwise it stops with an error: the shortcut below would not be sound);
  2. rewrites the version-needed entry (Elf64_Vernaux in .gnu.version_r) to an older version that the system
     library defines (GLIBCXX_3.4 when present): new vna_name (offset into .dynstr) and vna_hash (SysV ELF hash);
  3. marks those symbols unversioned (.gnu.version entry 1 = VER_NDX_GLOBAL) and weak, so even a loader that
     resolved every dynamic symbol eagerly would accept their absence.

Because no relocation uses the symbol, no replacement definition (a stub library added with patchelf) is needed.
The script only ever rewrites the file it is given (the copy in a build or publish folder, never the NuGet cache),
writes it atomically (which also breaks any hard link to the cache), and is idempotent: a patched file, or one on a
system whose libstdc++ has every version it needs, is left untouched. Standard library only (no patchelf).

Usage: torchsharp_glibcxx_fix.py [--check] [--verbose] [--libstdcxx PATH] FILE...
  --check      report what would be done, change nothing; exit 0 if nothing is needed, 3 if a patch is needed.
  --verbose    also report files that need nothing.
  --libstdcxx  the libstdc++.so.6 to compare against (default: the one `ldconfig -p` lists for this machine).

ELF structures: System V ABI, "ELF-64 Object File Format"; GNU symbol versioning: the LSB "Symbol Versioning".
"""

import os
import platform
import struct
import subprocess
import sys
import tempfile

SHT_STRTAB = 3
SHT_RELA = 4
SHT_REL = 9
SHT_DYNSYM = 11
SHT_GNU_VERDEF = 0x6FFFFFFD
SHT_GNU_VERNEED = 0x6FFFFFFE
SHT_GNU_VERSYM = 0x6FFFFFFF
VER_NDX_GLOBAL = 1
STB_WEAK = 2
LIBSTDCXX = "libstdc++.so.6"
PREFERRED_REPLACEMENT = "GLIBCXX_3.4"


class ElfError(Exception):
    pass


def elf_hash(name: bytes) -> int:
    """The SysV ELF hash used by vna_hash / vd_hash."""
    h = 0
    for c in name:
        h = ((h << 4) + c) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h


class Elf64:
    """Just enough of a little-endian ELF64 reader: section headers, strings, version sections."""

    def __init__(self, data, path):
        self.data = data
        self.path = path
        if data[:4] != b"\x7fELF":
            raise ElfError(f"{path}: not an ELF file")
        if data[4] != 2 or data[5] != 1:
            raise ElfError(f"{path}: only little-endian ELF64 is handled")
        (self.e_machine,) = struct.unpack_from("<H", data, 18)
        (shoff,) = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum, _shstrndx = struct.unpack_from("<HHH", data, 0x3A)
        if shoff == 0 or shnum == 0:
            raise ElfError(f"{path}: no section headers")
        self.sections = []
        for i in range(shnum):
            name, stype, flags, addr, offset, size, link, info, align, entsize = struct.unpack_from(
                "<IIQQQQIIQQ", data, shoff + i * shentsize)
            self.sections.append(dict(index=i, type=stype, offset=offset, size=size, link=link, entsize=entsize))

    def section_of_type(self, stype):
        found = [s for s in self.sections if s["type"] == stype]
        return found[0] if found else None

    def string(self, strtab, offset):
        start = strtab["offset"] + offset
        end = self.data.index(b"\0", start)
        return bytes(self.data[start:end])

    def find_string(self, strtab, text: bytes):
        """Offset of a NUL-terminated `text` inside the string table, or None."""
        blob = bytes(self.data[strtab["offset"]:strtab["offset"] + strtab["size"]])
        pos = blob.find(b"\0" + text + b"\0")
        return None if pos < 0 else pos + 1

    def verneed(self):
        """[(file, [(entry_offset, name, index, flags)])] from .gnu.version_r."""
        sec = self.section_of_type(SHT_GNU_VERNEED)
        if sec is None:
            return []
        strtab = self.sections[sec["link"]]
        result = []
        pos = sec["offset"]
        while True:
            _version, cnt, file_off, aux, nxt = struct.unpack_from("<HHIII", self.data, pos)
            entries = []
            apos = pos + aux
            for _ in range(cnt):
                _hash, flags, other, name_off, anext = struct.unpack_from("<IHHII", self.data, apos)
                entries.append((apos, self.string(strtab, name_off), other, flags))
                apos += anext
            result.append((self.string(strtab, file_off).decode(), entries))
            if nxt == 0:
                return result
            pos += nxt

    def verdef_names(self):
        """Every version name that .gnu.version_d defines."""
        sec = self.section_of_type(SHT_GNU_VERDEF)
        if sec is None:
            return set()
        strtab = self.sections[sec["link"]]
        names = set()
        pos = sec["offset"]
        while True:
            _version, _flags, _ndx, cnt, _hash, aux, nxt = struct.unpack_from("<HHHHIII", self.data, pos)
            apos = pos + aux
            for _ in range(cnt):
                name_off, anext = struct.unpack_from("<II", self.data, apos)
                names.add(self.string(strtab, name_off))
                apos += anext
            if nxt == 0:
                return names
            pos += nxt


def system_libstdcxx(machine: int) -> str:
    """The libstdc++.so.6 the dynamic loader would pick for this architecture, from `ldconfig -p`."""
    arch_tag = {62: "x86-64", 183: "AArch64"}.get(machine)
    candidates = []
    for ldconfig in ("ldconfig", "/sbin/ldconfig", "/usr/sbin/ldconfig"):
        try:
            out = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            continue
        for line in out.splitlines():
            line = line.strip()
            if line.startswith(LIBSTDCXX + " ") and "=>" in line:
                candidates.append((line, line.split("=>", 1)[1].strip()))
        break
    for line, path in candidates:
        if arch_tag is None or arch_tag in line:
            return path
    for path in ("/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
                 "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6"):
        if os.path.exists(path):
            return path
    raise ElfError("cannot find the system libstdc++.so.6 (ldconfig -p lists none)")


def symbols_with_version(elf, index):
    """(symbol index, entry offset, name, info, shndx) of the dynamic symbols whose .gnu.version entry is `index`."""
    dynsym = elf.section_of_type(SHT_DYNSYM)
    versym = elf.section_of_type(SHT_GNU_VERSYM)
    if dynsym is None or versym is None:
        return []
    strtab = elf.sections[dynsym["link"]]
    count = dynsym["size"] // 24
    found = []
    for i in range(count):
        (ver,) = struct.unpack_from("<H", elf.data, versym["offset"] + 2 * i)
        if ver & 0x7FFF != index:
            continue
        off = dynsym["offset"] + 24 * i
        name_off, info, _other, shndx = struct.unpack_from("<IBBH", elf.data, off)
        found.append((i, off, elf.string(strtab, name_off), info, shndx))
    return found


def relocated_symbol_indices(elf):
    dynsym = elf.section_of_type(SHT_DYNSYM)
    used = set()
    for sec in elf.sections:
        if sec["type"] not in (SHT_RELA, SHT_REL) or dynsym is None or sec["link"] != dynsym["index"]:
            continue
        entsize = 24 if sec["type"] == SHT_RELA else 16
        for pos in range(sec["offset"], sec["offset"] + sec["size"], entsize):
            (r_info,) = struct.unpack_from("<Q", elf.data, pos + 8)
            used.add(r_info >> 32)
    return used


def plan(elf, system_versions):
    """What to change: [(vernaux offset, missing name, replacement name, replacement offset, symbols)]."""
    changes = []
    for file, entries in elf.verneed():
        if file != LIBSTDCXX:
            continue
        missing = [e for e in entries if e[1] not in system_versions]
        if not missing:
            continue
        available = [e[1] for e in entries if e[1] in system_versions]
        if not available:
            raise ElfError(f"{elf.path}: no version of {LIBSTDCXX} that it needs is on this system")
        replacement = PREFERRED_REPLACEMENT.encode() if PREFERRED_REPLACEMENT.encode() in available else available[0]
        verneed_sec = elf.section_of_type(SHT_GNU_VERNEED)
        name_offset = elf.find_string(elf.sections[verneed_sec["link"]], replacement)
        relocated = relocated_symbol_indices(elf)
        for apos, name, index, _flags in missing:
            symbols = symbols_with_version(elf, index)
            for sym_index, _off, sym_name, _info, shndx in symbols:
                if shndx != 0:
                    raise ElfError(f"{elf.path}: {sym_name.decode()} ({name.decode()}) is defined here; not patching")
                if sym_index in relocated:
                    raise ElfError(
                        f"{elf.path}: {sym_name.decode()} ({name.decode()}) is used by a relocation, so it needs a "
                        f"real definition; this script only handles unreferenced version anchors")
            changes.append((apos, name, replacement, name_offset, symbols))
    return changes


def apply(data, elf, changes):
    versym = elf.section_of_type(SHT_GNU_VERSYM)
    for apos, _name, replacement, name_offset, symbols in changes:
        _hash, _flags, other, _name_off, anext = struct.unpack_from("<IHHII", data, apos)
        struct.pack_into("<IHHII", data, apos, elf_hash(replacement), 0, other, name_offset, anext)
        for sym_index, off, _sym_name, info, _shndx in symbols:
            struct.pack_into("<H", data, versym["offset"] + 2 * sym_index, VER_NDX_GLOBAL)
            struct.pack_into("<B", data, off + 4, (STB_WEAK << 4) | (info & 0xF))


def write_atomically(path, data):
    directory = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=".glibcxx-fix-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def main(argv):
    check_only = False
    verbose = False
    libstdcxx = None
    files = []
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == "--check":
            check_only = True
            verbose = True
        elif a == "--verbose":
            verbose = True
        elif a == "--libstdcxx":
            libstdcxx = args.pop(0)
        elif a.startswith("-"):
            print(f"unknown option {a}", file=sys.stderr)
            return 2
        else:
            files.append(a)
    if not files:
        print(next(p for p in __doc__.split("\n\n") if p.startswith("Usage")), file=sys.stderr)
        return 2
    if platform.system() != "Linux":
        return 0
    needed = False
    for path in files:
        with open(path, "rb") as f:
            data = bytearray(f.read())
        elf = Elf64(data, path)
        system_path = libstdcxx or system_libstdcxx(elf.e_machine)
        with open(system_path, "rb") as f:
            system_versions = Elf64(f.read(), system_path).verdef_names()
        changes = plan(elf, system_versions)
        if not changes:
            if verbose:
                print(f"glibcxx-fix: {path}: nothing to do ({system_path} has every version it needs)")
            continue
        needed = True
        summary = ", ".join(
            f"{name.decode()} -> {repl.decode()} (symbols: {', '.join(s[2].decode() for s in syms) or 'none'})"
            for _apos, name, repl, _off, syms in changes)
        if check_only:
            print(f"glibcxx-fix: {path}: would patch {summary}")
            continue
        apply(data, elf, changes)
        write_atomically(path, data)
        if plan(Elf64(data, path), system_versions):
            raise ElfError(f"{path}: still needs missing versions after patching")
        print(f"glibcxx-fix: {path}: patched {summary} against {system_path}")
    return 3 if (check_only and needed) else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except ElfError as e:
        print(f"glibcxx-fix: error: {e}", file=sys.stderr)
        sys.exit(1)
