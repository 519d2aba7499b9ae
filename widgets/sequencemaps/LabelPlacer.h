// Label placement around a circle: each label wants a height at its anchor's side (left or
// right of the centre). Per side, the most important labels that fit are kept, sorted by the
// height they want and pushed apart (forward then backward) so no two overlap; the rest are
// dropped and counted.
#pragma once

#include <QList>
#include <QRectF>
#include <QString>

namespace benchtop::widgets::maps {

struct LabelRequest
{
    QString text;
    double angle = 0;    // radians clockwise from 12 o'clock, anchor on the circle
    double width = 0;    // text width
    int importance = 0;  // higher first
    qint64 tieBreak = 0; // longer features before shorter ones at equal importance
    int payload = 0;     // the caller's id (feature or cut index)
};

struct LabelPlacement
{
    int request = 0; // index into the request list
    QRectF rect;
    bool rightSide = true;
};

// Places labels outside a circle of `radius` round `centre`, in `bounds`, each `lineHeight`
// high. Never returns two overlapping rectangles.
QList<LabelPlacement> placeCircularLabels(const QList<LabelRequest> &requests, QPointF centre,
                                          double radius, double lineHeight, const QRectF &bounds);

} // namespace benchtop::widgets::maps
