#include "Sequence.h"

#include <array>

namespace benchtop::bio {
namespace {

constexpr std::array<char, 256> complementTable()
{
    std::array<char, 256> table{};
    for (int c = 0; c < 256; ++c)
        table[c] = 0; // 0: not a nucleotide code
    const char pairs[][2] = {{'A', 'T'}, {'C', 'G'}, {'R', 'Y'}, {'K', 'M'}, {'B', 'V'},
                             {'D', 'H'}, {'S', 'S'}, {'W', 'W'}, {'N', 'N'}};
    for (const auto &pair : pairs) {
        for (int lower = 0; lower < 2; ++lower) {
            const char shift = lower ? 'a' - 'A' : 0;
            table[static_cast<unsigned char>(pair[0] + shift)] = static_cast<char>(pair[1] + shift);
            table[static_cast<unsigned char>(pair[1] + shift)] = static_cast<char>(pair[0] + shift);
        }
    }
    table['U'] = 'A';
    table['u'] = 'a';
    table['-'] = '-';
    table['.'] = '.';
    return table;
}

constexpr auto kComplement = complementTable();

bool isNucleotide(char c, Alphabet alphabet)
{
    const unsigned char u = static_cast<unsigned char>(c);
    if (kComplement[u] == 0 || c == '.')
        return false;
    // T belongs to DNA and U to RNA; the ambiguity codes belong to both.
    if (alphabet == Alphabet::Dna)
        return c != 'U' && c != 'u';
    return c != 'T' && c != 't';
}

bool isProtein(char c)
{
    // The 20 standard residues, B/Z/J/X ambiguity, U (selenocysteine), O (pyrrolysine),
    // '*' for a stop and '-' for a gap.
    constexpr QByteArrayView residues = "ACDEFGHIKLMNPQRSTVWYBZJXUO*-";
    const char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - ('a' - 'A')) : c;
    return residues.contains(upper);
}

} // namespace

std::optional<qsizetype> firstInvalid(QByteArrayView sequence, Alphabet alphabet)
{
    for (qsizetype i = 0; i < sequence.size(); ++i) {
        const char c = sequence[i];
        const bool valid = alphabet == Alphabet::Protein ? isProtein(c) : isNucleotide(c, alphabet);
        if (!valid)
            return i;
    }
    return std::nullopt;
}

char complement(char base, Alphabet alphabet)
{
    char result = kComplement[static_cast<unsigned char>(base)];
    if (result == 0)
        return base;
    if (alphabet == Alphabet::Rna) {
        if (result == 'T')
            result = 'U';
        else if (result == 't')
            result = 'u';
    }
    return result;
}

QByteArray reverseComplement(QByteArrayView sequence, Alphabet alphabet)
{
    QByteArray result(sequence.size(), Qt::Uninitialized);
    const qsizetype n = sequence.size();
    for (qsizetype i = 0; i < n; ++i)
        result[n - 1 - i] = complement(sequence[i], alphabet);
    return result;
}

} // namespace benchtop::bio
