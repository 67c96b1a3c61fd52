"""Reading and writing user files without ever losing them.

A source file is read as bytes; its encoding (PEP 263 cookie or BOM, else UTF-8) and its dominant line
ending are remembered, so that the rewritten text is written back the same way (in a file that mixes line
endings, the lines the rewrite leaves keep their own, and new lines get the dominant one). Writing goes through a temp
file in the same directory and `os.replace`, keeping the permission bits, so a reader (or a crash) sees either
the old bytes or the new ones, never a mix.
"""

from __future__ import annotations

import difflib
import io
import os
import re
import stat
import tempfile
import tokenize
from dataclasses import dataclass


class SourceError(Exception):
    """A file that cannot be handled; the message is the one-line reason shown to the user."""


@dataclass(frozen=True)
class SourceText:
    text: str  # with "\n" line endings
    encoding: str
    newline: str  # "\n", "\r\n" or "\r": what the file used
    bom: bool = False
    endings: tuple[str, ...] = ()  # each line's own ending, where the file mixes them (else empty)

    def encode(self, text: str) -> bytes:
        if self.endings:
            text = self._with_own_endings(text)
        elif self.newline != "\n":
            text = text.replace("\n", self.newline)
        data = text.encode(self.encoding)
        return (b"\xef\xbb\xbf" + data) if self.bom else data

    def _with_own_endings(self, text: str) -> str:
        """`text` with each line the rewrite kept ending as it did in the file, the others with the dominant
        ending: a rewrite of one line must not show as a change of every line in a diff."""
        old, new = self.text.split("\n"), text.split("\n")
        endings = [self.newline] * (len(new) - 1)
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for block in matcher.get_matching_blocks():
            for offset in range(block.size):
                if block.b + offset < len(endings) and block.a + offset < len(self.endings):
                    endings[block.b + offset] = self.endings[block.a + offset]
        return "".join(line + ending for line, ending in zip(new, endings)) + new[-1]


def decode_source(data: bytes) -> SourceText:
    """Decode Python source bytes the way the interpreter would (PEP 263), or raise SourceError."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        raise SourceError(f"cannot decode: {exc}") from None
    bom = encoding == "utf-8-sig"
    if bom:
        data = data[3:]
        encoding = "utf-8"
    try:
        raw = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise SourceError(f"cannot decode as {encoding}: {exc.__class__.__name__}") from None
    crlf, lf_total, cr_total = raw.count("\r\n"), raw.count("\n"), raw.count("\r")
    if crlf and crlf >= lf_total - crlf:
        newline = "\r\n"
    elif cr_total > crlf and not lf_total:
        newline = "\r"
    else:
        newline = "\n"
    endings = tuple(re.findall(r"\r\n|\r|\n", raw))
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    mixed = len(set(endings)) > 1
    return SourceText(text=text, encoding=encoding, newline=newline, bom=bom, endings=endings if mixed else ())


def read_source(path: str) -> SourceText:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}") from None
    return decode_source(data)


def write_atomic(path: str, data: bytes) -> None:
    """Replace `path` with `data` atomically, keeping its permission bits (a new file gets 0o644 & ~umask)."""
    directory = os.path.dirname(os.path.abspath(path))
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=".sm-migrate-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
