// Pieces the line-oriented flat-file readers (GenBank, EMBL) share: walking lines with their
// numbers and collecting sequence letters from ORIGIN/SQ blocks.
#pragma once

#include "bio/GenBank.h"
#include "bio/Gzip.h"
#include "bio/Record.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <algorithm>

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

// The frame the GenBank and EMBL readers share: records one after another, each begun by a
// keyword line (LOCUS, ID) and ended by "//"; text before the first record is skipped (release
// files have a header), between records only blank lines may stand; the first error ends the
// read with no records.
class FlatFileReader
{
protected:
    explicit FlatFileReader(QByteArrayView text)
        : m_lines(text)
    {}

    // `isStart` tells a record's first line; `readRecord` reads the record from it to its "//"
    // into m_result (false after error()). `keyword` and `format` name them in messages:
    // ("LOCUS", "a GenBank").
    template<typename IsStart, typename ReadRecord>
    GenBankResult readRecords(const char *keyword, const char *format, IsStart isStart,
                              ReadRecord readRecord)
    {
        QByteArrayView line;
        bool seen = false;
        while (m_lines.next(line)) {
            if (isStart(line)) {
                seen = true;
                if (!readRecord(line))
                    return failed();
            } else if (seen && !line.isEmpty()) {
                return fail(
                    m_lines.lineNumber(),
                    QStringLiteral("expected %1 or the end of the file after '//', found "
                                   "'%2'")
                        .arg(QLatin1StringView(keyword),
                             QString::fromUtf8(line.first(std::min<qsizetype>(line.size(), 40)))));
            }
        }
        if (!seen)
            return fail(0, QStringLiteral("no %1 line: this is not %2 file")
                               .arg(QLatin1StringView(keyword), QLatin1StringView(format)));
        m_result.warnings = std::move(m_warnings);
        return std::move(m_result);
    }

    GenBankResult fail(qint64 line, const QString &message)
    {
        m_error = {line, message};
        return failed();
    }
    GenBankResult failed()
    {
        GenBankResult result;
        result.error = m_error;
        result.warnings = std::move(m_warnings);
        return result;
    }
    bool error(qint64 line, const QString &message)
    {
        m_error = {line, message};
        return false;
    }

    LineReader m_lines;
    GenBankResult m_result;
    QList<ParseError> m_warnings;
    ParseError m_error;
    qint64 m_declaredLength = 0;
};

// A date as GenBank and EMBL write it: 21-JUN-1999.
bool isFlatFileDate(QByteArrayView text);

// GenBank blocks that stand after FEATURES (CONTIG, WGS ...): readers list them after the
// others and the writer puts them back after the feature table.
bool isGenBankTrailerKeyword(QStringView key);

// DNA, RNA or protein from a molecule type as files write it ("ds-DNA", "mRNA", "AA").
MoleculeKind moleculeKindOf(QStringView moleculeType);

} // namespace benchtop::bio
