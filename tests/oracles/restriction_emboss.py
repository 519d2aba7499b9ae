#!/usr/bin/env python3
"""Oracle: EMBOSS restrict (Debian package `emboss`) on one sequence file.

Usage: restriction_emboss.py SEQFILE EMBOSS_E_FILE circular(0|1) ENZYMES [fragments]

ENZYMES is "all" or a comma-separated list. Prints JSON:
  {"sites": {enzyme: [[start, end, strand, cut5, cut3, cut5rev, cut3rev], ...]},
   "fragments": [lengths...]}   (fragments only when asked for)
Coordinates are EMBOSS's: 1-based site start/end, cuts "after base N" (0 when absent).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile


def run_restrict(seqfile, datafile, circular, enzymes, outfile, extra):
    restrict = shutil.which("restrict") or "/usr/bin/restrict"
    if not os.path.exists(restrict):
        sys.exit("EMBOSS restrict not found: install the Debian package 'emboss'")
    cmd = [restrict, "-sequence", seqfile, "-datafile", datafile,
           "-enzymes", enzymes, "-sitelen", "2", "-commercial", "N", "-nolimit",
           "-plasmid", "Y" if circular else "N", "-outfile", outfile, "-auto"] + extra
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit("restrict failed: " + done.stderr)


def main():
    seqfile, datafile, circular, enzymes = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4]
    want_fragments = len(sys.argv) > 5 and sys.argv[5] == "fragments"
    result = {"sites": {}}
    with tempfile.TemporaryDirectory() as tmp:
        excel = os.path.join(tmp, "sites.xls")
        run_restrict(seqfile, datafile, circular, enzymes, excel, ["-rformat", "excel"])
        with open(excel) as f:
            header = f.readline().rstrip("\n").split("\t")
            col = {name: i for i, name in enumerate(header)}
            for line in f:
                v = line.rstrip("\n").split("\t")
                if len(v) < len(header):
                    continue
                num = lambda name: 0 if v[col[name]] == "." else int(v[col[name]])
                result["sites"].setdefault(v[col["Enzyme_name"]], []).append(
                    [int(v[col["Start"]]), int(v[col["End"]]), v[col["Strand"]],
                     num("5prime"), num("3prime"), num("5primerev"), num("3primerev")])
        if want_fragments:
            table = os.path.join(tmp, "fragments.txt")
            run_restrict(seqfile, datafile, circular, enzymes, table, ["-fragments"])
            lengths, inside = [], False
            with open(table) as f:
                for line in f:
                    text = line.lstrip("#").strip()
                    if text.startswith("Fragment lengths"):
                        inside = True
                    elif inside and text.isdigit():
                        lengths.append(int(text))
                    elif inside and text.startswith("---"):
                        break
            result["fragments"] = lengths
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
