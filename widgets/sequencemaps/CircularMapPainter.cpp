#include "widgets/sequencemaps/CircularMapPainter.h"

#include "widgets/sequencemaps/LabelPlacer.h"
#include "widgets/sequencemaps/LinearMapPainter.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace benchtop::widgets::maps {

namespace {
constexpr double kTau = 2 * std::numbers::pi;
constexpr int kBucketFeatureCount = 500;
constexpr int kMaxCutMarks = 2000;

double degreesQt(double angle) // Qt's arcs: degrees counter-clockwise from 3 o'clock
{
    return 90.0 - angle * 360.0 / kTau;
}
} // namespace

double CircularMapPainter::angleForBase(double base) const
{
    const double len = m_data && m_data->length > 0 ? double(m_data->length) : 1.0;
    return base / len * kTau + m_state.rotation * kTau / 360.0;
}

QPointF CircularMapPainter::pointAt(double angle, double r) const
{
    return m_centre + QPointF(std::sin(angle) * r, -std::cos(angle) * r);
}

qint64 CircularMapPainter::baseAtPoint(const QPointF &point) const
{
    if (!m_data || m_data->length == 0)
        return 0;
    const QPointF d = point - m_centre;
    double angle = std::atan2(d.x(), -d.y()) - m_state.rotation * kTau / 360.0;
    angle = std::fmod(std::fmod(angle, kTau) + kTau, kTau);
    return qint64(std::llround(angle / kTau * double(m_data->length))) % m_data->length;
}

double CircularMapPainter::laneRadius(int lane) const
{
    return m_radius - 12 - (lane + 0.5) * m_laneWidth;
}

QList<std::pair<qint64, qint64>> CircularMapPainter::visibleRanges()
{
    m_wholeRing = true;
    const qint64 len = m_data->length;
    // The centre in view (or the ring small enough): everything. Otherwise the angles of the
    // rectangle's corners bound what is seen (a convex shape not holding the centre).
    if (m_rect.contains(m_centre) || m_radius < 2 * m_rect.width())
        return {{0, len}};
    const QPointF corners[] = {m_rect.topLeft(), m_rect.topRight(), m_rect.bottomLeft(),
                               m_rect.bottomRight()};
    const QPointF mid = m_rect.center() - m_centre;
    const double ref = std::atan2(mid.x(), -mid.y());
    double lo = 0, hi = 0;
    for (const QPointF &c : corners) {
        const QPointF d = c - m_centre;
        double delta = std::atan2(d.x(), -d.y()) - ref;
        delta = std::remainder(delta, kTau);
        lo = qMin(lo, delta);
        hi = qMax(hi, delta);
    }
    m_wholeRing = false;
    m_angleLo = ref + lo;
    m_angleHi = ref + hi;
    const double rot = m_state.rotation * kTau / 360.0;
    auto toBase = [&](double a) {
        const double t = std::fmod(std::fmod(a - rot, kTau) + kTau, kTau);
        return qint64(t / kTau * double(len));
    };
    const qint64 s = toBase(ref + lo), e = toBase(ref + hi) + 1;
    return unwrapRange(s, qMin(e, len), len);
}

std::pair<double, double> CircularMapPainter::clipArc(double a0, double sweep) const
{
    if (m_wholeRing)
        return {a0, sweep};
    const double window = m_angleHi - m_angleLo;
    double d = std::fmod(std::fmod(a0 - m_angleLo, kTau) + kTau, kTau);
    for (double start : {d, d - kTau}) {
        const double s = qMax(start, 0.0), e = qMin(start + sweep, window);
        if (e > s)
            return {m_angleLo + s, e - s};
    }
    return {a0, 0};
}

