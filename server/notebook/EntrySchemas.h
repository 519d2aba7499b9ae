// Entry schemas (rows of `schemas` of kind "entry", "ts_") and the fields they define: reading
// and checking a Fields body against them, the JSON of fields and of schemas, and
// GET /entry-schemas.
#pragma once

#include "server/ResourceRoutes.h"

namespace benchtop::server::notebook {

struct SchemaInfo
{
    QString id, name, modifiedAt;
    QJsonObject definition;
};

std::optional<SchemaInfo> entrySchema(Database &db, const QString &id);
// {id, name, modifiedAt} of an entry's schema, or null.
QJsonValue entrySchemaRef(Database &db, const QString &schemaId);
// The definition of the field `name` ({} if the schema has none).
QJsonObject fieldDefinition(const SchemaInfo &schema, const QString &name);
// Merges a Fields body ({name: {value}}) into `stored` ({name: value}), checked against the
// schema's field definitions.
std::optional<ApiFailure> applyFields(Database &db, const QString &schemaId,
                                      const QJsonObject &given, QJsonObject *stored);
QJsonObject fieldsJson(Database &db, const QString &schemaId, const QJsonObject &stored);
// customFields: {name: {value: string}}.
std::optional<ApiFailure> readCustomFields(JsonBody &body, QJsonObject *stored);
QJsonObject schemaDetailedJson(const SchemaInfo &schema);
// GET /entry-schemas.
http::HttpResponse listEntrySchemas(ServerContext &server, const RequestContext &context);

} // namespace benchtop::server::notebook
