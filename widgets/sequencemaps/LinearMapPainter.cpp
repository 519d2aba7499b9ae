#include "widgets/sequencemaps/LinearMapPainter.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace benchtop::widgets::maps {

namespace {
constexpr int kCutRows = 5;
constexpr int kMaxCutLabels = 400; // beyond this many cuts in view, ticks only
constexpr int kBucketFeatureCount = 500;
} // namespace

qint64 niceStep(double minimum)
{
    const double p = std::pow(10.0, std::floor(std::log10(qMax(1.0, minimum))));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * p >= minimum)
            return qMax<qint64>(1, qint64(m * p));
    return qint64(10 * p);
}

double LinearMapPainter::xForBase(double base) const
{
    return m_track.left() + (base - m_state.offset) / m_bpp;
}

qint64 LinearMapPainter::baseAtX(double x) const
{
    const double base = m_state.offset + (x - m_track.left()) * m_bpp;
    return qBound<qint64>(0, qint64(std::llround(base)), m_data ? m_data->length : 0);
}

double LinearMapPainter::laneY(int lane) const
{
    return m_lanesTop + (lane + 0.5) * m_laneHeight;
}

QRectF LinearMapPainter::featureRect(qint64 start, qint64 end, int lane) const
{
    const double h = qMax(2.0, m_laneHeight * 0.7);
    const double x0 = xForBase(double(start)), x1 = xForBase(double(end));
    return QRectF(x0, laneY(lane) - h / 2, qMax(1.0, x1 - x0), h);
}

void LinearMapPainter::layout(const QRectF &rect, QPaintDevice *device)
{
    m_rect = rect;
    m_labels.clear();
    m_ticks.clear();
    m_visibleFeatures.clear();
    m_candidates = 0;
    m_small = m_font;
    m_small.setPointSizeF(qMax(6.0, m_font.pointSizeF() * 0.85));
    const QFontMetricsF fm(m_small, device);
    m_cutRowHeight = fm.height();
    // The title line also holds the view's zoom buttons.
    const double top = rect.top() + qMax(28.0, QFontMetricsF(m_font, device).height() + 6);
    m_track = QRectF(rect.left() + 12, top, qMax(10.0, rect.width() - 24), 0);
    m_backboneY = top + kCutRows * m_cutRowHeight + 10;
    m_lanesTop = m_backboneY + fm.height() + 10;
    if (!m_data || m_data->length == 0)
        return;
    const int lanes = qMax(1, m_data->laneCount);
    m_laneHeight = qBound(3.0, (rect.bottom() - m_lanesTop - 16) / lanes, 18.0);
    m_track.setBottom(m_lanesTop + lanes * m_laneHeight);

    m_state.zoom = qMax(1.0, m_state.zoom);
    m_bpp = double(m_data->length) / (m_track.width() * m_state.zoom);
    const double span = m_track.width() * m_bpp;
    m_state.offset = qBound(0.0, m_state.offset, qMax(0.0, double(m_data->length) - span));

    const qint64 from = qint64(m_state.offset), to = qint64(std::ceil(visibleEnd()));
    m_buckets =
        m_data->features.size() > kBucketFeatureCount && m_bpp >= double(m_data->bucketSize());
    if (!m_buckets) {
        m_visibleFeatures = m_data->index.query(from, to);
        // Feature labels inside their arrows, when they fit.
        if (m_laneHeight >= fm.height() * 0.9) {
            for (int i : m_visibleFeatures) {
                const MapFeature &f = m_data->features[i];
                ++m_candidates;
                for (const auto &[s, e] : unwrapRange(f.start, f.end, m_data->length)) {
                    const QRectF r =
                        featureRect(s, e, f.lane)
                            .intersected(QRectF(m_track.left(), 0, m_track.width(), 1e9));
                    const double w = fm.horizontalAdvance(f.name) + 4;
                    if (w + 8 < r.width()) {
                        m_labels.append({QRectF(r.center().x() - w / 2,
                                                laneY(f.lane) - fm.height() / 2, w, fm.height()),
                                         f.name});
                        break;
                    }
                }
            }
        }
    }

    // Cut sites: names in rows above the backbone, first free row from the left.
    const auto [c0, c1] = m_data->cutsBetween(from, to);
    const bool named = c1 - c0 <= kMaxCutLabels;
    std::array<double, kCutRows> rowEnd;
    rowEnd.fill(-1e9);
    for (qsizetype c = c0; c < c1; ++c) {
        const MapCutSite &cut = m_data->cuts[c];
        const double x = xForBase(double(cut.position));
        CutTick tick{x, -1, cut.siteCount == 1};
        if (named) {
            ++m_candidates;
            const double w = fm.horizontalAdvance(cut.enzyme) + 4;
            const double left = qBound(m_rect.left(), x - w / 2, m_rect.right() - w);
            for (int row = 0; row < kCutRows; ++row) {
                if (left > rowEnd[row] + 2) {
                    rowEnd[row] = left + w;
                    tick.labelIndex = int(m_labels.size());
                    const double y = m_backboneY - 10 - (row + 1) * m_cutRowHeight;
                    m_labels.append({QRectF(left, y, w, m_cutRowHeight), cut.enzyme});
                    break;
                }
            }
        }
        if (!m_ticks.isEmpty() && !named && std::abs(m_ticks.last().x - x) < 1)
            continue; // one tick per pixel when there are too many to name
        m_ticks.append(tick);
    }
}

