#include "BoxMapExport.h"

#include "models/BoxContentsModel.h"
#include "models/resources/Inventory.h"
#include "models/store/ResourceStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFontMetricsF>
#include <QJsonArray>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace benchtop::widgets {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("BoxMapExport", text);
}

QString number(const QJsonValue &value)
{
    return value.isDouble() ? QString::number(value.toDouble(), 'g', 10) : QString();
}

QString quantityText(const QJsonObject &quantity)
{
    const QString value = number(quantity.value(u"value"_s));
    if (value.isEmpty())
        return {};
    const QString units = quantity.value(u"units"_s).toString();
    return units.isEmpty() ? value : QString(value + u' ' + units);
}

QString contentsText(const QJsonArray &contents)
{
    QStringList parts;
    for (const QJsonValue &content : contents) {
        const QJsonObject entity = content[u"entity"_s].toObject();
        QString part = entity.value(u"name"_s).toString(entity.value(u"id"_s).toString());
        const QString concentration = quantityText(content[u"concentration"_s].toObject());
        if (!concentration.isEmpty())
            part += u" (" + concentration + u')';
        parts.append(part);
    }
    return parts.join(u"; "_s);
}

QString csvField(const QString &field)
{
    if (!field.contains(u',') && !field.contains(u'"') && !field.contains(u'\n') &&
        !field.contains(u'\r'))
        return field;
    QString quoted = field;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

} // namespace

int BoxMap::filled() const
{
    return int(std::count_if(entries.cbegin(), entries.cend(),
                             [](const BoxMapEntry &e) { return !e.id.isEmpty(); }));
}

BoxMap BoxMap::from(const models::BoxContentsModel &model, const models::ResourceStore &store)
{
    BoxMap map;
    if (!model.isReady())
        return map;
    const QJsonObject box = store.value(model.boxId());
    map.boxId = model.boxId();
    map.name = box.value(u"name"_s).toString();
    map.barcode = box.value(u"barcode"_s).toString();
    map.rows = model.rowCount();
    map.columns = model.columnCount();
    for (int r = 0; r < map.rows; ++r) {
        for (int c = 0; c < map.columns; ++c) {
            BoxMapEntry entry;
            entry.position = models::StorageSchema::positionName({r, c});
            entry.id = model.idAt(entry.position);
            if (!entry.id.isEmpty()) {
                const QJsonObject tube = store.value(entry.id);
                entry.name = tube.value(u"name"_s).toString();
                entry.barcode = tube.value(u"barcode"_s).toString();
                entry.contents = contentsText(tube.value(u"contents"_s).toArray());
                entry.quantity = quantityText(tube.value(u"quantity"_s).toObject());
            }
            map.entries.append(entry);
        }
    }
    return map;
}

QString boxMapCsv(const BoxMap &map)
{
    QString csv = u"position,id,name,barcode,contents,quantity\r\n"_s;
    for (const BoxMapEntry &e : map.entries) {
        const QStringList fields{e.position, e.id, e.name, e.barcode, e.contents, e.quantity};
        QStringList quoted;
        for (const QString &field : fields)
            quoted.append(csvField(field));
        csv += quoted.join(u',') + u"\r\n";
    }
    return csv;
}

