#!/usr/bin/python3
"""FASTA oracle: Biopython's SeqIO.parse(..., "fasta") on each file named in argv.

Prints {path: [{"id", "description", "seq"}, ...]} as JSON. ".gz" files are decompressed with
the gzip module first (Biopython does not detect compression itself).
"""
import gzip
import json
import sys

from Bio import SeqIO

result = {}
for path in sys.argv[1:]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as handle:
        result[path] = [
            {"id": r.id, "description": r.description, "seq": str(r.seq)}
            for r in SeqIO.parse(handle, "fasta")
        ]
json.dump(result, sys.stdout)
