"""The datasketch side of `vigie-campaigns datasketch` (started by that binary).

Reads the normalised texts (one per line), builds MinHash(num_perm) over the character
5-grams of each (the whole text when shorter than 5 characters), inserts every post in a
MinHashLSH(threshold, num_perm) and queries every post. Times signatures, index and
queries; writes the candidate pairs among the sample posts; prints one JSON line.

    python datasketch_bench.py TEXTS SAMPLE PAIRS_OUT THRESHOLD NUM_PERM
"""

import json
import sys
import time

from datasketch import MinHash, MinHashLSH


def shingles(text, n=5):
    if len(text) < n:
        return {text}
    return {text[i : i + n] for i in range(len(text) - n + 1)}


def main():
    texts_path, sample_path, pairs_path, threshold, num_perm = sys.argv[1:6]
    threshold, num_perm = float(threshold), int(num_perm)
    with open(texts_path, encoding="utf-8") as f:
        texts = f.read().split("\n")
    if texts and texts[-1] == "":
        texts.pop()
    with open(sample_path, encoding="utf-8") as f:
        sample = {int(line) for line in f if line.strip()}

    start = time.perf_counter()
    signatures = []
    for text in texts:
        m = MinHash(num_perm=num_perm)
        m.update_batch([s.encode("utf-8") for s in shingles(text)])
        signatures.append(m)
    signed = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for i, m in enumerate(signatures):
        lsh.insert(i, m)
    indexed = time.perf_counter()
    candidates = 0
    pairs = []
    for i, m in enumerate(signatures):
        found = lsh.query(m)
        candidates += len(found) - 1
        if i in sample:
            pairs.extend((i, j) for j in found if j > i and j in sample)
    queried = time.perf_counter()

    with open(pairs_path, "w", encoding="utf-8") as f:
        for i, j in pairs:
            f.write(f"{i} {j}\n")
    print(
        json.dumps(
            {
                "posts": len(texts),
                "sign_s": signed - start,
                "index_s": indexed - signed,
                "query_s": queried - indexed,
                "total_s": queried - start,
                "candidates": candidates,
                "bands": lsh.b,
                "rows": lsh.r,
            }
        )
    )


if __name__ == "__main__":
    main()