void CircularMapPainter::layout(const QRectF &rect, QPaintDevice *device)
{
    m_rect = rect;
    m_labels.clear();
    m_leaders.clear();
    m_cutAngles.clear();
    m_visibleFeatures.clear();
    m_candidates = 0;
    m_small = m_font;
    m_small.setPointSizeF(qMax(6.0, m_font.pointSizeF() * 0.85));
    const QFontMetricsF fm(m_small, device);
    m_state.zoom = qMax(1.0, m_state.zoom);
    const double base = qMax(40.0, qMin(rect.width() / 2 - 140, rect.height() / 2 - 30));
    m_radius = base * m_state.zoom;
    m_centre = rect.center() + m_state.pan;
    if (!m_data || m_data->length == 0)
        return;
    const int lanes = qMax(1, m_data->laneCount);
    m_laneWidth = qBound(2.0, (m_radius * 0.55) / lanes, 12.0);
    m_visible = visibleRanges();

    const double bpp = double(m_data->length) / (kTau * m_radius);
    m_buckets =
        m_data->features.size() > kBucketFeatureCount && bpp >= double(m_data->bucketSize());
    QList<LabelRequest> requests;
    QList<int> seen;
    for (const auto &[s, e] : m_visible)
        seen += m_data->index.query(s, e);
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    if (!m_buckets)
        m_visibleFeatures = seen;
    // Only the most important few can ever be placed (two columns of lines): measure those
    // alone, so 9k candidates cost a selection, not 9k text measurements.
    const qsizetype room = qsizetype(4 * rect.height() / fm.height()) + 8;
    QList<int> best = seen;
    if (best.size() > room) {
        std::nth_element(best.begin(), best.begin() + room, best.end(), [this](int a, int b) {
            const MapFeature &fa = m_data->features[a], &fb = m_data->features[b];
            return fa.importance != fb.importance ? fa.importance > fb.importance
                                                  : fa.length > fb.length;
        });
        best.resize(room);
    }
    const int unmeasured = int(seen.size() - best.size());
    for (int i : best) {
        const MapFeature &f = m_data->features[i];
        const double mid = double(f.start) + double(f.length) / 2;
        // Names from long /note qualifiers are cut short: a label never outgrows the map.
        const QString text = fm.elidedText(f.name, Qt::ElideRight, qMin(160.0, rect.width() / 3));
        requests.append(
            {text, angleForBase(mid), fm.horizontalAdvance(text) + 4, f.importance, f.length, i});
    }
    int cutCount = 0;
    for (const auto &[s, e] : m_visible) {
        const auto [c0, c1] = m_data->cutsBetween(s, e);
        cutCount += int(c1 - c0);
    }
    const bool nameCuts = cutCount <= 400;
    double lastAngle = -1e9;
    for (const auto &[s, e] : m_visible) {
        const auto [c0, c1] = m_data->cutsBetween(s, e);
        for (qsizetype c = c0; c < c1; ++c) {
            const MapCutSite &cut = m_data->cuts[c];
            const double a = angleForBase(double(cut.position));
            if (cutCount > kMaxCutMarks && std::abs(a - lastAngle) * m_radius < 1)
                continue;
            lastAngle = a;
            m_cutAngles.append({a, cut.siteCount == 1});
            if (nameCuts)
                requests.append({cut.enzyme, a, fm.horizontalAdvance(cut.enzyme) + 4,
                                 cut.siteCount == 1 ? 3 : 1, 0, -1 - int(c)});
        }
    }
    m_candidates = int(requests.size()) + unmeasured;
    const QList<LabelPlacement> placed = placeCircularLabels(
        requests, m_centre, m_radius + 26, fm.height(), rect.adjusted(4, 18, -4, -18));
    for (const LabelPlacement &p : placed) {
        const LabelRequest &r = requests[p.request];
        const QColor color = r.payload >= 0 ? m_data->features[r.payload].color.darker(130)
                                            : QColor(0xc0, 0x39, 0x2b);
        m_leaders.append({r.angle, int(m_labels.size()), color});
        m_labels.append({p.rect, r.text});
    }
}

void CircularMapPainter::paintSelection(QPainter &p) const
{
    if (!m_data || m_data->length == 0 || m_selection.isEmpty())
        return;
    // An annular sector from the innermost lane to just outside the backbone.
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setClipRect(m_rect);
    const qint64 len = m_data->length;
    const qint64 span = m_selection.end > m_selection.start
                            ? m_selection.end - m_selection.start
                            : len - m_selection.start + m_selection.end;
    const auto [a0, sweepRad] =
        clipArc(angleForBase(double(m_selection.start)), double(span) / double(len) * kTau);
    const double sweep = sweepRad * 360.0 / kTau;
    const double outer = m_radius + 8, inner = qMax(4.0, laneRadius(m_data->laneCount) - 4);
    QPainterPath path;
    path.arcMoveTo(QRectF(m_centre - QPointF(outer, outer), QSizeF(2 * outer, 2 * outer)),
                   degreesQt(a0));
    path.arcTo(QRectF(m_centre - QPointF(outer, outer), QSizeF(2 * outer, 2 * outer)),
               degreesQt(a0), -sweep);
    path.arcTo(QRectF(m_centre - QPointF(inner, inner), QSizeF(2 * inner, 2 * inner)),
               degreesQt(a0) - sweep, sweep);
    path.closeSubpath();
    p.fillPath(path, QColor(66, 133, 244, 60));
    p.restore();
}

