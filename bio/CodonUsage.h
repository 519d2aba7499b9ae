// Codon usage tables (EMBOSS .cut, e.g. the embedded `:/bio/codon/Eecoli.cut`), and what they
// are for: back-translation (EMBOSS backtranseq, and the ambiguous backtranambig), codon
// optimisation of a coding sequence for a host, and the codon adaptation index.
#pragma once

#include "bio/GeneticCode.h"
#include "bio/Record.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <functional>
#include <optional>

namespace benchtop::bio {

struct CodonUsageParseResult;

class CodonUsageTable
{
public:
    struct Entry
    {
        char aminoAcid = 'X'; // as the table says ('*' for stops)
        double fraction = 0;  // of the amino acid's codons
        double perThousand = 0;
        qint64 count = 0;
    };

    // EMBOSS format: "#Key: value" comments (Species, Division, Release, CdsCount kept), then
    // one line per codon: codon, amino acid, fraction, frequency per 1000, number. All 64
    // codons must be there once; a bad line is an error naming it.
    static CodonUsageParseResult parse(QByteArrayView text);
    // An embedded table by name ("Eecoli", "Eecoli_high", "Ehuman", "Eyeast"); nullopt if there
    // is none (or it does not parse, which the tests rule out).
    static std::optional<CodonUsageTable> embedded(const QString &name);
    static QStringList embeddedNames();

    QString species() const { return m_species; }
    QString division() const { return m_division; }
    QString release() const { return m_release; }
    qint64 cdsCount() const { return m_cdsCount; }
    // By unambiguous codon (T or U, any case); an empty entry for anything else.
    Entry entry(QByteArrayView codon) const;

    // The amino acid's codons (by the table's own column), most used first: by fraction, ties
    // in ACGT order, as EMBOSS backtranseq chooses.
    QList<QByteArray> rankedCodons(char aminoAcid) const;

    // backtranseq: each residue as its most used codon. X is NNN, B is D's codon, Z is E's,
    // J the more used of I's and L's, U (selenocysteine) TGA, O (pyrrolysine) TAG; gaps '-' are
    // dropped and anything else becomes NNN.
    QByteArray backTranslate(QByteArrayView protein) const;

    // Codon adaptation index (Sharp & Li 1987) of a coding sequence, in its first frame.
    enum class CaiMethod {
        // EMBOSS cai: w = frequency / the amino acid's highest frequency, over every codon
        // including ATG, TGG and stops; an ambiguous base is read as the first base it allows
        // (ACGT order); codons of w = 0 add nothing but count.
        Emboss,
        // Sharp & Li: the geometric mean of w over codons of amino acids with more than one
        // codon, leaving out stops and ambiguous codons; an unused codon counts 0.5.
        SharpLi,
    };
    double codonAdaptationIndex(QByteArrayView cds, CaiMethod method = CaiMethod::Emboss) const;

private:
    QString m_species;
    QString m_division;
    QString m_release;
    qint64 m_cdsCount = 0;
    std::array<Entry, 64> m_entries{}; // by GeneticCode::codonIndex
};

struct CodonUsageParseResult
{
    std::optional<CodonUsageTable> table;
    std::optional<ParseError> error;
};

// backtranambig: each residue as the IUPAC codon that covers all of its codons position by
// position (L -> YTN, S -> WSN, R -> MGN, '*' -> TRR in the standard code), so the result may
// allow more than the protein. B, Z, J cover both residues; X is NNN, '-' is "---", U is TGA.
QByteArray backTranslateAmbiguous(QByteArrayView protein,
                                  const GeneticCode &code = GeneticCode::standard());

struct CodonOptimizationOptions
{
    const GeneticCode *code = nullptr; // which codons are synonyms; nullptr: standard
    // Called with the last `vetoWindow` bases of the sequence being built, ending with the codon
    // just chosen: true rejects that codon. Sites that end within an earlier codon were judged
    // before, so a veto need only look at what ends in the last three bases (avoidSites does).
    std::function<bool(QByteArrayView window)> veto;
    int vetoWindow = 30;
    bool keepStartCodon = true; // a first codon that is a start codon stays (GTG stays GTG)
    int maxBacktrack = 4;       // codons to revisit when every choice for one is vetoed
};

struct CodonOptimizationResult
{
    QByteArray sequence;
    // Codons (0-based) where every choice was vetoed; the preferred codon was kept there.
    QList<qint64> unresolved;
    QString error; // e.g. the length is not a multiple of three; sequence is then empty
};

// Each codon becomes the host's most used synonym (rankedCodons order), so the protein stays
// the same; with a veto, the next most used synonym that passes, revisiting up to maxBacktrack
// codons when none does. Codons with ambiguous bases are kept as they are.
CodonOptimizationResult optimizeCodons(QByteArrayView cds, const CodonUsageTable &host,
                                       const CodonOptimizationOptions &options = {});

// A veto for optimizeCodons: sites (IUPAC, either strand) that end within the last three bases
// of the window.
std::function<bool(QByteArrayView)> avoidSites(const QList<QByteArray> &sites);

} // namespace benchtop::bio
