// The GenBank writer (declared in GenBank.h).
#include "GenBank.h"

#include "bio/FeatureTable.h"
#include "bio/FlatFile.h"

#include <algorithm>
#include <charconv>

using namespace Qt::StringLiterals;

namespace benchtop::bio {
namespace {

constexpr qsizetype kHeaderIndent = 12;

QByteArray padded(QByteArrayView text, qsizetype width)
{
    QByteArray out = text.toByteArray();
    if (out.size() < width)
        out += QByteArray(width - out.size(), ' ');
    return out;
}

// LOCUS columns from the GenBank release notes: name 13-28 and length ending at 40, unit 42-43,
// strandedness 45-47, molecule 48-53, topology 56-63, division 65-67, date 69-79.
QByteArray locusLine(const Record &record)
{
    QByteArray name = record.name.simplified().toUtf8().replace(' ', '_');
    if (name.isEmpty())
        name = "unnamed";
    const QByteArray length = QByteArray::number(record.sequence.size());
    QByteArray line = "LOCUS       " + name;
    line += QByteArray(std::max<qsizetype>(1, 28 - name.size() - length.size()), ' ') + length;
    line += record.kind == MoleculeKind::Protein ? " aa " : " bp ";
    QByteArray molecule = record.moleculeType.toUtf8();
    const bool stranded =
        molecule.startsWith("ss-") || molecule.startsWith("ds-") || molecule.startsWith("ms-");
    line += padded(stranded ? molecule : "   " + molecule, 9) + "  ";
    line += record.topology == Topology::Circular ? "circular"
            : record.topology == Topology::Linear ? "linear  "
                                                  : "        ";
    line += ' ' + padded(record.division.toUtf8(), 3) + ' ' + record.date.toUtf8();
    // Always the full 79 columns: Biopython rejects a short LOCUS line in these columns.
    return padded(line, 79) + '\n';
}

void appendHeaderBlock(QByteArray &out, const QString &key, const QString &value)
{
    const QByteArray text = value.toUtf8();
    qsizetype lineEnd = text.indexOf('\n');
    const QByteArray first = text.first(lineEnd < 0 ? text.size() : lineEnd);
    QByteArray keyText = key.toUtf8();
    out += first.isEmpty() ? keyText : padded(keyText, kHeaderIndent - 1) + ' ' + first;
    out += '\n';
    while (lineEnd >= 0) {
        const qsizetype next = text.indexOf('\n', lineEnd + 1);
        const QByteArrayView line =
            QByteArrayView(text).sliced(lineEnd + 1, (next < 0 ? text.size() : next) - lineEnd - 1);
        // A continuation must stay indented, or it would read as a new keyword.
        if (!line.isEmpty() && line[0] != ' ' && line[0] != '\t')
            out += QByteArray(kHeaderIndent, ' ');
        out += line;
        out += '\n';
        lineEnd = next;
    }
}

// ACCESSION and VERSION are kept as blocks when they say more than the record's field ("GI:...");
// such a block counts only while it still starts with the field's value.
bool isCurrentIdBlock(const Record &record, const QString &key, const QString &value)
{
    const QString &field = key == u"ACCESSION" ? record.accession : record.version;
    return (key == u"ACCESSION" || key == u"VERSION") && !field.isEmpty() &&
           value.section(u' ', 0, 0, QString::SectionSkipEmpty) == field;
}

void appendIdLine(QByteArray &out, const Record &record, const QString &key, const QString &value)
{
    for (const auto &[blockKey, blockValue] : record.headerBlocks)
        if (blockKey == key && isCurrentIdBlock(record, blockKey, blockValue))
            return; // written where it stands among the blocks
    appendHeaderBlock(out, key, value.isEmpty() ? u"."_s : value);
}

void appendSequence(QByteArray &out, const QByteArray &sequence)
{
    out += "ORIGIN\n";
    const qsizetype n = sequence.size();
    const qsizetype start = out.size();
    // 10 columns of position, 6 blocks of 11: 76 bytes for a full line of 60.
    out.resize(start + (n / 60 + 1) * 96);
    char *p = out.data() + start;
    for (qsizetype i = 0; i < n; i += 60) {
        char number[24];
        const auto r = std::to_chars(number, number + sizeof number, i + 1);
        const qsizetype digits = r.ptr - number;
        for (qsizetype pad = digits; pad < 9; ++pad)
            *p++ = ' ';
        p = std::copy(number, r.ptr, p);
        const qsizetype end = std::min(n, i + 60);
        for (qsizetype j = i; j < end; ++j) {
            if ((j - i) % 10 == 0)
                *p++ = ' ';
            const char c = sequence[j];
            *p++ = c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
        }
        *p++ = '\n';
    }
    out.truncate(p - out.data());
}

void appendRecord(QByteArray &out, const Record &record)
{
    out += locusLine(record);
    // The closing period is GenBank syntax; the reader takes it off again.
    QByteArray description = record.description.toUtf8();
    description.replace("\r\n", " ");
    std::replace_if(
        description.begin(), description.end(),
        [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    description += '.';
    appendWrapped(out, "DEFINITION  ", QByteArray(kHeaderIndent, ' '), description);
    appendIdLine(out, record, u"ACCESSION"_s, record.accession);
    appendIdLine(out, record, u"VERSION"_s, record.version);
    for (const auto &[key, value] : record.headerBlocks) {
        const bool idBlock = key == u"ACCESSION" || key == u"VERSION";
        if ((!idBlock && !isGenBankTrailerKeyword(key)) || isCurrentIdBlock(record, key, value))
            appendHeaderBlock(out, key, value);
    }
    out += "FEATURES             Location/Qualifiers\n";
    const LocationContext context{record.sequence.size(), record.topology == Topology::Circular,
                                  record.kind != MoleculeKind::Protein};
    writeFeatureTable(out, record.features, context, "     ");
    for (const auto &[key, value] : record.headerBlocks)
        if (isGenBankTrailerKeyword(key))
            appendHeaderBlock(out, key, value);
    if (!record.sequence.isEmpty())
        appendSequence(out, record.sequence);
    out += "//\n";
}

} // namespace

QByteArray writeGenBank(const Record &record)
{
    return writeGenBank(QList<Record>{record});
}

QByteArray writeGenBank(const QList<Record> &records)
{
    QByteArray out;
    qsizetype estimate = 0;
    for (const Record &record : records)
        estimate += record.sequence.size() * 5 / 4 + record.features.size() * 256 + 4096;
    out.reserve(estimate);
    for (const Record &record : records)
        appendRecord(out, record);
    return out;
}

} // namespace benchtop::bio