void CircularMapPainter::paintMap(QPainter &p) const
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(m_rect, Qt::white);
    if (!m_data || m_data->length == 0) {
        p.restore();
        return;
    }
    p.setClipRect(m_rect);
    p.setPen(QPen(Qt::black, 2));
    p.setBrush(Qt::NoBrush);
    if (m_wholeRing) {
        p.drawEllipse(m_centre, m_radius, m_radius);
    } else {
        const QRectF ring(m_centre - QPointF(m_radius, m_radius),
                          QSizeF(2 * m_radius, 2 * m_radius));
        QPainterPath arc;
        arc.arcMoveTo(ring, degreesQt(m_angleLo));
        arc.arcTo(ring, degreesQt(m_angleLo), -(m_angleHi - m_angleLo) * 360 / kTau);
        p.drawPath(arc);
    }
    paintTicks(p);
    paintFeatures(p);

    // Cut sites outside the backbone, then labels with leader lines.
    for (const auto &[a, unique] : m_cutAngles) {
        p.setPen(QPen(unique ? QColor(0xc0, 0x39, 0x2b) : QColor(0x66, 0x66, 0x66), 1));
        p.drawLine(pointAt(a, m_radius - 4), pointAt(a, m_radius + 8));
    }
    p.setFont(m_small);
    for (const Leader &l : m_leaders) {
        const QRectF &r = m_labels[l.label].rect;
        const QPointF anchor = pointAt(l.angle, m_radius + 9);
        const QPointF end(r.center().x() < m_centre.x() ? r.right() : r.left(), r.center().y());
        p.setPen(QPen(QColor(0xaa, 0xaa, 0xaa), 0.7));
        p.drawLine(anchor, end);
        p.setPen(l.color);
        p.drawText(r, Qt::AlignCenter, m_labels[l.label].text);
    }
    // Name and length in the centre.
    if (m_rect.contains(m_centre)) {
        QFont bold = m_font;
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(Qt::black);
        const QFontMetricsF fm(bold, p.device());
        p.drawText(QRectF(m_centre.x() - 150, m_centre.y() - fm.height(), 300, fm.height()),
                   Qt::AlignCenter, m_data->name);
        p.setFont(m_font);
        p.drawText(QRectF(m_centre.x() - 150, m_centre.y(), 300, fm.height()), Qt::AlignCenter,
                   QStringLiteral("%1 bp").arg(QLocale().toString(m_data->length)));
    }
    p.setClipping(false);
    const QString note = thinnedNote();
    if (!note.isEmpty()) {
        p.setFont(m_small);
        p.setPen(Qt::darkGray);
        p.drawText(m_rect.adjusted(6, 2, -6, -2), Qt::AlignLeft | Qt::AlignBottom, note);
    }
    p.restore();
}

void CircularMapPainter::paintTicks(QPainter &p) const
{
    p.setFont(m_small);
    const QFontMetricsF fm(m_small, p.device());
    const double bpp = double(m_data->length) / (kTau * m_radius);
    const qint64 step = niceStep(fm.horizontalAdvance(QStringLiteral("0,000,000")) * 1.6 * bpp);
    p.setPen(QPen(Qt::black, 1));
    for (const auto &[s, e] : m_visible) {
        for (qint64 b = ((s + step - 1) / step) * step; b < e; b += step) {
            if (b == 0)
                continue;
            const double a = angleForBase(double(b));
            p.drawLine(pointAt(a, m_radius), pointAt(a, m_radius - 5));
            const QPointF at = pointAt(a, m_radius - 12);
            const QString text = QLocale().toString(b);
            const double w = fm.horizontalAdvance(text);
            // Inside the ring, the number leans toward the centre on its side.
            p.drawText(QRectF(at.x() - w / 2 - std::sin(a) * w / 2,
                              at.y() - fm.height() / 2 + std::cos(a) * fm.height() / 2, w,
                              fm.height()),
                       Qt::AlignCenter, text);
        }
    }
    // Origin marker.
    const double a0 = angleForBase(0);
    p.setPen(QPen(Qt::black, 2));
    p.drawLine(pointAt(a0, m_radius - 8), pointAt(a0, m_radius + 8));
}

