#include "Embl.h"

#include "bio/FeatureTable.h"
#include "bio/FlatFile.h"
#include "bio/Gzip.h"

#include <QHash>
#include <QStringList>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

namespace benchtop::bio {
namespace {

const QString kIndent(12, u' ');

QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes).trimmed();
}

// Lines as a GenBank header block value: the first after the keyword, the rest indented.
QString block(const QStringList &lines, const QString &continuation = kIndent)
{
    QString out;
    for (qsizetype i = 0; i < lines.size(); ++i)
        out += (i == 0 ? QString() : u'\n' + continuation) + lines[i];
    return out;
}

// EMBL names some divisions differently; Record holds GenBank's (Biopython's mapping).
QString genBankDivision(const QString &embl)
{
    static const QHash<QString, QString> map = {{u"FUN"_s, u"PLN"_s}, {u"HUM"_s, u"PRI"_s},
                                                {u"MUS"_s, u"ROD"_s}, {u"PRO"_s, u"BCT"_s},
                                                {u"UNC"_s, u"UNK"_s}, {u"XXX"_s, u"UNK"_s}};
    return map.value(embl, embl);
}

struct Reference
{
    QString number;
    QString range;
    QStringList authors, consortium, title, journal, remark;
    QString pubmed;

    QString toGenBank() const
    {
        QString out = number + (range.isEmpty() ? QString() : u"  ("_s + range + u')');
        auto sub = [&out](const QString &key, QStringList lines) {
            if (lines.isEmpty())
                return;
            out += u'\n' + key.leftJustified(12) + block(lines);
        };
        QStringList a = authors, t = title;
        if (!a.isEmpty() && a.last().endsWith(u';'))
            a.last().chop(1);
        if (!t.isEmpty()) { // RT "Title";
            if (t.last().endsWith(u';'))
                t.last().chop(1);
            if (t.first().startsWith(u'"'))
                t.first().remove(0, 1);
            if (t.last().endsWith(u'"'))
                t.last().chop(1);
        }
        sub(u"  AUTHORS"_s, a);
        sub(u"  CONSRTM"_s, consortium);
        sub(u"  TITLE"_s, t);
        sub(u"  JOURNAL"_s, journal);
        if (!pubmed.isEmpty())
            out += u"\n   PUBMED   "_s + pubmed;
        sub(u"  REMARK"_s, remark);
        return out;
    }
};

class Reader : FlatFileReader
{
public:
    explicit Reader(QByteArrayView data)
        : FlatFileReader(data)
    {}

    GenBankResult run()
    {
        return readRecords(
            "ID", "an EMBL", [](QByteArrayView line) { return line.startsWith("ID   "); },
            [this](QByteArrayView line) { return readRecord(line); });
    }

private:
    // New: "ID   X56734; SV 1; linear; mRNA; STD; PLN; 1859 BP."
    // Old: "ID   X56734  standard; circular DNA; PLN; 1859 BP."
    bool parseId(QByteArrayView line, Record &record)
    {
        const QStringList fields = QString::fromUtf8(line.sliced(5)).split(u';');
        const QStringList last = fields.last().trimmed().split(u' ', Qt::SkipEmptyParts);
        bool ok = false;
        if (fields.size() >= 4 && last.size() == 2)
            m_declaredLength = last[0].toLongLong(&ok);
        if (!ok)
            return error(m_lines.lineNumber(),
                         u"the ID line has no sequence length ('...; 1859 BP.')"_s);
        const bool protein = last[1].startsWith(u"AA", Qt::CaseInsensitive);
        record.name = fields[0].trimmed().section(u' ', 0, 0);
        QStringList molecule;
        if (fields.size() >= 7 && fields[1].trimmed().startsWith(u"SV ")) {
            record.version = record.name + u'.' + fields[1].trimmed().mid(3).trimmed();
            molecule = QString(fields[2] + u' ' + fields[3]).split(u' ', Qt::SkipEmptyParts);
            record.division = genBankDivision(fields[5].trimmed());
        } else {
            molecule = fields[1].trimmed().split(u' ', Qt::SkipEmptyParts);
            record.division = genBankDivision(fields[2].trimmed());
        }
        if (!record.division.isEmpty() &&
            !(record.division.size() == 3 &&
              std::all_of(record.division.begin(), record.division.end(),
                          [](QChar c) { return c >= u'A' && c <= u'Z'; }))) {
            m_warnings.append(
                {m_lines.lineNumber(), u"'%1' is not a division; ignored"_s.arg(record.division)});
            record.division.clear();
        }
        for (const QString &word : molecule) {
            if (word.compare(u"circular", Qt::CaseInsensitive) == 0)
                record.topology = Topology::Circular;
            else if (word.compare(u"linear", Qt::CaseInsensitive) == 0)
                record.topology = Topology::Linear;
            else if (!word.isEmpty())
                record.moleculeType = word; // GenBank's word: "genomic DNA" -> "DNA"
        }
        record.kind = protein ? MoleculeKind::Protein : moleculeKindOf(record.moleculeType);
        return true;
    }

