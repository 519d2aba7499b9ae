#include "BarcodeSymbol.h"

#include <QPainter>

#include <zint.h>

#include <memory>

namespace benchtop::widgets {

namespace {

struct SymbolDeleter
{
    void operator()(zint_symbol *symbol) const { ZBarcode_Delete(symbol); }
};
using SymbolPtr = std::unique_ptr<zint_symbol, SymbolDeleter>;

SymbolPtr makeSymbol(BarcodeSymbol::Type type)
{
    SymbolPtr symbol(ZBarcode_Create());
    symbol->symbology = type == BarcodeSymbol::Type::Code128 ? BARCODE_CODE128 : BARCODE_QRCODE;
    symbol->input_mode = UNICODE_MODE;
    symbol->show_hrt = 0;
    return symbol;
}

} // namespace

BarcodeSymbol::BarcodeSymbol(Type type, const QString &data)
    : m_type(type)
    , m_data(data)
{
    if (data.isEmpty()) {
        m_error = QStringLiteral("Nothing to encode.");
        return;
    }
    SymbolPtr symbol = makeSymbol(type);
    const QByteArray utf8 = data.toUtf8();
    const int status = ZBarcode_Encode(
        symbol.get(), reinterpret_cast<const unsigned char *>(utf8.constData()), int(utf8.size()));
    if (status >= ZINT_ERROR) {
        m_error = QString::fromUtf8(symbol->errtxt);
        return;
    }
    m_rows = symbol->rows;
    m_columns = symbol->width;
    m_text = QString::fromUtf8(reinterpret_cast<const char *>(symbol->text));
    m_modules.resize(m_rows);
    for (int r = 0; r < m_rows; ++r) {
        m_modules[r].resize(m_columns);
        for (int c = 0; c < m_columns; ++c)
            m_modules[r][c] = (symbol->encoded_data[r][c >> 3] >> (c & 7)) & 1;
    }
}

bool BarcodeSymbol::module(int row, int column) const
{
    if (row < 0 || row >= m_rows || column < 0 || column >= m_columns)
        return false;
    return m_modules[row][column];
}

void BarcodeSymbol::paint(QPainter *painter, const QRectF &target) const
{
    if (!isValid())
        return;
    const int quiet = quietZone();
    const double totalColumns = m_columns + 2 * quiet;
    const double totalRows = m_type == Type::QrCode ? m_rows + 2 * quiet : m_rows;
    double moduleWidth = target.width() / totalColumns;
    double moduleHeight = target.height() / totalRows;
    QRectF area = target;
    if (m_type == Type::QrCode) {
        moduleWidth = moduleHeight = std::min(moduleWidth, moduleHeight);
        area.setSize({moduleWidth * totalColumns, moduleHeight * totalRows});
        area.moveCenter(target.center());
    }
    painter->save();
    painter->setPen(Qt::NoPen);
    painter->setBrush(Qt::black);
    painter->setRenderHint(QPainter::Antialiasing, false);
    const double top = area.top() + (m_type == Type::QrCode ? quiet * moduleHeight : 0);
    for (int r = 0; r < m_rows; ++r) {
        // Adjacent dark modules of a row make one rectangle (a Code 128 bar is 1-4 modules).
        int c = 0;
        while (c < m_columns) {
            if (!m_modules[r][c]) {
                ++c;
                continue;
            }
            const int start = c;
            while (c < m_columns && m_modules[r][c])
                ++c;
            painter->drawRect(QRectF(area.left() + (quiet + start) * moduleWidth,
                                     top + r * moduleHeight, (c - start) * moduleWidth,
                                     moduleHeight));
        }
    }
    painter->restore();
}

QImage BarcodeSymbol::image(int scale) const
{
    if (!isValid())
        return {};
    SymbolPtr symbol = makeSymbol(m_type);
    symbol->scale = float(scale) / 2.0f; // Zint's scale 1 is 2 pixels per module
    if (m_type == Type::Code128)
        symbol->height = 30;
    symbol->whitespace_width = quietZone();
    if (m_type == Type::QrCode)
        symbol->whitespace_height = quietZone();
    const QByteArray utf8 = m_data.toUtf8();
    if (ZBarcode_Encode_and_Buffer(symbol.get(),
                                   reinterpret_cast<const unsigned char *>(utf8.constData()),
                                   int(utf8.size()), 0) >= ZINT_ERROR)
        return {};
    QImage out(symbol->bitmap_width, symbol->bitmap_height, QImage::Format_RGB888);
    for (int y = 0; y < symbol->bitmap_height; ++y)
        memcpy(out.scanLine(y), symbol->bitmap + qsizetype(y) * symbol->bitmap_width * 3,
               size_t(symbol->bitmap_width) * 3);
    return out;
}

} // namespace benchtop::widgets
