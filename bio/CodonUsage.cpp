#include "CodonUsage.h"

#include <QDir>
#include <QFile>

#include <bit>
#include <cmath>

using namespace Qt::StringLiterals;

namespace benchtop::bio {
namespace {

// NCBI order (TCAG) to EMBOSS's ACGT order, which decides ties as backtranseq does.
int acgtRank(int ncbiIndex)
{
    constexpr int kRankOfNcbiBase[4] = {3, 1, 0, 2}; // T, C, A, G
    return kRankOfNcbiBase[ncbiIndex >> 4] * 16 + kRankOfNcbiBase[(ncbiIndex >> 2) & 3] * 4 +
           kRankOfNcbiBase[ncbiIndex & 3];
}

// The base EMBOSS reads for an ambiguous code: the first it allows in ACGT order (A if none).
char firstAllowedBase(char code)
{
    const quint8 mask = nucleotideMask(code);
    return mask ? "ACGT"[std::countr_zero(mask)] : 'A';
}

constexpr char kMaskLetters[16] = {'N', 'A', 'C', 'M', 'G', 'R', 'S', 'V',
                                   'T', 'W', 'Y', 'H', 'K', 'D', 'B', 'N'};

bool parseNumber(const QByteArray &token, double *value, double low, double high)
{
    bool ok = false;
    *value = token.toDouble(&ok);
    return ok && *value >= low && *value <= high;
}

} // namespace

CodonUsageParseResult CodonUsageTable::parse(QByteArrayView text)
{
    CodonUsageParseResult result;
    CodonUsageTable table;
    std::array<bool, 64> seen{};
    const auto fail = [&](qint64 line, const QString &message) {
        result.error = ParseError{line, message};
        return result;
    };
    qint64 lineNumber = 0;
    for (qsizetype pos = 0; pos < text.size();) {
        qsizetype end = text.indexOf('\n', pos);
        if (end < 0)
            end = text.size();
        const QByteArray line = text.sliced(pos, end - pos).trimmed().toByteArray();
        pos = end + 1;
        ++lineNumber;
        if (line.isEmpty() || line.startsWith('!'))
            continue;
        if (line.startsWith('#')) {
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue; // a column heading such as "#Codon AA Fraction ..."
            const QByteArray key = line.mid(1, colon - 1).trimmed();
            const QString value = QString::fromLatin1(line.mid(colon + 1).trimmed());
            if (key == "Species")
                table.m_species = value;
            else if (key == "Division")
                table.m_division = value;
            else if (key == "Release")
                table.m_release = value;
            else if (key == "CdsCount")
                table.m_cdsCount = value.toLongLong();
            continue;
        }
        const QList<QByteArray> tokens = line.simplified().split(' ');
        if (tokens.size() != 5)
            return fail(lineNumber, u"expected codon, amino acid, fraction, frequency and "
                                    u"number, found %1 fields"_s.arg(tokens.size()));
        const int index = GeneticCode::codonIndex(tokens[0]);
        if (tokens[0].size() != 3 || index < 0)
            return fail(lineNumber, u"'%1' is not a codon"_s.arg(QString::fromLatin1(tokens[0])));
        if (seen[index])
            return fail(lineNumber,
                        u"codon %1 appears twice"_s.arg(QString::fromLatin1(tokens[0])));
        const QByteArray aa = tokens[1].toUpper();
        if (aa.size() != 1 || !((aa[0] >= 'A' && aa[0] <= 'Z') || aa[0] == '*'))
            return fail(lineNumber, u"'%1' is not an amino acid"_s.arg(QString::fromLatin1(aa)));
        Entry entry;
        entry.aminoAcid = aa[0];
        double count = 0;
        if (!parseNumber(tokens[2], &entry.fraction, 0, 1))
            return fail(lineNumber, u"fraction '%1' is not a number from 0 to 1"_s.arg(
                                        QString::fromLatin1(tokens[2])));
        if (!parseNumber(tokens[3], &entry.perThousand, 0, 1000))
            return fail(lineNumber, u"frequency '%1' is not a number from 0 to 1000"_s.arg(
                                        QString::fromLatin1(tokens[3])));
        if (!parseNumber(tokens[4], &count, 0, 1e15) || count != std::floor(count))
            return fail(lineNumber,
                        u"number '%1' is not a count"_s.arg(QString::fromLatin1(tokens[4])));
        entry.count = qint64(count);
        table.m_entries[index] = entry;
        seen[index] = true;
    }
    for (int i = 0; i < 64; ++i) {
        if (!seen[i])
            return fail(0,
                        u"codon %1 is missing"_s.arg(QString::fromLatin1(GeneticCode::codonAt(i))));
    }
    result.table = std::move(table);
    return result;
}

std::optional<CodonUsageTable> CodonUsageTable::embedded(const QString &name)
{
    QFile file(u":/bio/codon/"_s + name + u".cut"_s);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return parse(file.readAll()).table;
}

QStringList CodonUsageTable::embeddedNames()
{
    QStringList names;
    for (const QString &file : QDir(u":/bio/codon"_s).entryList({u"*.cut"_s}, QDir::Files))
        names.append(file.chopped(4));
    return names;
}

CodonUsageTable::Entry CodonUsageTable::entry(QByteArrayView codon) const
{
    const int index = GeneticCode::codonIndex(codon);
    return index < 0 || codon.size() != 3 ? Entry{} : m_entries[index];
}

QList<QByteArray> CodonUsageTable::rankedCodons(char aminoAcid) const
{
    QList<int> indices;
    for (int i = 0; i < 64; ++i) {
        if (m_entries[i].aminoAcid == aminoAcid)
            indices.append(i);
    }
    std::sort(indices.begin(), indices.end(), [this](int a, int b) {
        if (m_entries[a].fraction != m_entries[b].fraction)
            return m_entries[a].fraction > m_entries[b].fraction;
        return acgtRank(a) < acgtRank(b);
    });
    QList<QByteArray> codons;
    for (const int i : std::as_const(indices))
        codons.append(GeneticCode::codonAt(i));
    return codons;
}

QByteArray CodonUsageTable::backTranslate(QByteArrayView protein) const
{
    std::array<QByteArray, 128> best;
    for (char aa = 'A'; aa <= 'Z'; ++aa)
        best[aa] = rankedCodons(aa).value(0);
    best['*'] = rankedCodons('*').value(0);
    best['B'] = best['D'];
    best['Z'] = best['E'];
    const QByteArray i = best['I'], l = best['L'];
    best['J'] = entry(i).perThousand >= entry(l).perThousand ? i : l;
    best['U'] = "TGA";
    best['O'] = "TAG";
    best['X'] = "NNN";
    QByteArray bases;
    bases.reserve(protein.size() * 3);
    for (char c : protein) {
        if (c == '-')
            continue;
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        const QByteArray &codon = (c >= 0 && best[c].size() == 3) ? best[c] : best['X'];
        bases += codon;
    }
    return bases;
}

double CodonUsageTable::codonAdaptationIndex(QByteArrayView cds, CaiMethod method) const
{
    // w: each codon against the most used codon of its amino acid (the table's grouping).
    std::array<double, 64> w{};
    std::array<bool, 64> counted{};
    for (int i = 0; i < 64; ++i) {
        double best = 0;
        int synonyms = 0;
        for (int j = 0; j < 64; ++j) {
            if (m_entries[j].aminoAcid != m_entries[i].aminoAcid)
                continue;
            ++synonyms;
            best = std::max(best, method == CaiMethod::Emboss ? m_entries[j].perThousand
                                                              : double(m_entries[j].count));
        }
        if (method == CaiMethod::Emboss) {
            w[i] = best > 0 ? m_entries[i].perThousand / best : 0;
            counted[i] = true;
        } else {
            w[i] = best > 0 ? std::max(double(m_entries[i].count), 0.5) / best : 0;
            counted[i] = m_entries[i].aminoAcid != '*' && synonyms > 1 && best > 0;
        }
    }
    double total = 0;
    qint64 codons = 0;
    for (qsizetype p = 0; p + 3 <= cds.size(); p += 3) {
        int index = GeneticCode::codonIndex(cds.sliced(p, 3));
        if (index < 0) {
            if (method == CaiMethod::SharpLi)
                continue;
            const char read[3] = {firstAllowedBase(cds[p]), firstAllowedBase(cds[p + 1]),
                                  firstAllowedBase(cds[p + 2])};
            index = GeneticCode::codonIndex(QByteArrayView(read, 3));
        }
        if (!counted[index])
            continue;
        ++codons;
        if (w[index] > 0)
            total += std::log(w[index]);
    }
    return codons ? std::exp(total / double(codons)) : 0.0;
}

QByteArray backTranslateAmbiguous(QByteArrayView protein, const GeneticCode &code)
{
    // Per residue, the bases each codon position can take.
    std::array<std::array<quint8, 3>, 128> masks{};
    for (int i = 0; i < 64; ++i) {
        const char aa = code.aminoAcids()[i];
        const QByteArray codon = GeneticCode::codonAt(i);
        for (int p = 0; p < 3; ++p)
            masks[aa][p] |= nucleotideMask(codon[p]);
    }
    const auto both = [&](char a, char b) {
        return std::array<quint8, 3>{quint8(masks[a][0] | masks[b][0]),
                                     quint8(masks[a][1] | masks[b][1]),
                                     quint8(masks[a][2] | masks[b][2])};
    };
    masks['B'] = both('D', 'N');
    masks['Z'] = both('E', 'Q');
    masks['J'] = both('I', 'L');
    QByteArray bases;
    bases.reserve(protein.size() * 3);
    for (char c : protein) {
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        if (c == '-') {
            bases += "---";
        } else if (c == 'U') {
            bases += "TGA";
        } else if (c < 0 || c == 'X' || !masks[c][0]) {
            bases += "NNN";
        } else {
            for (int p = 0; p < 3; ++p)
                bases += kMaskLetters[masks[c][p]];
        }
    }
    return bases;
}

} // namespace benchtop::bio
