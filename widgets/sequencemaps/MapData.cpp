#include "widgets/sequencemaps/MapData.h"

#include <QHash>

#include <algorithm>
#include <numeric>

namespace benchtop::widgets::maps {

QList<std::pair<qint64, qint64>> unwrapRange(qint64 start, qint64 end, qint64 length)
{
    if (end > start)
        return {{start, end}};
    if (end == start)
        return {};
    QList<std::pair<qint64, qint64>> pieces{{start, length}};
    if (end > 0)
        pieces.append({0, end});
    return pieces;
}

void FeatureIndex::build(const QList<MapFeature> &features, qint64 sequenceLength)
{
    m_short.clear();
    m_long.clear();
    m_maxShort = 0;
    const qint64 longThreshold = qMax<qint64>(1, sequenceLength / 64);
    for (int i = 0; i < features.size(); ++i) {
        for (const auto &[s, e] : unwrapRange(features[i].start, features[i].end, sequenceLength)) {
            const Piece piece{s, e, i};
            if (e - s > longThreshold) {
                m_long.append(piece);
            } else {
                m_short.append(piece);
                m_maxShort = qMax(m_maxShort, e - s);
            }
        }
    }
    std::sort(m_short.begin(), m_short.end(),
              [](const Piece &a, const Piece &b) { return a.start < b.start; });
}

QList<int> FeatureIndex::query(qint64 from, qint64 to) const
{
    QList<int> out;
    auto overlaps = [&](const Piece &p) {
        return p.start < to && p.end > from;
    };
    for (const Piece &p : m_long)
        if (overlaps(p))
            out.append(p.feature);
    // Only pieces starting in [from - maxShort, to) can overlap.
    auto first = std::lower_bound(m_short.begin(), m_short.end(), from - m_maxShort,
                                  [](const Piece &p, qint64 v) { return p.start < v; });
    for (auto it = first; it != m_short.end() && it->start < to; ++it)
        if (overlaps(*it))
            out.append(it->feature);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

QColor MapData::colorFor(const bio::Feature &feature)
{
    for (const char *name : {"color", "colour", "ApEinfo_fwdcolor"}) {
        const QColor c = QColor::fromString(feature.qualifier(QString::fromLatin1(name)).trimmed());
        if (c.isValid())
            return c;
    }
    static const QHash<QString, QColor> byType{
        {QStringLiteral("CDS"), QColor(0x4a, 0x90, 0xd9)},
        {QStringLiteral("gene"), QColor(0x8f, 0xbc, 0xe6)},
        {QStringLiteral("promoter"), QColor(0x3c, 0xb3, 0x71)},
        {QStringLiteral("terminator"), QColor(0xd9, 0x53, 0x4f)},
        {QStringLiteral("rep_origin"), QColor(0xf0, 0xad, 0x4e)},
        {QStringLiteral("primer_bind"), QColor(0x9b, 0x59, 0xb6)},
        {QStringLiteral("protein_bind"), QColor(0x1a, 0xbc, 0x9c)},
        {QStringLiteral("RBS"), QColor(0xe6, 0x7e, 0x22)},
        {QStringLiteral("misc_feature"), QColor(0x95, 0xa5, 0xa6)},
        {QStringLiteral("rRNA"), QColor(0xc0, 0x39, 0x2b)},
        {QStringLiteral("tRNA"), QColor(0xe7, 0x4c, 0x3c)},
    };
    return byType.value(feature.type, QColor(0x7f, 0x8c, 0x8d));
}

int MapData::importanceOf(const QString &type)
{
    static const QHash<QString, int> rank{
        {QStringLiteral("CDS"), 6},         {QStringLiteral("rep_origin"), 6},
        {QStringLiteral("promoter"), 5},    {QStringLiteral("terminator"), 4},
        {QStringLiteral("gene"), 4},        {QStringLiteral("protein_bind"), 3},
        {QStringLiteral("primer_bind"), 2}, {QStringLiteral("misc_feature"), 1},
    };
    return rank.value(type, 2);
}

namespace {

// The feature's extent on the molecule: the complement of the largest gap its spans leave, so a
// join across the origin of a circular sequence becomes one wrapping range.
std::pair<qint64, qint64> extentOf(const bio::Location &location, qint64 length, bool circular)
{
    QList<std::pair<qint64, qint64>> spans;
    for (const bio::Span &s : location.spans)
        if (s.remoteAccession.isEmpty())
            spans.append({s.start, s.end});
    if (spans.isEmpty())
        return {0, 0};
    std::sort(spans.begin(), spans.end());
    qint64 maxEnd = spans.first().second;
    qint64 bestGap = -1;
    qint64 gapStart = 0, gapEnd = 0;
    for (const auto &s : spans)
        maxEnd = qMax(maxEnd, s.second);
    bestGap = circular ? spans.first().first + (length - maxEnd) : -1;
    qint64 running = spans.first().second;
    for (qsizetype i = 1; i < spans.size(); ++i) {
        if (spans[i].first - running > bestGap) {
            bestGap = spans[i].first - running;
            gapStart = running;
            gapEnd = spans[i].first;
        }
        running = qMax(running, spans[i].second);
    }
    if (!circular || gapStart == gapEnd)
        return {spans.first().first, maxEnd};
    return {gapEnd, gapStart}; // wraps: from the end of the gap round to its start
}

} // namespace

MapData::MapData(const bio::Record &record)
    : name(record.name)
    , length(record.length())
    , circular(record.topology == bio::Topology::Circular)
{
    for (int i = 0; i < record.features.size(); ++i) {
        const bio::Feature &f = record.features[i];
        if (f.type == QLatin1String("source") || f.location.isEmpty())
            continue;
        MapFeature m;
        m.recordIndex = i;
        m.name = f.displayName();
        m.type = f.type;
        m.color = colorFor(f);
        m.strand = f.location.strand();
        std::tie(m.start, m.end) = extentOf(f.location, length, circular);
        if (m.start == m.end)
            continue;
        m.length = m.end > m.start ? m.end - m.start : length - m.start + m.end;
        m.importance = importanceOf(f.type);
        features.append(m);
    }
    // Lanes: wrapping features first (each closes its lane at both ends), then greedy by start.
    QList<int> order(features.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
        if (features[a].wraps() != features[b].wraps())
            return features[a].wraps();
        if (features[a].start != features[b].start)
            return features[a].start < features[b].start;
        return features[a].length > features[b].length;
    });
    QList<qint64> laneEnd, laneLimit;
    for (int i : order) {
        MapFeature &f = features[i];
        int lane = 0;
        if (f.wraps()) {
            lane = int(laneEnd.size());
            laneEnd.append(f.end);
            laneLimit.append(f.start);
        } else {
            while (lane < laneEnd.size() && !(f.start >= laneEnd[lane] && f.end <= laneLimit[lane]))
                ++lane;
            if (lane == laneEnd.size()) {
                laneEnd.append(0);
                laneLimit.append(length);
            }
            laneEnd[lane] = f.end;
        }
        f.lane = lane;
    }
    laneCount = int(laneEnd.size());
    index.build(features, length);

    coverage.fill(-1, qsizetype(laneCount) * kBuckets);
    const qint64 bucket = bucketSize();
    for (int i = 0; i < features.size(); ++i) {
        for (const auto &[s, e] : unwrapRange(features[i].start, features[i].end, length)) {
            for (qint64 b = s / bucket; b <= (e - 1) / bucket && b < kBuckets; ++b) {
                int &slot = coverage[qsizetype(features[i].lane) * kBuckets + b];
                if (slot < 0 || features[slot].length < features[i].length)
                    slot = i;
            }
        }
    }
}

void MapData::setCuts(QList<MapCutSite> sites)
{
    std::sort(sites.begin(), sites.end(),
              [](const MapCutSite &a, const MapCutSite &b) { return a.position < b.position; });
    cuts = std::move(sites);
}

std::pair<qsizetype, qsizetype> MapData::cutsBetween(qint64 from, qint64 to) const
{
    auto lo = std::lower_bound(cuts.begin(), cuts.end(), from,
                               [](const MapCutSite &c, qint64 v) { return c.position < v; });
    auto hi = std::upper_bound(cuts.begin(), cuts.end(), to,
                               [](qint64 v, const MapCutSite &c) { return v < c.position; });
    return {lo - cuts.begin(), hi - cuts.begin()};
}

} // namespace benchtop::widgets::maps
