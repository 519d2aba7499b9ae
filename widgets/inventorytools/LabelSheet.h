// Printing labels to PDF (issue #5): a sheet of labels per page (3 × 8 on A4 by default, like
// common label stock), each with the item's name, a real barcode symbol (Code 128 or QR, from
// Zint) and the barcode's text, drawn with QPdfWriter/QPainter.
#pragma once

#include "BarcodeSymbol.h"

#include <QJsonObject>
#include <QMarginsF>
#include <QPageSize>

namespace benchtop::widgets {

struct LabelData
{
    QString name;
    QString code;   // what the symbol encodes: the barcode (or, lacking one, the id)
    QString detail; // a second line, e.g. "Box 3 · B4" (may be empty)

    // From a resource's JSON: name, barcode (else id), and `detail`.
    static LabelData fromResource(const QJsonObject &resource, const QString &detail = {});
};

struct LabelLayout
{
    int columns = 3;
    int rows = 8;
    QPageSize pageSize = QPageSize(QPageSize::A4);
    QMarginsF marginsMm = {7, 10, 7, 10}; // page margins: left, top, right, bottom
    double gapMm = 2;                     // between labels
    BarcodeSymbol::Type symbology = BarcodeSymbol::Type::Code128;
    int resolution = 600; // dpi of the PDF's coordinate space

    int labelsPerPage() const { return columns * rows; }
    int pagesFor(int labels) const
    {
        return labels <= 0 ? 0 : (labels + labelsPerPage() - 1) / labelsPerPage();
    }
};

// Writes the labels to a PDF at `path`; the number of pages written, or -1 with *error set.
int printLabelsToPdf(const QList<LabelData> &labels, const QString &path,
                     const LabelLayout &layout = {}, QString *error = nullptr);

} // namespace benchtop::widgets
