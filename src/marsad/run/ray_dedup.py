"""Near-duplicate detection as distributed Ray Data stages (no process holds every signature).

    articles (id, text)
      → map_batches: MinHash signature, LSH band keys and exact key per article        (marsad.dedup)
      → map_batches: one row per (band, key, id); the exact key is one more "band" (-1)
      → groupby (band, key) → candidate pairs (a < b)
      → join the signatures back by a (each pair kept once there), then by b (a groupby on the id)
      → similarity ≥ params().near_duplicate
      → verified edges only are collected to the driver → connected components (union-find)
      → (id, duplicate_of, group): duplicate_of is the smallest id of the component (null for that id
        itself), group is that smallest id

Exact duplicates (same folded words) have equal signatures, so they pass verification with similarity 1.0 and
join the same groups as near duplicates.
"""

from __future__ import annotations

from typing import Any

# A bucket of n articles sharing one band key gives n(n-1)/2 candidate pairs. Past this size (boilerplate
# pages repeated hundreds of times) every member is paired with the bucket's first ANCHORS ids only: the
# component stays connected through the anchors, at n*ANCHORS pairs instead of n²/2.
FULL_BUCKET = 32
ANCHORS = 4
EXACT_BAND = -1


def signature_rows(batch) -> Any:
    """(id, text) → (id, sig, keys, exact)."""
    import pyarrow as pa

    from ..dedup import band_keys, exact_key, signature

    ids = batch.column("id").to_pylist()
    texts = batch.column("text").to_pylist()
    sigs, keys, exact = [], [], []
    for text in texts:
        sig = signature(text or "")
        sigs.append(sig)
        keys.append(band_keys(sig))
        exact.append(int.from_bytes(bytes.fromhex(exact_key(text or "")[:16]), "little", signed=True))
    return pa.table({"id": pa.array(ids, pa.string()), "sig": pa.array(sigs, pa.binary()),
                     "keys": pa.array(keys, pa.list_(pa.int64())), "exact": pa.array(exact, pa.int64())})


def band_rows(batch) -> Any:
    """(id, keys, exact) → one row per (band, key, id)."""
    import pyarrow as pa

    bands, keys, ids = [], [], []
    for id_, row_keys, exact in zip(batch.column("id").to_pylist(), batch.column("keys").to_pylist(),
                                    batch.column("exact").to_pylist()):
        for band, key in enumerate(row_keys):
            bands.append(band)
            keys.append(key)
            ids.append(id_)
        bands.append(EXACT_BAND)
        keys.append(exact)
        ids.append(id_)
    return pa.table({"band": pa.array(bands, pa.int32()), "key": pa.array(keys, pa.int64()),
                     "id": pa.array(ids, pa.string())})


def bucket_pairs(group) -> Any:
    """All articles of one (band, key) bucket → candidate pairs (a, b) with a < b."""
    import pyarrow as pa

    ids = sorted(set(group.column("id").to_pylist()))
    a, b = [], []
    if len(ids) <= FULL_BUCKET:
        for i, x in enumerate(ids):
            for y in ids[i + 1:]:
                a.append(x)
                b.append(y)
    else:
        for i, y in enumerate(ids[1:], 1):
            for x in ids[:min(i, ANCHORS)]:
                a.append(x)
                b.append(y)
    return pa.table({"a": pa.array(a, pa.string()), "b": pa.array(b, pa.string())})


def verify_pairs(batch, threshold: float) -> Any:
    """(a, b, sig_a, sig_b) → (a, b, similarity) for the pairs at or above the threshold."""
    import pyarrow as pa

    from ..dedup import similarity

    a, b, sims = [], [], []
    for x, y, sx, sy in zip(batch.column("a").to_pylist(), batch.column("b").to_pylist(),
                            batch.column("sig_a").to_pylist(), batch.column("sig_b").to_pylist()):
        sim = similarity(sx, sy)
        if sim >= threshold:
            a.append(x)
            b.append(y)
            sims.append(sim)
    return pa.table({"a": pa.array(a, pa.string()), "b": pa.array(b, pa.string()),
                     "similarity": pa.array(sims, pa.float64())})


