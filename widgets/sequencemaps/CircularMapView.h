// The circular map widget. Contract for the editor:
//   slots   setSelection(qint64 start, qint64 end) (end < start wraps the origin),
//           setRotation(double degrees), zoomIn(), zoomOut(), resetZoom(), setZoom(double, QPointF)
//   signals selectionChanged(qint64 start, qint64 end) — drag round the ring (clockwise from
//           where the drag began), or a feature click; featureClicked(int recordFeatureIndex);
//           originChangeRequested(qint64 newOrigin) — "Set origin here" in the context menu
//           (the editor applies it as an undoable command); rotationChanged(double degrees);
//           zoomChanged(double); cutSitesReady(int)
// Alt+drag or the dial rotates; Ctrl+wheel zooms around the cursor.
#pragma once

#include "widgets/sequencemaps/CircularMapPainter.h"
#include "widgets/sequencemaps/MapView.h"

class QDial;

namespace benchtop::widgets::maps {

class CircularMapView : public MapView
{
    Q_OBJECT
public:
    explicit CircularMapView(QWidget *parent = nullptr);

    const CircularMapPainter &circularPainter() const { return m_circular; }
    double rotation() const { return m_painter.state().rotation; }
    // Where base `base` is drawn on the backbone, in widget coordinates.
    QPointF pointForBase(qint64 base) const
    {
        return m_circular.pointForBase(double(base), m_circular.radius());
    }
    qint64 baseAt(const QPoint &pos) const { return m_circular.baseAtPoint(pos); }

public Q_SLOTS:
    void setRotation(double degrees);
    void setZoom(double zoom, QPointF around) override;
    // Asks the editor to make the base at `pos` the origin.
    void requestOriginAt(const QPoint &pos);

Q_SIGNALS:
    void originChangeRequested(qint64 newOrigin);
    void rotationChanged(double degrees);

protected:
    void addContextActions(QMenu &menu, const QPoint &pos) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    double angleAt(const QPointF &pos) const;

    CircularMapPainter m_circular;
    QDial *m_dial = nullptr;
    enum class Drag { None, Select, Rotate } m_drag = Drag::None;
    QPoint m_pressPos;
    qint64 m_anchor = 0;
    double m_lastAngle = 0, m_swept = 0; // radians swept clockwise since the press
    bool m_moved = false;
};

} // namespace benchtop::widgets::maps
