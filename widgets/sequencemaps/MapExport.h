// Export of a map as SVG, PNG or PDF through the painter that draws it on screen.
#pragma once

#include <QSize>
#include <QString>

class QWidget;

namespace benchtop::widgets::maps {

class MapPainter;

enum class MapFormat { Svg, Png, Pdf };

// Renders `painter` at `size` (logical pixels) into `path`; false with *error set on failure.
// PNG is written at `scale` times the size (2 = crisp on high-DPI screens); PDF is one page the
// map's size at 96 dpi.
bool exportMap(MapPainter &painter, MapFormat format, const QString &path, QSize size,
               QString *error = nullptr, double scale = 1.0);
// The format a file name asks for (by suffix), Svg when unknown.
MapFormat mapFormatForPath(const QString &path);
// Asks for a file name and exports; for the views' "Export map…" action.
void exportMapInteractively(QWidget *parent, MapPainter &painter, QSize size,
                            const QString &suggestedName);

} // namespace benchtop::widgets::maps
