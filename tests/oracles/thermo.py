#!/usr/bin/python3
"""Biopython oracle for tst_bio_thermo. Prints JSON on stdout.

  thermo.py IN.json
  IN: {"oligos": [...], "conditions": [{Tm_NN keyword arguments}],
       "weights": [{"seq", "seq_type", "double_stranded", "circular", "monoisotopic"}]}
  out: {"tm": [[Tm_NN(oligo, **conditions) or null per condition] per oligo],
        "wallace": [Tm_Wallace(oligo, strict=False)], "gc": [[remove, ignore, weighted]],
        "weights": [molecular_weight(...) or null]}
"""
import json
import sys
import warnings

from Bio import BiopythonWarning
from Bio.SeqUtils import MeltingTemp, gc_fraction, molecular_weight

warnings.simplefilter("ignore", BiopythonWarning)


def tm_or_none(oligo, conditions):
    try:
        return MeltingTemp.Tm_NN(oligo, nn_table=MeltingTemp.DNA_NN3, **conditions)
    except (ValueError, ZeroDivisionError):
        return None


def weight_or_none(item):
    try:
        return molecular_weight(item["seq"], seq_type=item["seq_type"],
                                double_stranded=item["double_stranded"],
                                circular=item["circular"], monoisotopic=item["monoisotopic"])
    except ValueError:
        return None


def main():
    with open(sys.argv[1]) as f:
        request = json.load(f)
    oligos = request["oligos"]
    result = {
        "tm": [[tm_or_none(o, c) for c in request["conditions"]] for o in oligos],
        "wallace": [MeltingTemp.Tm_Wallace(o, strict=False) for o in oligos],
        "gc": [[gc_fraction(o, mode) for mode in ("remove", "ignore", "weighted")]
               for o in oligos],
        "weights": [weight_or_none(item) for item in request["weights"]],
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
