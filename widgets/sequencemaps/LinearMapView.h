// The linear map widget. Contract for the editor:
//   slots   setSelection(qint64 start, qint64 end), zoomIn(), zoomOut(), resetZoom(),
//           setZoom(double, QPointF around)
//   signals selectionChanged(qint64 start, qint64 end) — drag on the map, or a feature click;
//           featureClicked(int recordFeatureIndex), zoomChanged(double), cutSitesReady(int)
// Ctrl+wheel zooms around the cursor; the wheel and the scroll bar scroll.
#pragma once

#include "widgets/sequencemaps/LinearMapPainter.h"
#include "widgets/sequencemaps/MapView.h"

class QScrollBar;

namespace benchtop::widgets::maps {

class LinearMapView : public MapView
{
    Q_OBJECT
public:
    explicit LinearMapView(QWidget *parent = nullptr);

    const LinearMapPainter &linearPainter() const { return m_linear; }
    // Where base `base` is drawn, in widget coordinates (y: the backbone's feature lane 0).
    QPointF pointForBase(qint64 base) const;

public Q_SLOTS:
    void setZoom(double zoom, QPointF around) override;

protected:
    QRectF mapRect() const override;
    void stateChanged() override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void scrollTo(double offset);

    LinearMapPainter m_linear;
    QScrollBar *m_scroll = nullptr;
    qint64 m_anchor = -1;
    QPoint m_pressPos;
    bool m_dragging = false;
};

} // namespace benchtop::widgets::maps
