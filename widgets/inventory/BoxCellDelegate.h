// Paints one cell of a box or plate grid: a tube as a coloured disc (colour from what it holds:
// its entity, its schema, or a chosen field) with its name or barcode; an empty position as a
// faint dashed ring. Marks: checked out (red corner "OUT"), reserved (amber corner "RES"),
// archived (grey, struck through), pending move (dashed blue ring), failed move (red ring), and
// the drop preview (green where a tube will land, red where it cannot).
#pragma once

#include <QStyledItemDelegate>

namespace benchtop::widgets {

class BoxGridView;

class BoxCellDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    enum class ColourBy { Entity, Schema, Field };

    explicit BoxCellDelegate(BoxGridView *view);

    void setColourBy(ColourBy by, const QString &field = {});
    ColourBy colourBy() const { return m_by; }
    // The key the colour is derived from, for a tube as the store holds it.
    QString colourKey(const QJsonObject &tube) const;
    static QColor colourFor(const QString &key);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    BoxGridView *m_view;
    ColourBy m_by = ColourBy::Entity;
    QString m_field;
};

} // namespace benchtop::widgets
