#include "FlatFile.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace benchtop::bio {
namespace {

// 0: skip (blank, digit), 1: not allowed, otherwise the byte to store.
constexpr std::array<char, 256> sequenceTable()
{
    std::array<char, 256> table{};
    for (int c = 0; c < 256; ++c)
        table[c] = 1;
    for (char c : {' ', '\t', '\r', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'})
        table[static_cast<unsigned char>(c)] = 0;
    for (int c = 'A'; c <= 'Z'; ++c) {
        table[c] = static_cast<char>(c);
        table[c + ('a' - 'A')] = static_cast<char>(c);
    }
    for (char c : {'*', '-', '.'})
        table[static_cast<unsigned char>(c)] = c;
    return table;
}

constexpr auto kSequenceTable = sequenceTable();

} // namespace

bool LineReader::next(QByteArrayView &line)
{
    if (m_pos >= m_text.size())
        return false;
    const char *begin = m_text.data() + m_pos;
    const qsizetype left = m_text.size() - m_pos;
    const auto *newline = static_cast<const char *>(std::memchr(begin, '\n', size_t(left)));
    qsizetype length = newline ? newline - begin : left;
    m_pos += newline ? length + 1 : length;
    ++m_line;
    while (length > 0 &&
           (begin[length - 1] == ' ' || begin[length - 1] == '\r' || begin[length - 1] == '\t'))
        --length;
    line = QByteArrayView(begin, length);
    return true;
}

void SequenceCollector::reserve(qint64 expected, qint64 cap)
{
    m_data.resize(qsizetype(std::max<qint64>(0, std::min(expected, cap))));
}

bool SequenceCollector::addLine(QByteArrayView line, char *bad)
{
    if (m_size + line.size() > m_data.size())
        m_data.resize(std::max<qsizetype>(m_data.size() * 2, m_size + line.size()));
    char *out = m_data.data() + m_size;
    for (char c : line) {
        const char t = kSequenceTable[static_cast<unsigned char>(c)];
        if (t > 1) {
            *out++ = t;
        } else if (t == 1) {
            *bad = c;
            m_size = out - m_data.data();
            return false;
        }
    }
    m_size = out - m_data.data();
    return true;
}

QByteArray SequenceCollector::take()
{
    m_data.truncate(m_size);
    m_size = 0;
    return std::exchange(m_data, {});
}

bool isFlatFileDate(QByteArrayView s)
{
    auto digits = [](QByteArrayView d) {
        return !d.isEmpty() &&
               std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    const qsizetype n = s.size();
    return (n == 11 || n == 10) && s[n - 5] == '-' && s[n - 9] == '-' && digits(s.last(4)) &&
           digits(s.first(n - 9)) && std::all_of(s.begin() + n - 8, s.begin() + n - 5, [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
           });
}

bool isGenBankTrailerKeyword(QStringView key)
{
    return key == u"CONTIG" || key == u"WGS" || key == u"WGS_SCAFLD" || key == u"TSA" ||
           key == u"TLS";
}

MoleculeKind moleculeKindOf(QStringView moleculeType)
{
    if (moleculeType.compare(u"AA", Qt::CaseInsensitive) == 0 ||
        moleculeType.compare(u"protein", Qt::CaseInsensitive) == 0)
        return MoleculeKind::Protein;
    if (moleculeType.contains(u"RNA", Qt::CaseInsensitive))
        return MoleculeKind::Rna;
    return MoleculeKind::Dna;
}

QList<QByteArrayView> splitFields(QByteArrayView line)
{
    QList<QByteArrayView> fields;
    qsizetype i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        const qsizetype start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t')
            ++i;
        if (i > start)
            fields.append(line.sliced(start, i - start));
    }
    return fields;
}

} // namespace benchtop::bio
