#include "GenBank.h"

#include "bio/FeatureTable.h"
#include "bio/FlatFile.h"
#include "bio/Gzip.h"

#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace benchtop::bio {
namespace {

bool isDigits(QByteArrayView s)
{
    return !s.isEmpty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isDivision(QByteArrayView s) // BCT, SYN, UNK ...
{
    return s.size() == 3 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool isMoleculeType(QByteArrayView s)
{
    if (s.size() > 3 && (s.startsWith("ss-") || s.startsWith("ds-") || s.startsWith("ms-")))
        s = s.sliced(3);
    static const char *const types[] = {"NA",    "DNA",   "RNA",   "mRNA",    "tRNA",
                                        "rRNA",  "uRNA",  "cRNA",  "snRNA",   "snoRNA",
                                        "scRNA", "ncRNA", "tmRNA", "pre-RNA", "vRNA"};
    return std::any_of(std::begin(types), std::end(types), [s](const char *t) {
        return s.compare(QByteArrayView(t), Qt::CaseInsensitive) == 0;
    });
}

// REFERENCE, BASE COUNT, WGS_SCAFLD ...: a header line starts with a capital word.
bool isKeyword(QByteArrayView line)
{
    qsizetype i = 0;
    while (i < line.size() && ((line[i] >= 'A' && line[i] <= 'Z') || line[i] == '_' ||
                               (i > 0 && line[i] >= '0' && line[i] <= '9')))
        ++i;
    return i > 0 && (i == line.size() || line[i] == ' ');
}

QString dotIsEmpty(const QString &value)
{
    return value == u"."_s ? QString() : value;
}

class Reader : FlatFileReader
{
public:
    explicit Reader(QByteArrayView text)
        : FlatFileReader(text)
    {}

    GenBankResult run()
    {
        return readRecords("LOCUS", "a GenBank", isLocus,
                           [this](QByteArrayView line) { return readRecord(line); });
    }

private:
    enum class Section { Header, Features, Origin };

    static bool isLocus(QByteArrayView line)
    {
        return line.startsWith("LOCUS") && (line.size() == 5 || line[5] == ' ' || line[5] == '\t');
    }

    bool parseLocus(QByteArrayView line, Record &record)
    {
        const qint64 n = m_lines.lineNumber();
        const QList<QByteArrayView> t = splitFields(line);
        qsizetype unit = 3;
        while (unit < t.size() &&
               !(isDigits(t[unit - 1]) && (t[unit] == "bp" || t[unit] == "aa" || t[unit] == "rc")))
            ++unit;
        if (t.size() < 2 || unit >= t.size())
            return error(n, u"the LOCUS line has no sequence length ('... 5386 bp' or "
                            "'... 375 aa')"_s);
        QStringList name;
        for (qsizetype i = 1; i < unit - 1; ++i)
            name.append(QString::fromUtf8(t[i]));
        record.name = name.join(u' ');
        bool ok = false;
        m_declaredLength = t[unit - 1].toLongLong(&ok);
        if (!ok)
            return error(n, u"sequence length on the LOCUS line is too large"_s);
        const bool protein = t[unit] == "aa";
        for (qsizetype i = unit + 1; i < t.size(); ++i) {
            const QByteArrayView token = t[i];
            const bool early = record.moleculeType.isEmpty() &&
                               record.topology == Topology::Unknown && record.division.isEmpty() &&
                               record.date.isEmpty();
            if (early && isMoleculeType(token))
                record.moleculeType = QString::fromLatin1(token);
            else if (token.compare("linear", Qt::CaseInsensitive) == 0)
                record.topology = Topology::Linear;
            else if (token.compare("circular", Qt::CaseInsensitive) == 0)
                record.topology = Topology::Circular;
            else if (isFlatFileDate(token) && record.date.isEmpty())
                record.date = QString::fromLatin1(token);
            else if (isDivision(token) && record.division.isEmpty() && record.date.isEmpty())
                record.division = QString::fromLatin1(token);
            else
                m_warnings.append({n, u"LOCUS line: '%1' is not a molecule type, topology, "
                                      "division or date; ignored"_s.arg(QString::fromUtf8(token))});
        }
        record.kind = protein ? MoleculeKind::Protein : moleculeKindOf(record.moleculeType);
        return true;
    }

    // A header block: keyword in columns 1-12, continuation lines indented.
    void startBlock(QByteArrayView line)
    {
        qsizetype keyEnd = line.indexOf(' ');
        if (keyEnd < 0)
            keyEnd = line.size();
        if (line.first(keyEnd) == "BASE" && line.sliced(keyEnd).trimmed().startsWith("COUNT"))
            keyEnd = line.indexOf("COUNT") + 5;
        m_blockKey = QString::fromUtf8(line.first(keyEnd));
        m_blockValue = line.sliced(keyEnd).trimmed().toByteArray();
        m_inBlock = true;
    }

    void finishBlock(Record &record)
    {
        if (!m_inBlock)
            return;
        m_inBlock = false;
        const QString value = QString::fromUtf8(m_blockValue);
        if (m_blockKey == u"DEFINITION") {
            // Lines joined with one space; the closing period is syntax, not text.
            QStringList lines = value.split(u'\n', Qt::SkipEmptyParts);
            for (QString &l : lines)
                l = l.trimmed();
            lines.removeAll(QString());
            QString text = lines.join(u' ');
            if (text.endsWith(u'.'))
                text.chop(1);
            record.description = text;
        } else if (m_blockKey == u"ACCESSION" || m_blockKey == u"VERSION") {
            const QString first = dotIsEmpty(value.section(u' ', 0, 0, QString::SectionSkipEmpty));
            (m_blockKey == u"ACCESSION" ? record.accession : record.version) = first;
            if (value.simplified() != first && value != u".")
                record.headerBlocks.append({m_blockKey, value});
        } else if (m_blockKey != u"BASE COUNT") {
            record.headerBlocks.append({m_blockKey, value});
        }
    }

    bool readRecord(QByteArrayView locusLine)
    {
        Record record;
        if (!parseLocus(locusLine, record))
            return false;
        // "0 bp" is what a record without sequence gets written with: length unknown.
        const LocationContext context{m_declaredLength > 0 ? m_declaredLength : -1,
                                      record.topology == Topology::Circular,
                                      record.kind != MoleculeKind::Protein};
        std::optional<FeatureTableReader> features;
        SequenceCollector sequence;
        bool hasOrigin = false;
        Section section = Section::Header;
        QStringList seen; // DEFINITION, ACCESSION and VERSION come once
        m_inBlock = false;
        QByteArrayView line;
        while (m_lines.next(line)) {
            const qint64 n = m_lines.lineNumber();
            if (line == "//")
                return finishRecord(record, features, sequence, hasOrigin, n);
            if (isLocus(line))
                return error(
                    n, u"LOCUS line inside record '%1', which has no '//' end"_s.arg(record.name));
            if (section == Section::Origin) {
                char bad = 0;
                if (!sequence.addLine(line, &bad))
                    return error(n, u"unexpected character '%1' in the sequence"_s.arg(
                                        QString::fromLatin1(&bad, 1)));
                continue;
            }
            if (section == Section::Features) {
                if (line.isEmpty() || line[0] == ' ' || line[0] == '\t') {
                    if (!features->addLine(line, n))
                        return error(features->error().line, features->error().message);
                    continue;
                }
                if (!features->finish())
                    return error(features->error().line, features->error().message);
                section = Section::Header;
            }
            // Header section (before or after the feature table).
            if (line.isEmpty() || line[0] == ' ' || line[0] == '\t') {
                if (m_inBlock)
                    m_blockValue += '\n' + line.toByteArray();
                else if (!line.isEmpty())
                    return error(n, u"indented line outside any header block"_s);
                continue;
            }
            finishBlock(record);
            if (!isKeyword(line))
                return error(
                    n, u"'%1' is neither a header keyword nor an indented line"_s.arg(
                           QString::fromUtf8(line.first(std::min<qsizetype>(line.size(), 40)))));
            if (line.startsWith("FEATURES")) {
                if (features)
                    return error(n, u"second FEATURES table in record '%1'"_s.arg(record.name));
                features.emplace(context);
                section = Section::Features;
            } else if (line.startsWith("ORIGIN")) {
                hasOrigin = true;
                sequence.reserve(m_declaredLength, m_lines.remaining());
                section = Section::Origin;
            } else {
                startBlock(line);
                if (m_blockKey == u"DEFINITION" || m_blockKey == u"ACCESSION" ||
                    m_blockKey == u"VERSION") {
                    if (seen.contains(m_blockKey))
                        return error(
                            n, u"second %1 line in record '%2'"_s.arg(m_blockKey, record.name));
                    seen.append(m_blockKey);
                }
            }
        }
        const QString where = section == Section::Features ? u"FEATURES table"_s
                              : section == Section::Origin ? u"sequence"_s
                                                           : u"header"_s;
        return error(m_lines.lineNumber(),
                     u"the file ends inside the %1 of record '%2'%3 and no '//' (truncated?)"_s.arg(
                         where, record.name, hasOrigin ? QString() : u", with no ORIGIN"_s));
    }

    bool finishRecord(Record &record, std::optional<FeatureTableReader> &features,
                      SequenceCollector &sequence, bool hasOrigin, qint64 line)
    {
        finishBlock(record);
        if (features) {
            if (!features->finish())
                return error(features->error().line, features->error().message);
            record.features = features->takeFeatures();
            m_warnings.append(features->takeWarnings());
        }
        if (hasOrigin && sequence.size() != m_declaredLength)
            return error(
                line,
                u"record '%1' has %2 %3 after ORIGIN but its LOCUS line says %4"_s.arg(record.name)
                    .arg(sequence.size())
                    .arg(record.kind == MoleculeKind::Protein ? u"residues"_s : u"bases"_s)
                    .arg(m_declaredLength));
        record.sequence = sequence.take();
        // Where the writer will put them, so that a round trip keeps the order.
        std::stable_partition(
            record.headerBlocks.begin(), record.headerBlocks.end(),
            [](const auto &block) { return !isGenBankTrailerKeyword(block.first); });
        m_result.records.append(std::move(record));
        return true;
    }

    bool m_inBlock = false;
    QString m_blockKey;
    QByteArray m_blockValue;
};

} // namespace

GenBankResult readGenBank(QByteArrayView text)
{
    return Reader(withoutByteOrderMark(text)).run();
}

GenBankResult readGenBankFile(const QString &path)
{
    return readFileWith<GenBankResult>(path, [](QByteArrayView data) { return readGenBank(data); });
}

} // namespace benchtop::bio
