#include "Record.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace benchtop::bio {

qint64 Location::start() const
{
    if (spans.isEmpty())
        return 0;
    return std::min_element(spans.begin(), spans.end(),
                            [](const Span &a, const Span &b) { return a.start < b.start; })
        ->start;
}

qint64 Location::end() const
{
    if (spans.isEmpty())
        return 0;
    return std::max_element(spans.begin(), spans.end(),
                            [](const Span &a, const Span &b) { return a.end < b.end; })
        ->end;
}

Location Location::onStrand(QList<Span> spans, Strand strand, SpanOrder order)
{
    if (order == SpanOrder::AlongSequence && strand == Strand::Reverse)
        std::reverse(spans.begin(), spans.end());
    for (Span &span : spans)
        span.strand = strand;
    Location location;
    location.spans = std::move(spans);
    location.op = location.spans.size() > 1 ? Operator::Join : Operator::Single;
    return location;
}

Strand Location::strand() const
{
    if (spans.isEmpty())
        return Strand::None;
    const Strand first = spans.first().strand;
    for (const Span &span : spans)
        if (span.strand != first)
            return Strand::None;
    return first;
}

QString Feature::qualifier(const QString &name) const
{
    for (const Qualifier &q : qualifiers)
        if (q.name == name)
            return q.value;
    return {};
}

QString Feature::displayName() const
{
    for (const char *name : {"label", "gene", "product", "locus_tag", "note"}) {
        const QString value = qualifier(QString::fromLatin1(name));
        if (!value.isEmpty())
            return value;
    }
    return type;
}

QString ParseError::toString() const
{
    return line > 0 ? u"line %1: %2"_s.arg(line).arg(message) : message;
}

} // namespace benchtop::bio
