"""Bad input: one clear line naming the file (and line/record), that item skipped, the batch goes on,
exit status 1 at the end, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys


from marsad.errors import MarsadInputError
from marsad.read import read_paths
from marsad.read import base as read_base

from conftest import ARTICLE
from read.test_readers import HTML, _write_warc


def _run_cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "marsad", "extract", *args], capture_output=True,
                          text=True, input=stdin)


def _errors(path):
    return [i for i in read_paths([str(path)]) if isinstance(i, MarsadInputError)]


def test_missing_file(tmp_path):
    [err] = _errors(tmp_path / "nope.txt")
    assert err.code == "E001" and "nope.txt" in err.format()


def test_unreadable_file(tmp_path):
    path = tmp_path / "locked.txt"
    path.mkdir()  # a directory named like a file: open() fails whoever runs the test (root included)
    (path / "inner.bin").write_bytes(b"x")
    assert list(read_paths([str(path)])) == []  # a directory: read recursively, nothing supported inside
    from marsad.read.txt import read_txt
    [err] = list(read_txt(str(path)))
    assert err.code == "E001"


def test_undecodable_file(tmp_path):
    path = tmp_path / "bad.txt"
    # bytes that are not UTF-8 and that no single-byte code page reads as plausible text
    path.write_bytes(bytes(range(0x80, 0x100)) * 40)
    [err] = _errors(path)
    assert err.code in ("E010", "E011")


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(500))
    [err] = _errors(path)
    assert err.code == "E011"


def test_malformed_jsonl_line_is_skipped_and_the_rest_read(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join([json.dumps({"text": ARTICLE}), "{not json", json.dumps({"title": "x"}),
                               json.dumps([1, 2]), json.dumps({"text": ARTICLE, "published": "soon"}),
                               json.dumps({"text": ARTICLE})]) + "\n", "utf-8")
    items = list(read_paths([str(path)]))
    errs = [(i.code, i.line) for i in items if isinstance(i, MarsadInputError)]
    assert errs == [("E020", 2), ("E021", 3), ("E020", 4), ("E020", 5)]
    assert sum(not isinstance(i, MarsadInputError) for i in items) == 2


def test_truncated_warc_record(tmp_path):
    path = tmp_path / "cut.warc.gz"
    page = HTML.format(charset="utf-8").encode()
    _write_warc(path, [("https://a.example/1", page, "text/html"), ("https://a.example/2", page, "text/html")],
                truncate=True)
    items = list(read_paths([str(path)]))
    errs = [i for i in items if isinstance(i, MarsadInputError)]
    assert len(errs) == 1 and errs[0].code == "E040" and errs[0].record == 2
    assert sum(not isinstance(i, MarsadInputError) for i in items) == 1


def test_garbage_warc(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a warc file at all\n" * 10)
    [err] = _errors(path)
    assert err.code == "E040"


def test_malformed_html(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><body><div><p>", "utf-8")
    [err] = _errors(path)
    assert err.code in ("E030", "E050")


def test_huge_file_is_refused_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(read_base, "MAX_ARTICLE_BYTES", 100)
    path = tmp_path / "huge.txt"
    path.write_text(ARTICLE * 10, "utf-8")
    from marsad.read.txt import read_txt
    [err] = list(read_txt(str(path)))
    assert isinstance(err, MarsadInputError) and err.code == "E003"


def test_unsupported_type(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4")
    [err] = _errors(path)
    assert err.code == "E002"


def test_cli_reports_each_bad_item_on_one_line_and_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, "utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", "utf-8")
    english = tmp_path / "english.txt"
    english.write_text("Markets rallied on Monday as investors welcomed the central bank decision.", "utf-8")
    binary = tmp_path / "junk.txt"
    binary.write_bytes(os.urandom(2000).replace(b"\n", b"") + b"\x00")
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(json.dumps({"text": ARTICLE}) + "\n{oops\n", "utf-8")
    out = _run_cli(str(empty), str(good), str(english), str(binary), str(jsonl), str(tmp_path / "missing.txt"))
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    err_lines = out.stderr.strip().splitlines()
    assert len(err_lines) == 6  # five bad items and the summary
    assert err_lines[0].startswith("marsad: E050 ") and "empty.txt" in err_lines[0]
    assert "E051" in err_lines[1] and "english.txt" in err_lines[1]
    assert "E011" in err_lines[2]
    assert "E020" in err_lines[3] and "a.jsonl:2" in err_lines[3]
    assert "E001" in err_lines[4]
    assert len(out.stdout.strip().splitlines()) == 2  # good.txt and the good JSONL line


def test_cli_bad_reference_date():
    out = _run_cli("-", "--reference-date", "yesterday", stdin=ARTICLE)
    assert out.returncode == 2 and "E060" in out.stderr and "Traceback" not in out.stderr