bool exportBoxMapCsv(const BoxMap &map, const QString &path, QString *error)
{
    if (map.rows == 0) {
        if (error)
            *error = tr("The box has not loaded yet.");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(boxMapCsv(map).toUtf8()) < 0 ||
        !file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool exportBoxMapPdf(const BoxMap &map, const QString &path, QString *error)
{
    if (map.rows == 0) {
        if (error)
            *error = tr("The box has not loaded yet.");
        return false;
    }
    {
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly)) {
            if (error)
                *error = tr("Cannot write %1: %2").arg(path, probe.errorString());
            return false;
        }
    }
    QPdfWriter writer(path);
    writer.setResolution(300);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageOrientation(QPageLayout::Landscape);
    writer.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout::Millimeter);
    writer.setTitle(tr("Box map: %1").arg(map.name));
    writer.setCreator(u"Benchtop"_s);
    QPainter painter(&writer);
    if (!painter.isActive()) {
        if (error)
            *error = tr("Cannot write %1.").arg(path);
        return false;
    }
    const QRectF page(QPointF(0, 0), QSizeF(writer.width(), writer.height()));
    QFont title(u"DejaVu Sans"_s);
    title.setPointSizeF(14);
    title.setBold(true);
    QFont small(u"DejaVu Sans"_s);
    small.setPointSizeF(map.columns > 12 ? 4.5 : 6);
    QFont header(u"DejaVu Sans"_s);
    header.setPointSizeF(8);
    header.setBold(true);
    const double titleHeight = QFontMetricsF(title, &writer).height();
    const double smallHeight = QFontMetricsF(small, &writer).height();

    painter.setFont(title);
    painter.drawText(QRectF(page.left(), page.top(), page.width(), titleHeight),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     map.barcode.isEmpty() ? map.name : QString(map.name + u"  ·  " + map.barcode));
    painter.setFont(small);
    const QString summary =
        tr("%1 of %2 positions filled · printed %3 · check each tube against its cell")
            .arg(map.filled())
            .arg(map.entries.size())
            .arg(QLocale().toString(QDateTime::currentDateTime(), QLocale::ShortFormat));
    painter.drawText(QRectF(page.left(), page.top() + titleHeight, page.width(), smallHeight),
                     Qt::AlignLeft, summary);

    const double headerSize = 2.5 * smallHeight;
    const QRectF gridArea(
        page.left() + headerSize, page.top() + titleHeight + 2 * smallHeight + headerSize,
        page.width() - headerSize, page.height() - titleHeight - 2 * smallHeight - headerSize);
    const double cellWidth = gridArea.width() / map.columns;
    const double cellHeight = gridArea.height() / map.rows;
    painter.setFont(header);
    for (int c = 0; c < map.columns; ++c)
        painter.drawText(QRectF(gridArea.left() + c * cellWidth, gridArea.top() - headerSize,
                                cellWidth, headerSize),
                         Qt::AlignCenter, QString::number(c + 1));
    for (int r = 0; r < map.rows; ++r)
        painter.drawText(
            QRectF(page.left(), gridArea.top() + r * cellHeight, headerSize, cellHeight),
            Qt::AlignCenter, QString(QChar(u'A' + r)));
    const QFontMetricsF metrics(small, &writer);
    for (int i = 0; i < map.entries.size(); ++i) {
        const BoxMapEntry &e = map.entries.at(i);
        const int r = i / map.columns;
        const int c = i % map.columns;
        const QRectF cell(gridArea.left() + c * cellWidth, gridArea.top() + r * cellHeight,
                          cellWidth, cellHeight);
        painter.setPen(QPen(Qt::black, 0));
        painter.setBrush(e.id.isEmpty() ? QColor(245, 245, 245) : QColor(226, 239, 252));
        painter.drawRect(cell);
        painter.setFont(small);
        const QRectF text = cell.adjusted(cellWidth * 0.04, cellHeight * 0.04, -cellWidth * 0.04,
                                          -cellHeight * 0.04);
        painter.setPen(QColor(120, 120, 120));
        painter.drawText(text, Qt::AlignTop | Qt::AlignRight, e.position);
        if (e.id.isEmpty())
            continue;
        painter.setPen(Qt::black);
        const double line = smallHeight;
        QStringList lines{e.name, e.barcode, e.quantity};
        double y = text.top() + line;
        for (const QString &value : lines) {
            if (value.isEmpty() || y + line > text.bottom() + 0.5)
                continue;
            painter.drawText(QRectF(text.left(), y, text.width(), line), Qt::AlignLeft,
                             metrics.elidedText(value, Qt::ElideRight, text.width()));
            y += line;
        }
    }
    painter.end();
    return true;
}

} // namespace benchtop::widgets
