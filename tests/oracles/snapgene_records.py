#!/usr/bin/python3
"""SnapGene oracle: Biopython's SeqIO.read(path, "snapgene") on each file named in argv.

Prints {path: {"seq", "topology", "features": [{"type", "strand", "parts": [[start, end,
strand], ...], "qualifiers": {name: [values]}}]}} as JSON; parts are 0-based, end-exclusive, in
the order Biopython lists them.
"""
import json
import sys

from Bio import SeqIO

result = {}
for path in sys.argv[1:]:
    record = SeqIO.read(path, "snapgene")
    features = []
    for feature in record.features:
        features.append(
            {
                "type": feature.type,
                "strand": feature.location.strand,
                "parts": [[int(p.start), int(p.end), p.strand] for p in feature.location.parts],
                "qualifiers": {k: [str(v) for v in vs] for k, vs in feature.qualifiers.items()},
            }
        )
    result[path] = {
        "seq": str(record.seq),
        "topology": record.annotations.get("topology"),
        "features": features,
    }
json.dump(result, sys.stdout)
