#include "FeatureIndex.h"

#include <algorithm>

namespace benchtop::models {

void FeatureIndex::rebuild(const QList<bio::Feature> &features, qint64 sequenceLength)
{
    m_bins.clear();
    m_bins.resize(std::max<qint64>(1, (sequenceLength + kBinSize - 1) / kBinSize));
    const qint64 lastBin = m_bins.size() - 1;
    for (qsizetype i = 0; i < features.size(); ++i) {
        for (const bio::Span &span : features[i].location.spans) {
            const qint64 end = std::max(span.end, span.start + 1); // sites between bases too
            const qint64 first = std::clamp<qint64>(span.start / kBinSize, 0, lastBin);
            const qint64 last = std::clamp<qint64>((end - 1) / kBinSize, 0, lastBin);
            for (qint64 bin = first; bin <= last; ++bin)
                m_bins[bin].append({span.start, end, i});
        }
    }
}

QList<qsizetype> FeatureIndex::overlapping(qint64 start, qint64 end) const
{
    QList<qsizetype> found;
    if (m_bins.isEmpty() || end <= start)
        return found;
    const qint64 lastBin = m_bins.size() - 1;
    const qint64 first = std::clamp<qint64>(start / kBinSize, 0, lastBin);
    const qint64 last = std::clamp<qint64>((end - 1) / kBinSize, 0, lastBin);
    for (qint64 bin = first; bin <= last; ++bin)
        for (const Entry &entry : m_bins[bin])
            if (entry.start < end && entry.end > start)
                found.append(entry.feature);
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    return found;
}

} // namespace benchtop::models
