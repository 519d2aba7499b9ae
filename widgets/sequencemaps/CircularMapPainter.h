// The circular map: backbone with position ticks and an origin marker, features as arcs with
// arrowheads in lanes inside the backbone, cut sites as ticks outside it, labels outside with
// leader lines placed without collisions (LabelPlacer), the name and length in the centre.
#pragma once

#include "widgets/sequencemaps/MapPainter.h"

namespace benchtop::widgets::maps {

class CircularMapPainter : public MapPainter
{
public:
    void layout(const QRectF &rect, QPaintDevice *device) override;
    void paintMap(QPainter &painter) const override;
    void paintSelection(QPainter &painter) const override;

    // Coordinate mapping of the last layout. Angles are radians clockwise from 12 o'clock.
    QPointF centre() const { return m_centre; }
    double radius() const { return m_radius; }
    double angleForBase(double base) const;
    QPointF pointAt(double angle, double radius) const;
    QPointF pointForBase(double base, double radius) const
    {
        return pointAt(angleForBase(base), radius);
    }
    qint64 baseAtPoint(const QPointF &point) const; // in [0, length)
    double laneRadius(int lane) const;
    int featureAt(const QPointF &point) const;
    bool usesBuckets() const { return m_buckets; }

private:
    struct Leader
    {
        double angle;
        int label;
        QColor color;
    };
    void paintFeatures(QPainter &painter) const;
    void paintTicks(QPainter &painter) const;
    QList<std::pair<qint64, qint64>> visibleRanges();
    // The part of the arc [a0, a0 + sweep] in view (all of it when the whole ring is), or an
    // empty sweep: a zoomed ring is megapixels round, and stroking all of it costs seconds.
    std::pair<double, double> clipArc(double a0, double sweep) const;

    QRectF m_rect;
    QPointF m_centre;
    double m_radius = 100, m_laneWidth = 10;
    bool m_buckets = false;
    bool m_wholeRing = true;
    double m_angleLo = 0, m_angleHi = 0;
    QList<int> m_visibleFeatures;
    QList<std::pair<qint64, qint64>> m_visible;
    QList<std::pair<double, bool>> m_cutAngles; // angle, unique
    QList<Leader> m_leaders;
    QFont m_small;
};

} // namespace benchtop::widgets::maps
