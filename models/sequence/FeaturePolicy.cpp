#include "FeaturePolicy.h"

#include <algorithm>

namespace benchtop::models {

namespace {

enum class Place { Before, After, Touched };

Place placeOf(const bio::Span &span, const BaseEdit &edit)
{
    if (span.start == edit.position && span.end == edit.position)
        return Place::Touched; // a site between two bases at the edit point
    if (span.end <= edit.position && span.start < edit.position)
        return Place::Before;
    if (span.start >= edit.position + edit.removed)
        return Place::After;
    return Place::Touched;
}

// The spans one span becomes (none when all its bases go).
QList<bio::Span> edited(bio::Span span, const BaseEdit &edit, InsertInside inside)
{
    const qint64 delta = edit.inserted - edit.removed;
    const qint64 cutEnd = edit.position + edit.removed;
    // Remove [position, cutEnd).
    const qint64 keptBefore = std::max<qint64>(0, std::min(span.end, edit.position) - span.start);
    const qint64 keptAfter = std::max<qint64>(0, span.end - std::max(span.start, cutEnd));
    const bool startsBefore = span.start < edit.position;
    if (keptBefore + keptAfter == 0 && span.length() > 0)
        return {};
    if (span.length() == 0) { // a site between bases: move it to the edit point's end
        span.start = span.end =
            span.start >= cutEnd ? span.start + delta : std::min(span.start, edit.position);
        return {span};
    }
    const qint64 newStart = startsBefore ? span.start : edit.position + edit.inserted;
    if (!startsBefore || keptAfter == 0) {
        // The span is on one side of the insertion point.
        span.start = newStart;
        span.end = newStart + keptBefore + keptAfter;
        return {span};
    }
    // The insertion point is strictly inside what remains.
    if (inside == InsertInside::Grow || edit.inserted == 0) {
        span.end = span.start + keptBefore + keptAfter + edit.inserted;
        return {span};
    }
    bio::Span left = span;
    left.end = edit.position;
    left.fuzzyEnd = false;
    bio::Span right = span;
    right.start = edit.position + edit.inserted;
    right.end = right.start + keptAfter;
    right.fuzzyStart = false;
    if (span.strand == bio::Strand::Reverse)
        return {right, left};
    return {left, right};
}

} // namespace

QList<TouchedFeature> applyBaseEdit(QList<bio::Feature> &features, const BaseEdit &edit,
                                    InsertInside inside)
{
    const qint64 delta = edit.inserted - edit.removed;
    QList<TouchedFeature> touched;
    for (qsizetype i = 0; i < features.size(); ++i) {
        bio::Feature &feature = features[i];
        bool isTouched = false;
        for (const bio::Span &span : std::as_const(feature.location.spans))
            if (placeOf(span, edit) == Place::Touched)
                isTouched = true;
        if (!isTouched) {
            for (bio::Span &span : feature.location.spans)
                if (placeOf(span, edit) == Place::After) {
                    span.start += delta;
                    span.end += delta;
                }
            continue;
        }
        TouchedFeature record{i, feature, false};
        QList<bio::Span> spans;
        for (const bio::Span &span : std::as_const(feature.location.spans)) {
            switch (placeOf(span, edit)) {
            case Place::Before:
                spans.append(span);
                break;
            case Place::After: {
                bio::Span moved = span;
                moved.start += delta;
                moved.end += delta;
                spans.append(moved);
                break;
            }
            case Place::Touched:
                spans.append(edited(span, edit, inside));
                break;
            }
        }
        feature.location.spans = spans;
        if (spans.size() > 1 && feature.location.op == bio::Location::Operator::Single)
            feature.location.op = bio::Location::Operator::Join;
        record.deleted = spans.isEmpty();
        touched.append(record);
    }
    for (qsizetype t = touched.size() - 1; t >= 0; --t)
        if (touched[t].deleted)
            features.removeAt(touched[t].index);
    return touched;
}

void revertBaseEdit(QList<bio::Feature> &features, const BaseEdit &edit,
                    const QList<TouchedFeature> &touched)
{
    const qint64 delta = edit.inserted - edit.removed;
    const qint64 threshold = edit.position + edit.inserted;
    for (bio::Feature &feature : features)
        for (bio::Span &span : feature.location.spans)
            if (span.start >= threshold && !(span.length() == 0 && span.start == edit.position)) {
                span.start -= delta;
                span.end -= delta;
            }
    for (const TouchedFeature &t : touched)
        if (t.deleted)
            features.insert(t.index, t.before);
    for (const TouchedFeature &t : touched)
        if (!t.deleted)
            features[t.index] = t.before;
}

bio::Location rotated(const bio::Location &location, qint64 origin, qint64 length)
{
    bio::Location out = location;
    out.spans.clear();
    auto add = [&](bio::Span span) {
        if (!out.spans.isEmpty()) {
            bio::Span &last = out.spans.last();
            const bool forward = span.strand != bio::Strand::Reverse;
            if (forward && last.end == span.start && last.strand == span.strand &&
                last.kind == bio::Span::Kind::Range && span.kind == bio::Span::Kind::Range) {
                last.end = span.end;
                return;
            }
            if (!forward && span.end == last.start && last.strand == span.strand &&
                last.kind == bio::Span::Kind::Range && span.kind == bio::Span::Kind::Range) {
                last.start = span.start;
                return;
            }
        }
        out.spans.append(span);
    };
    for (bio::Span span : location.spans) {
        qint64 start = span.start - origin;
        if (start < 0)
            start += length;
        const qint64 end = start + span.length();
        if (end <= length || span.length() == 0) {
            span.start = start;
            span.end = end;
            add(span);
            continue;
        }
        bio::Span head = span; // before the new origin
        head.start = start;
        head.end = length;
        head.fuzzyEnd = false;
        bio::Span tail = span;
        tail.start = 0;
        tail.end = end - length;
        tail.fuzzyStart = false;
        if (span.strand == bio::Strand::Reverse) {
            add(tail);
            add(head);
        } else {
            add(head);
            add(tail);
        }
    }
    if (out.spans.size() == 1)
        out.op = bio::Location::Operator::Single;
    else if (out.op == bio::Location::Operator::Single)
        out.op = bio::Location::Operator::Join;
    return out;
}

bio::Location reverseComplemented(const bio::Location &location, qint64 length)
{
    bio::Location out = location;
    out.spans.clear();
    // The 5' span on the old strand is the 5' span on the new one: the order stays.
    for (bio::Span span : location.spans) {
        const qint64 start = length - span.end;
        span.end = length - span.start;
        span.start = start;
        std::swap(span.fuzzyStart, span.fuzzyEnd);
        if (span.strand == bio::Strand::Forward)
            span.strand = bio::Strand::Reverse;
        else if (span.strand == bio::Strand::Reverse)
            span.strand = bio::Strand::Forward;
        out.spans.append(span);
    }
    return out;
}

} // namespace benchtop::models
