// Entry templates ("tmpl_", in template collections "tmplcol_"): their ResourceType and JSON.
// A template's days are numbered (day 1, 2, ...; 0 for an undated section), not dated.
#include "EntrySchemas.h"
#include "Notes.h"
#include "Routes.h"

using namespace Qt::StringLiterals;

namespace benchtop::server::notebook {

namespace {

QJsonObject templateJson(ServerContext *s, const RequestContext &context, const ResourceRow &row)
{
    return {
        {u"id"_s, row.id},
        {u"name"_s, row.name},
        {u"apiURL"_s, QString(context.baseUrl + u"/api/v2/entry-templates/"_s + row.id)},
        {u"webURL"_s, webUrl(context, u"entry-templates"_s, row.id)},
        {u"createdAt"_s, row.createdAt},
        {u"modifiedAt"_s, row.modifiedAt},
        {u"creator"_s, creatorJson(row)},
        {u"customFields"_s, row.data.value(u"customFields"_s).toObject()},
        {u"fields"_s, fieldsJson(s->db, row.schemaId, row.data.value(u"fields"_s).toObject())},
        {u"days"_s, daysJson(context, row.data.value(u"days"_s).toArray())},
        {u"schema"_s, entrySchemaRef(s->db, row.schemaId)},
        {u"templateCollectionId"_s, row.parentId},
    };
}

} // namespace

ResourceType templateType(ServerContext *s)
{
    ResourceType type = ResourceType::named(u"entry_template"_s, u"tmpl_"_s, u"entry_templates"_s,
                                            u"entry templates"_s);
    type.archiveReasons = kArchiveReasons;
    type.parentFilter = u"templateCollectionId"_s;
    type.schemaKind = u"entry"_s;
    type.toJson = [s](const RequestContext &context, const ResourceRow &row) {
        return templateJson(s, context, row);
    };
    type.update = [s](const RequestContext &, JsonBody &body, ResourceRow &row) {
        body.allowOnly(
            {u"fields"_s, u"modifiedAt"_s, u"name"_s, u"schemaId"_s, u"templateCollectionId"_s});
        row.name = body.string(u"name"_s, row.name);
        const QString schemaId = body.string(u"schemaId"_s);
        const QString collection = body.string(u"templateCollectionId"_s);
        const QJsonObject fields = body.object(u"fields"_s);
        body.string(u"modifiedAt"_s); // read-only in effect: type-checked, then ignored
        if (!body.ok())
            return body.failure();
        if (row.name.trimmed().isEmpty())
            return std::optional(ApiFailure::badRequest(u"Field 'name' must not be empty."_s));
        if (body.has(u"templateCollectionId"_s)) {
            if (!s->resources.find(u"template_collection"_s, collection)) {
                return std::optional(ApiFailure::badRequest(
                    u"No template collection has the id %1."_s.arg(collection), collection));
            }
            row.parentId = collection;
        }
        QJsonObject storedFields = row.data.value(u"fields"_s).toObject();
        if (body.has(u"schemaId"_s) && schemaId != row.schemaId) {
            if (auto failure = resource_ops::checkSchema(*s, u"entry"_s, schemaId))
                return failure;
            row.schemaId = schemaId;
            storedFields = {};
        }
        if (auto failure = applyFields(s->db, row.schemaId, fields, &storedFields))
            return failure;
        row.data.insert(u"fields"_s, storedFields);
        return std::optional<ApiFailure>();
    };
    return type;
}

} // namespace benchtop::server::notebook
