// The linear map: the molecule as a line with a scale, features as arrows in stacked lanes,
// cut sites as ticks with their enzyme names stacked in rows so none collide.
#pragma once

#include "widgets/sequencemaps/MapPainter.h"

namespace benchtop::widgets::maps {

class LinearMapPainter : public MapPainter
{
public:
    void layout(const QRectF &rect, QPaintDevice *device) override;
    void paintMap(QPainter &painter) const override;
    void paintSelection(QPainter &painter) const override;

    // Coordinate mapping of the last layout.
    double xForBase(double base) const;
    qint64 baseAtX(double x) const; // clamped to [0, length]
    double basesPerPixel() const { return m_bpp; }
    double visibleStart() const { return m_state.offset; }
    double visibleEnd() const { return m_state.offset + m_track.width() * m_bpp; }
    QRectF trackRect() const { return m_track; }
    // y of a feature lane's centre; the feature (index into MapData::features) at a point or -1.
    double laneY(int lane) const;
    int featureAt(const QPointF &point) const;
    bool usesBuckets() const { return m_buckets; }

private:
    void paintFeatures(QPainter &painter) const;
    void paintCuts(QPainter &painter) const;
    void paintScale(QPainter &painter) const;
    QRectF featureRect(qint64 start, qint64 end, int lane) const;

    QRectF m_rect, m_track;
    double m_bpp = 1;
    double m_backboneY = 0, m_lanesTop = 0, m_laneHeight = 16;
    double m_cutRowHeight = 12;
    bool m_buckets = false;
    QList<int> m_visibleFeatures;
    struct CutTick
    {
        double x;
        int labelIndex; // into m_labels, or -1
        bool unique;
    };
    QList<CutTick> m_ticks;
    QFont m_small;
};

// A "nice" step (1, 2 or 5 × 10^k) of at least `minimum`.
qint64 niceStep(double minimum);

} // namespace benchtop::widgets::maps