def attach_rows(group, side: str) -> Any:
    """One id's group: its signature row and the pair rows that name it → those pairs with `sig_<side>`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    is_sig = pc.is_valid(group.column("sig"))
    sigs = group.filter(is_sig).column("sig").to_pylist()
    pairs = group.filter(pc.invert(is_sig)).drop_columns(["k", "sig"])
    if side == "a" and pairs.num_rows > 1:
        # a pair shares several bands: every copy of (a, b) is in a's group, so each is kept once here
        # rather than in a shuffle of its own
        pairs = pairs.group_by(["a", "b"]).aggregate([])
    if not sigs:  # cannot happen (every candidate id has a signature); keeps the stage total
        return pairs.slice(0, 0).append_column(f"sig_{side}", pa.array([], pa.binary()))
    return pairs.append_column(f"sig_{side}", pa.array([sigs[0]] * pairs.num_rows, pa.binary()))


def _attach(pairs, sigs, side: str, carried: dict[str, Any], num_partitions: int):
    """A distributed join of `pairs` with the signatures on column `side` (a or b), as a groupby on the id.

    Ray Data's own Dataset.join needs polars; this needs nothing more than the shuffle groupby uses."""
    import pyarrow as pa

    def pair_rows(batch):
        out = batch.select(list(carried))
        return out.append_column("k", batch.column(side)).append_column("sig", pa.nulls(batch.num_rows,
                                                                                          pa.binary()))

    def sig_rows(batch):
        n = batch.num_rows
        cols = {c: pa.nulls(n, t) for c, t in carried.items()}
        cols.update(k=batch.column("id"), sig=batch.column("sig"))
        return pa.table(cols)

    keyed = pairs.map_batches(pair_rows, batch_format="pyarrow").union(
        sigs.select_columns(["id", "sig"]).map_batches(sig_rows, batch_format="pyarrow"))
    return keyed.groupby("k", num_partitions=num_partitions).map_groups(
        attach_rows, fn_kwargs={"side": side}, batch_format="pyarrow")


def components(edges: list[tuple[str, str]]) -> dict[str, str]:
    """Union-find over verified edges: every linked id → the smallest id of its component."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent.setdefault(root, root) != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    for x, y in edges:
        rx, ry = find(x), find(y)
        if rx != ry:
            if ry < rx:
                rx, ry = ry, rx
            parent[ry] = rx  # the smaller id stays the root
    return {x: find(x) for x in parent}


def duplicates_table(roots: dict[str, str]) -> Any:
    import pyarrow as pa

    ids = sorted(roots)
    return pa.table({
        "id": pa.array(ids, pa.string()),
        "duplicate_of": pa.array([None if roots[i] == i else roots[i] for i in ids], pa.string()),
        "group": pa.array([roots[i] for i in ids], pa.string()),
    })


def near_duplicates(articles, num_partitions: int) -> Any:
    """Ray Data stages from a dataset with (id, text) columns to the duplicates Arrow table.

    Rows with the same id are one article here (ids are content hashes unless the input gives them).
    """
    import pyarrow as pa

    from ..dedup import params

    threshold = params().near_duplicate
    sigs = articles.select_columns(["id", "text"]).map_batches(
        signature_rows, batch_format="pyarrow", batch_size=256).materialize()
    buckets = sigs.select_columns(["id", "keys", "exact"]).map_batches(band_rows, batch_format="pyarrow")
    candidates = (buckets.groupby(["band", "key"], num_partitions=num_partitions)
                  .map_groups(bucket_pairs, batch_format="pyarrow"))
    with_a = _attach(candidates, sigs, "a", {"a": pa.string(), "b": pa.string()}, num_partitions)
    joined = _attach(with_a, sigs, "b", {"a": pa.string(), "b": pa.string(), "sig_a": pa.binary()},
                     num_partitions)
    verified = joined.map_batches(verify_pairs, fn_kwargs={"threshold": threshold}, batch_format="pyarrow")
    edges: list[tuple[str, str]] = []
    for batch in verified.select_columns(["a", "b"]).iter_batches(batch_format="pyarrow", batch_size=65536):
        edges.extend(zip(batch.column("a").to_pylist(), batch.column("b").to_pylist()))
    return duplicates_table(components(edges))
