// A barcode symbol made by Zint (Debian's libzint-dev): Code 128 for tube and box labels, QR for
// anything longer or two-dimensional. The symbol is kept as its modules (bars and squares), so
// it draws as crisp vector rectangles on any QPainter (a PDF page, a label preview), and as a
// raster image (Zint's own renderer) for screens and for decoding checks.
#pragma once

#include <QImage>
#include <QRectF>
#include <QString>
#include <QVector>

class QPainter;

namespace benchtop::widgets {

class BarcodeSymbol
{
public:
    enum class Type { Code128, QrCode };

    // Encodes `data` (UTF-8). isValid() is false, with error() saying why, when Zint refuses.
    BarcodeSymbol(Type type, const QString &data);

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    Type type() const { return m_type; }
    QString data() const { return m_data; }
    // Zint's human-readable text (Code 128: the data as printed under the bars).
    QString humanReadableText() const { return m_text; }
    // The symbol's size in modules: Code 128 is 1 row, QR is square (21 × 21 for version 1).
    int rows() const { return m_rows; }
    int columns() const { return m_columns; }
    bool module(int row, int column) const;
    // The quiet zone either side, in modules (Code 128: 10, QR: 4).
    int quietZone() const { return m_type == Type::Code128 ? 10 : 4; }

    // Draws the modules, quiet zone included, as black rectangles into `target` (the symbol's
    // aspect kept for QR; Code 128's bars fill the height).
    void paint(QPainter *painter, const QRectF &target) const;
    // Zint's raster rendering, `scale` pixels per module, with its quiet zones.
    QImage image(int scale = 4) const;

private:
    Type m_type;
    QString m_data;
    QString m_text;
    QString m_error;
    int m_rows = 0;
    int m_columns = 0;
    QVector<QVector<bool>> m_modules;
};

} // namespace benchtop::widgets
