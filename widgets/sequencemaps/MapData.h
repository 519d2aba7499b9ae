// What both maps draw, prepared once per record: features flattened to intervals in an index
// sorted by start (so a paint asks only for what is visible), stacked lanes, a coarse coverage
// grid for low zoom (so a 9k-feature genome costs O(pixels), not O(features) per paint), and the
// restriction cut sites sorted by position.
#pragma once

#include "bio/Record.h"

#include <QColor>
#include <QList>
#include <QString>

#include <memory>

namespace benchtop::widgets::maps {

// A selection in sequence coordinates (0-based, end exclusive). On a circular sequence it wraps
// the origin when end < start (start..length then 0..end).
struct MapSelection
{
    qint64 start = 0;
    qint64 end = 0;
    bool isEmpty() const { return start == end; }
    friend bool operator==(const MapSelection &, const MapSelection &) = default;
};

struct MapFeature
{
    int recordIndex = 0; // index into Record::features
    QString name;
    QString type;
    QColor color;
    bio::Strand strand = bio::Strand::Forward;
    qint64 start = 0; // first base; on a wrapping feature start > end - 1 (wraps the origin)
    qint64 end = 0;   // end exclusive
    qint64 length = 0;
    int lane = 0;
    int importance = 0; // higher is labelled first
    bool wraps() const { return end <= start; }
};

struct MapCutSite
{
    qint64 position = 0; // top-strand cut, a gap index in [0, length]
    QString enzyme;
    int siteCount = 0; // how many sites the enzyme has in this molecule
};

// Intervals sorted by start. Long intervals (over a 64th of the molecule) are kept apart and
// always checked, so the window scan for the short ones is bounded by the longest short one.
class FeatureIndex
{
public:
    void build(const QList<MapFeature> &features, qint64 sequenceLength);
    // Indices into the feature list overlapping [from, to), each once, in no particular order.
    QList<int> query(qint64 from, qint64 to) const;

private:
    struct Piece
    {
        qint64 start, end;
        int feature;
    };
    QList<Piece> m_short; // sorted by start
    QList<Piece> m_long;
    qint64 m_maxShort = 0;
};

class MapData
{
public:
    static constexpr int kBuckets = 8192; // coverage grid resolution for low zoom

    MapData() = default;
    explicit MapData(const bio::Record &record);

    QString name;
    qint64 length = 0;
    bool circular = false;
    QList<MapFeature> features; // without "source"
    FeatureIndex index;
    int laneCount = 0;
    // coverage[lane * kBuckets + b]: the longest feature touching bucket b in that lane, or -1.
    QList<int> coverage;
    QList<MapCutSite> cuts; // sorted by position

    qint64 bucketSize() const { return qMax<qint64>(1, (length + kBuckets - 1) / kBuckets); }
    void setCuts(QList<MapCutSite> sites);
    // Indices of cut sites with position in [from, to].
    std::pair<qsizetype, qsizetype> cutsBetween(qint64 from, qint64 to) const;

    static QColor colorFor(const bio::Feature &feature);
    static int importanceOf(const QString &type);
};

// Pieces of a possibly wrapping range [start, end) on a molecule of `length`.
QList<std::pair<qint64, qint64>> unwrapRange(qint64 start, qint64 end, qint64 length);

} // namespace benchtop::widgets::maps
