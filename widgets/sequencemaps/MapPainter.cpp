#include "widgets/sequencemaps/MapPainter.h"

#include <QCoreApplication>
#include <QPainter>

namespace benchtop::widgets::maps {

void MapPainter::render(QPainter &painter, const QRectF &rect)
{
    layout(rect, painter.device());
    paint(painter);
}

QString MapPainter::thinnedNote() const
{
    if (m_labels.size() >= m_candidates)
        return {};
    return QCoreApplication::translate("MapPainter", "%1 of %2 labels shown")
        .arg(m_labels.size())
        .arg(m_candidates);
}

} // namespace benchtop::widgets::maps
