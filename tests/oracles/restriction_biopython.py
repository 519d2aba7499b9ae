#!/usr/bin/env python3
"""Oracle: Biopython Bio.Restriction (Debian package `python3-biopython`).

Usage:
  restriction_biopython.py search SEQFILE circular(0|1)
      Analysis(AllEnzymes, seq, linear=...).full(): {"enzyme": {"site": ..., "defined": bool,
      "results": [1-based positions]}} for every enzyme Biopython knows. For enzymes with known
      cuts the positions are the first base after each top-strand cut; for the others, where
      the site starts.
  restriction_biopython.py catalyse SEQFILE circular(0|1) ENZYME
      ENZYME.catalyse(seq, linear=...): {"fragments": [top-strand sequences]}.
SEQFILE is GenBank (.gb, .gbk) or FASTA.
"""
import json
import sys

try:
    from Bio import SeqIO
    from Bio.Restriction import AllEnzymes, Analysis, RestrictionBatch
except ImportError:
    sys.exit("Biopython not found: install the Debian package 'python3-biopython'")


def read(path):
    fmt = "genbank" if path.endswith((".gb", ".gbk")) else "fasta"
    return SeqIO.read(path, fmt).seq.upper()


def main():
    mode, path, circular = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
    seq = read(path)
    if mode == "search":
        full = Analysis(AllEnzymes, seq, linear=not circular).full()
        out = {str(e): {"site": e.site, "defined": e.fst5 is not None, "results": r}
               for e, r in full.items()}
        json.dump(out, sys.stdout)
    elif mode == "catalyse":
        enzyme = RestrictionBatch([sys.argv[4]]).get(sys.argv[4])
        fragments = enzyme.catalyse(seq, linear=not circular)
        json.dump({"fragments": [str(f) for f in fragments]}, sys.stdout)
    else:
        sys.exit("unknown mode " + mode)


if __name__ == "__main__":
    main()
