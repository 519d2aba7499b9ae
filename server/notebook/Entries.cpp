// Entries ("etr_"): their ResourceType and JSON. An entry lives in a folder, takes its days,
// schema and fields from an entry template when made from one, gets a display id, and keeps
// the side tables (EntryIndex) in step with every write.
#include "EntryIndex.h"
#include "EntrySchemas.h"
#include "Notes.h"
#include "Routes.h"

#include "server/Users.h"

#include <QDate>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace benchtop::server::notebook {

namespace {

// authorIds as a list of user ids (the spec allows one string or an array).
std::optional<ApiFailure> readAuthors(ServerContext *s, JsonBody &body, QJsonObject &data)
{
    if (!body.has(u"authorIds"_s))
        return std::nullopt;
    const QJsonValue value = body.object().value(u"authorIds"_s);
    QStringList ids;
    if (value.isString()) {
        ids = splitList(value.toString());
    } else {
        ids = body.stringList(u"authorIds"_s);
        if (!body.ok())
            return body.failure();
    }
    if (ids.isEmpty())
        return ApiFailure::badRequest(u"Field 'authorIds' must name at least one user."_s);
    if (const QStringList unknown = unknownUsers(s->db, ids); !unknown.isEmpty()) {
        return ApiFailure::badRequest(
            u"No users exist with these authorIds: %1"_s.arg(unknown.join(u", "_s)),
            unknown.first());
    }
    ids.removeDuplicates();
    data.insert(u"authorIds"_s, QJsonArray::fromStringList(ids));
    return std::nullopt;
}

} // namespace

QJsonObject entryJson(ServerContext *s, const RequestContext &context, const ResourceRow &row)
{
    QJsonArray authors;
    for (const QJsonValue &author : row.data.value(u"authorIds"_s).toArray()) {
        if (const auto summary = userSummary(s->db, author.toString()))
            authors.append(*summary);
    }
    const QString templateId = row.data.value(u"entryTemplateId"_s).toString();
    return {
        {u"id"_s, row.id},
        {u"name"_s, row.name},
        {u"displayId"_s, row.data.value(u"displayId"_s).toString()},
        {u"folderId"_s, row.parentId},
        {u"createdAt"_s, row.createdAt},
        {u"modifiedAt"_s, row.modifiedAt},
        {u"creator"_s, creatorJson(row)},
        {u"authors"_s, authors},
        {u"assignedReviewers"_s, QJsonArray()},
        {u"archiveRecord"_s, archiveRecordJson(row)},
        {u"customFields"_s, row.data.value(u"customFields"_s).toObject()},
        {u"fields"_s, fieldsJson(s->db, row.schemaId, row.data.value(u"fields"_s).toObject())},
        {u"days"_s, daysJson(context, row.data.value(u"days"_s).toArray())},
        {u"entryTemplateId"_s,
         templateId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(templateId)},
        {u"schema"_s, entrySchemaRef(s->db, row.schemaId)},
        {u"reviewRecord"_s, QJsonValue::Null},
        {u"webURL"_s, webUrl(context, u"entries"_s, row.id)},
        {u"apiURL"_s, QString(context.baseUrl + u"/api/v2/entries/"_s + row.id)},
    };
}

namespace {

// A template's days as an entry's: day N falls N-1 days after `start` (a titled section
// without a day, 0, on the first day).
QJsonArray daysFromTemplate(const QJsonArray &templateDays, const QDate &start)
{
    QJsonArray days;
    for (const QJsonValue &value : templateDays) {
        const QJsonObject day = value.toObject();
        const int index = day.value(u"day"_s).toInt();
        days.append(
            QJsonObject{{u"date"_s, start.addDays(std::max(0, index - 1)).toString(Qt::ISODate)},
                        {u"title"_s, day.value(u"title"_s)},
                        {u"notes"_s, day.value(u"notes"_s)}});
    }
    return days;
}

} // namespace

