#include "Fasta.h"

#include "bio/Gzip.h"
#include "bio/Sequence.h"

#include <QFile>

#include <algorithm>
#include <array>
#include <cstring>

using namespace Qt::StringLiterals;

namespace benchtop::bio {
namespace {

// Character classes, one lookup per input byte. Built from Sequence.h's alphabets so that FASTA
// accepts exactly what firstInvalid() accepts.
enum : quint8 {
    kDna = 1,
    kRna = 2,
    kProtein = 4,
    kStrong = 8, // A/C/G/T/U/N: what makes a sequence look like nucleotides
    kGap = 16,
    kSpace = 32,
};

const std::array<quint8, 256> &classes()
{
    static const std::array<quint8, 256> table = [] {
        std::array<quint8, 256> t{};
        for (int c = 0; c < 256; ++c) {
            const char ch = static_cast<char>(c);
            const QByteArrayView one(&ch, 1);
            quint8 flags = 0;
            if (!firstInvalid(one, Alphabet::Dna))
                flags |= kDna;
            if (!firstInvalid(one, Alphabet::Rna))
                flags |= kRna;
            if (!firstInvalid(one, Alphabet::Protein))
                flags |= kProtein;
            if (c != 0 && QByteArrayView("ACGTUNacgtun").contains(ch))
                flags |= kStrong;
            if (ch == '-')
                flags |= kGap;
            // Spaces carry every alphabet bit so that AND-ing a line's flags ignores them.
            if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f')
                flags = kSpace | kDna | kRna | kProtein;
            t[static_cast<std::size_t>(c)] = flags;
        }
        return t;
    }();
    return table;
}

quint8 alphabetMask(std::optional<MoleculeKind> kind)
{
    if (!kind)
        return kDna | kRna | kProtein;
    switch (*kind) {
    case MoleculeKind::Dna:
        return kDna;
    case MoleculeKind::Rna:
        return kRna;
    case MoleculeKind::Protein:
        return kProtein;
    }
    return kProtein;
}

QString alphabetName(std::optional<MoleculeKind> kind)
{
    if (!kind)
        return u"sequence"_s;
    switch (*kind) {
    case MoleculeKind::Dna:
        return u"DNA"_s;
    case MoleculeKind::Rna:
        return u"RNA"_s;
    case MoleculeKind::Protein:
        return u"protein"_s;
    }
    return {};
}

QString describeByte(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7f)
        return u"'%1'"_s.arg(QLatin1Char(c));
    return u"byte 0x%1"_s.arg(u, 2, 16, QLatin1Char('0'));
}

// Where the next header line starts (the '>' after a line end), or end: an upper bound for the
// size of the current record's sequence, so that it is allocated once.
const char *nextHeader(const char *from, const char *end)
{
    const char *p = from;
    while (p < end) {
        const auto *gt =
            static_cast<const char *>(std::memchr(p, '>', static_cast<size_t>(end - p)));
        if (!gt)
            return end;
        if (gt == from || gt[-1] == '\n')
            return gt;
        p = gt + 1;
    }
    return end;
}

MoleculeKind detectKind(quint8 seen, qsizetype residues, qsizetype strong)
{
    const bool nucleotideLike = residues == 0 || strong * 10 >= residues * 9;
    if (nucleotideLike && (seen & kDna))
        return MoleculeKind::Dna;
    if (nucleotideLike && (seen & kRna))
        return MoleculeKind::Rna;
    return MoleculeKind::Protein;
}

bool isBlank(QByteArrayView line)
{
    const auto &cls = classes();
    for (const char c : line)
        if (!(cls[static_cast<unsigned char>(c)] & kSpace))
            return false;
    return true;
}

class Parser
{
public:
    Parser(QByteArrayView text, std::optional<MoleculeKind> kind)
        : m_begin(text.data())
        , m_end(text.data() + text.size())
        , m_kind(kind)
        , m_allowed(alphabetMask(kind))
    {}

    FastaResult run()
    {
        const char *p = m_begin;
        while (p < m_end) {
            ++m_line;
            const auto *nl =
                static_cast<const char *>(std::memchr(p, '\n', static_cast<size_t>(m_end - p)));
            const char *lineEnd = nl ? nl : m_end;
            if (*p == '>')
                startRecord(p + 1, lineEnd);
            else if (*p != ';' && !sequenceLine(p, lineEnd))
                return {{}, m_error};
            p = nl ? nl + 1 : m_end;
        }
        finishRecord();
        return {std::move(m_records), std::nullopt};
    }

private:
    void startRecord(const char *from, const char *lineEnd)
    {
        finishRecord();
        const auto &cls = classes();
        const char *end = lineEnd;
        while (end > from && (cls[static_cast<unsigned char>(end[-1])] & kSpace))
            --end;
        const char *start = from;
        while (start < end && (cls[static_cast<unsigned char>(*start)] & kSpace))
            ++start;
        const char *split = start;
        while (split < end && !(cls[static_cast<unsigned char>(*split)] & kSpace))
            ++split;
        m_record = Record();
        m_record.name = QString::fromUtf8(start, split - start);
        m_record.description = QString::fromUtf8(split, end - split).trimmed();
        const qsizetype bound = nextHeader(lineEnd, m_end) - lineEnd;
        m_record.sequence.resize(bound);
        m_out = m_record.sequence.data();
        m_inRecord = true;
        m_seen = kDna | kRna | kProtein;
        m_residues = 0;
        m_strong = 0;
    }

