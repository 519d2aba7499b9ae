#include "LocationFormat.h"

#include <algorithm>
#include <charconv>

using namespace Qt::StringLiterals;

namespace benchtop::bio {
namespace {

// Far beyond any real sequence; keeps arithmetic on fuzzed input from overflowing.
constexpr qint64 kMaxPosition = qint64(1) << 48;
// complement(complement(...)) a thousand deep is an attack, not a location.
constexpr int kMaxDepth = 64;

bool isWordChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
}

bool isLetter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// One end of a range, 1-based. low < high only for one-of(...) and (a.b) positions.
struct Position
{
    qint64 low = 0;
    qint64 high = 0;
    char fuzz = 0; // '<' or '>'
    bool uncertain = false;
};

class Parser
{
public:
    Parser(QByteArrayView text, const LocationContext &context)
        : m_text(text)
        , m_p(text.data())
        , m_end(text.data() + text.size())
        , m_context(context)
    {}

    LocationParseResult run()
    {
        LocationParseResult result;
        QList<Span> spans;
        bool ok = m_p != m_end ? parseTerm(false, 0, nullptr, spans) : fail(u"empty location"_s);
        if (ok && m_p != m_end)
            ok = *m_p == ')' ? failUnbalanced() : failUnexpected();
        if (!ok) {
            result.status = LocationParseResult::Status::Invalid;
            result.error = m_error;
        } else if (!m_unplaceable.isEmpty()) {
            result.status = LocationParseResult::Status::Unplaceable;
            result.error = m_unplaceable;
        } else {
            result.location.spans = std::move(spans);
            result.location.op = m_opSet                            ? m_op
                                 : result.location.spans.size() > 1 ? Location::Operator::Join
                                                                    : Location::Operator::Single;
        }
        return result;
    }

private:
    QString quoted() const
    {
        constexpr qsizetype kMax = 200;
        const QString text = QString::fromUtf8(m_text.first(std::min(m_text.size(), kMax)));
        return u"'"_s + text + (m_text.size() > kMax ? u"...'"_s : u"'"_s);
    }
    bool fail(const QString &what)
    {
        if (m_error.isEmpty())
            m_error = m_text.isEmpty() ? what : u"%1 in location %2"_s.arg(what, quoted());
        return false;
    }
    bool failUnbalanced() { return fail(u"unbalanced parenthesis"_s); }
    bool failUnexpected()
    {
        if (m_p == m_end)
            return fail(u"location ends too early"_s);
        return fail(u"unexpected '%1' at character %2"_s.arg(QChar::fromLatin1(*m_p))
                        .arg(m_p - m_text.data() + 1));
    }
    void unplaceable(const QString &what, QByteArrayView range)
    {
        if (m_unplaceable.isEmpty())
            m_unplaceable = range == m_text ? what : u"%1 in location %2"_s.arg(what, quoted());
    }
    bool at(char c) const { return m_p < m_end && *m_p == c; }
    bool consume(char c)
    {
        if (!at(c))
            return false;
        ++m_p;
        return true;
    }
    bool consume(QByteArrayView token)
    {
        if (QByteArrayView(m_p, m_end - m_p).startsWith(token)) {
            m_p += token.size();
            return true;
        }
        return false;
    }
    bool expectClose()
    {
        if (consume(')'))
            return true;
        return m_p == m_end ? failUnbalanced() : failUnexpected();
    }

    bool parseNumber(qint64 &value)
    {
        if (m_p == m_end || *m_p < '0' || *m_p > '9')
            return failUnexpected();
        value = 0;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9') {
            value = value * 10 + (*m_p++ - '0');
            if (value > kMaxPosition)
                return fail(u"position too large"_s);
        }
        return true;
    }

    bool parsePosition(Position &pos, bool allowZero = false)
    {
        if (consume("one-of(")) {
            pos.uncertain = true;
            pos.low = kMaxPosition;
            do {
                qint64 n = 0;
                if (!parseNumber(n))
                    return false;
                pos.low = std::min(pos.low, n);
                pos.high = std::max(pos.high, n);
            } while (consume(','));
            if (!expectClose())
                return false;
        } else if (consume('(')) { // old-style "(1.5)": somewhere from 1 to 5
            pos.uncertain = true;
            if (!parseNumber(pos.low) || !(consume('.') || failUnexpected()) ||
                !parseNumber(pos.high) || !expectClose())
                return false;
            if (pos.low > pos.high)
                return fail(u"uncertain position runs backwards"_s);
        } else {
            if (at('<') || at('>'))
                pos.fuzz = *m_p++;
            if (!parseNumber(pos.low))
                return false;
            pos.high = pos.low;
        }
        if (pos.low == 0 && !allowZero)
            return fail(u"position 0 (positions start at 1)"_s);
        return true;
    }