ResourceType entryType(ServerContext *s)
{
    ResourceType type = ResourceType::named(u"entry"_s, u"etr_"_s, u"entries"_s, u"entries"_s);
    type.parentFilter = u"folderId"_s; // GET /entries?folderId= (the spec's listEntries)
    type.archiveReasons = kArchiveReasons;
    type.schemaKind = u"entry"_s;
    type.toJson = [s](const RequestContext &context, const ResourceRow &row) {
        return entryJson(s, context, row);
    };
    type.create = [s](const RequestContext &context, JsonBody &body, ResourceRow &row) {
        body.allowOnly({u"authorIds"_s, u"customFields"_s, u"entryTemplateId"_s, u"fields"_s,
                        u"folderId"_s, u"initialTables"_s, u"name"_s, u"schemaId"_s})
            .require({u"name"_s, u"folderId"_s});
        row.name = body.string(u"name"_s);
        const QString folderId = body.string(u"folderId"_s);
        const QString templateId = body.string(u"entryTemplateId"_s);
        const QString schemaId = body.string(u"schemaId"_s);
        const QJsonObject fields = body.object(u"fields"_s);
        const QJsonArray initialTables = body.array(u"initialTables"_s);
        if (!body.ok())
            return body.failure();
        if (row.name.trimmed().isEmpty())
            return std::optional(ApiFailure::badRequest(u"Field 'name' must not be empty."_s));
        const auto folder = s->resources.find(u"folder"_s, folderId);
        if (!folder) {
            return std::optional(
                ApiFailure::badRequest(u"No folder has the id %1."_s.arg(folderId), folderId));
        }
        row.parentId = folderId;
        row.data.insert(u"projectId"_s, folder->data.value(u"projectId"_s));
        row.data.insert(u"authorIds"_s, QJsonArray{context.principal.userId});
        if (auto failure = readAuthors(s, body, row.data))
            return failure;
        QJsonObject customFields;
        if (auto failure = readCustomFields(body, &customFields))
            return failure;
        QJsonObject storedFields;
        QJsonArray days;
        if (!templateId.isEmpty()) {
            const auto tmpl = s->resources.find(u"entry_template"_s, templateId);
            if (!tmpl) {
                return std::optional(ApiFailure::badRequest(
                    u"No entry template has the id %1."_s.arg(templateId), templateId));
            }
            days = daysFromTemplate(tmpl->data.value(u"days"_s).toArray(), QDate::currentDate());
            row.schemaId = tmpl->schemaId;
            storedFields = tmpl->data.value(u"fields"_s).toObject();
            const QJsonObject templateCustom = tmpl->data.value(u"customFields"_s).toObject();
            for (auto it = templateCustom.begin(); it != templateCustom.end(); ++it) {
                if (!customFields.contains(it.key()))
                    customFields.insert(it.key(), it.value());
            }
            row.data.insert(u"entryTemplateId"_s, templateId);
        } else if (!initialTables.isEmpty()) {
            return std::optional(ApiFailure::badRequest(
                u"Field 'initialTables' needs an entryTemplateId to take the tables from."_s));
        }
        if (!initialTables.isEmpty()) {
            return std::optional(ApiFailure::badRequest(
                u"Field 'initialTables' (seeding template tables from CSV blobs) is not supported "
                "by this server; create the entry, then write its tables with PUT "
                "/entries/{entry_id}/days."_s));
        }
        if (!schemaId.isEmpty()) {
            if (auto failure = resource_ops::checkSchema(*s, u"entry"_s, schemaId))
                return failure;
            if (schemaId != row.schemaId)
                storedFields = {};
            row.schemaId = schemaId;
        }
        if (auto failure = applyFields(s->db, row.schemaId, fields, &storedFields))
            return failure;
        row.data.insert(u"fields"_s, storedFields);
        row.data.insert(u"customFields"_s, customFields);
        row.data.insert(u"days"_s, days);
        const QString displayId = assignDisplayId(s->db, row.id);
        if (displayId.isEmpty())
            return std::optional(ApiFailure::internal());
        row.data.insert(u"displayId"_s, displayId);
        if (!indexEntry(s->db, row.id, row.data))
            return std::optional(ApiFailure::internal());
        return std::optional<ApiFailure>();
    };
    type.update = [s](const RequestContext &, JsonBody &body, ResourceRow &row) {
        body.allowOnly({u"authorIds"_s, u"fields"_s, u"folderId"_s, u"name"_s, u"schemaId"_s});
        row.name = body.string(u"name"_s, row.name);
        const QString folderId = body.string(u"folderId"_s);
        const QString schemaId = body.string(u"schemaId"_s);
        const QJsonObject fields = body.object(u"fields"_s);
        if (!body.ok())
            return body.failure();
        if (row.name.trimmed().isEmpty())
            return std::optional(ApiFailure::badRequest(u"Field 'name' must not be empty."_s));
        if (body.has(u"folderId"_s)) {
            const auto folder = s->resources.find(u"folder"_s, folderId);
            if (!folder) {
                return std::optional(
                    ApiFailure::badRequest(u"No folder has the id %1."_s.arg(folderId), folderId));
            }
            row.parentId = folderId;
            row.data.insert(u"projectId"_s, folder->data.value(u"projectId"_s));
        }
        if (auto failure = readAuthors(s, body, row.data))
            return failure;
        QJsonObject storedFields = row.data.value(u"fields"_s).toObject();
        if (body.has(u"schemaId"_s) && schemaId != row.schemaId) {
            if (auto failure = resource_ops::checkSchema(*s, u"entry"_s, schemaId))
                return failure;
            row.schemaId = schemaId;
            // Keep only the values the new schema has fields for.
            const auto schema = entrySchema(s->db, schemaId);
            for (const QString &name : storedFields.keys()) {
                if (!schema || fieldDefinition(*schema, name).isEmpty())
                    storedFields.remove(name);
            }
        }
        if (auto failure = applyFields(s->db, row.schemaId, fields, &storedFields))
            return failure;
        row.data.insert(u"fields"_s, storedFields);
        if (!indexEntry(s->db, row.id, row.data))
            return std::optional(ApiFailure::internal());
        return std::optional<ApiFailure>();
    };
    type.filters = [](const RequestContext &context, SqlConditions &where) {
        if (const QString project = queryValue(context, u"projectId"_s); !project.isEmpty())
            addInProject(where, project);
        const QString review = queryValue(context, u"reviewStatus"_s);
        const QStringList statuses{u"IN_PROGRESS"_s, u"ACCEPTED"_s, u"REJECTED"_s,
                                   u"NEEDS_REVIEW"_s, u"RETRACTED"_s};
        if (!review.isEmpty() && !statuses.contains(review)) {
            return std::optional(
                ApiFailure::badRequest(u"reviewStatus must be one of %1, not \"%2\"."_s.arg(
                    statuses.join(u", "_s), review)));
        }
        // No entry here is ever sent for review: every one is in progress.
        if (!review.isEmpty() && review != u"IN_PROGRESS"_s)
            where.add(u"1 = 0"_s);
        const auto subquery = [&where](const QString &select, const QString &column,
                                       const QStringList &values) {
            SqlConditions in;
            in.addIn(column, values);
            where.add(u"r.id IN ("_s + select + u" WHERE "_s + in.clauses.first() + u')',
                      in.bindings);
        };
        if (const QStringList ids = splitList(queryValue(context, u"mentionedIn"_s));
            !ids.isEmpty())
            subquery(u"SELECT target_id FROM entry_links"_s, u"entry_id"_s, ids);
        if (const QStringList ids = splitList(queryValue(context, u"mentions"_s)); !ids.isEmpty())
            subquery(u"SELECT entry_id FROM entry_links"_s, u"target_id"_s, ids);
        if (!splitList(queryValue(context, u"assignedReviewerIds.anyOf"_s)).isEmpty())
            where.add(u"1 = 0"_s); // no entry has reviewers assigned
        const QStringList authors = splitList(queryValue(context, u"authorIds.anyOf"_s));
        if (authors.size() > 100)
            return std::optional(
                ApiFailure::badRequest(u"authorIds.anyOf takes at most 100 ids."_s));
        if (!authors.isEmpty())
            subquery(u"SELECT entry_id FROM entry_authors"_s, u"user_id"_s, authors);
        if (const QStringList ids = splitList(queryValue(context, u"displayIds"_s)); !ids.isEmpty())
            subquery(u"SELECT entry_id FROM entry_display_ids"_s, u"display_id"_s, ids);
        return std::optional<ApiFailure>();
    };
    return type;
}

} // namespace benchtop::server::notebook
