// The one paint routine per map (DESIGN §4): a MapPainter lays a map out in a rectangle and
// paints it onto any QPainter — the view's widget, QSvgGenerator, QImage or QPdfWriter — so the
// screen and every export are the same drawing.
#pragma once

#include "widgets/sequencemaps/MapData.h"

#include <QFont>
#include <QPointF>
#include <QRectF>

#include <memory>

class QPainter;
class QPaintDevice;

namespace benchtop::widgets::maps {

struct MapViewState
{
    double zoom = 1.0;     // 1 = the whole molecule fits
    double offset = 0.0;   // linear: first visible base
    double rotation = 0.0; // circular: degrees clockwise of base 0 from 12 o'clock
    QPointF pan;           // circular: the circle's centre offset from the rectangle's centre
    friend bool operator==(const MapViewState &, const MapViewState &) = default;
};

struct PlacedLabel
{
    QRectF rect;
    QString text;
};

class MapPainter
{
public:
    virtual ~MapPainter() = default;

    void setData(std::shared_ptr<const MapData> data) { m_data = std::move(data); }
    const MapData *data() const { return m_data.get(); }
    void setSelection(MapSelection selection) { m_selection = selection; }
    MapSelection selection() const { return m_selection; }
    void setState(const MapViewState &state) { m_state = state; }
    const MapViewState &state() const { return m_state; }
    void setHighlightedFeature(int feature) { m_highlighted = feature; }
    int highlightedFeature() const { return m_highlighted; }
    void setFont(const QFont &font) { m_font = font; }

    // Computes the geometry (scales, visible range, labels) for `rect`; `device` gives the font
    // metrics (nullptr: the screen's).
    virtual void layout(const QRectF &rect, QPaintDevice *device) = 0;
    // Paints what layout() computed: the map, then the selection over it. The selection is a
    // layer of its own so that a view can keep the map in a pixmap while the selection moves (a
    // genome's circular map takes milliseconds to draw, its selection microseconds).
    void paint(QPainter &painter) const
    {
        paintMap(painter);
        paintSelection(painter);
    }
    virtual void paintMap(QPainter &painter) const = 0;
    virtual void paintSelection(QPainter &painter) const = 0;
    void render(QPainter &painter, const QRectF &rect);

    // The labels the last layout placed (for hit tests and collision checks), and how many
    // candidates it had.
    const QList<PlacedLabel> &labels() const { return m_labels; }
    int labelCandidates() const { return m_candidates; }
    QString thinnedNote() const; // "12 of 80 labels shown", or empty

protected:
    std::shared_ptr<const MapData> m_data;
    MapSelection m_selection;
    MapViewState m_state;
    QFont m_font;
    int m_highlighted = -1;
    QList<PlacedLabel> m_labels;
    int m_candidates = 0;
};

} // namespace benchtop::widgets::maps
