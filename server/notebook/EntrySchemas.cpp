// Entry schemas and their fields (see EntrySchemas.h).
#include "EntrySchemas.h"

#include "Routes.h"

#include "server/storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace benchtop::server::notebook {

std::optional<SchemaInfo> entrySchema(Database &db, const QString &id)
{
    QSqlQuery query = db.exec(
        u"SELECT name, modified_at, definition FROM schemas WHERE id = ? AND kind = 'entry'"_s,
        {id});
    if (!query.next())
        return std::nullopt;
    return SchemaInfo{id, query.value(0).toString(), query.value(1).toString(),
                      QJsonDocument::fromJson(query.value(2).toByteArray()).object()};
}

QJsonValue entrySchemaRef(Database &db, const QString &schemaId)
{
    if (schemaId.isNull())
        return QJsonValue::Null;
    const auto schema = entrySchema(db, schemaId);
    if (!schema)
        return QJsonValue::Null;
    return QJsonObject{
        {u"id"_s, schema->id}, {u"name"_s, schema->name}, {u"modifiedAt"_s, schema->modifiedAt}};
}

QJsonObject fieldDefinition(const SchemaInfo &schema, const QString &name)
{
    for (const QJsonValue &field : schema.definition.value(u"fieldDefinitions"_s).toArray()) {
        if (field.toObject().value(u"name"_s).toString() == name)
            return field.toObject();
    }
    return {};
}

// Merges a Fields body ({name: {value}}) into `stored` ({name: value}), checked against the
// schema's field definitions.
std::optional<ApiFailure> applyFields(Database &db, const QString &schemaId,
                                      const QJsonObject &given, QJsonObject *stored)
{
    if (given.isEmpty())
        return std::nullopt;
    const auto schema = schemaId.isNull() ? std::nullopt : entrySchema(db, schemaId);
    if (!schema) {
        return ApiFailure::badRequest(
            u"Field 'fields' needs a schema: give the entry a schemaId first."_s);
    }
    QStringList names;
    for (const QJsonValue &field : schema->definition.value(u"fieldDefinitions"_s).toArray())
        names.append(field.toObject().value(u"name"_s).toString());
    for (auto it = given.begin(); it != given.end(); ++it) {
        if (!names.contains(it.key())) {
            return ApiFailure::badRequest(u"Schema %1 has no field named \"%2\"; its fields are: "
                                          "%3."_s.arg(schema->name, it.key(), names.join(u", "_s)));
        }
        if (!it.value().isObject() || !it.value().toObject().contains(u"value"_s)) {
            return ApiFailure::badRequest(
                u"Field \"%1\" must be an object with a 'value'."_s.arg(it.key()));
        }
        const QJsonValue value = it.value().toObject().value(u"value"_s);
        const QString type = fieldDefinition(*schema, it.key()).value(u"type"_s).toString();
        const bool okType =
            value.isNull() || (type == u"float"_s || type == u"integer"_s ? value.isDouble()
                               : type == u"boolean"_s                     ? value.isBool()
                                                      : value.isString() || value.isArray());
        if (!okType) {
            return ApiFailure::badRequest(
                u"Field \"%1\" is a %2 field; its value does not fit."_s.arg(it.key(), type));
        }
        stored->insert(it.key(), value);
    }
    return std::nullopt;
}

QJsonObject fieldsJson(Database &db, const QString &schemaId, const QJsonObject &stored)
{
    const auto schema = schemaId.isNull() ? std::nullopt : entrySchema(db, schemaId);
    QJsonObject fields;
    for (auto it = stored.begin(); it != stored.end(); ++it) {
        const QJsonObject definition = schema ? fieldDefinition(*schema, it.key()) : QJsonObject();
        const QJsonValue value = it.value();
        const QString text =
            value.isString()   ? value.toString()
            : value.isDouble() ? QString::number(value.toDouble())
            : value.isBool()   ? QString(value.toBool() ? u"true"_s : u"false"_s)
            : value.isNull()
                ? QString()
                : QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        fields.insert(
            it.key(),
            QJsonObject{{u"value"_s, value},
                        {u"type"_s, definition.value(u"type"_s).toString(u"text"_s)},
                        {u"isMulti"_s, definition.value(u"isMulti"_s).toBool()},
                        {u"displayValue"_s, nullableJson(value.isNull() ? QString() : text)},
                        {u"textValue"_s, nullableJson(value.isNull() ? QString() : text)}});
    }
    return fields;
}

// customFields: {name: {value: string}}.
std::optional<ApiFailure> readCustomFields(JsonBody &body, QJsonObject *stored)
{
    const QJsonObject given = body.object(u"customFields"_s);
    if (!body.ok())
        return body.failure();
    for (auto it = given.begin(); it != given.end(); ++it) {
        const QJsonObject field = it.value().toObject();
        if (!it.value().isObject() || !field.value(u"value"_s).isString() || field.size() != 1) {
            return ApiFailure::badRequest(
                u"Custom field \"%1\" must be an object {\"value\": \"...\"}."_s.arg(it.key()));
        }
        stored->insert(it.key(), field);
    }
    return std::nullopt;
}

QJsonObject schemaDetailedJson(const SchemaInfo &schema)
{
    return {{u"id"_s, schema.id},
            {u"name"_s, schema.name},
            {u"type"_s, u"entry"_s},
            {u"prefix"_s, schema.definition.value(u"prefix"_s).toString()},
            // The spec has registryId as a string; the lab has one registry (InventoryRoutes).
            {u"registryId"_s, schema.definition.value(u"registryId"_s).toString(u"src_benchtop"_s)},
            {u"fieldDefinitions"_s, schema.definition.value(u"fieldDefinitions"_s).toArray()},
            {u"archiveRecord"_s, QJsonValue::Null},
            {u"modifiedAt"_s, schema.modifiedAt}};
}

http::HttpResponse listEntrySchemas(ServerContext &server, const RequestContext &context)
{
    QString error;
    const auto page = parsePageRequest(context.request.query, {{u"modifiedAt"_s, u"modified_at"_s}},
                                       u"modifiedAt:desc"_s, &error);
    if (!page)
        return badRequest(error);
    SqlConditions where;
    where.add(u"kind = 'entry'"_s);
    if (context.request.query.hasQueryItem(u"modifiedAt"_s) &&
        !addDateRange(&where, u"modified_at"_s, queryValue(context, u"modifiedAt"_s), &error))
        return badRequest(error);
    page->constrain(&where, u"id"_s);
    QSqlQuery rows = server.db.exec(u"SELECT modified_at, id, name, definition FROM schemas"_s +
                                        where.whereSql() + page->orderAndLimitSql(u"id"_s),
                                    where.bindings);
    if (rows.lastError().isValid())
        return internalError();
    QJsonArray schemas;
    QString lastSort, lastId;
    bool more = false;
    while (rows.next()) {
        if (schemas.size() == page->pageSize) {
            more = true;
            break;
        }
        lastSort = rows.value(0).toString();
        lastId = rows.value(1).toString();
        schemas.append(
            schemaDetailedJson({lastId, rows.value(2).toString(), lastSort,
                                QJsonDocument::fromJson(rows.value(3).toByteArray()).object()}));
    }
    return jsonResponse(200,
                        {{u"entrySchemas"_s, schemas},
                         {u"nextToken"_s, more ? page->tokenAfter(lastSort, lastId) : QString()}});
}

} // namespace benchtop::server::notebook