    bool parseTerm(bool reverse, int depth, const QString *accession, QList<Span> &out)
    {
        if (depth > kMaxDepth)
            return fail(u"operators nested too deeply"_s);
        if (m_p == m_end)
            return failUnexpected();
        if (!isLetter(*m_p))
            return parseSpan(reverse, accession, out);
        const char *wordStart = m_p;
        while (m_p < m_end && isWordChar(*m_p))
            ++m_p;
        const QByteArrayView word(wordStart, m_p - wordStart);
        if (consume(':')) {
            if (accession)
                return fail(u"two accessions for one span"_s);
            const QString remote = QString::fromLatin1(word);
            return parseTerm(reverse, depth + 1, &remote, out);
        }
        if (word == "one-of") {
            m_p = wordStart;
            return parseSpan(reverse, accession, out);
        }
        if (!consume('('))
            return fail(u"unknown name '%1'"_s.arg(QString::fromLatin1(word)));
        if (word == "complement") {
            QList<Span> inner;
            if (!parseTerm(!reverse, depth + 1, accession, inner) || !expectClose())
                return false;
            // The other strand reads the parts in the opposite order.
            std::reverse(inner.begin(), inner.end());
            out.append(std::move(inner));
            return true;
        }
        Location::Operator op = Location::Operator::Join;
        if (word == "order")
            op = Location::Operator::Order;
        else if (word == "bond")
            op = Location::Operator::Bond;
        else if (word != "join")
            return fail(u"unknown operator '%1'"_s.arg(QString::fromLatin1(word)));
        // The outermost operator names the location; join(bond(5),bond(7)) is a join.
        if (!m_opSet) {
            m_op = op;
            m_opSet = true;
        }
        do {
            if (!parseTerm(reverse, depth + 1, accession, out))
                return false;
        } while (consume(','));
        return expectClose();
    }

    bool parseSpan(bool reverse, const QString *accession, QList<Span> &out)
    {
        const char *spanStart = m_p;
        Span span;
        span.strand = !m_context.stranded ? Strand::None
                      : reverse           ? Strand::Reverse
                                          : Strand::Forward;
        if (accession)
            span.remoteAccession = *accession;
        Position a;
        if (!parsePosition(a, true))
            return false;
        if (consume('^')) {
            qint64 b = 0;
            if (a.fuzz || a.uncertain || !parseNumber(b))
                return a.fuzz || a.uncertain ? fail(u"fuzzy site between bases"_s) : false;
            const qint64 length = m_context.sequenceLength;
            if (b == a.low + 1)
                span.start = a.low;
            else if (m_context.circular && length > 0 && a.low == length && b == 1)
                span.start = length; // between the last base and the first
            else
                return fail(u"'%1^%2' is not between adjacent bases"_s.arg(a.low).arg(b));
            span.end = span.start;
            span.kind = Span::Kind::Between;
            out.append(std::move(span));
            return true;
        }
        if (a.low == 0)
            return fail(u"position 0 (positions start at 1)"_s);
        if (consume("..")) {
            Position b;
            if (!parsePosition(b))
                return false;
            if (a.uncertain || b.uncertain || a.fuzz == '>' || b.fuzz == '<') {
                // No field for these: keep the text, store the widest range.
                span.kind = Span::Kind::OneOf;
                span.verbatim = QString::fromLatin1(QByteArrayView(spanStart, m_p - spanStart));
                span.start = std::min(a.low, b.low) - 1;
                span.end = std::max(a.high, b.high);
                out.append(std::move(span));
                return true;
            }
            span.fuzzyStart = a.fuzz == '<';
            span.fuzzyEnd = b.fuzz == '>';
            if (a.low <= b.low) {
                span.start = a.low - 1;
                span.end = b.low;
                out.append(std::move(span));
                return true;
            }
            return wrapOrigin(span, a.low, b.low, QByteArrayView(spanStart, m_p - spanStart), out);
        }
        if (at('.') && m_p + 1 < m_end && m_p[1] >= '0' && m_p[1] <= '9') {
            ++m_p;
            qint64 b = 0;
            if (!parseNumber(b))
                return false;
            if (a.fuzz || a.uncertain || b < a.low)
                return fail(u"invalid range '%1.%2'"_s.arg(a.low).arg(b));
            span.kind = Span::Kind::Within;
            span.start = a.low - 1;
            span.end = b;
            out.append(std::move(span));
            return true;
        }
        if (a.uncertain) {
            span.kind = Span::Kind::OneOf;
            span.verbatim = QString::fromLatin1(QByteArrayView(spanStart, m_p - spanStart));
        }
        span.start = a.low - 1;
        span.end = a.high;
        span.fuzzyStart = a.fuzz == '<';
        span.fuzzyEnd = a.fuzz == '>';
        out.append(std::move(span));
        return true;
    }

