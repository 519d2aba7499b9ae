#include "widgets/sequencemaps/MapExport.h"

#include "widgets/sequencemaps/MapPainter.h"

#include <QFileDialog>
#include <QImage>
#include <QMessageBox>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace benchtop::widgets::maps {

MapFormat mapFormatForPath(const QString &path)
{
    if (path.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        return MapFormat::Png;
    if (path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        return MapFormat::Pdf;
    return MapFormat::Svg;
}

bool exportMap(MapPainter &painter, MapFormat format, const QString &path, QSize size,
               QString *error, double scale)
{
    const QRectF rect(QPointF(0, 0), QSizeF(size));
    auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    switch (format) {
    case MapFormat::Svg: {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(rect);
        svg.setResolution(96);
        svg.setTitle(painter.data() ? painter.data()->name : QString());
        QPainter p;
        if (!p.begin(&svg))
            return fail(QObject::tr("Cannot write %1").arg(path));
        painter.render(p, rect);
        return p.end();
    }
    case MapFormat::Png: {
        QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(scale);
        image.fill(Qt::white);
        {
            QPainter p(&image);
            painter.render(p, rect);
        }
        if (!image.save(path, "PNG"))
            return fail(QObject::tr("Cannot write %1").arg(path));
        return true;
    }
    case MapFormat::Pdf: {
        QPdfWriter pdf(path);
        pdf.setResolution(96);
        pdf.setPageSize(QPageSize(QSizeF(size) * 72.0 / 96.0, QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter p;
        if (!p.begin(&pdf))
            return fail(QObject::tr("Cannot write %1").arg(path));
        painter.render(p, rect);
        return p.end();
    }
    }
    return false;
}

void exportMapInteractively(QWidget *parent, MapPainter &painter, QSize size,
                            const QString &suggestedName)
{
    const QString path = QFileDialog::getSaveFileName(
        parent, QObject::tr("Export map"), suggestedName,
        QObject::tr("SVG image (*.svg);;PNG image (*.png);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportMap(painter, mapFormatForPath(path), path, size, &error, 2.0))
        QMessageBox::warning(parent, QObject::tr("Export map"), error);
}

} // namespace benchtop::widgets::maps
