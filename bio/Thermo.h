// Oligo thermodynamics and composition, computed as Biopython's Bio.SeqUtils.MeltingTemp and
// Bio.SeqUtils (1.80) do, so their numbers agree: nearest-neighbour Tm (SantaLucia 1998
// unified parameters, Biopython's DNA_NN3) with its seven salt corrections, the Wallace rule,
// GC content and molecular weight.
#pragma once

#include "bio/Record.h"

#include <QByteArrayView>

#include <optional>

namespace benchtop::bio {

// Biopython's saltcorr methods 0-7.
enum class SaltCorrection : quint8 {
    None = 0,
    SchildkrautLifson1965 = 1, // Tm + 16.6 log[Na+]
    Wetmur1991 = 2,            // Tm + 16.6 log([Na+] / (1 + 0.7 [Na+]))
    SantaLucia1996 = 3,        // Tm + 12.5 log[Na+]
    SantaLucia1998 = 4,        // Tm + 11.7 log[Na+]
    SantaLucia1998Entropy = 5, // dS + 0.368 (N - 1) ln[Na+]: Biopython's default
    Owczarzy2004 = 6,          // 1/Tm + f(GC, ln[Na+])
    Owczarzy2008 = 7,          // 1/Tm + f(GC, [Mg2+], [Na+]), free Mg2+ after dNTPs
};

// Ions in mM, strands in nM, as Biopython's Tm_NN arguments. Unless the correction is
// Owczarzy2008, K+, Tris and Mg2+ enter as a sodium equivalent (von Ahsen 2001):
// Na + K + Tris/2 + 120 sqrt(Mg - dNTPs).
struct MeltingConditions
{
    double na = 50;
    double k = 0;
    double tris = 0;
    double mg = 0;
    double dntps = 0;
    double dnac1 = 25;              // the strand in excess (primer, probe)
    double dnac2 = 25;              // the other strand (0 for a template in PCR)
    bool selfComplementary = false; // then only dnac1 counts, and the symmetry term applies
    SaltCorrection saltCorrection = SaltCorrection::SantaLucia1998Entropy;
};

// Tm in degrees C of an oligo with its perfect complement (Tm_NN(seq) with DNA_NN3). As
// Biopython: case is ignored, U is T, and anything but A/C/G/T (N, gaps, spaces) is dropped
// before the calculation. nullopt when fewer than two bases remain, for inosine (I, which needs
// the mismatch tables), or when the conditions make the formula undefined (no ions for a
// correction that needs them; dnac2 >= 2 dnac1).
std::optional<double> meltingTemperature(QByteArrayView oligo,
                                         const MeltingConditions &conditions = {});

// The salt-correction term itself (Biopython's salt_correction), or nullopt where undefined.
std::optional<double> saltCorrectionTerm(QByteArrayView oligo, const MeltingConditions &conditions);

// 4 (G + C) + 2 (A + T), for oligos of about 14-20 bases. Ambiguous bases count with their mean
// (S 4, W 2, N/K/M/R/Y 3, B/V 10/3, D/H 8/3), as Tm_Wallace(strict=False); others are ignored.
double wallaceMeltingTemperature(QByteArrayView oligo);

// Biopython's gc_fraction modes. Remove: G, C, S over A, C, G, T, U, S, W (other codes left
// out). Ignore: G, C, S over every character. Weighted: ambiguous codes count with their
// chance of being G or C (N 0.5, B 2/3, ...) over every character. 0 for an empty count.
// Unlike Biopython 1.80, Remove counts U (RNA) like T; Biopython leaves U out of the length.
enum class GcAmbiguity { Remove, Ignore, Weighted };
double gcFraction(QByteArrayView sequence, GcAmbiguity ambiguity = GcAmbiguity::Remove);

// Molecular weight in Da, as Bio.SeqUtils.molecular_weight: residue masses less one water per
// bond (one more for a circular molecule); nucleic acids carry a 5' phosphate. doubleStranded
// adds the complementary strand (DNA, RNA). Average masses, or monoisotopic. nullopt for an
// empty sequence, a letter without a mass (ambiguity codes, U in DNA, T in RNA, '*') or a
// double-stranded protein. Case and whitespace are ignored.
std::optional<double> molecularWeight(QByteArrayView sequence, MoleculeKind kind,
                                      bool doubleStranded = false, bool circular = false,
                                      bool monoisotopic = false);

} // namespace benchtop::bio