    // "6801..100" on a circular 7000 bp sequence: 6800..7000 then 0..100.
    bool wrapOrigin(Span span, qint64 from, qint64 to, QByteArrayView text, QList<Span> &out)
    {
        const qint64 length = m_context.sequenceLength;
        const QString range = u"'%1'"_s.arg(QString::fromLatin1(text));
        if (!span.remoteAccession.isEmpty())
            unplaceable(u"remote range %1 runs backwards"_s.arg(range), text);
        else if (!m_context.circular)
            unplaceable(u"range %1 runs backwards on a sequence that is not circular"_s.arg(range),
                        text);
        else if (length <= 0 || from > length)
            unplaceable(u"range %1 crosses the origin but starts beyond the %2 bp sequence"_s.arg(
                            range, QString::number(std::max<qint64>(length, 0))),
                        text);
        else {
            Span tail = span;
            span.start = from - 1;
            span.end = length;
            span.fuzzyEnd = false;
            tail.start = 0;
            tail.end = to;
            tail.fuzzyStart = false;
            out.append(std::move(span));
            out.append(std::move(tail));
        }
        return true;
    }

    QByteArrayView m_text;
    const char *m_p;
    const char *m_end;
    const LocationContext &m_context;
    Location::Operator m_op = Location::Operator::Single;
    bool m_opSet = false;
    QString m_error;
    QString m_unplaceable;
};

void appendNumber(QByteArray &out, qint64 value)
{
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr - buffer);
}

void appendSpan(QByteArray &out, const Span &span, const LocationContext &context)
{
    if (!span.remoteAccession.isEmpty())
        out += span.remoteAccession.toLatin1() + ':';
    switch (span.kind) {
    case Span::Kind::OneOf:
        if (!span.verbatim.isEmpty()) {
            out += span.verbatim.toLatin1();
            return;
        }
        break; // no text (built in code): write the widest range
    case Span::Kind::Between:
        if (context.circular && span.start == context.sequenceLength && span.start > 0) {
            appendNumber(out, span.start);
            out += "^1";
        } else {
            appendNumber(out, span.start);
            out += '^';
            appendNumber(out, span.start + 1);
        }
        return;
    case Span::Kind::Within:
        appendNumber(out, span.start + 1);
        out += '.';
        appendNumber(out, span.end);
        return;
    case Span::Kind::Range:
        break;
    }
    if (span.end == span.start + 1 && !span.fuzzyStart && !span.fuzzyEnd) {
        appendNumber(out, span.end);
        return; // a fuzzy single base is written as NCBI does: "<10..10", "10..>10"
    }
    if (span.fuzzyStart)
        out += '<';
    appendNumber(out, span.start + 1);
    out += "..";
    if (span.fuzzyEnd)
        out += '>';
    appendNumber(out, span.end);
}

QByteArrayView operatorName(Location::Operator op)
{
    switch (op) {
    case Location::Operator::Order:
        return "order";
    case Location::Operator::Bond:
        return "bond";
    case Location::Operator::Single:
    case Location::Operator::Join:
        break;
    }
    return "join";
}

} // namespace

LocationParseResult parseLocation(QByteArrayView text, const LocationContext &context)
{
    // Wrapped locations arrive joined; stray blanks are dropped as every reader does.
    const bool hasSpace = std::any_of(text.begin(), text.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    });
    if (!hasSpace)
        return Parser(text, context).run();
    QByteArray compact;
    compact.reserve(text.size());
    for (char c : text)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            compact += c;
    return Parser(compact, context).run();
}

QByteArray formatLocation(const Location &location, const LocationContext &context)
{
    QByteArray out;
    const QList<Span> &spans = location.spans;
    if (spans.isEmpty())
        return out;
    const bool single = spans.size() == 1 && location.op == Location::Operator::Single;
    const bool allReverse = context.stranded && location.strand() == Strand::Reverse;
    if (allReverse) {
        // NCBI's form: complement(join(a,b)) lists the parts in forward order.
        out += "complement(";
        if (!single)
            out += operatorName(location.op) + '(';
        for (qsizetype i = spans.size() - 1; i >= 0; --i) {
            appendSpan(out, spans[i], context);
            if (i > 0)
                out += ',';
        }
        out += single ? ")" : "))";
        return out;
    }
    if (!single)
        out += operatorName(location.op) + '(';
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const bool reverse = context.stranded && spans[i].strand == Strand::Reverse;
        if (reverse)
            out += "complement(";
        appendSpan(out, spans[i], context);
        if (reverse)
            out += ')';
        if (i + 1 < spans.size())
            out += ',';
    }
    if (!single)
        out += ')';
    return out;
}

} // namespace benchtop::bio
