// Nucleotide and protein alphabets (IUPAC) and the reverse complement. The first piece of the
// sequence core: pure functions on QByteArray, no Qt GUI or network.
#pragma once

#include <QByteArray>

#include <optional>

namespace benchtop::bio {

enum class Alphabet { Dna, Rna, Protein };

// The position of the first character that is not in the IUPAC alphabet (case-insensitive;
// gaps '-' allowed, '*' allowed as a stop in proteins), or nullopt if all are valid.
std::optional<qsizetype> firstInvalid(QByteArrayView sequence, Alphabet alphabet);

// Complement of one IUPAC nucleotide code, keeping case (R<->Y, K<->M, B<->V, D<->H; S, W, N
// and '-' are their own complements). U complements to A; A complements to T (or U for RNA).
char complement(char base, Alphabet alphabet = Alphabet::Dna);

QByteArray reverseComplement(QByteArrayView sequence, Alphabet alphabet = Alphabet::Dna);

} // namespace benchtop::bio
