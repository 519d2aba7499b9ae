// The inventory's schemas and its one registry: GET /box-schemas, /plate-schemas,
// /container-schemas and /location-schemas (list and get), GET /registries and
// /registries/{registry_id} (the lab registry, src_benchtop) with its schemas, and
// POST /registries/{registry_id}:validate-barcodes (barcodes are unique across all kinds).
#include "Routes.h"
#include "Storage.h"

#include "server/storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace benchtop::server::inventory {

namespace {

const QString kRegistryId = u"src_benchtop"_s;

const QString kRegistryName = u"Benchtop lab registry"_s;

const QString kRegistryModifiedAt = u"2024-01-01T00:00:00.000Z"_s;

struct SchemaFamily
{
    QString kind;       // schemas.kind
    QString collection; // "box-schemas"
    QString listKey;    // "boxSchemas"
};

const QList<SchemaFamily> kSchemaFamilies = {
    {u"location"_s, u"location-schemas"_s, u"locationSchemas"_s},
    {u"box"_s, u"box-schemas"_s, u"boxSchemas"_s},
    {u"plate"_s, u"plate-schemas"_s, u"plateSchemas"_s},
    {u"container"_s, u"container-schemas"_s, u"containerSchemas"_s},
};

QJsonValue schemaRef(Database &db, const QString &id)
{
    if (id.isEmpty())
        return QJsonValue::Null;
    QSqlQuery query = db.exec(u"SELECT name FROM schemas WHERE id = ?"_s, {id});
    if (!query.next())
        return QJsonValue::Null;
    return QJsonObject{{u"id"_s, id}, {u"name"_s, query.value(0).toString()}};
}

QJsonObject schemaJson(Database &db, const QSqlQuery &query)
{
    // Columns: id, kind, name, definition, modified_at.
    const QString kind = query.value(1).toString();
    const QJsonObject definition = QJsonDocument::fromJson(query.value(3).toByteArray()).object();
    QJsonObject json{
        {u"id"_s, query.value(0).toString()},
        {u"name"_s, query.value(2).toString()},
        {u"type"_s, kind},
        {u"prefix"_s, definition.value(u"prefix"_s).toString()},
        {u"registryId"_s, kRegistryId},
        {u"fieldDefinitions"_s, definition.value(u"fieldDefinitions"_s).toArray()},
        {u"archiveRecord"_s, QJsonValue::Null},
        {u"modifiedAt"_s, query.value(4).toString()},
    };
    if (kind == u"box"_s || kind == u"plate"_s) {
        json.insert(u"height"_s, definition.value(u"height"_s).toInt());
        json.insert(u"width"_s, definition.value(u"width"_s).toInt());
        json.insert(u"containerSchema"_s,
                    schemaRef(db, definition.value(u"containerSchemaId"_s).toString()));
    }
    if (kind == u"plate"_s)
        json.insert(u"plateType"_s, definition.value(u"plateType"_s).toString(u"well_plate"_s));
    return json;
}

const QString kSchemaColumns = u"SELECT id, kind, name, definition, modified_at FROM schemas"_s;

http::HttpResponse listSchemas(ServerContext &server, const SchemaFamily &family,
                               const RequestContext &context)
{
    QString error;
    const auto page =
        parsePageRequest(context.request.query, {{u"name"_s, u"name"_s}}, u"name"_s, &error);
    if (!page)
        return badRequest(error);
    SqlConditions where;
    where.add(u"kind = ?"_s, {family.kind});
    page->constrain(&where, u"id"_s);
    QSqlQuery query = server.db.exec(
        kSchemaColumns + where.whereSql() + page->orderAndLimitSql(u"id"_s), where.bindings);
    QJsonArray items;
    QString last;
    QString lastName;
    bool more = false;
    while (query.next()) {
        if (items.size() == page->pageSize) {
            more = true;
            break;
        }
        items.append(schemaJson(server.db, query));
        last = query.value(0).toString();
        lastName = query.value(2).toString();
    }
    return jsonResponse(200,
                        {{family.listKey, items},
                         {u"nextToken"_s, more ? page->tokenAfter(lastName, last) : QString()}});
}

http::HttpResponse getSchema(ServerContext &server, const SchemaFamily &family,
                             const RequestContext &context)
{
    const QString id = context.param(u"schema_id"_s);
    QSqlQuery query =
        server.db.exec(kSchemaColumns + u" WHERE id = ? AND kind = ?"_s, {id, family.kind});
    if (!query.next())
        return notFound(u"No %1 schema has the id %2."_s.arg(family.kind, id), id);
    return jsonResponse(200, schemaJson(server.db, query));
}

QJsonObject registryJson()
{
    return {{u"id"_s, kRegistryId},
            {u"name"_s, kRegistryName},
            {u"modifiedAt"_s, kRegistryModifiedAt},
            {u"owner"_s, QJsonObject{{u"id"_s, u"org_benchtop"_s},
                                     {u"handle"_s, u"benchtop"_s},
                                     {u"name"_s, u"Benchtop lab"_s}}}};
}

http::HttpResponse validateBarcodes(ServerContext &server, const RequestContext &context)
{
    const QString registry = context.param(u"registry_id"_s);
    if (registry != kRegistryId)
        return notFound(u"No registry has the id %1."_s.arg(registry), registry);
    JsonBody body(context.request.body);
    body.allowOnly({u"barcodes"_s}).require({u"barcodes"_s});
    const QStringList barcodes = body.stringList(u"barcodes"_s);
    if (!body.ok())
        return body.failure()->response();
    QJsonArray results;
    QSet<QString> seen;
    for (const QString &barcode : barcodes) {
        QString message;
        if (barcode.trimmed().isEmpty()) {
            message = u"A barcode cannot be empty."_s;
        } else if (barcode != barcode.trimmed()) {
            message = u"A barcode cannot begin or end with spaces."_s;
        } else if (seen.contains(barcode)) {
            message = u"The barcode %1 appears more than once in this request."_s.arg(barcode);
        } else if (const auto holder = server.resources.findByBarcode(barcode)) {
            message =
                u"The barcode %1 is already used by %2; barcodes are unique across the registry."_s
                    .arg(barcode, inventory::describe(*holder));
        }
        seen.insert(barcode);
        results.append(QJsonObject{{u"barcode"_s, barcode},
                                   {u"isValid"_s, message.isEmpty()},
                                   {u"message"_s, nullableJson(message)}});
    }
    return jsonResponse(200, {{u"validationResults"_s, results}});
}

} // namespace

