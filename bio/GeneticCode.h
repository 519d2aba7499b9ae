// The NCBI genetic codes (translation tables 1-6, 9-16, 21-31), read from the embedded NCBI
// `gc.prt` (`:/bio/gc.prt`) on first use, and the Benchling API's names for them.
//
// A codon translates through one 4,096-entry table per code, indexed by the IUPAC sets of its
// three bases, so ambiguous codons cost the same as plain ones. Ambiguity is resolved as
// Biopython's `Seq.translate` does: a codon whose every reading gives one amino acid translates
// to it (GCN -> A); readings that are all stops give '*' (TAR -> *); readings of two amino
// acids covered by B (D/N), Z (E/Q) or J (I/L) give that letter (RAY -> B); anything else
// (a mix of stop and sense, or of unrelated amino acids) gives X. X in a nucleotide sequence is
// read as N. A codon with any other character gives X, except "---", which gives '-'.
#pragma once

#include "bio/Record.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace benchtop::bio {

namespace detail {
constexpr std::array<quint8, 256> makeNucleotideMasks()
{
    std::array<quint8, 256> masks{};
    const std::pair<char, quint8> codes[] = {{'A', 1},  {'C', 2},  {'G', 4},  {'T', 8},  {'U', 8},
                                             {'R', 5},  {'Y', 10}, {'S', 6},  {'W', 9},  {'K', 12},
                                             {'M', 3},  {'B', 14}, {'D', 13}, {'H', 11}, {'V', 7},
                                             {'N', 15}, {'X', 15}};
    for (const auto &[letter, mask] : codes) {
        masks[static_cast<unsigned char>(letter)] = mask;
        masks[static_cast<unsigned char>(letter - 'A' + 'a')] = mask;
    }
    return masks;
}
inline constexpr std::array<quint8, 256> kNucleotideMasks = makeNucleotideMasks();
constexpr std::array<quint8, 256> makeComplementMasks()
{
    std::array<quint8, 256> masks{};
    for (int c = 0; c < 256; ++c) {
        const quint8 m = kNucleotideMasks[c];
        masks[c] =
            static_cast<quint8>(((m & 1) << 3) | ((m & 2) << 1) | ((m & 4) >> 1) | ((m & 8) >> 3));
    }
    return masks;
}
inline constexpr std::array<quint8, 256> kComplementMasks = makeComplementMasks();
} // namespace detail

// The set of bases an IUPAC nucleotide code stands for: A=1, C=2, G=4, T/U=8 (N and X=15), any
// case; 0 for anything that is not a nucleotide code.
constexpr quint8 nucleotideMask(char base)
{
    return detail::kNucleotideMasks[static_cast<unsigned char>(base)];
}
// The mask of the complementary code (A<->T, C<->G, R<->Y, ...).
constexpr quint8 complementMask(quint8 mask)
{
    return static_cast<quint8>(((mask & 1) << 3) | ((mask & 2) << 1) | ((mask & 4) >> 1) |
                               ((mask & 8) >> 3));
}

class GeneticCode
{
public:
    // Reads NCBI `gc.prt` text (ASN.1 value notation). Each table needs an id, at least one
    // name and 64-letter `ncbieaa`/`sncbieaa` rows; anything else is an error naming the line.
    struct ParseResult
    {
        QList<GeneticCode> codes;
        std::optional<ParseError> error;
    };
    static ParseResult parse(QByteArrayView text);

    // The codes of the embedded gc.prt, loaded once (thread-safe). byId/byApiName give nullptr
    // for tables that are not there (e.g. 7, 8, 17-20, 32, 33).
    static const GeneticCode *byId(int id);
    static const GeneticCode *byApiName(QStringView apiName);
    static const GeneticCode &standard();
    static QList<const GeneticCode *> all();
    // Why the embedded table could not be read (then only the standard code, built in, exists).
    static std::optional<ParseError> loadError();

    // The Benchling API enum value for an NCBI table id ("STANDARD" for 1, ...), or an empty
    // string when the API has no name for it (15, 27, 28, 31) - and the id for an API name, or 0.
    // CEPHALODISCIDAE_MITOCHONDRIAL_UAA_TYR is NCBI table 33, which gc.prt (2017) lacks.
    static QString apiNameForId(int id);
    static int idForApiName(QStringView apiName);

    int id() const { return m_id; }
    QString name() const { return m_names.value(0); }
    QStringList names() const { return m_names; }
    QString apiName() const { return apiNameForId(m_id); }
    // 64 letters in NCBI order (first base TCAG, then second, then third); '*' is a stop.
    const QByteArray &aminoAcids() const { return m_aminoAcids; }
    // 64 marks in the same order: 'M' start, '*' stop, '-' neither (NCBI `sncbieaa`). Tables 27,
    // 28 and 31 mark some sense codons '*' too: they are stops only at the end of a gene.
    const QByteArray &startsAndStops() const { return m_startsAndStops; }

    // One codon: the first three characters at `codon` (which must exist).
    char translateCodon(const char *codon) const
    {
        return m_lookup[(nucleotideMask(codon[0]) << 8) | (nucleotideMask(codon[1]) << 4) |
                        nucleotideMask(codon[2])];
    }
    // The codon read on the other strand: the reverse complement of the three characters.
    char translateReverseCodon(const char *codon) const
    {
        using detail::kComplementMasks;
        return m_lookup[(kComplementMasks[static_cast<unsigned char>(codon[2])] << 8) |
                        (kComplementMasks[static_cast<unsigned char>(codon[1])] << 4) |
                        kComplementMasks[static_cast<unsigned char>(codon[0])]];
    }
    // By IUPAC masks (1..15 each); any 0 mask gives 'X'.
    char translateMasks(quint8 first, quint8 second, quint8 third) const
    {
        return m_lookup[(first << 8) | (second << 4) | third];
    }

    // What a codon can do in an ORF: a start codon of the table, or a stop in either row (so
    // 27/28/31's read-through codons count as stops). An ambiguous codon has a role only if
    // every reading has it.
    enum CodonRole : quint8 { Stop = 1, Start = 2 };
    quint8 codonRoles(const char *codon) const
    {
        return m_roles[(nucleotideMask(codon[0]) << 8) | (nucleotideMask(codon[1]) << 4) |
                       nucleotideMask(codon[2])];
    }
    quint8 codonRolesOfMasks(quint8 first, quint8 second, quint8 third) const
    {
        return m_roles[(first << 8) | (second << 4) | third];
    }
    bool isStartCodon(QByteArrayView codon) const
    {
        return codon.size() >= 3 && (codonRoles(codon.data()) & Start);
    }
    bool isStopCodon(QByteArrayView codon) const
    {
        return codon.size() >= 3 && (codonRoles(codon.data()) & Stop);
    }
    QList<QByteArray> startCodons() const;
    QList<QByteArray> stopCodons() const;
    // The codons (DNA, NCBI order) that translate to an amino acid letter or '*'.
    QList<QByteArray> codonsFor(char aminoAcid) const;

    // NCBI index (0..63) of an unambiguous codon, or -1.
    static int codonIndex(QByteArrayView codon);
    static QByteArray codonAt(int index);

private:
    void buildLookup();

    int m_id = 0;
    QStringList m_names;
    QByteArray m_aminoAcids;
    QByteArray m_startsAndStops;
    quint64 m_startBits = 0;
    quint64 m_stopBits = 0;
    std::array<char, 4096> m_lookup{};
    std::array<quint8, 4096> m_roles{};
};

} // namespace benchtop::bio
