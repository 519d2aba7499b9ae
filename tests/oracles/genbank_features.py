#!/usr/bin/python3
"""Oracle for the GenBank/EMBL readers: print what Biopython parses, as JSON.

Usage: genbank_features.py [--format genbank|embl] FILE...
Output: {"FILE": [record, ...] or {"error": "..."}} where a record is
{name, length, topology, molecule_type, sequence (uppercase, "" when undefined),
 features: [{type, op, location: [part, ...], qualifiers: [[name, value], ...]}]}
and a part is [start, end, strand, ref, start_kind, end_kind]: Biopython's 0-based,
end-exclusive coordinates, strand 1/-1/null, the remote accession or null, and the kind of
each position ("Exact", "Before", "After", "Within", "OneOf", ...). op is "join", "order",
"bond" or "" for a simple location; location is null when Biopython gave none.
"""
import json
import sys
import warnings

from Bio import SeqIO
from Bio.SeqFeature import CompoundLocation
from Bio.Seq import UndefinedSequenceError


def location(loc):
    if loc is None:
        return "", None
    parts = loc.parts
    op = loc.operator if isinstance(loc, CompoundLocation) else ""
    def kind(position):
        return type(position).__name__.replace("Position", "")

    return op, [
        [int(p.start), int(p.end), p.strand, p.ref, kind(p.start), kind(p.end)] for p in parts
    ]


def record(rec):
    try:
        seq = str(rec.seq).upper()
    except UndefinedSequenceError:
        seq = ""
    features = []
    for f in rec.features:
        op, loc = location(f.location)
        quals = []
        for key, values in f.qualifiers.items():
            for v in values if isinstance(values, list) else [values]:
                quals.append([key, v])
        features.append({"type": f.type, "op": op, "location": loc, "qualifiers": quals})
    return {
        "name": rec.name,
        "length": len(rec),
        "topology": rec.annotations.get("topology", ""),
        "molecule_type": rec.annotations.get("molecule_type", ""),
        "sequence": seq,
        "features": features,
    }


def main(argv):
    fmt = "genbank"
    if len(argv) > 1 and argv[0] == "--format":
        fmt, argv = argv[1], argv[2:]
    out = {}
    for path in argv:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                out[path] = [record(r) for r in SeqIO.parse(path, fmt)]
            except Exception as e:  # the oracle reports, the test decides
                out[path] = {"error": "%s: %s" % (type(e).__name__, e)}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