void addSchemaRoutes(Router &router, ServerContext &server)
{
    ServerContext *s = &server;
    for (const SchemaFamily &family : kSchemaFamilies) {
        router.add("GET", u"/api/v2/"_s + family.collection,
                   [s, family](const RequestContext &c) { return listSchemas(*s, family, c); });
        router.add("GET", u"/api/v2/"_s + family.collection + u"/{schema_id}"_s,
                   [s, family](const RequestContext &c) { return getSchema(*s, family, c); });
        router.add("GET", u"/api/v2/registries/{registry_id}/"_s + family.collection,
                   [s, family](const RequestContext &c) {
                       const QString registry = c.param(u"registry_id"_s);
                       if (registry != kRegistryId) {
                           return apiError(400, u"invalid_request_error"_s,
                                           u"No registry has the id %1."_s.arg(registry), registry);
                       }
                       QSqlQuery query = s->db.exec(
                           kSchemaColumns + u" WHERE kind = ? ORDER BY name, id"_s, {family.kind});
                       QJsonArray items;
                       while (query.next())
                           items.append(schemaJson(s->db, query));
                       return jsonResponse(200, {{family.listKey, items}});
                   });
    }
    router.add("GET", u"/api/v2/registries"_s, [](const RequestContext &c) {
        QJsonArray registries;
        const bool named = c.request.query.hasQueryItem(u"name"_s);
        SqlConditions ignored;
        QString error;
        if (c.request.query.hasQueryItem(u"modifiedAt"_s) &&
            !addDateRange(&ignored, u"x"_s, queryValue(c, u"modifiedAt"_s), &error))
            return badRequest(error);
        if (!named || queryValue(c, u"name"_s) == kRegistryName)
            registries.append(registryJson());
        return jsonResponse(200, {{u"registries"_s, registries}});
    });
    router.add("GET", u"/api/v2/registries/{registry_id}"_s, [](const RequestContext &c) {
        const QString id = c.param(u"registry_id"_s);
        if (id != kRegistryId)
            return notFound(u"No registry has the id %1."_s.arg(id), id);
        return jsonResponse(200, registryJson());
    });
    router.add("POST", u"/api/v2/registries/{registry_id}:validate-barcodes"_s,
               [s](const RequestContext &c) { return validateBarcodes(*s, c); });
}

} // namespace benchtop::server::inventory
