#include "BoxCellDelegate.h"

#include "BoxGridView.h"
#include "models/Roles.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPainter>
#include <QPainterPath>

using namespace Qt::StringLiterals;
using namespace benchtop::models;

namespace benchtop::widgets {

BoxCellDelegate::BoxCellDelegate(BoxGridView *view)
    : QStyledItemDelegate(view)
    , m_view(view)
{}

void BoxCellDelegate::setColourBy(ColourBy by, const QString &field)
{
    m_by = by;
    m_field = field;
}

QString BoxCellDelegate::colourKey(const QJsonObject &tube) const
{
    switch (m_by) {
    case ColourBy::Entity: {
        const QJsonArray contents = tube.value(u"contents"_s).toArray();
        return contents.isEmpty() ? QString() : contents.first()[u"entity"_s][u"id"_s].toString();
    }
    case ColourBy::Schema:
        return tube.value(u"schema"_s).toObject().value(u"id"_s).toString();
    case ColourBy::Field:
        return tube.value(u"fields"_s)
            .toObject()
            .value(m_field)
            .toObject()
            .value(u"value"_s)
            .toVariant()
            .toString();
    }
    return {};
}

QColor BoxCellDelegate::colourFor(const QString &key)
{
    if (key.isEmpty())
        return QColor(0xe4, 0xe6, 0xea); // holds nothing (or nothing known): neutral
    // A stable hue per key, spread around the wheel; soft enough for dark text.
    const int hue = int(qHash(key, 7) % 360);
    return QColor::fromHsl(hue, 150, 200);
}

void BoxCellDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF cell = QRectF(option.rect).adjusted(2, 2, -2, -2);
    const qreal side = std::min(cell.width(), cell.height());
    const QRectF disc(cell.center() - QPointF(side / 2, side / 2), QSizeF(side, side));
    const QJsonObject tube = index.data(ResourceRole).toJsonObject();
    const QString position = index.data(PositionRole).toString();
    const bool selected = option.state & QStyle::State_Selected;

    if (tube.isEmpty()) {
        painter->setPen(QPen(QColor(0xb8, 0xbc, 0xc4), 1, Qt::DashLine));
        painter->setBrush(QColor(0xfa, 0xfa, 0xfb));
        painter->drawEllipse(disc.adjusted(side * 0.12, side * 0.12, -side * 0.12, -side * 0.12));
    } else {
        const bool archived =
            !tube.value(u"archiveRecord"_s).isNull() && tube.value(u"archiveRecord"_s).isObject();
        const bool cut = m_view->isCut(tube.value(u"id"_s).toString());
        QColor fill = archived ? QColor(0xcc, 0xcc, 0xcc) : colourFor(colourKey(tube));
        if (cut)
            fill.setAlpha(90);
        QPen ring(fill.darker(140), 1.2);
        if (index.data(PendingRole).toBool())
            ring = QPen(QColor(0x1a, 0x73, 0xe8), 2.2, Qt::DashLine);
        else if (!index.data(ErrorRole).toString().isEmpty())
            ring = QPen(QColor(0xc6, 0x28, 0x28), 2.2);
        painter->setPen(ring);
        painter->setBrush(fill);
        painter->drawEllipse(disc.adjusted(1, 1, -1, -1));

        // The name where it fits, else the barcode (shorter), else the position.
        const QString name = tube.value(u"name"_s).toString();
        const QString barcode = tube.value(u"barcode"_s).toString();
        QString label = side >= 56 || barcode.isEmpty() ? name : barcode;
        QFont font = option.font;
        font.setPointSizeF(std::clamp(side / 7.5, 5.5, 10.0));
        painter->setFont(font);
        painter->setPen(archived ? QColor(0x70, 0x70, 0x70) : QColor(0x1f, 0x23, 0x28));
        const QRectF textBox = disc.adjusted(side * 0.14, side * 0.22, -side * 0.14, -side * 0.22);
        painter->drawText(
            textBox, Qt::AlignCenter | Qt::TextWrapAnywhere,
            QFontMetrics(font).elidedText(label, Qt::ElideRight, int(textBox.width() * 2.2)));
        if (archived) {
            painter->setPen(QPen(QColor(0x60, 0x60, 0x60), 1.5));
            painter->drawLine(disc.bottomLeft() + QPointF(side * 0.2, -side * 0.2),
                              disc.topRight() + QPointF(-side * 0.2, side * 0.2));
        }
        const QString status = tube.value(u"checkoutRecord"_s)[u"status"_s].toString();
        if (status == u"CHECKED_OUT"_s || status == u"RESERVED"_s) {
            const bool out = status == u"CHECKED_OUT"_s;
            QFont small = font;
            small.setPointSizeF(std::max(5.0, font.pointSizeF() * 0.8));
            small.setBold(true);
            painter->setFont(small);
            const QString tag = out ? tr("OUT") : tr("RES");
            const QRectF badge(cell.right() - QFontMetricsF(small).horizontalAdvance(tag) - 4,
                               cell.top(), QFontMetricsF(small).horizontalAdvance(tag) + 4,
                               QFontMetricsF(small).height());
            painter->setPen(Qt::NoPen);
            painter->setBrush(out ? QColor(0xc6, 0x28, 0x28) : QColor(0xe0, 0x8e, 0x00));
            painter->drawRoundedRect(badge, 2, 2);
            painter->setPen(Qt::white);
            painter->drawText(badge, Qt::AlignCenter, tag);
        }
    }
    if (selected) {
        painter->setPen(QPen(option.palette.highlight(), 2.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(cell, 4, 4);
    }
    const BoxGridView::Preview preview = m_view->previewAt(position);
    if (preview != BoxGridView::Preview::None) {
        const bool ok = preview == BoxGridView::Preview::Lands;
        painter->setPen(
            QPen(ok ? QColor(0x2e, 0x7d, 0x32) : QColor(0xc6, 0x28, 0x28), 2.5, Qt::DashLine));
        painter->setBrush(ok ? QColor(0x2e, 0x7d, 0x32, 40) : QColor(0xc6, 0x28, 0x28, 40));
        painter->drawRoundedRect(cell, 4, 4);
    }
    painter->restore();
}

QSize BoxCellDelegate::sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const
{
    return QSize(m_view->cellSize(), m_view->cellSize());
}

} // namespace benchtop::widgets