    bool sequenceLine(const char *from, const char *lineEnd)
    {
        if (!m_inRecord) {
            if (isBlank(QByteArrayView(from, lineEnd - from)))
                return true;
            m_error = ParseError{m_line, u"sequence data before the first '>' header"_s};
            return false;
        }
        // Branch-free: copy every byte and advance past the non-spaces; AND the flags. Only if
        // the AND loses the alphabet is the line scanned again for the culprit. Locals, because
        // stores through a char * would otherwise make the compiler reload the members.
        const quint8 *cls = classes().data();
        char *out = m_out;
        quint8 seen = m_seen;
        qsizetype strong = m_strong;
        qsizetype residues = m_residues;
        for (const char *c = from; c < lineEnd; ++c) {
            const quint8 flags = cls[static_cast<unsigned char>(*c)];
            *out = *c;
            out += (flags & kSpace) == 0;
            seen &= flags;
            strong += (flags & kStrong) != 0;
            residues += (flags & (kGap | kSpace)) == 0;
        }
        if (!(seen & m_allowed)) {
            const char *c = from;
            while (c + 1 < lineEnd && (cls[static_cast<unsigned char>(*c)] & m_allowed))
                ++c;
            m_error = ParseError{
                m_line, u"%1 (column %2) is not a valid %3 character"_s.arg(describeByte(*c))
                            .arg(c - from + 1)
                            .arg(alphabetName(m_kind))};
            return false;
        }
        m_seen = seen;
        m_strong = strong;
        m_residues = residues;
        m_out = out;
        return true;
    }

    void finishRecord()
    {
        if (!m_inRecord)
            return;
        m_record.sequence.truncate(m_out - m_record.sequence.constData());
        m_record.kind = m_kind ? *m_kind : detectKind(m_seen, m_residues, m_strong);
        if (m_record.kind == MoleculeKind::Dna)
            m_record.moleculeType = u"DNA"_s;
        else if (m_record.kind == MoleculeKind::Rna)
            m_record.moleculeType = u"RNA"_s;
        m_records.append(std::move(m_record));
        m_inRecord = false;
    }

    const char *m_begin;
    const char *m_end;
    std::optional<MoleculeKind> m_kind;
    quint8 m_allowed;
    qint64 m_line = 0;
    QList<Record> m_records;
    Record m_record;
    bool m_inRecord = false;
    char *m_out = nullptr;
    quint8 m_seen = 0;
    qsizetype m_residues = 0;
    qsizetype m_strong = 0;
    std::optional<ParseError> m_error;
};

} // namespace

FastaResult readFasta(QByteArrayView data, std::optional<MoleculeKind> kind)
{
    if (isGzip(data)) {
        QString error;
        const std::optional<QByteArray> text = gunzip(data, &error);
        if (!text)
            return {{}, ParseError{0, u"gzip-compressed data could not be read: %1"_s.arg(error)}};
        return Parser(*text, kind).run();
    }
    return Parser(data, kind).run();
}

FastaResult readFastaFile(const QString &path, std::optional<MoleculeKind> kind)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {{}, ParseError{0, u"cannot open %1: %2"_s.arg(path, file.errorString())}};
    const QByteArray data = file.readAll();
    return readFasta(data, kind);
}

QString fastaId(const Record &record)
{
    // Files carry placeholders such as "ACCESSION   ." and "VERSION     ."; those are no id.
    const auto meaningful = [](const QString &text) {
        return std::any_of(text.cbegin(), text.cend(),
                           [](QChar c) { return c.isLetterOrNumber(); });
    };
    const qsizetype dot = record.version.lastIndexOf(u'.');
    bool numbered = false;
    if (dot > 0) {
        const uint number = QStringView(record.version).sliced(dot + 1).toUInt(&numbered);
        numbered = numbered && number > 0;
    }
    QString id;
    if (numbered && meaningful(record.version.first(dot)))
        id = record.version;
    else if (meaningful(record.accession) && !record.version.isEmpty() &&
             record.version.toUInt() > 0)
        id = QString(record.accession + u'.' + record.version);
    else if (meaningful(record.accession))
        id = record.accession;
    else
        id = record.name;
    // The id ends at the first space when read back.
    for (QChar &c : id)
        if (c.isSpace())
            c = u'_';
    return id;
}

QByteArray writeFasta(const QList<Record> &records, int lineWidth)
{
    qsizetype total = 0;
    for (const Record &record : records) {
        const qsizetype n = record.sequence.size();
        total += 2 + record.name.size() + record.description.size() + n + 1;
        if (lineWidth > 0)
            total += n / lineWidth + 1;
    }
    QByteArray out;
    out.reserve(total);
    for (const Record &record : records) {
        QString header = fastaId(record);
        QString description = record.description;
        description.replace(u'\n', u' ').replace(u'\r', u' ');
        if (!description.isEmpty())
            header = header.isEmpty() ? description : QString(header + u' ' + description);
        out += '>';
        out += header.toUtf8();
        out += '\n';
        const qsizetype n = record.sequence.size();
        const qsizetype width = lineWidth > 0 ? lineWidth : qMax<qsizetype>(n, 1);
        for (qsizetype i = 0; i < n; i += width) {
            out.append(record.sequence.constData() + i, qMin(width, n - i));
            out += '\n';
        }
    }
    return out;
}

} // namespace benchtop::bio
