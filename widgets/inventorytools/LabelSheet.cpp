#include "LabelSheet.h"

#include <QCoreApplication>
#include <QFile>
#include <QFontMetricsF>
#include <QPainter>
#include <QPdfWriter>

using namespace Qt::StringLiterals;

namespace benchtop::widgets {

LabelData LabelData::fromResource(const QJsonObject &resource, const QString &detail)
{
    const QString barcode = resource.value(u"barcode"_s).toString();
    return {resource.value(u"name"_s).toString(),
            barcode.isEmpty() ? resource.value(u"id"_s).toString() : barcode, detail};
}

namespace {

void drawLabel(QPainter &painter, const QRectF &box, const LabelData &label,
               BarcodeSymbol::Type type, double unitsPerMm)
{
    const double pad = 1.5 * unitsPerMm;
    const QRectF inner = box.adjusted(pad, pad, -pad, -pad);
    // A thin outline shows where to cut on plain paper.
    painter.setPen(QPen(QColor(200, 200, 200), 0));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(box);

    QFont nameFont(u"DejaVu Sans"_s);
    nameFont.setPointSizeF(8);
    nameFont.setBold(true);
    QFont smallFont(u"DejaVu Sans Mono"_s);
    smallFont.setPointSizeF(6.5);
    const double nameHeight = QFontMetricsF(nameFont, painter.device()).height();
    const double smallHeight = QFontMetricsF(smallFont, painter.device()).height();

    const BarcodeSymbol symbol(type, label.code);
    painter.setPen(Qt::black);
    if (type == BarcodeSymbol::Type::QrCode) {
        // QR on the left, square; the text beside it.
        const QRectF qr(inner.topLeft(), QSizeF(inner.height(), inner.height()));
        symbol.paint(&painter, qr);
        const QRectF text = inner.adjusted(qr.width() + pad, 0, 0, 0);
        painter.setFont(nameFont);
        painter.drawText(QRectF(text.left(), text.top(), text.width(), nameHeight * 2),
                         Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, label.name);
        painter.setFont(smallFont);
        painter.drawText(
            QRectF(text.left(), text.bottom() - 2 * smallHeight, text.width(), smallHeight),
            Qt::AlignLeft, label.code);
        painter.drawText(
            QRectF(text.left(), text.bottom() - smallHeight, text.width(), smallHeight),
            Qt::AlignLeft, label.detail);
        return;
    }
    // Code 128: name on top, bars across, the code's text under them.
    painter.setFont(nameFont);
    const QFontMetricsF nameMetrics(nameFont, painter.device());
    painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), nameHeight),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     nameMetrics.elidedText(label.name, Qt::ElideRight, inner.width()));
    double bottom = inner.bottom();
    painter.setFont(smallFont);
    if (!label.detail.isEmpty()) {
        painter.drawText(QRectF(inner.left(), bottom - smallHeight, inner.width(), smallHeight),
                         Qt::AlignLeft, label.detail);
        bottom -= smallHeight;
    }
    painter.drawText(QRectF(inner.left(), bottom - smallHeight, inner.width(), smallHeight),
                     Qt::AlignHCenter, label.code);
    bottom -= smallHeight;
    const QRectF bars(inner.left(), inner.top() + nameHeight + 0.5 * unitsPerMm, inner.width(),
                      bottom - inner.top() - nameHeight - unitsPerMm);
    if (symbol.isValid())
        symbol.paint(&painter, bars);
    else
        painter.drawText(bars, Qt::AlignCenter | Qt::TextWordWrap, symbol.error());
}

} // namespace

int printLabelsToPdf(const QList<LabelData> &labels, const QString &path, const LabelLayout &layout,
                     QString *error)
{
    const auto setError = [error](const QString &message) {
        if (error)
            *error = message;
        return -1;
    };
    if (labels.isEmpty())
        return setError(QCoreApplication::translate("LabelSheet", "No labels to print."));
    if (layout.columns < 1 || layout.rows < 1)
        return setError(
            QCoreApplication::translate("LabelSheet", "A sheet needs rows and columns."));
    QFile probe(path);
    if (!probe.open(QIODevice::WriteOnly))
        return setError(QCoreApplication::translate("LabelSheet", "Cannot write %1: %2")
                            .arg(path, probe.errorString()));
    probe.close();

    QPdfWriter writer(path);
    writer.setResolution(layout.resolution);
    writer.setPageSize(layout.pageSize);
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    writer.setTitle(QCoreApplication::translate("LabelSheet", "Benchtop labels"));
    writer.setCreator(u"Benchtop"_s);
    QPainter painter(&writer);
    if (!painter.isActive())
        return setError(QCoreApplication::translate("LabelSheet", "Cannot write %1.").arg(path));

    const double unitsPerMm = layout.resolution / 25.4;
    const QSizeF pageMm = layout.pageSize.size(QPageSize::Millimeter);
    const QMarginsF &m = layout.marginsMm;
    const double labelWidthMm =
        (pageMm.width() - m.left() - m.right() - (layout.columns - 1) * layout.gapMm) /
        layout.columns;
    const double labelHeightMm =
        (pageMm.height() - m.top() - m.bottom() - (layout.rows - 1) * layout.gapMm) / layout.rows;
    int pages = 0;
    for (int i = 0; i < labels.size(); ++i) {
        const int slot = i % layout.labelsPerPage();
        if (slot == 0) {
            if (pages > 0)
                writer.newPage();
            ++pages;
        }
        const int row = slot / layout.columns;
        const int column = slot % layout.columns;
        const QRectF box((m.left() + column * (labelWidthMm + layout.gapMm)) * unitsPerMm,
                         (m.top() + row * (labelHeightMm + layout.gapMm)) * unitsPerMm,
                         labelWidthMm * unitsPerMm, labelHeightMm * unitsPerMm);
        drawLabel(painter, box, labels.at(i), layout.symbology, unitsPerMm);
    }
    painter.end();
    return pages;
}

} // namespace benchtop::widgets
