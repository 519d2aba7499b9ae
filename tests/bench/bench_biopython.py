#!/usr/bin/env python3
"""Biopython's side of bench_bio: times one task inside the interpreter (imports and start-up
excluded, as a fair peer to an in-process measurement) and prints JSON {"ms": median, ...}.

  bench_biopython.py parse GENBANK RUNS
  bench_biopython.py restrict FASTA RUNS ENZYME,ENZYME,... OUT.json
      circular; names Biopython lacks are skipped; the cut positions go to OUT.json as
      {enzyme: [1-based first base after each top-strand cut]} for the same-sites check
"""
import json
import statistics
import sys
import time


def timed(runs, work):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times), result


def main():
    task, path, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    from Bio import SeqIO
    if task == "parse":
        ms, record = timed(runs, lambda: SeqIO.read(path, "genbank"))
        print(json.dumps({"ms": ms, "count": len(record.features)}))
    elif task == "restrict":
        from Bio import Restriction
        seq = SeqIO.read(path, "fasta").seq
        known = [n for n in sys.argv[4].split(",") if hasattr(Restriction, n)]
        batch = Restriction.RestrictionBatch(known)
        ms, found = timed(runs, lambda: Restriction.Analysis(batch, seq, linear=False).full())
        with open(sys.argv[5], "w") as out:
            json.dump({str(e): positions for e, positions in found.items()}, out)
        print(json.dumps({"ms": ms, "count": sum(len(v) for v in found.values()),
                          "enzymes": len(known)}))
    else:
        sys.exit("unknown task " + task)


main()
