#!/usr/bin/python3
"""Biopython oracle for tst_bio_search. Prints JSON on stdout.

  search.py IN.json
  IN: {"sequence": "...", "nucleotide": ["GAATTC", ...], "protein": ["MSK", ...]}
  out: {"nucleotide": {pattern: {"forward": [starts], "reverse": [starts]}},
        "protein": {peptide: [[start, end, strand], ...]}}

Nucleotide sites come from Bio.SeqUtils.nt_search (IUPAC pattern, every overlapping site) on
the sequence for the pattern and for its reverse complement. Protein sites come from Biopython
translations of the three frames of each strand, searched with str.find, mapped to bases.
"""
import json
import sys
import warnings

from Bio import BiopythonWarning
from Bio.Seq import Seq, reverse_complement
from Bio.SeqUtils import nt_search

warnings.simplefilter("ignore", BiopythonWarning)


def all_finds(text, word):
    found, start = [], text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + 1)
    return found


def main():
    with open(sys.argv[1]) as f:
        request = json.load(f)
    sequence = request["sequence"].upper()
    length = len(sequence)
    result = {"nucleotide": {}, "protein": {}}
    for pattern in request.get("nucleotide", []):
        result["nucleotide"][pattern] = {
            "forward": nt_search(sequence, pattern)[1:],
            "reverse": nt_search(sequence, reverse_complement(pattern))[1:],
        }
    rc = reverse_complement(sequence)
    for peptide in request.get("protein", []):
        sites = []
        for strand, bases in ((1, sequence), (-1, rc)):
            for frame in range(3):
                part = bases[frame:]
                part = part[: len(part) - len(part) % 3]
                protein = str(Seq(part).translate())
                for residue in all_finds(protein, peptide):
                    begin = frame + 3 * residue
                    end = begin + 3 * len(peptide)
                    if strand == 1:
                        sites.append([begin, end, 1])
                    else:
                        sites.append([length - end, length - begin, -1])
        result["protein"][peptide] = sorted(sites)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
