// The routes of plates and boxes beyond the shared ones: POST /plates, which makes every well of
// a well plate (with the barcodes its body gives), and GET /boxes/{box_id}/contents, a box's
// containers in grid order with their gridNumber and gridPosition.
#include "Contents.h"
#include "Routes.h"
#include "Storage.h"

#include "server/Ids.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace benchtop::server::inventory {

http::HttpResponse createPlate(ServerContext &server, const ResourceType &type,
                               const RequestContext &context)
{
    JsonBody body(context.request.body);
    const auto created = resource_ops::createOne(server, type, context, body);
    if (const auto *failure = std::get_if<ApiFailure>(&created))
        return failure->response();
    const ResourceRow plate = std::get<ResourceRow>(created);
    const QJsonObject definition = inventory::schemaDefinition(server.db, plate.schemaId);
    const Grid grid = inventory::gridOf(server.db, plate);
    const QJsonObject wells = body.object().value(u"wells"_s).toObject();
    const bool wellPlate = inventory::isWellPlate(server.db, plate);
    QString wellSchema = body.object()
                             .value(u"containerSchemaId"_s)
                             .toString(definition.value(u"containerSchemaId"_s).toString());
    if (!wellSchema.isEmpty()) {
        if (auto failure = resource_ops::checkSchema(server, u"container"_s, wellSchema))
            return failure->response();
    }
    // Barcodes for wells, keyed "A1"; every key must be a position of the plate.
    QHash<int, QString> barcodes;
    for (auto it = wells.begin(); it != wells.end(); ++it) {
        bool malformed = false;
        const auto index = grid.index(it.key(), &malformed);
        if (!index) {
            return badRequest(
                u"wells names %1, which is not a position of %2 (its grid is %3)."_s.arg(
                    it.key(), inventory::describe(plate), grid.describe()));
        }
        if (!wellPlate)
            return badRequest(u"wells applies only to well plates; %1 is a matrix plate."_s.arg(
                inventory::describe(plate)));
        const QJsonValue barcode = it.value().toObject().value(u"barcode"_s);
        if (!it.value().isObject() || !(barcode.isString() || barcode.isUndefined()))
            return badRequest(
                u"wells.%1 must be an object with an optional string barcode."_s.arg(it.key()));
        if (barcode.isString())
            barcodes.insert(*index, barcode.toString());
    }
    if (wellPlate) {
        for (int i = 0; i < grid.size(); ++i) {
            ResourceRow well;
            well.id = newId(u"con_");
            well.kind = u"container"_s;
            well.creatorId = context.principal.userId;
            well.parentId = plate.id;
            well.position = grid.label(i);
            well.schemaId = wellSchema.isEmpty() ? QString() : wellSchema;
            well.barcode = barcodes.value(i);
            well.name =
                well.barcode.isEmpty() ? QString(plate.name + u' ' + well.position) : well.barcode;
            well.data.insert(u"fields"_s, QJsonObject());
            storeQuantity(well, {});
            if (auto failure = server.resources.insert(well))
                return failure->response();
        }
    }
    return jsonResponse(201, resource_ops::freshJson(server, type, context, plate.id));
}

http::HttpResponse boxContents(ServerContext &server, const ResourceType &containers,
                               const RequestContext &context)
{
    const QString id = context.param(u"box_id"_s);
    const auto box = server.resources.find(u"box"_s, id);
    if (!box)
        return notFound(u"No box has the id %1."_s.arg(id), id);
    int pageSize = 50;
    if (context.request.query.hasQueryItem(u"pageSize"_s)) {
        bool ok = false;
        pageSize = queryValue(context, u"pageSize"_s).toInt(&ok);
        if (!ok || pageSize < 1 || pageSize > 100)
            return badRequest(u"pageSize must be a whole number from 1 to 100."_s);
    }
    // Contents come in grid order; the token is the last gridNumber seen.
    int after = 0;
    if (const QString token = queryValue(context, u"nextToken"_s); !token.isEmpty()) {
        bool ok = false;
        const QByteArray decoded =
            QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding);
        after = decoded.startsWith("box:") ? decoded.mid(4).toInt(&ok) : 0;
        if (!ok)
            return badRequest(
                u"Invalid nextToken: it does not belong to this listing. Start again without it."_s);
    }
    const Grid grid = inventory::gridOf(server.db, *box);
    SqlConditions where;
    where.add(u"r.parent_id = ?"_s, {id});
    where.add(u"r.kind = 'container'"_s);
    QList<std::pair<int, ResourceRow>> held;
    for (const ResourceRow &row : server.resources.select(where)) {
        const auto index = grid.index(row.position);
        held.append({index ? *index + 1 : grid.size() + 1, row});
    }
    std::sort(held.begin(), held.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first < b.first : a.second.id < b.second.id;
    });
    QList<ResourceRow> rows;
    QList<int> numbers;
    QString next;
    for (const auto &[number, row] : std::as_const(held)) {
        if (number <= after)
            continue;
        if (rows.size() == pageSize) {
            next = QString::fromLatin1(QByteArray("box:" + QByteArray::number(after))
                                           .toBase64(QByteArray::Base64UrlEncoding));
            break;
        }
        rows.append(row);
        numbers.append(number);
        after = number;
    }
    QJsonArray items;
    const QList<QJsonObject> json = resource_ops::pageJson(containers, context, rows);
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QJsonObject item = json[i];
        item.insert(u"gridNumber"_s, numbers[i]);
        item.insert(u"gridPosition"_s, rows[i].position);
        items.append(item);
    }
    return jsonResponse(200, {{u"containers"_s, items}, {u"nextToken"_s, next}});
}

} // namespace benchtop::server::inventory
