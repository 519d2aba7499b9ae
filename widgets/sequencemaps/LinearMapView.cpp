#include "widgets/sequencemaps/LinearMapView.h"

#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

namespace benchtop::widgets::maps {

LinearMapView::LinearMapView(QWidget *parent)
    : MapView(m_linear, parent)
    , m_scroll(new QScrollBar(Qt::Horizontal, this))
{
    m_scroll->setRange(0, 0);
    connect(m_scroll, &QScrollBar::valueChanged, this, [this](int value) {
        if (!m_data)
            return;
        const double span = m_linear.visibleEnd() - m_linear.visibleStart();
        // The bar counts in 1/1000ths of the scrollable length (ints are too small for bases).
        scrollTo(double(value) / 1000.0 * qMax(0.0, double(m_data->length) - span));
    });
}

QRectF LinearMapView::mapRect() const
{
    return QRectF(0, 0, width(), height() - m_scroll->sizeHint().height());
}

QPointF LinearMapView::pointForBase(qint64 base) const
{
    return {m_linear.xForBase(double(base)), m_linear.laneY(0)};
}

void LinearMapView::resizeEvent(QResizeEvent *event)
{
    const int h = m_scroll->sizeHint().height();
    m_scroll->setGeometry(0, height() - h, width(), h);
    MapView::resizeEvent(event);
    stateChanged();
}

void LinearMapView::stateChanged()
{
    const bool zoomed = zoom() > 1.0;
    m_scroll->setVisible(zoomed);
    const QSignalBlocker block(m_scroll);
    m_scroll->setRange(0, zoomed ? 1000 : 0);
    if (zoomed && m_data) {
        const double span = m_linear.visibleEnd() - m_linear.visibleStart();
        const double room = double(m_data->length) - span;
        m_scroll->setValue(room > 0 ? int(m_linear.visibleStart() / room * 1000) : 0);
        m_scroll->setPageStep(qMax(1, int(1000 * span / qMax(1.0, double(m_data->length)))));
    }
}

void LinearMapView::scrollTo(double offset)
{
    MapViewState state = m_painter.state();
    state.offset = offset;
    m_painter.setState(state);
    relayout();
    update();
}

void LinearMapView::setZoom(double newZoom, QPointF around)
{
    // Keep the base under `around` where it is.
    const double base = m_linear.visibleStart() +
                        (around.x() - m_linear.trackRect().left()) * m_linear.basesPerPixel();
    MapView::setZoom(newZoom, around); // lays out with the new zoom
    MapViewState state = m_painter.state();
    state.offset = base - (around.x() - m_linear.trackRect().left()) * m_linear.basesPerPixel();
    m_painter.setState(state);
    relayout();
    stateChanged();
    update();
}

void LinearMapView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        MapView::wheelEvent(event);
        return;
    }
    const int delta = event->angleDelta().y() + event->angleDelta().x();
    scrollTo(m_linear.visibleStart() - delta / 120.0 * 40 * m_linear.basesPerPixel());
    stateChanged();
    event->accept();
}

void LinearMapView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_data)
        return;
    relayout();
    m_pressPos = event->position().toPoint();
    m_anchor = m_linear.baseAtX(event->position().x());
    m_dragging = false;
}

void LinearMapView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_anchor < 0 || !(event->buttons() & Qt::LeftButton))
        return;
    if (!m_dragging && (event->position().toPoint() - m_pressPos).manhattanLength() < 3)
        return;
    m_dragging = true;
    const qint64 here = m_linear.baseAtX(event->position().x());
    selectFromUser(qMin(m_anchor, here), qMax(m_anchor, here));
}

void LinearMapView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_anchor < 0)
        return;
    if (m_dragging) {
        const qint64 here = m_linear.baseAtX(event->position().x());
        selectFromUser(qMin(m_anchor, here), qMax(m_anchor, here));
    } else {
        selectFeature(m_linear.featureAt(event->position()));
    }
    m_anchor = -1;
    m_dragging = false;
}

} // namespace benchtop::widgets::maps
