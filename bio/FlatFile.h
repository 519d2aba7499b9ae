// Pieces the line-oriented flat-file readers (GenBank, EMBL) share: walking lines with their
// numbers and collecting sequence letters from ORIGIN/SQ blocks.
#pragma once

#include "bio/Gzip.h"
#include "bio/Record.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace benchtop::bio {

// Hands out the lines of a text, without the line break and without trailing blanks or '\r'.
class LineReader
{
public:
    explicit LineReader(QByteArrayView text)
        : m_text(text)
    {}
    bool next(QByteArrayView &line);
    qint64 lineNumber() const { return m_line; } // 1-based number of the last line handed out
    qsizetype remaining() const { return m_text.size() - m_pos; }

private:
    QByteArrayView m_text;
    qsizetype m_pos = 0;
    qint64 m_line = 0;
};

// Collects the letters of sequence lines ("       61 acgtacgtac ..."): position numbers and
// blanks are skipped, letters upper-cased, '*' '-' and '.' kept; anything else is an error.
class SequenceCollector
{
public:
    // Reserves for the length the header promises, at most `cap` (a corrupt header must not
    // allocate gigabytes).
    void reserve(qint64 expected, qint64 cap);
    // False if the line holds a character that is not a sequence letter; it is stored in *bad.
    bool addLine(QByteArrayView line, char *bad);
    qint64 size() const { return m_size; }
    QByteArray take();

private:
    QByteArray m_data;
    qint64 m_size = 0;
};

// The text without a leading UTF-8 byte order mark (Windows editors add one).
inline QByteArrayView withoutByteOrderMark(QByteArrayView text)
{
    return text.startsWith("\xEF\xBB\xBF") ? text.sliced(3) : text;
}

// The blank- or tab-separated fields of a line.
QList<QByteArrayView> splitFields(QByteArrayView line);

// Reads a file (gunzipping it if need be) and hands its bytes to `read`; a file that cannot be
// read becomes the result's error, so every reader reports it the same way.
template<typename Result, typename Read> Result readFileWith(const QString &path, Read read)
{
    QString message;
    const std::optional<QByteArray> data = readMaybeGzippedFile(path, &message);
    if (!data) {
        Result result;
        result.error = ParseError{0, message};
        return result;
    }
    return read(*data);
}

// A date as GenBank and EMBL write it: 21-JUN-1999.
bool isFlatFileDate(QByteArrayView text);

// GenBank blocks that stand after FEATURES (CONTIG, WGS ...): readers list them after the
// others and the writer puts them back after the feature table.
bool isGenBankTrailerKeyword(QStringView key);

// DNA, RNA or protein from a molecule type as files write it ("ds-DNA", "mRNA", "AA").
MoleculeKind moleculeKindOf(QStringView moleculeType);

} // namespace benchtop::bio
