"""Each reader and each encoding, on fixtures written here."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from marsad.errors import MarsadInputError
from marsad.read import read_paths, read_stdin
from marsad.read.published import parse_published

from conftest import ARTICLE

HTML = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="{charset}">
<title>ارتفاع صادرات التمور - صحيفة الواحة</title>
<meta property="og:site_name" content="صحيفة الواحة"></head><body>
<nav><a href="/">الرئيسية</a> <a href="/eco">اقتصاد</a></nav>
<div class="date">الثلاثاء، 3 أيلول/سبتمبر 2024</div>
<article><h1>ارتفاع صادرات التمور</h1>
<p>أعلنت وزارة الزراعة أن صادرات التمور ارتفعت خلال النصف الأول من العام بنسبة 14 بالمئة مقارنة بالفترة نفسها من العام الماضي.</p>
<p>وقال المتحدث باسم الوزارة إن الأسواق الآسيوية استوعبت الجزء الأكبر من الكميات المصدرة، مشيرا إلى أن الوزارة تعمل على فتح أسواق جديدة في أوروبا.</p>
<p>وأضاف أن عدد المزارعين المستفيدين من برنامج دعم التصدير بلغ ثلاثة آلاف مزارع في خمس محافظات.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"""


def _articles(items):
    out = [i for i in items if not isinstance(i, MarsadInputError)]
    errors = [i for i in items if isinstance(i, MarsadInputError)]
    return out, errors


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""),
    ("utf-8", b"\xef\xbb\xbf"),
    ("utf-16", b""),          # Python writes a BOM
    ("utf-16-le", b""),       # no BOM
    ("utf-16-be", b""),       # no BOM
    ("cp1256", b""),          # Windows-1256, the legacy Arabic code page
])
def test_txt_encodings(tmp_path, encoding, prefix):
    path = tmp_path / "a.txt"
    path.write_bytes(prefix + ARTICLE.encode(encoding))
    arts, errs = _articles(list(read_paths([str(path)])))
    assert not errs
    assert arts[0].raw == ARTICLE
    assert arts[0].source.format == "text"


def test_jsonl_fields_and_dates(tmp_path):
    path = tmp_path / "a.jsonl"
    rows = [
        {"text": ARTICLE, "id": "a1", "title": "عنوان", "url": "https://x.example/1",
         "published": "2015-07-21 02:51:32", "outlet": "الواحة"},
        {"text": ARTICLE, "published": "Thu, 16 Aug 2018 23:33:02 GMT"},
        {"text": ARTICLE, "published": "2021-12-01T10:00:00Z"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    arts, errs = _articles(list(read_paths([str(path)])))
    assert not errs and len(arts) == 3
    assert (arts[0].id, arts[0].title, arts[0].source.url, arts[0].source.outlet) == \
        ("a1", "عنوان", "https://x.example/1", "الواحة")
    assert arts[0].published == "2015-07-21T02:51:32"
    assert arts[1].published == "2018-08-16T23:33:02+00:00"
    assert arts[2].published == "2021-12-01T10:00:00+00:00"
    assert arts[1].id != arts[0].id and len(arts[1].id) == 16


def test_jsonl_gz(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": ARTICLE}) + "\n")
    arts, errs = _articles(list(read_paths([str(path)])))
    assert len(arts) == 1 and not errs


@pytest.mark.parametrize("charset,encoding", [("utf-8", "utf-8"), ("windows-1256", "cp1256")])
def test_html(tmp_path, charset, encoding):
    path = tmp_path / "a.html"
    path.write_bytes(HTML.format(charset=charset).encode(encoding))
    arts, errs = _articles(list(read_paths([str(path)])))
    assert not errs
    a = arts[0]
    assert "صادرات التمور ارتفعت" in a.raw and "الرئيسية" not in a.raw
    assert a.title and "ارتفاع صادرات التمور" in a.title
    assert a.published == "2024-09-03"
    assert a.source.outlet == "صحيفة الواحة" and a.source.format == "html"
    assert not a.raw_has_lines


def _write_warc(path, pages, truncate=False):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=str(path).endswith(".gz"))
    for url, body, ctype in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                        warc_headers_dict={"WARC-Date": "2024-09-04T08:00:00Z"})
        writer.write_record(rec)
    data = buf.getvalue()
    path.write_bytes(data[: len(data) - 200] if truncate else data)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc(tmp_path, name):
    path = tmp_path / name
    page = HTML.format(charset="utf-8").encode()
    _write_warc(path, [("https://news.example/a", page, "text/html; charset=utf-8"),
                       ("https://news.example/logo.png", b"\x89PNG....", "image/png"),
                       ("https://news.example/b", page.replace(b"2024", b"2023"), "text/html")])
    arts, errs = _articles(list(read_paths([str(path)])))
    assert not errs
    assert [a.source.url for a in arts] == ["https://news.example/a", "https://news.example/b"]
    assert arts[0].source.format == "warc" and arts[0].published == "2024-09-03"


def test_directory_is_read_recursively_in_order(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub/b.txt").write_text(ARTICLE + "\nب", "utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE + "\nأ", "utf-8")
    (tmp_path / "notes.md").write_text("ignored", "utf-8")
    arts, errs = _articles(list(read_paths([str(tmp_path)])))
    assert not errs
    assert [a.raw[-1] for a in arts] == ["أ", "ب"]


def test_stdin_text_and_jsonl():
    arts, _ = _articles(list(read_stdin("text", io.BytesIO(ARTICLE.encode("utf-8")))))
    assert arts[0].raw == ARTICLE and arts[0].source.path == "<stdin>"
    lines = (json.dumps({"text": ARTICLE}) + "\n") * 2
    arts, _ = _articles(list(read_stdin("jsonl", io.BytesIO(lines.encode()))))
    assert len(arts) == 2


@pytest.mark.parametrize("value,expected", [
    ("2015-07-21 02:51:32", "2015-07-21T02:51:32"),
    ("2018-08-16", "2018-08-16"),
    ("Sun, 18 Feb 2018 21:35:43 +0400", "2018-02-18T21:35:43+04:00"),
    ("", None),
])
def test_published_formats(value, expected):
    assert parse_published(value) == expected


def test_published_rejects_nonsense():
    with pytest.raises(ValueError):
        parse_published("next tuesday")
