// A box map for a stock check (issue #5): every position of a box with what it holds, as CSV
// (position, id, name, barcode, contents, quantity; empty positions included, so a checker
// ticks every slot) or as a PDF page with the box drawn as a grid of labelled cells.
// Built from a loaded BoxContentsModel and the store: no request of its own.
#pragma once

#include <QList>
#include <QString>

namespace benchtop::models {
class BoxContentsModel;
class ResourceStore;
} // namespace benchtop::models

namespace benchtop::widgets {

struct BoxMapEntry
{
    QString position;
    QString id; // empty: the position is empty
    QString name;
    QString barcode;
    QString contents; // entity names, "; "-separated, with concentrations
    QString quantity; // "50 uL"
};

struct BoxMap
{
    QString boxId;
    QString name;
    QString barcode;
    int rows = 0;
    int columns = 0;
    QList<BoxMapEntry> entries; // row by row, every position

    int filled() const;
    // From a model that isReady(); an empty map (rows 0) otherwise.
    static BoxMap from(const models::BoxContentsModel &model, const models::ResourceStore &store);
};

// RFC 4180 CSV with a header row; false with *error set when the file cannot be written.
bool exportBoxMapCsv(const BoxMap &map, const QString &path, QString *error = nullptr);
QString boxMapCsv(const BoxMap &map);
// One A4 landscape page: title, the grid with each cell's name and barcode, a legend line.
bool exportBoxMapPdf(const BoxMap &map, const QString &path, QString *error = nullptr);

} // namespace benchtop::widgets
