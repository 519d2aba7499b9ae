#include "LocationRoutes.h"

#include "ResourceRoutes.h"

using namespace Qt::StringLiterals;

namespace benchtop::server {
namespace {

QJsonObject locationJson(const RequestContext &context, const ResourceRow &row)
{
    return {
        {u"id"_s, row.id},
        {u"name"_s, row.name},
        {u"barcode"_s, row.barcode.isNull() ? QString(u""_s) : row.barcode},
        {u"parentStorageId"_s, nullableJson(row.parentId)},
        {u"fields"_s, row.data.value(u"fields"_s).toObject()},
        {u"createdAt"_s, row.createdAt},
        {u"modifiedAt"_s, row.modifiedAt},
        {u"webURL"_s, webUrl(context, u"locations"_s, row.id)},
        // A location holds any number of things; the spec says null for all three then.
        {u"totalCapacity"_s, QJsonValue::Null},
        {u"occupiedCapacity"_s, QJsonValue::Null},
        {u"availableCapacity"_s, QJsonValue::Null},
        {u"schema"_s, schemaSummaryJson(row)},
        {u"archiveRecord"_s, archiveRecordJson(row)},
        {u"creator"_s, creatorJson(row)},
    };
}

} // namespace

ResourceType locationType()
{
    ResourceType type;
    type.kind = u"location"_s;
    type.idPrefix = u"loc_"_s;
    type.collection = u"locations"_s;
    type.listKey = u"locations"_s;
    type.idParam = u"location_id"_s;
    type.idsKey = u"locationIds"_s;
    type.noun = u"locations"_s;
    type.archiveReasons = {u"Made in error"_s, u"Retired"_s, u"Other"_s};
    type.hasBarcodes = true;
    type.isStorage = true;
    type.schemaKind = u"location"_s;
    type.extraSorts = {{u"barcode"_s, u"COALESCE(r.barcode, '')"_s}};
    type.toJson = locationJson;
    type.create = [](const RequestContext &, JsonBody &body, ResourceRow &row) {
        body.allowOnly({u"name"_s, u"schemaId"_s, u"barcode"_s, u"fields"_s, u"parentStorageId"_s})
            .require({u"name"_s, u"schemaId"_s});
        row.name = body.string(u"name"_s);
        row.schemaId = body.string(u"schemaId"_s);
        row.barcode = body.optionalString(u"barcode"_s).value_or(QString());
        row.parentId = body.optionalString(u"parentStorageId"_s).value_or(QString());
        row.data.insert(u"fields"_s, body.object(u"fields"_s));
        return std::optional<ApiFailure>();
    };
    type.update = [](const RequestContext &, JsonBody &body, ResourceRow &row) {
        body.allowOnly({u"name"_s, u"fields"_s, u"parentStorageId"_s});
        row.name = body.string(u"name"_s, row.name);
        if (body.has(u"parentStorageId"_s))
            row.parentId = body.optionalString(u"parentStorageId"_s).value_or(QString());
        if (body.has(u"fields"_s))
            row.data.insert(u"fields"_s, body.object(u"fields"_s));
        return std::optional<ApiFailure>();
    };
    return type;
}

void addLocationRoutes(Router &router, ServerContext &server)
{
    addResourceRoutes(router, server, locationType(), AllOperations & ~(BulkCreate | BulkUpdate));
}

} // namespace benchtop::server