void CircularMapPainter::paintFeatures(QPainter &p) const
{
    auto ring = [&](int lane) {
        const double r = laneRadius(lane);
        return QRectF(m_centre - QPointF(r, r), QSizeF(2 * r, 2 * r));
    };
    if (m_buckets) {
        // Coverage runs per lane, whatever the feature count.
        const qint64 bucket = m_data->bucketSize();
        const qint64 buckets = (m_data->length + bucket - 1) / bucket;
        // Never finer than a pixel of circumference, and square pixels are enough here.
        const qint64 stride = qMax<qint64>(1, qint64(double(buckets) / (kTau * m_radius)));
        p.setRenderHint(QPainter::Antialiasing, false);
        for (int lane = 0; lane < m_data->laneCount; ++lane) {
            const int *cov = m_data->coverage.constData() + qsizetype(lane) * MapData::kBuckets;
            p.setPen(QPen(QColor(), m_laneWidth * 0.7, Qt::SolidLine, Qt::FlatCap));
            qint64 runStart = -1;
            QColor runColor;
            auto flush = [&](qint64 b) {
                if (runStart < 0)
                    return;
                QPen pen = p.pen();
                pen.setColor(runColor);
                p.setPen(pen);
                const double a0 = angleForBase(double(runStart * bucket));
                const double a1 = angleForBase(double(qMin(b * bucket, m_data->length)));
                p.drawArc(ring(lane), int(degreesQt(a0) * 16),
                          int(-(a1 - a0) * 360 / kTau * 16 - 1));
                runStart = -1;
            };
            for (qint64 b = 0; b <= buckets; b += stride) {
                int f = -1;
                for (qint64 k = b; k < qMin(b + stride, buckets) && f < 0; ++k)
                    f = cov[k];
                const QColor c = f >= 0 ? m_data->features[f].color : QColor();
                if (f < 0 || c != runColor)
                    flush(b);
                if (f >= 0 && runStart < 0) {
                    runStart = b;
                    runColor = c;
                }
            }
            flush(buckets);
        }
        p.setRenderHint(QPainter::Antialiasing);
        return;
    }
    for (int i : m_visibleFeatures) {
        const MapFeature &f = m_data->features[i];
        const double r = laneRadius(f.lane), w = m_laneWidth * 0.7;
        const double fullStart = angleForBase(double(f.start));
        const double fullSweep = double(f.length) / double(m_data->length) * kTau;
        const auto [a0, sweepRad] = clipArc(fullStart, fullSweep);
        if (sweepRad <= 0)
            continue;
        const double headRad = qMin(fullSweep * 0.5, w * 0.9 / r);
        const bool fwd = f.strand != bio::Strand::Reverse;
        // An arrowhead only where the feature's own end is in view.
        const bool headed = f.strand != bio::Strand::None &&
                            (fwd ? std::abs(a0 + sweepRad - fullStart - fullSweep) < 1e-9
                                 : std::abs(a0 - fullStart) < 1e-9);
        const double bodyStart = headed && !fwd ? a0 + headRad : a0;
        const double bodyEnd = headed && fwd ? a0 + sweepRad - headRad : a0 + sweepRad;
        const double ro = r + w / 2, ri = r - w / 2;
        QPainterPath path;
        const QRectF outer(m_centre - QPointF(ro, ro), QSizeF(2 * ro, 2 * ro));
        const QRectF inner(m_centre - QPointF(ri, ri), QSizeF(2 * ri, 2 * ri));
        const double sweepDeg = (bodyEnd - bodyStart) * 360 / kTau;
        if (headed && !fwd) {
            path.moveTo(pointAt(a0, r));
            path.lineTo(pointAt(bodyStart, ro));
        } else {
            path.arcMoveTo(outer, degreesQt(bodyStart));
        }
        path.arcTo(outer, degreesQt(bodyStart), -sweepDeg);
        if (headed && fwd)
            path.lineTo(pointAt(a0 + sweepRad, r));
        path.arcTo(inner, degreesQt(bodyEnd), sweepDeg);
        path.closeSubpath();
        p.setBrush(f.color);
        p.setPen(i == m_highlighted ? QPen(Qt::black, 2) : QPen(f.color.darker(140), 0.8));
        p.drawPath(path);
    }
}

int CircularMapPainter::featureAt(const QPointF &point) const
{
    if (!m_data || m_data->length == 0)
        return -1;
    const double d = std::hypot(point.x() - m_centre.x(), point.y() - m_centre.y());
    const int lane = int(std::floor((m_radius - 12 - d) / m_laneWidth));
    if (lane < 0 || lane >= m_data->laneCount)
        return -1;
    const qint64 base = baseAtPoint(point);
    int best = -1;
    for (int i : m_data->index.query(base, base + 1))
        if (m_data->features[i].lane == lane &&
            (best < 0 || m_data->features[i].length < m_data->features[best].length))
            best = i;
    return best;
}

} // namespace benchtop::widgets::maps
