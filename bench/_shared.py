"""Where the shared development data lives, and how benchmarks load its articles by id."""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", REPO.parent / "shared"))
DATA = SHARED / "data"


def require_data() -> None:
    if not DATA.is_dir():
        sys.exit(f"skipped: the development data is not at {DATA} (set MARSAD_SHARED to the shared folder)")


def load_by_id(corpus: str, ids: set[str]) -> dict[str, dict]:
    """The JSON rows of `corpus` (a path under data/) whose id is in `ids`."""
    path = DATA / corpus
    opener = gzip.open if corpus.endswith(".gz") else open
    out: dict[str, dict] = {}
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if not any(i in line for i in ids if i not in out):
                continue
            row = json.loads(line)
            if row.get("id") in ids:
                out[row["id"]] = row
            if len(out) == len(ids):
                break
    return out


def load_rows(items: list[dict]) -> dict[str, dict]:
    """The corpus rows of annotation items that name their article by `corpus` and `id`."""
    by_corpus: dict[str, set[str]] = {}
    for item in items:
        by_corpus.setdefault(item["corpus"], set()).add(item["id"])
    rows: dict[str, dict] = {}
    for corpus, ids in by_corpus.items():
        rows.update(load_by_id(corpus, ids))
    return rows


def chosen_round(doc: str, rounds) -> int:
    """The `--round N` of a selection script: 1 (the first draw) unless a later round of `rounds` is asked for."""
    import argparse

    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--round", type=int, default=1, choices=(1, *rounds))
    return ap.parse_args().round


def write_selection(path: Path, key: str, items: list[dict], doc: str | None) -> None:
    """Write a selection of annotation items (ids only) as YAML under `key`, headed by the selecting script's
    docstring as comments, and print how many of each split."""
    import yaml
    from collections import Counter

    header = doc.strip().replace("\n", "\n# ") if doc else ""
    path.write_text("# " + header + "\n" + yaml.safe_dump({key: items}, allow_unicode=True, sort_keys=False),
                    "utf-8")
    counts = Counter(item["split"] for item in items)
    print(f"{len(items)} {key} ({dict(counts)}) written to {path.relative_to(REPO)}")


ANT = "news/ant_multisource.jsonl.gz"


def build_ant_store(db: str) -> None:
    """The whole ANT corpus (31k articles) ingested once into `db` with the full pipeline and kept there (the
    bench/.cache_* files are not tracked); a later call reuses it, migrated to the current version."""
    import subprocess

    sys.path.insert(0, str(REPO / "src"))
    from marsad.store import open_store

    if Path(db).exists():
        store = open_store(db)  # migrates an older cache
        n = store.scalar("SELECT COUNT(*) FROM articles")
        store.close()
        if n >= 30000:
            print(f"store: {db} ({n} articles, cached)")
            return
    print(f"store: ingesting {ANT} into {db} (about 5 minutes on 2 cores)")
    marsad = str(Path(sys.executable).with_name("marsad"))
    subprocess.run([marsad, "ingest", "--db", db, str(DATA / ANT)], check=False, stderr=subprocess.DEVNULL)


def shuffled_ids_by_outlet(corpus: str, taken: set[str], min_chars: int, max_chars: int, seed: int,
                           keep=None) -> dict[str, list[str]]:
    """{outlet: its article ids in `corpus`, each once, shuffled by random.Random(seed)}: the articles of min_chars
    to max_chars characters, not in `taken`, for which `keep(row)` holds (when given). How every selection
    script draws per outlet, blind to what the articles say."""
    import random
    from collections import defaultdict

    by_outlet: dict[str, set[str]] = defaultdict(set)  # the ANT corpus repeats some ids: each is drawn once
    with gzip.open(DATA / corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["id"] not in taken and min_chars <= len(row.get("text") or "") <= max_chars \
                    and (keep is None or keep(row)):
                by_outlet[row["source"]].add(row["id"])
    out = {}
    for outlet in sorted(by_outlet):
        ids = sorted(by_outlet[outlet])
        random.Random(seed).shuffle(ids)
        out[outlet] = ids
    return out


def draw_per_outlet(corpus: str, taken: set[str], min_chars: int, max_chars: int, seed: int, per_outlet: int,
                    dev_per_outlet: int, keep=None) -> list[dict]:
    """Selection items ({id, corpus, outlet, split}) of the first `per_outlet` articles of each outlet in
    shuffled_ids_by_outlet's order: its first `dev_per_outlet` for development, the rest blind."""
    return [{"id": id_, "corpus": corpus, "outlet": outlet, "split": "dev" if k < dev_per_outlet else "blind"}
            for outlet, ids in shuffled_ids_by_outlet(corpus, taken, min_chars, max_chars, seed, keep).items()
            for k, id_ in enumerate(ids[:per_outlet])]