    bool readRecord(QByteArrayView idLine)
    {
        Record record;
        if (!parseId(idLine, record))
            return false;
        const LocationContext context{m_declaredLength > 0 ? m_declaredLength : -1,
                                      record.topology == Topology::Circular,
                                      record.kind != MoleculeKind::Protein};
        FeatureTableReader features(context);
        SequenceCollector sequence;
        bool inSequence = false;
        QStringList description, keywords, species, lineage, comment;
        QList<Reference> references;
        QByteArrayView line;
        while (m_lines.next(line)) {
            const qint64 n = m_lines.lineNumber();
            if (line == "//") {
                if (!inSequence && !features.finish())
                    return error(features.error().line, features.error().message);
                record.features = features.takeFeatures();
                m_warnings.append(features.takeWarnings());
                if (inSequence && sequence.size() != m_declaredLength)
                    return error(n, u"record '%1' has %2 letters after SQ but its ID line says "
                                    "%3"_s.arg(record.name)
                                        .arg(sequence.size())
                                        .arg(m_declaredLength));
                record.sequence = sequence.take();
                QList<std::pair<QString, QString>> blocks;
                if (!keywords.isEmpty())
                    blocks.append({u"KEYWORDS"_s, block(keywords)});
                if (!species.isEmpty())
                    blocks.append(
                        {u"SOURCE"_s,
                         species.join(u' ') + u"\n  ORGANISM  "_s + species.join(u' ') +
                             (lineage.isEmpty() ? QString() : u'\n' + kIndent + block(lineage))});
                for (const Reference &reference : references)
                    blocks.append({u"REFERENCE"_s, reference.toGenBank()});
                if (!comment.isEmpty())
                    blocks.append({u"COMMENT"_s, block(comment)});
                // As the GenBank reader gives them: no line ends in blanks.
                for (auto &entry : blocks) {
                    QStringList lines = entry.second.trimmed().split(u'\n');
                    for (QString &l : lines)
                        while (l.endsWith(u' '))
                            l.chop(1);
                    entry.second = lines.join(u'\n');
                }
                record.headerBlocks = blocks;
                record.description = description.join(u' ');
                m_result.records.append(std::move(record));
                return true;
            }
            if (inSequence) {
                char bad = 0;
                if (!sequence.addLine(line, &bad))
                    return error(n, u"unexpected character '%1' in the sequence"_s.arg(
                                        QString::fromLatin1(&bad, 1)));
                continue;
            }
            const QByteArrayView code = line.first(std::min<qsizetype>(2, line.size()));
            const QString content = text(line.size() > 5 ? line.sliced(5) : QByteArrayView());
            if (code == "FT") {
                if (!features.addLine(line, n))
                    return error(features.error().line, features.error().message);
            } else if (code == "SQ") {
                if (!features.finish())
                    return error(features.error().line, features.error().message);
                inSequence = true;
                sequence.reserve(m_declaredLength, m_lines.remaining());
            } else if (code == "ID") {
                return error(
                    n, u"ID line inside record '%1', which has no '//' end"_s.arg(record.name));
            } else if (code == "AC" && record.accession.isEmpty()) {
                record.accession = content.section(u';', 0, 0).section(u' ', 0, 0);
            } else if (code == "SV") {
                record.version = content;
            } else if (code == "DT") {
                const QString date = content.section(u' ', 0, 0); // the last: latest change
                if (isFlatFileDate(date.toLatin1()))
                    record.date = date;
            } else if (code == "DE") {
                description.append(content);
            } else if (code == "KW") {
                keywords.append(content);
            } else if (code == "OS") {
                species.append(content);
            } else if (code == "OC") {
                lineage.append(content);
            } else if (code == "CC") {
                comment.append(content);
            } else if (code == "RN") {
                references.append(Reference());
                references.last().number = content.mid(1).section(u']', 0, 0);
            } else if (code.startsWith('R') && !references.isEmpty()) {
                Reference &r = references.last();
                if (code == "RP")
                    r.range = u"bases "_s + content.section(u',', 0, 0).replace(u'-', u" to "_s);
                else if (code == "RA")
                    r.authors.append(content);
                else if (code == "RG")
                    r.consortium.append(content);
                else if (code == "RT")
                    r.title.append(content);
                else if (code == "RL")
                    r.journal.append(content);
                else if (code == "RC")
                    r.remark.append(content);
                else if (code == "RX" && content.startsWith(u"PUBMED;"))
                    r.pubmed = content.mid(7).trimmed().remove(u'.');
            }
            // Other line types (XX, FH, PR, DR, OG, CO ...) have no place in a Record.
        }
        return error(
            m_lines.lineNumber(),
            u"the file ends inside record '%1' with no '//' (truncated?)"_s.arg(record.name));
    }
};

} // namespace

GenBankResult readEmbl(QByteArrayView data)
{
    return Reader(withoutByteOrderMark(data)).run();
}

GenBankResult readEmblFile(const QString &path)
{
    return readFileWith<GenBankResult>(path, [](QByteArrayView data) { return readEmbl(data); });
}

} // namespace benchtop::bio
