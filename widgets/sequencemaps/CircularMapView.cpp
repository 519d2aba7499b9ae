#include "widgets/sequencemaps/CircularMapView.h"

#include <QDial>
#include <QMenu>
#include <QMouseEvent>

#include <cmath>
#include <numbers>

namespace benchtop::widgets::maps {

namespace {
constexpr double kTau = 2 * std::numbers::pi;
}

CircularMapView::CircularMapView(QWidget *parent)
    : MapView(m_circular, parent)
    , m_dial(new QDial(this))
{
    m_dial->setRange(0, 359);
    m_dial->setWrapping(true);
    m_dial->setNotchesVisible(true);
    m_dial->setToolTip(tr("Rotate the map"));
    m_dial->resize(44, 44);
    connect(m_dial, &QDial::valueChanged, this, [this](int v) { setRotation(v); });
}

void CircularMapView::resizeEvent(QResizeEvent *event)
{
    m_dial->move(width() - m_dial->width() - 4, height() - m_dial->height() - 4);
    MapView::resizeEvent(event);
}

void CircularMapView::setRotation(double degrees)
{
    degrees = std::fmod(std::fmod(degrees, 360.0) + 360.0, 360.0);
    MapViewState state = m_painter.state();
    if (qFuzzyCompare(state.rotation + 1, degrees + 1))
        return;
    state.rotation = degrees;
    m_painter.setState(state);
    {
        const QSignalBlocker block(m_dial);
        m_dial->setValue(int(std::lround(degrees)) % 360);
    }
    relayout();
    update();
    Q_EMIT rotationChanged(degrees);
}

void CircularMapView::setZoom(double newZoom, QPointF around)
{
    // Keep the point under `around` where it is: the centre moves away from it by the ratio.
    const MapViewState before = m_painter.state();
    const double oldZoom = before.zoom;
    MapView::setZoom(newZoom, around);
    MapViewState state = m_painter.state();
    const double ratio = state.zoom / oldZoom;
    const QPointF centre = m_circular.centre();
    const QPointF newCentre = around - (around - centre) * ratio;
    state.pan = state.zoom <= 1.0 ? QPointF() : before.pan + (newCentre - centre);
    m_painter.setState(state);
    relayout();
    update();
}

void CircularMapView::requestOriginAt(const QPoint &pos)
{
    if (!m_data || m_data->length == 0)
        return;
    relayout();
    Q_EMIT originChangeRequested(m_circular.baseAtPoint(pos));
}

void CircularMapView::addContextActions(QMenu &menu, const QPoint &pos)
{
    menu.addAction(tr("Set origin here"), this, [this, pos] { requestOriginAt(pos); });
    menu.addSeparator();
    MapView::addContextActions(menu, pos);
}

double CircularMapView::angleAt(const QPointF &pos) const
{
    const QPointF d = pos - m_circular.centre();
    return std::atan2(d.x(), -d.y());
}

void CircularMapView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_data)
        return;
    relayout();
    m_pressPos = event->position().toPoint();
    m_drag = (event->modifiers() & Qt::AltModifier) ? Drag::Rotate : Drag::Select;
    m_anchor = m_circular.baseAtPoint(event->position());
    m_lastAngle = angleAt(event->position());
    m_swept = 0;
    m_moved = false;
}

void CircularMapView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_drag == Drag::None || !(event->buttons() & Qt::LeftButton))
        return;
    if (!m_moved && (event->position().toPoint() - m_pressPos).manhattanLength() < 3)
        return;
    m_moved = true;
    const double angle = angleAt(event->position());
    const double delta = std::remainder(angle - m_lastAngle, kTau);
    m_lastAngle = angle;
    if (m_drag == Drag::Rotate) {
        setRotation(rotation() + delta * 360.0 / kTau);
        return;
    }
    m_swept += delta;
    const qint64 here = m_circular.baseAtPoint(event->position());
    // Clockwise drags select anchor → here, anticlockwise ones here → anchor (either may wrap).
    if (m_swept >= 0)
        selectFromUser(m_anchor, here);
    else
        selectFromUser(here, m_anchor);
}

void CircularMapView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_drag == Drag::None)
        return;
    if (m_drag == Drag::Select) {
        if (m_moved) {
            const qint64 here = m_circular.baseAtPoint(event->position());
            if (m_swept >= 0)
                selectFromUser(m_anchor, here);
            else
                selectFromUser(here, m_anchor);
        } else {
            selectFeature(m_circular.featureAt(event->position()));
        }
    }
    m_drag = Drag::None;
}

} // namespace benchtop::widgets::maps
