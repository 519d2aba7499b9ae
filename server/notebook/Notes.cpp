// Notes as the API shows them (see Notes.h).
#include "Notes.h"

#include "server/ResourceRoutes.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace benchtop::server::notebook {

// Where the API serves each kind a note can link to (for the link's webURL).
const QHash<QString, QString> &linkCollections()
{
    static const QHash<QString, QString> collections{
        {u"entry"_s, u"entries"_s},
        {u"folder"_s, u"folders"_s},
        {u"dna_sequence"_s, u"dna-sequences"_s},
        {u"aa_sequence"_s, u"aa-sequences"_s},
        {u"custom_entity"_s, u"custom-entities"_s},
        {u"box"_s, u"boxes"_s},
        {u"container"_s, u"containers"_s},
        {u"location"_s, u"locations"_s},
        {u"plate"_s, u"plates"_s},
        {u"batch"_s, u"batches"_s},
        {u"user"_s, u"users"_s},
    };
    return collections;
}

namespace {

QJsonObject linkJson(const RequestContext &context, QJsonObject link)
{
    const QString type = link.value(u"type"_s).toString();
    if (type != u"link"_s) {
        const QString collection = linkCollections().value(type);
        link.insert(u"webURL"_s,
                    collection.isEmpty()
                        ? QJsonValue(QJsonValue::Null)
                        : QJsonValue(webUrl(context, collection, link.value(u"id"_s).toString())));
    }
    return link;
}

} // namespace

// Stored days as the API shows them (links get their webURL on this server).
QJsonArray daysJson(const RequestContext &context, const QJsonArray &days)
{
    QJsonArray out;
    for (const QJsonValue &dayValue : days) {
        QJsonObject day = dayValue.toObject();
        QJsonArray notes;
        for (const QJsonValue &noteValue : day.value(u"notes"_s).toArray()) {
            QJsonObject note = noteValue.toObject();
            QJsonArray links;
            for (const QJsonValue &link : note.value(u"links"_s).toArray())
                links.append(linkJson(context, link.toObject()));
            note.insert(u"links"_s, links);
            if (note.contains(u"table"_s)) {
                QJsonObject table = note.value(u"table"_s).toObject();
                QJsonArray rows;
                for (const QJsonValue &rowValue : table.value(u"rows"_s).toArray()) {
                    QJsonArray cells;
                    for (const QJsonValue &cellValue :
                         rowValue.toObject().value(u"cells"_s).toArray()) {
                        QJsonObject cell = cellValue.toObject();
                        if (cell.contains(u"link"_s))
                            cell.insert(u"link"_s,
                                        linkJson(context, cell.value(u"link"_s).toObject()));
                        cells.append(cell);
                    }
                    rows.append(QJsonObject{{u"cells"_s, cells}});
                }
                table.insert(u"rows"_s, rows);
                note.insert(u"table"_s, table);
            }
            notes.append(note);
        }
        day.insert(u"notes"_s, notes);
        out.append(day);
    }
    return out;
}

} // namespace benchtop::server::notebook
