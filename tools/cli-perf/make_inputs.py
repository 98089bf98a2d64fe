#!/usr/bin/env python3
"""Writes the whole-process benchmark inputs into DIR (standard library only):

  opcodes-20m.pkl     20,000,000 small ints as one list, protocol 4: 20 M BININT1 plus MARK/APPENDS per 1000
                      items and 611 FRAMEs: 20,040,615 opcodes, 40 MB (byte for byte the file
                      CliProcessBenchmarks writes with FramedIntListPickle).
  checkpoint-1gib.pt  a PyTorch zip checkpoint whose tensor member is 1 GiB, written sparse (no disk cost):
                      the data.pkl of a committed torch.save fixture, one zip64 storage member and a version
                      member, laid out as torch.save does (LargeCheckpoint.cs builds the same layout for
                      BenchmarkDotNet, without CRCs).

Usage: make_inputs.py DIR [--repo REPO_ROOT]
"""
import argparse
import io
import os
import pickle
import struct
import sys
import zipfile
import zlib

ITEMS = 20_000_000
TENSOR_BYTES = 1 << 30


def write_opcode_pickle(path):
    # Python's own pickler writes it, so the stream is exactly what a user's pickle.dump of such a list gives.
    if os.path.exists(path) and os.path.getsize(path) > 0:
        return
    items = [i % 256 for i in range(ITEMS)]
    with open(path + ".tmp", "wb") as f:
        pickle.dump(items, f, protocol=4)
    os.replace(path + ".tmp", path)


def zero_crc(size):
    # The CRC a zip reader would check if it read the storage; computed, not stored, so the file stays sparse.
    crc, chunk = 0, bytes(1 << 20)
    for _ in range(size // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    return zlib.crc32(bytes(size % len(chunk)), crc)


def write_checkpoint(path, repo):
    if os.path.exists(path) and os.path.getsize(path) > TENSOR_BYTES:
        return
    fixture = os.path.join(repo, "tests", "fixtures", "containers", "benign", "torch_zip_state_dict_linear.pt")
    with zipfile.ZipFile(fixture) as z:
        name = next(n for n in z.namelist() if n.endswith("/data.pkl"))
        data_pkl = z.read(name)

    central = io.BytesIO()
    entries = 0
    with open(path + ".tmp", "wb") as f:
        def member(name, content, size):
            nonlocal entries
            local = f.tell()
            big = size >= 0xFFFFFFFF
            raw = name.encode()
            crc = zlib.crc32(content) if content is not None else zero_crc(size)
            f.write(struct.pack("<IHHHHHIII HH", 0x04034B50, 45, 0, 0, 0, 0x21, crc,
                                0xFFFFFFFF if big else size, 0xFFFFFFFF if big else size, len(raw), 20 if big else 0))
            f.write(raw)
            if big:
                f.write(struct.pack("<HHqq", 1, 16, size, size))
            if content is not None:
                f.write(content)
            else:
                f.truncate(f.tell() + size)  # sparse: the tensor bytes are never written
                f.seek(size, os.SEEK_CUR)
            big_offset = local >= 0xFFFFFFFF
            extra = (16 if big else 0) + (8 if big_offset else 0)
            central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 0, 0, 0x21, crc,
                                      0xFFFFFFFF if big else size, 0xFFFFFFFF if big else size, len(raw),
                                      extra + 4 if extra else 0, 0, 0, 0, 0, 0xFFFFFFFF if big_offset else local))
            central.write(raw)
            if extra:
                central.write(struct.pack("<HH", 1, extra))
                if big:
                    central.write(struct.pack("<qq", size, size))
                if big_offset:
                    central.write(struct.pack("<q", local))
            entries += 1

        member("archive/data.pkl", data_pkl, len(data_pkl))
        member("archive/data/0", None, TENSOR_BYTES)
        member("archive/version", b"3\n", 2)
        central_at = f.tell()
        f.write(central.getvalue())
        zip64_end = f.tell()
        f.write(struct.pack("<IqHHIIqqqq", 0x06064B50, 44, 45, 45, 0, 0, entries, entries, len(central.getvalue()), central_at))
        f.write(struct.pack("<IIqI", 0x07064B50, 0, zip64_end, 1))
        f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0))
    os.replace(path + ".tmp", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir")
    parser.add_argument("--repo", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    write_opcode_pickle(os.path.join(args.dir, "opcodes-20m.pkl"))
    write_checkpoint(os.path.join(args.dir, "checkpoint-1gib.pt"), args.repo)


if __name__ == "__main__":
    sys.exit(main())
