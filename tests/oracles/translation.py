#!/usr/bin/python3
"""Biopython oracle for tst_bio_translation. Prints JSON on stdout.

  translation.py tables            Biopython's NCBI codon tables
  translation.py translate IN.json  IN: [{"seq", "table", "to_stop"}]; out: [protein or "ERROR: ..."]
  translation.py cds FILE...        every CDS of GenBank files: extracted bases, table, /translation
"""
import json
import sys
import warnings

from Bio import BiopythonWarning, SeqIO
from Bio.Data import CodonTable
from Bio.Seq import Seq

warnings.simplefilter("ignore", BiopythonWarning)


def tables():
    out = []
    for table_id, table in sorted(CodonTable.unambiguous_dna_by_id.items()):
        out.append({
            "id": table_id,
            "names": [n for n in table.names if n],
            "forward": table.forward_table,
            "starts": table.start_codons,
            "stops": table.stop_codons,
        })
    return out


def translate(path):
    with open(path) as f:
        items = json.load(f)
    out = []
    for item in items:
        try:
            out.append(str(Seq(item["seq"]).translate(table=item["table"],
                                                       to_stop=item.get("to_stop", False))))
        except Exception as e:  # noqa: BLE001 - the test wants the reason
            out.append("ERROR: " + str(e))
    return out


def cds(paths):
    out = []
    for path in paths:
        for record in SeqIO.parse(path, "genbank"):
            for feature in record.features:
                if feature.type != "CDS":
                    continue
                bases = str(feature.extract(record.seq))
                codon_start = int(feature.qualifiers.get("codon_start", ["1"])[0])
                table = int(feature.qualifiers.get("transl_table", ["1"])[0])
                entry = {
                    "file": path.rsplit("/", 1)[-1],
                    "location": str(feature.location),
                    "bases": bases[codon_start - 1:],
                    "table": table,
                    "translation": feature.qualifiers.get("translation", [""])[0],
                }
                try:
                    entry["biopython_cds"] = str(Seq(entry["bases"]).translate(table=table,
                                                                                 cds=True))
                except Exception as e:  # noqa: BLE001
                    entry["biopython_cds"] = "ERROR: " + str(e)
                out.append(entry)
    return out


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "tables":
        result = tables()
    elif command == "translate" and len(sys.argv) == 3:
        result = translate(sys.argv[2])
    elif command == "cds":
        result = cds(sys.argv[2:])
    else:
        sys.exit(__doc__)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
