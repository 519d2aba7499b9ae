// An interval index over a record's feature spans, so that a view asks "which features touch
// bases [a, b)?" in O(answer + bins) instead of scanning every feature (DESIGN §4: a paint must
// cost O(visible), not O(length)). Spans are put in fixed-size bins; a span longer than a bin is
// listed in every bin it covers (a 4.6 Mb "source" feature is ~1,100 entries, which is fine).
// Rebuilding is O(spans) and takes well under a millisecond for 9,000 features, so the document
// rebuilds it lazily after each edit instead of patching it.
#pragma once

#include "bio/Record.h"

#include <QList>

namespace benchtop::models {

class FeatureIndex
{
public:
    static constexpr qint64 kBinSize = 4096;

    void rebuild(const QList<bio::Feature> &features, qint64 sequenceLength);
    // Indexes of the features with a span overlapping [start, end), ascending, each once.
    QList<qsizetype> overlapping(qint64 start, qint64 end) const;
    bool isEmpty() const { return m_bins.isEmpty(); }

private:
    struct Entry
    {
        qint64 start;
        qint64 end;
        qsizetype feature;
    };
    QList<QList<Entry>> m_bins;
};

} // namespace benchtop::models