void LinearMapPainter::paintSelection(QPainter &p) const
{
    if (!m_data || m_selection.isEmpty())
        return;
    for (const auto &[s, e] : unwrapRange(m_selection.start, m_selection.end, m_data->length)) {
        const double x0 = qMax(m_rect.left(), xForBase(double(s)));
        const double x1 = qMin(m_rect.right(), xForBase(double(e)));
        if (x1 > x0)
            p.fillRect(QRectF(x0, m_backboneY - 12, qMax(1.0, x1 - x0),
                              m_track.bottom() - m_backboneY + 14),
                       QColor(66, 133, 244, 60));
    }
}

void LinearMapPainter::paintMap(QPainter &p) const
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(m_rect, Qt::white);
    if (!m_data) {
        p.restore();
        return;
    }
    p.setFont(m_font);
    p.setPen(Qt::black);
    const QString title =
        QStringLiteral("%1  (%2 bp)").arg(m_data->name, QLocale().toString(m_data->length));
    p.drawText(QRectF(m_rect.left() + 12, m_rect.top() + 2, m_rect.width() - 24, 30),
               Qt::AlignLeft | Qt::AlignTop, title);
    p.setClipRect(m_rect);

    p.setPen(QPen(Qt::black, 2));
    const double xa = qMax(m_track.left(), xForBase(0));
    const double xb = qMin(m_track.right(), xForBase(double(m_data->length)));
    p.drawLine(QPointF(xa, m_backboneY), QPointF(xb, m_backboneY));
    paintScale(p);
    paintCuts(p);
    paintFeatures(p);
    p.setClipping(false);
    const QString note = thinnedNote();
    if (!note.isEmpty()) {
        p.setFont(m_small);
        p.setPen(Qt::darkGray);
        p.drawText(m_rect.adjusted(12, 2, -12, -2), Qt::AlignRight | Qt::AlignBottom, note);
    }
    p.restore();
}

void LinearMapPainter::paintScale(QPainter &p) const
{
    p.setFont(m_small);
    const QFontMetricsF fm(m_small, p.device());
    const qint64 step = niceStep(fm.horizontalAdvance(QStringLiteral("0,000,000")) * 1.5 * m_bpp);
    p.setPen(QPen(Qt::black, 1));
    for (qint64 b = (qint64(m_state.offset) / step) * step; b <= visibleEnd(); b += step) {
        const double x = xForBase(double(b));
        if (x < m_track.left() - 1)
            continue;
        p.drawLine(QPointF(x, m_backboneY), QPointF(x, m_backboneY + 5));
        p.drawText(QRectF(x - 60, m_backboneY + 5, 120, fm.height()), Qt::AlignHCenter,
                   QLocale().toString(b == 0 ? 1 : b));
    }
}

