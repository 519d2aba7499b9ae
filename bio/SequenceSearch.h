// Find a nucleotide pattern (exact or IUPAC-degenerate, up to k mismatches) in a sequence, on
// both strands and across the origin of a circular sequence; or an amino-acid pattern in its
// translation in three or six frames, mapped back to the bases.
//
// Ambiguity: a pattern code matches a base of the sequence when it allows every base that the
// sequence's code can stand for. So pattern N matches anything, pattern R matches A, G and R;
// a sequence N (or R) is matched only by a pattern code that covers it (N; or R, D, V, N).
// This reports only sites that are certainly there, as EMBOSS fuzznuc and Biopython's nt_search
// (which never matches an ambiguous base in the sequence) do. X counts as N; characters that are
// no nucleotide code never match. Case is ignored; U is T. Amino acids likewise: pattern X matches
// any amino acid (not a stop '*'), B matches D/N, Z matches E/Q, J matches I/L; a residue X in the
// translation (an ambiguous codon) is matched only by pattern X.
//
// Mismatches are substitutions (Hamming distance); every site within k is reported, so
// overlapping sites are all there. The scan is bit-parallel (Shift-And with k+1 rows) for
// patterns up to 64 symbols, linear in the sequence; longer patterns are checked site by site.
#pragma once

#include "bio/GeneticCode.h"
#include "bio/Record.h"

#include <QByteArrayView>
#include <QList>

namespace benchtop::bio {

struct SearchHit
{
    qint64 start = 0; // forward-strand coordinates of the site, whichever strand matched
    qint64 end = 0;   // exclusive; exceeds the sequence length for a site across the origin
    Strand strand = Strand::Forward;
    int mismatches = 0;
    friend bool operator==(const SearchHit &, const SearchHit &) = default;
};

struct NucleotideSearchOptions
{
    int maxMismatches = 0;
    // The reverse strand is searched for the pattern's reverse complement. A pattern that is its
    // own reverse complement (GAATTC) is reported once per site, on the forward strand.
    bool bothStrands = true;
    bool circular = false; // sites may cross the origin (a pattern longer than the sequence: none)
};

struct ProteinSearchOptions
{
    const GeneticCode *code = nullptr; // nullptr: the standard code
    int maxMismatches = 0;
    bool bothStrands = true; // six frames, else the three forward frames
    bool circular = false;
};

// Hits sorted by start, then strand (forward first). A pattern with a character that is no
// nucleotide (amino-acid) code, or an empty pattern, finds nothing.
QList<SearchHit> findNucleotides(QByteArrayView sequence, QByteArrayView pattern,
                                 const NucleotideSearchOptions &options = {});
QList<SearchHit> findProtein(QByteArrayView sequence, QByteArrayView peptide,
                             const ProteinSearchOptions &options = {});

} // namespace benchtop::bio
