#include "LocationRoutes.h"

#include "ResourceRoutes.h"
#include "inventory/Storage.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace benchtop::server {
namespace {

QJsonObject locationJson(const RequestContext &context, const ResourceRow &row,
                         std::optional<int> capacity, int stored)
{
    // A location's capacity comes from its schema ("totalCapacity" in the definition); without
    // one it holds any number of things and the spec says null for all three.
    const auto orNull = [&](int value) {
        return capacity ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
    };
    return {
        {u"id"_s, row.id},
        {u"name"_s, row.name},
        {u"barcode"_s, row.barcode.isNull() ? QString(u""_s) : row.barcode},
        {u"parentStorageId"_s, nullableJson(row.parentId)},
        {u"fields"_s, row.data.value(u"fields"_s).toObject()},
        {u"createdAt"_s, row.createdAt},
        {u"modifiedAt"_s, row.modifiedAt},
        {u"webURL"_s, webUrl(context, u"locations"_s, row.id)},
        {u"totalCapacity"_s, orNull(capacity.value_or(0))},
        {u"occupiedCapacity"_s, orNull(stored)},
        {u"availableCapacity"_s, orNull(std::max(0, capacity.value_or(0) - stored))},
        {u"schema"_s, schemaSummaryJson(row)},
        {u"archiveRecord"_s, archiveRecordJson(row)},
        {u"creator"_s, creatorJson(row)},
    };
}

// A page of locations: their schemas, and what those with a capacity hold, in one query each.
QList<QJsonObject> locationsJson(ServerContext &server, const RequestContext &context,
                                 const QList<ResourceRow> &rows)
{
    QStringList schemaIds;
    for (const ResourceRow &row : rows)
        schemaIds.append(row.schemaId);
    const auto definitions = inventory::schemaDefinitions(server.db, schemaIds);
    QList<std::optional<int>> capacities;
    QStringList limited;
    for (const ResourceRow &row : rows) {
        capacities.append(inventory::locationCapacity(definitions.value(row.schemaId)));
        if (capacities.last())
            limited.append(row.id);
    }
    const QHash<QString, int> stored = inventory::storedCounts(server.db, limited);
    QList<QJsonObject> json;
    for (qsizetype i = 0; i < rows.size(); ++i)
        json.append(locationJson(context, rows[i], capacities[i], stored.value(rows[i].id)));
    return json;
}

std::optional<ApiFailure> place(ServerContext &server, ResourceRow &row, const QString &target)
{
    const auto placement = inventory::resolvePlacement(server, row, target);
    if (const auto *failure = std::get_if<ApiFailure>(&placement))
        return *failure;
    row.parentId = std::get<inventory::Placement>(placement).parentId;
    row.position = QString();
    return std::nullopt;
}

} // namespace

QHash<QString, QStringList> inventoryCascade(ServerContext &server, const QStringList &ids)
{
    // Everything below the archived storage that is not archived already, grouped as the
    // archival-change answers group it.
    static const QHash<QString, QString> keys{{u"location"_s, u"locationIds"_s},
                                              {u"box"_s, u"boxIds"_s},
                                              {u"plate"_s, u"plateIds"_s},
                                              {u"container"_s, u"containerIds"_s}};
    QHash<QString, QStringList> cascade;
    QSet<QString> seen(ids.begin(), ids.end());
    for (const QString &id : ids) {
        for (const QString &below : server.resources.descendants(id)) {
            if (seen.contains(below))
                continue;
            seen.insert(below);
            const auto row = server.resources.find(below);
            if (!row || row->isArchived() || !keys.contains(row->kind))
                continue;
            cascade[keys.value(row->kind)].append(below);
        }
    }
    return cascade;
}

ResourceType locationType(ServerContext &server)
{
    ServerContext *s = &server;
    ResourceType type =
        ResourceType::named(u"location"_s, u"loc_"_s, u"locations"_s, u"locations"_s);
    type.archiveReasons = {u"Made in error"_s, u"Retired"_s, u"Other"_s};
    type.hasBarcodes = true;
    type.isStorage = true;
    type.schemaKind = u"location"_s;
    type.extraSorts = {{u"barcode"_s, u"COALESCE(r.barcode, '')"_s}};
    type.toJson = [s](const RequestContext &context, const ResourceRow &row) {
        return locationsJson(*s, context, {row}).first();
    };
    type.toJsonPage = [s](const RequestContext &context, const QList<ResourceRow> &rows) {
        return locationsJson(*s, context, rows);
    };
    type.create = [s](const RequestContext &, JsonBody &body, ResourceRow &row) {
        body.allowOnly({u"name"_s, u"schemaId"_s, u"barcode"_s, u"fields"_s, u"parentStorageId"_s})
            .require({u"name"_s, u"schemaId"_s});
        row.name = body.string(u"name"_s);
        row.schemaId = body.string(u"schemaId"_s);
        row.barcode = body.optionalString(u"barcode"_s).value_or(QString());
        row.data.insert(u"fields"_s, body.object(u"fields"_s));
        const QString parent = body.optionalString(u"parentStorageId"_s).value_or(QString());
        if (!body.ok())
            return std::optional<ApiFailure>();
        return place(*s, row, parent);
    };
    type.update = [s](const RequestContext &, JsonBody &body, ResourceRow &row) {
        body.allowOnly({u"name"_s, u"fields"_s, u"parentStorageId"_s});
        row.name = body.string(u"name"_s, row.name);
        if (body.has(u"fields"_s))
            row.data.insert(u"fields"_s, body.object(u"fields"_s));
        if (body.has(u"parentStorageId"_s) && body.ok())
            return place(*s, row, body.optionalString(u"parentStorageId"_s).value_or(QString()));
        return std::optional<ApiFailure>();
    };
    type.archiveCascade = [s](const QStringList &ids) {
        return inventoryCascade(*s, ids);
    };
    return type;
}

void addLocationRoutes(Router &router, ServerContext &server)
{
    addResourceRoutes(router, server, locationType(server),
                      AllOperations & ~(BulkCreate | BulkUpdate));
}

} // namespace benchtop::server
