"""Coded, greppable errors for user-facing failures.

A `MarsadInputError` is a problem with one input item (a file, a JSONL line, a WARC record): the batch reports it
on one line and goes on. Anything else escaping the pipeline is a bug in Marsad, not a user error.
"""

from __future__ import annotations

from dataclasses import dataclass

# code -> short title; the message carries the specifics
CODES = {
    "E001": "cannot read file",
    "E002": "unsupported input type",
    "E003": "input too large",
    "E010": "cannot decode text",
    "E011": "binary data, not text",
    "E020": "malformed JSON line",
    "E021": "JSON line has no usable text",
    "E030": "no article text in HTML",
    "E040": "malformed WARC file or record",
    "E050": "empty article",
    "E051": "not Arabic text",
    "E052": "the id already names another article",
    "E060": "bad option",
    "E070": "optional dependency missing",
    "E080": "cannot open the store",
    "E081": "store backend not installed",
    "E082": "store is busy or damaged",
    "E083": "no such store (only ingest creates one)",
    "E084": "store older than this Marsad (marsad migrate updates it)",
    "E085": "bad search query",
    "E090": "cannot write the export",
    "E098": "analysis took longer than the per-article budget",
    "E099": "internal error (a bug in Marsad: please report it with the input)",
}


@dataclass
class MarsadInputError(Exception):
    code: str
    message: str
    path: str | None = None
    # a line number for text/JSONL inputs, a record number for WARC inputs
    line: int | None = None
    record: int | None = None

    def __post_init__(self) -> None:
        assert self.code in CODES, self.code
        super().__init__(self.format())

    def __reduce__(self):
        # pickled across worker processes: rebuild from the fields, not from the formatted message
        return (type(self), (self.code, self.message, self.path, self.line, self.record))

    def located(self, path: str | None = None, line: int | None = None,
                record: int | None = None) -> "MarsadInputError":
        """The same error with a location filled in where it was missing."""
        return MarsadInputError(self.code, self.message, self.path or path,
                                self.line if self.line is not None else line,
                                self.record if self.record is not None else record)

    def format(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        if self.record is not None:
            where += f" record {self.record}"
        return f"{self.code} {where}: {self.message}"

    def __str__(self) -> str:
        return self.format()
