# SPDX-License-Identifier: Apache-2.0
"""Reads ior's live stream as its users' scripts would, and prints every record's names as the
hex of their original bytes: a check that the escape is reversible with standard tools.

usage: python3 read_names.py csv|json FILE
prints one line per record: SYSCALL BYTES FILE_HEX COMM_HEX ("-" for a null or empty file)
"""
import csv
import json
import re
import sys

ESCAPE = re.compile(r"\\(\\|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})")


def unescape(text):
    """ior's name escape: \\\\ a backslash, \\xNN a byte, \\uNNNN a character."""
    out = bytearray()
    pos = 0
    for m in ESCAPE.finditer(text):
        out += text[pos:m.start()].encode("utf-8")
        e = m.group(1)
        if e == "\\":
            out += b"\\"
        elif e[0] == "x":
            out.append(int(e[1:], 16))
        else:
            out += chr(int(e[1:], 16)).encode("utf-8", "surrogatepass")
        pos = m.end()
    out += text[pos:].encode("utf-8")
    return bytes(out)


def records(kind, path):
    with open(path, newline="", encoding="utf-8") as f:
        if kind == "csv":
            yield from csv.DictReader(f)
        else:
            for line in f:
                yield json.loads(line)


def main():
    kind, path = sys.argv[1], sys.argv[2]
    for r in records(kind, path):
        name = r["file"]
        print(r["syscall"], r["bytes"], unescape(name).hex() if name else "-",
              unescape(r["comm"]).hex())


main()