void LinearMapPainter::paintCuts(QPainter &p) const
{
    p.setFont(m_small);
    for (const CutTick &t : m_ticks) {
        p.setPen(QPen(t.unique ? QColor(0xc0, 0x39, 0x2b) : QColor(0x55, 0x55, 0x55), 1));
        p.drawLine(QPointF(t.x, m_backboneY - 6), QPointF(t.x, m_backboneY + 6));
        if (t.labelIndex >= 0) {
            const PlacedLabel &l = m_labels[t.labelIndex];
            p.setPen(QPen(QColor(0xbb, 0xbb, 0xbb), 0.5));
            p.drawLine(QPointF(t.x, m_backboneY - 6),
                       QPointF(l.rect.center().x(), l.rect.bottom()));
            p.setPen(t.unique ? QColor(0xc0, 0x39, 0x2b) : QColor(0x33, 0x33, 0x33));
            p.drawText(l.rect, Qt::AlignCenter, l.text);
        }
    }
}

void LinearMapPainter::paintFeatures(QPainter &p) const
{
    if (m_buckets) {
        // Coverage runs per lane: O(pixels × lanes) whatever the feature count.
        const qint64 bucket = m_data->bucketSize();
        p.setPen(Qt::NoPen);
        for (int lane = 0; lane < m_data->laneCount; ++lane) {
            const int *cov = m_data->coverage.constData() + qsizetype(lane) * MapData::kBuckets;
            double runStart = -1;
            QColor runColor;
            auto flush = [&](double x) {
                if (runStart >= 0)
                    p.fillRect(QRectF(runStart, laneY(lane) - m_laneHeight * 0.35,
                                      qMax(1.0, x - runStart), m_laneHeight * 0.7),
                               runColor);
                runStart = -1;
            };
            for (double x = m_track.left(); x < m_track.right(); x += 1) {
                const qint64 b0 = qint64(m_state.offset + (x - m_track.left()) * m_bpp) / bucket;
                const qint64 b1 = qMin<qint64>(
                    MapData::kBuckets - 1,
                    qint64(m_state.offset + (x + 1 - m_track.left()) * m_bpp) / bucket);
                int feature = -1;
                for (qint64 b = b0; b <= b1 && feature < 0; ++b)
                    feature = cov[b];
                const QColor c = feature >= 0 ? m_data->features[feature].color : QColor();
                if (feature < 0 || c != runColor)
                    flush(x);
                if (feature >= 0 && runStart < 0) {
                    runStart = x;
                    runColor = c;
                }
            }
            flush(m_track.right());
        }
        return;
    }
    const QFontMetricsF fm(m_small, p.device());
    for (int i : m_visibleFeatures) {
        const MapFeature &f = m_data->features[i];
        for (const auto &[s, e] : unwrapRange(f.start, f.end, m_data->length)) {
            const QRectF r = featureRect(s, e, f.lane);
            const double head = qMin(r.width() * 0.5, r.height() * 0.7);
            QPolygonF poly;
            const bool fwd = f.strand != bio::Strand::Reverse;
            const bool headHere =
                f.strand != bio::Strand::None && (fwd ? e == f.end : s == f.start);
            if (!headHere) {
                poly = QPolygonF(r);
            } else if (fwd) {
                poly << r.topLeft() << QPointF(r.right() - head, r.top())
                     << QPointF(r.right(), r.center().y()) << QPointF(r.right() - head, r.bottom())
                     << r.bottomLeft();
            } else {
                poly << QPointF(r.left(), r.center().y()) << QPointF(r.left() + head, r.top())
                     << r.topRight() << r.bottomRight() << QPointF(r.left() + head, r.bottom());
            }
            p.setBrush(f.color);
            p.setPen(i == m_highlighted ? QPen(Qt::black, 2) : QPen(f.color.darker(140), 0.8));
            p.drawPolygon(poly);
        }
    }
    p.setFont(m_small);
    p.setPen(Qt::black);
    for (const PlacedLabel &l : m_labels)
        if (l.rect.top() >= m_lanesTop - 1)
            p.drawText(l.rect, Qt::AlignCenter, l.text);
}

int LinearMapPainter::featureAt(const QPointF &point) const
{
    if (!m_data || point.y() < m_lanesTop)
        return -1;
    const int lane = int((point.y() - m_lanesTop) / m_laneHeight);
    const qint64 base = baseAtX(point.x());
    const qint64 tolerance = qint64(std::ceil(2 * m_bpp));
    int best = -1;
    for (int i : m_data->index.query(base - tolerance, base + tolerance + 1))
        if (m_data->features[i].lane == lane &&
            (best < 0 || m_data->features[i].length < m_data->features[best].length))
            best = i;
    return best;
}

} // namespace benchtop::widgets::maps
