#include "widgets/sequencemaps/LabelPlacer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace benchtop::widgets::maps {

QList<LabelPlacement> placeCircularLabels(const QList<LabelRequest> &requests, QPointF centre,
                                          double radius, double lineHeight, const QRectF &bounds)
{
    QList<int> order(requests.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        if (requests[a].importance != requests[b].importance)
            return requests[a].importance > requests[b].importance;
        return requests[a].tieBreak > requests[b].tieBreak;
    });
    const double top = bounds.top() + 2, bottom = bounds.bottom() - 2;
    const int capacity = qMax(0, int((bottom - top) / lineHeight));
    struct Slot
    {
        int request;
        double y;
    };
    QList<Slot> sides[2];
    for (int r : order) {
        const double s = std::sin(requests[r].angle);
        const int side = s >= 0 ? 0 : 1;
        if (sides[side].size() >= capacity)
            continue;
        const double y = centre.y() - std::cos(requests[r].angle) * radius - lineHeight / 2;
        sides[side].append({r, y});
    }
    QList<LabelPlacement> out;
    for (int side = 0; side < 2; ++side) {
        QList<Slot> &slots = sides[side];
        std::sort(slots.begin(), slots.end(),
                  [](const Slot &a, const Slot &b) { return a.y < b.y; });
        // Forward: each at least one line below the previous; backward: pull up from the bottom.
        double previous = top - lineHeight;
        for (Slot &s : slots)
            previous = s.y = qMax(s.y, previous + lineHeight);
        double next = bottom;
        for (auto it = slots.rbegin(); it != slots.rend(); ++it)
            next = it->y = qMin(it->y, next - lineHeight);
        for (const Slot &s : slots) {
            if (s.y < top - 0.01)
                continue; // cannot happen within capacity, but never place out of bounds
            const double dy = s.y + lineHeight / 2 - centre.y();
            const double dx = std::sqrt(qMax(0.0, radius * radius - dy * dy)) + 6;
            const double w = requests[s.request].width;
            double x = side == 0 ? centre.x() + dx : centre.x() - dx - w;
            x = qBound(bounds.left(), x, bounds.right() - w);
            out.append({s.request, QRectF(x, s.y, w, lineHeight), side == 0});
        }
    }
    // Left and right columns can still meet when the circle is off-centre or clamped to the
    // bounds: keep the more important of any overlapping pair.
    QList<int> rank(requests.size());
    for (int i = 0; i < order.size(); ++i)
        rank[order[i]] = i;
    std::sort(out.begin(), out.end(), [&](const LabelPlacement &a, const LabelPlacement &b) {
        return rank[a.request] < rank[b.request];
    });
    QList<LabelPlacement> kept;
    for (const LabelPlacement &p : out) {
        const bool clash = std::any_of(kept.begin(), kept.end(), [&](const LabelPlacement &k) {
            return k.rect.intersects(p.rect);
        });
        if (!clash)
            kept.append(p);
    }
    return kept;
}

} // namespace benchtop::widgets::maps
