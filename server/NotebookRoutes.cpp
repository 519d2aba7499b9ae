// The notebook: projects, folders, entries (with their days of notes), entry schemas and entry
// templates, plus the one extension API v2 lacks — writing an entry's body
// (PUT /entries/{entry_id}/days, docs/api-extensions.md). People and blobs have their own
// modules, registered from here.
//
// Storage: projects ("src_"), folders ("lib_"), entries ("etr_"), entry templates ("tmpl_") and
// template collections ("tmplcol_") are rows of `resources`. A root folder's parent_id is its
// project, so "everything in a project" is one recursive walk down parent_id. Entry schemas are
// `schemas` rows of kind "entry" ("ts_"). Side tables index what lists filter on and JSON cannot
// be queried for portably: display ids, authors, and the links inside notes.
#include "NotebookRoutes.h"

#include "BlobRoutes.h"
#include "Ids.h"
#include "PeopleRoutes.h"
#include "Users.h"
#include "notebook/EntryIndex.h"
#include "notebook/EntrySchemas.h"
#include "notebook/Notes.h"
#include "notebook/Routes.h"
#include "storage/Database.h"
#include "storage/DemoData.h"
#include "storage/Migrations.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace benchtop::server {

using namespace notebook;

QStringList notebookMigration(bool postgres)
{
    const QString blob = postgres ? u"BYTEA"_s : u"BLOB"_s;
    return {
        u"CREATE TABLE organizations (id TEXT PRIMARY KEY, handle TEXT NOT NULL UNIQUE, "
        "name TEXT NOT NULL, created_at TEXT NOT NULL, modified_at TEXT NOT NULL)"_s,
        u"CREATE TABLE organization_memberships (organization_id TEXT NOT NULL REFERENCES "
        "organizations(id), user_id TEXT NOT NULL REFERENCES users(id), role TEXT NOT NULL, "
        "PRIMARY KEY (organization_id, user_id))"_s,
        u"CREATE TABLE teams (id TEXT PRIMARY KEY, name TEXT NOT NULL, organization_id TEXT "
        "REFERENCES organizations(id), created_at TEXT NOT NULL, modified_at TEXT NOT NULL)"_s,
        u"CREATE TABLE team_memberships (team_id TEXT NOT NULL REFERENCES teams(id), user_id "
        "TEXT NOT NULL REFERENCES users(id), role TEXT NOT NULL, created_at TEXT NOT NULL, "
        "PRIMARY KEY (team_id, user_id))"_s,
        // Entries: display ids are unique in the database itself.
        u"CREATE TABLE entry_display_ids (entry_id TEXT PRIMARY KEY, display_id TEXT NOT NULL "
        "UNIQUE)"_s,
        u"CREATE TABLE entry_authors (entry_id TEXT NOT NULL, user_id TEXT NOT NULL, "
        "PRIMARY KEY (entry_id, user_id))"_s,
        u"CREATE TABLE entry_links (entry_id TEXT NOT NULL, target_id TEXT NOT NULL, "
        "target_type TEXT NOT NULL, PRIMARY KEY (entry_id, target_id))"_s,
        u"CREATE INDEX entry_links_target ON entry_links(target_id)"_s,
        // Blobs keep their bytes in the database, so an upload is as crash-safe as any write.
        u"CREATE TABLE blobs (id TEXT PRIMARY KEY, name TEXT NOT NULL, mime_type TEXT NOT NULL, "
        "type TEXT NOT NULL, upload_status TEXT NOT NULL, content "_s +
            blob +
            u", size INTEGER NOT NULL DEFAULT 0, md5 TEXT, download_secret TEXT NOT NULL, "
            "creator_id TEXT, created_at TEXT NOT NULL, modified_at TEXT NOT NULL)"_s,
        u"CREATE TABLE blob_parts (blob_id TEXT NOT NULL REFERENCES blobs(id), part_number "
        "INTEGER NOT NULL, content "_s +
            blob +
            u" NOT NULL, size INTEGER NOT NULL, md5 TEXT NOT NULL, created_at TEXT NOT NULL, "
            "PRIMARY KEY (blob_id, part_number))"_s,
    };
}

namespace {

const QStringList kLinkTypes{
    u"link"_s,        u"user"_s,         u"request"_s,  u"entry"_s,
    u"stage_entry"_s, u"protocol"_s,     u"workflow"_s, u"custom_entity"_s,
    u"aa_sequence"_s, u"dna_sequence"_s, u"batch"_s,    u"box"_s,
    u"container"_s,   u"location"_s,     u"plate"_s,    u"insights_dashboard"_s,
    u"folder"_s,      u"sql_dashboard"_s};

const QStringList kSimpleNoteTypes{u"text"_s, u"code"_s, u"list_bullet"_s, u"list_number"_s};
const QStringList kWritableNoteTypes{u"text"_s,        u"code"_s,          u"list_bullet"_s,
                                     u"list_number"_s, u"list_checkbox"_s, u"table"_s,
                                     u"text_box"_s,    u"external_file"_s};

// ---------------------------------------------------------------------------------------------
// Notes: checked on the way in (the spec's EntryNotePart shapes), completed on the way out.

class NoteChecker
{
public:
    explicit NoteChecker(ServerContext &server)
        : m_server(server)
    {}

    // Checks `days` (EntryDay, or EntryTemplateDay if `templateDays`) into their stored form.
    std::optional<ApiFailure> days(const QJsonValue &value, bool templateDays, QJsonArray *out)
    {
        if (!value.isArray())
            return ApiFailure::badRequest(u"Field 'days' must be an array of days."_s);
        const QJsonArray days = value.toArray();
        for (qsizetype d = 0; d < days.size(); ++d) {
            const QString where = u"days[%1]"_s.arg(d);
            if (!days[d].isObject())
                return ApiFailure::badRequest(where + u" must be an object."_s);
            JsonBody day(days[d].toObject(), where);
            QJsonObject stored;
            if (templateDays) {
                day.allowOnly({u"day"_s, u"title"_s, u"notes"_s}).require({u"day"_s});
                const auto index = day.integer(u"day"_s);
                if (day.ok() && (!index || *index < 0))
                    day.fail(u"Field 'day' must be a whole number of 0 or more."_s);
                stored.insert(u"day"_s, index.value_or(0));
            } else {
                day.allowOnly({u"date"_s, u"title"_s, u"notes"_s}).require({u"date"_s});
                const QString date = day.string(u"date"_s);
                if (day.ok() && !QDate::fromString(date, Qt::ISODate).isValid())
                    day.fail(
                        u"Field 'date' must be a date such as 2026-03-01, not \"%1\"."_s.arg(date));
                stored.insert(u"date"_s, date);
            }
            const auto title = day.optionalString(u"title"_s);
            stored.insert(u"title"_s, title ? QJsonValue(*title) : QJsonValue(QJsonValue::Null));
            const QJsonArray notes = day.array(u"notes"_s);
            if (!day.ok())
                return day.failure();
            QJsonArray storedNotes;
            for (qsizetype n = 0; n < notes.size(); ++n) {
                QJsonObject note;
                if (auto failure = this->note(notes[n], where + u".notes[%1]"_s.arg(n), &note))
                    return failure;
                storedNotes.append(note);
            }
            stored.insert(u"notes"_s, storedNotes);
            out->append(stored);
        }
        return std::nullopt;
    }

private:
    std::optional<ApiFailure> note(const QJsonValue &value, const QString &where, QJsonObject *out)
    {
        if (!value.isObject())
            return ApiFailure::badRequest(where + u" must be an object."_s);
        JsonBody part(value.toObject(), where);
        part.require({u"type"_s});
        const QString type = part.string(u"type"_s);
        if (!part.ok())
            return part.failure();
        if (!kWritableNoteTypes.contains(type)) {
            return ApiFailure::badRequest(
                u"%1: note type \"%2\" cannot be written here; the types are %3."_s.arg(
                    where, type, kWritableNoteTypes.join(u", "_s)));
        }
        QStringList allowed{u"type"_s, u"indentation"_s, u"text"_s, u"links"_s};
        if (type == u"list_checkbox"_s)
            allowed.append(u"checked"_s);
        else if (type == u"table"_s)
            allowed.append(u"table"_s);
        else if (type == u"text_box"_s)
            allowed.append(u"name"_s);
        else if (type == u"external_file"_s)
            allowed.append(u"externalFileId"_s);
        part.allowOnly(allowed);
        if (type == u"table"_s)
            part.require({u"table"_s});
        if (type == u"external_file"_s)
            part.require({u"externalFileId"_s});
        const auto indentation = part.integer(u"indentation"_s);
        out->insert(u"type"_s, type);
        out->insert(u"indentation"_s, indentation.value_or(0));
        out->insert(u"text"_s, part.string(u"text"_s));
        if (part.ok() && indentation && *indentation < 0)
            part.fail(u"Field 'indentation' must be 0 or more."_s);
        if (type == u"list_checkbox"_s)
            out->insert(u"checked"_s, part.boolean(u"checked"_s));
        if (type == u"text_box"_s)
            out->insert(u"name"_s, part.string(u"name"_s));
        const QJsonArray links = part.array(u"links"_s);
        QJsonObject table;
        if (type == u"table"_s)
            table = part.object(u"table"_s);
        const QString fileId = part.string(u"externalFileId"_s);
        if (!part.ok())
            return part.failure();
        QJsonArray storedLinks;
        for (qsizetype i = 0; i < links.size(); ++i) {
            QJsonObject link;
            if (auto failure = this->link(links[i], where + u".links[%1]"_s.arg(i), &link))
                return failure;
            storedLinks.append(link);
        }
        out->insert(u"links"_s, storedLinks);
        if (type == u"table"_s) {
            QJsonObject storedTable;
            if (auto failure = this->table(table, where + u".table"_s, &storedTable))
                return failure;
            out->insert(u"table"_s, storedTable);
        }
        if (type == u"external_file"_s) {
            const auto blob = findBlob(m_server.db, fileId);
            if (!blob || blob->uploadStatus != u"COMPLETE"_s) {
                return ApiFailure::badRequest(
                    u"%1: externalFileId %2 names no uploaded blob; upload the file with POST "
                    "/blobs first."_s.arg(where, fileId),
                    fileId);
            }
            out->insert(u"externalFileId"_s, fileId);
        }
        return std::nullopt;
    }

    std::optional<ApiFailure> table(const QJsonObject &object, const QString &where,
                                    QJsonObject *out)
    {
        JsonBody table(object, where);
        table.allowOnly({u"name"_s, u"columnLabels"_s, u"rows"_s});
        out->insert(u"name"_s, table.string(u"name"_s, u"Table1"_s));
        const QJsonArray labels = table.array(u"columnLabels"_s);
        const QJsonArray rows = table.array(u"rows"_s);
        if (!table.ok())
            return table.failure();
        for (qsizetype i = 0; i < labels.size(); ++i) {
            if (!labels[i].isString() && !labels[i].isNull())
                return ApiFailure::badRequest(
                    u"%1.columnLabels[%2] must be a string or null."_s.arg(where).arg(i));
        }
        qsizetype width = labels.isEmpty() ? -1 : labels.size();
        QJsonArray storedRows;
        for (qsizetype r = 0; r < rows.size(); ++r) {
            const QString rowWhere = u"%1.rows[%2]"_s.arg(where).arg(r);
            if (!rows[r].isObject())
                return ApiFailure::badRequest(rowWhere + u" must be an object."_s);
            JsonBody row(rows[r].toObject(), rowWhere);
            row.allowOnly({u"cells"_s}).require({u"cells"_s});
            const QJsonArray cells = row.array(u"cells"_s);
            if (!row.ok())
                return row.failure();
            if (width >= 0 && cells.size() != width) {
                return ApiFailure::badRequest(
                    u"%1 has %2 cells; the table has %3 columns."_s.arg(rowWhere)
                        .arg(cells.size())
                        .arg(width));
            }
            width = cells.size();
            QJsonArray storedCells;
            for (qsizetype c = 0; c < cells.size(); ++c) {
                const QString cellWhere = u"%1.cells[%2]"_s.arg(rowWhere).arg(c);
                if (!cells[c].isObject())
                    return ApiFailure::badRequest(cellWhere + u" must be an object."_s);
                JsonBody cell(cells[c].toObject(), cellWhere);
                cell.allowOnly({u"text"_s, u"link"_s});
                QJsonObject storedCell{{u"text"_s, cell.string(u"text"_s)}};
                const bool hasLink = cell.has(u"link"_s);
                const QJsonObject link = cell.object(u"link"_s);
                if (!cell.ok())
                    return cell.failure();
                if (hasLink) {
                    QJsonObject storedLink;
                    if (auto failure = this->link(link, cellWhere + u".link"_s, &storedLink))
                        return failure;
                    storedCell.insert(u"link"_s, storedLink);
                }
                storedCells.append(storedCell);
            }
            storedRows.append(QJsonObject{{u"cells"_s, storedCells}});
        }
        out->insert(u"columnLabels"_s, labels);
        out->insert(u"rows"_s, storedRows);
        return std::nullopt;
    }

    std::optional<ApiFailure> link(const QJsonValue &value, const QString &where, QJsonObject *out)
    {
        if (!value.isObject())
            return ApiFailure::badRequest(where + u" must be an object."_s);
        JsonBody link(value.toObject(), where);
        link.allowOnly({u"type"_s, u"id"_s, u"webURL"_s}).require({u"type"_s});
        const QString type = link.oneOf(u"type"_s, kLinkTypes);
        const QString id = link.string(u"id"_s);
        const auto url = link.optionalString(u"webURL"_s);
        if (!link.ok())
            return link.failure();
        out->insert(u"type"_s, type);
        if (type == u"link"_s) {
            const QUrl parsed(url.value_or(QString()), QUrl::StrictMode);
            if (!url || !parsed.isValid() ||
                (parsed.scheme() != u"http"_s && parsed.scheme() != u"https"_s) ||
                parsed.host().isEmpty()) {
                return ApiFailure::badRequest(
                    u"%1: a hyperlink needs a 'webURL' starting with http:// or https://."_s.arg(
                        where));
            }
            if (link.has(u"id"_s))
                return ApiFailure::badRequest(u"%1: a hyperlink has no 'id'."_s.arg(where));
            out->insert(u"webURL"_s, *url);
            return std::nullopt;
        }
        // A link to a resource: it must exist and be of that type. Its webURL is the server's
        // to give (on reading), so one sent back from a read is accepted and dropped.
        if (id.isEmpty())
            return ApiFailure::badRequest(
                u"%1: a %2 link needs the 'id' of the %2."_s.arg(where, type));
        if (!linkCollections().contains(type)) {
            return ApiFailure::badRequest(
                u"%1: this server has no %2 resources to link to."_s.arg(where, type));
        }
        bool found = false;
        if (type == u"user"_s) {
            found = m_server.db.exec(u"SELECT 1 FROM users WHERE id = ?"_s, {id}).next();
        } else {
            found = m_server.resources.find(type, id).has_value();
        }
        if (!found)
            return ApiFailure::badRequest(u"%1: no %2 has the id %3."_s.arg(where, type, id), id);
        out->insert(u"id"_s, id);
        return std::nullopt;
    }

    ServerContext &m_server;
};

// ---------------------------------------------------------------------------------------------
// Routes beyond the shared ones.

// PUT /entries/{entry_id}/days and PUT /entry-templates/{entry_template_id}/days.
http::HttpResponse writeDays(ServerContext &server, const ResourceType &type,
                             const RequestContext &context, bool templateDays)
{
    const QString id = context.param(type.idParam);
    auto row = server.resources.find(type.kind, id);
    if (!row)
        return notFound(u"No %1 has the id %2."_s.arg(type.noun, id), id);
    JsonBody body(context.request.body);
    body.allowOnly({u"days"_s, u"modifiedAt"_s}).require({u"days"_s});
    const auto modifiedAt = body.optionalString(u"modifiedAt"_s);
    if (!body.ok())
        return body.failure()->response();
    if (modifiedAt && *modifiedAt != row->modifiedAt) {
        return apiError(409, u"invalid_request_error"_s,
                        u"%1 was modified at %2, after the version you edited (modifiedAt %3). "
                        "Nothing was saved: read it again and reapply your change."_s.arg(
                            id, row->modifiedAt, *modifiedAt),
                        id);
    }
    if (row->isArchived()) {
        return apiError(400, u"invalid_request_error"_s,
                        u"%1 is archived; unarchive it before editing its notes."_s.arg(id), id);
    }
    QJsonArray days;
    if (auto failure =
            NoteChecker(server).days(body.object().value(u"days"_s), templateDays, &days))
        return failure->response();
    row->data.insert(u"days"_s, days);
    if (auto failure = server.resources.update(*row))
        return failure->response();
    if (!templateDays && !indexEntry(server.db, id, row->data))
        return internalError();
    return jsonResponse(200, resource_ops::freshJson(server, type, context, id));
}

http::HttpResponse bulkGetEntries(ServerContext &server, const ResourceType &type,
                                  const RequestContext &context)
{
    const QStringList ids = splitList(queryValue(context, u"entryIds"_s));
    const QStringList displayIds = splitList(queryValue(context, u"displayIds"_s));
    if (ids.isEmpty() && displayIds.isEmpty())
        return badRequest(u"Name the entries to get with entryIds or displayIds."_s);
    if (ids.size() + displayIds.size() > 100)
        return badRequest(u"A bulk get takes at most 100 ids or display ids."_s);
    QStringList wanted;
    QStringList missing;
    for (const QString &id : ids) {
        if (server.resources.find(u"entry"_s, id))
            wanted.append(id);
        else
            missing.append(id);
    }
    for (const QString &displayId : displayIds) {
        QSqlQuery query = server.db.exec(
            u"SELECT entry_id FROM entry_display_ids WHERE display_id = ?"_s, {displayId});
        if (query.next())
            wanted.append(query.value(0).toString());
        else
            missing.append(displayId);
    }
    if (!missing.isEmpty()) {
        return apiError(
            400, u"invalid_request_error"_s,
            u"No entries exist with these ids or display ids: %1"_s.arg(missing.join(u", "_s)),
            missing.first());
    }
    wanted.removeDuplicates();
    SqlConditions where;
    where.addIn(u"r.id"_s, wanted);
    QJsonArray entries;
    for (const ResourceRow &row : server.resources.select(where, u"ORDER BY r.id"_s))
        entries.append(type.toJson(context, row));
    return jsonResponse(200, {{u"entries"_s, entries}});
}

http::HttpResponse externalFile(ServerContext &server, const RequestContext &context)
{
    const QString entryId = context.param(u"entry_id"_s);
    const QString fileId = context.param(u"external_file_id"_s);
    const auto entry = server.resources.find(u"entry"_s, entryId);
    if (!entry)
        return notFound(u"No entries has the id %1."_s.arg(entryId), entryId);
    bool inEntry = false;
    for (const QJsonValue &day : entry->data.value(u"days"_s).toArray())
        for (const QJsonValue &note : day.toObject().value(u"notes"_s).toArray())
            inEntry = inEntry || note.toObject().value(u"externalFileId"_s).toString() == fileId;
    const auto blob = inEntry ? findBlob(server.db, fileId) : std::nullopt;
    if (!blob) {
        return notFound(u"Entry %1 has no external file with the id %2."_s.arg(entryId, fileId),
                        fileId);
    }
    qint64 expiresAt = 0;
    const QString url = signedBlobUrl(server.db, context, fileId, &expiresAt);
    return jsonResponse(200, {{u"externalFile"_s, QJsonObject{{u"id"_s, fileId},
                                                              {u"size"_s, blob->size},
                                                              {u"downloadURL"_s, url},
                                                              {u"expiresAt"_s, expiresAt}}}});
}

} // namespace

QJsonObject notebookEntryJson(ServerContext &server, const RequestContext &context,
                              const ResourceRow &row)
{
    return entryJson(&server, context, row);
}

void addNotebookRoutes(Router &router, ServerContext &server)
{
    ServerContext *s = &server;
    addResourceRoutes(router, server, projectType(s), List | Get | Archive | Unarchive);
    addResourceRoutes(router, server, folderType(s), List | Get | Create | Archive | Unarchive);

    const ResourceType entries = entryType(s);
    addResourceRoutes(router, server, entries, List | Create | Update | Archive | Unarchive);
    auto entryShared = std::make_shared<const ResourceType>(entries);
    // GET /entries/{id} wraps the entry ({"entry": ...}, the spec's EntryById).
    router.add("GET", u"/api/v2/entries/{entry_id}"_s, [s, entryShared](const RequestContext &c) {
        const QString id = c.param(u"entry_id"_s);
        const auto row = s->resources.find(u"entry"_s, id);
        if (!row)
            return notFound(u"No entries has the id %1."_s.arg(id), id);
        return jsonResponse(200, {{u"entry"_s, entryShared->toJson(c, *row)}});
    });
    router.add("GET", u"/api/v2/entries:bulk-get"_s, [s, entryShared](const RequestContext &c) {
        return bulkGetEntries(*s, *entryShared, c);
    });
    router.add("PUT", u"/api/v2/entries/{entry_id}/days"_s,
               [s, entryShared](const RequestContext &c) {
                   return writeDays(*s, *entryShared, c, false);
               });
    router.add("GET", u"/api/v2/entries/{entry_id}/external-files/{external_file_id}"_s,
               [s](const RequestContext &c) { return externalFile(*s, c); });

    const ResourceType templates = templateType(s);
    addResourceRoutes(router, server, templates, List | Get | Update);
    auto templateShared = std::make_shared<const ResourceType>(templates);
    router.add("PUT", u"/api/v2/entry-templates/{entry_template_id}/days"_s,
               [s, templateShared](const RequestContext &c) {
                   return writeDays(*s, *templateShared, c, true);
               });

    router.add("GET", u"/api/v2/entry-schemas"_s,
               [s](const RequestContext &c) { return listEntrySchemas(*s, c); });
    router.add("GET", u"/api/v2/entry-schemas/{schema_id}"_s, [s](const RequestContext &c) {
        const QString id = c.param(u"schema_id"_s);
        const auto schema = entrySchema(s->db, id);
        if (!schema)
            return notFound(u"No entry schema has the id %1."_s.arg(id), id);
        return jsonResponse(200, schemaDetailedJson(*schema));
    });

    addPeopleRoutes(router, server);
    addBlobRoutes(router, server);
}

// ---------------------------------------------------------------------------------------------
// Demo data.

namespace {

class NotebookSeeder
{
public:
    NotebookSeeder(Resources &resources, QString creator)
        : m_resources(resources)
        , m_db(resources.database())
        , m_creator(std::move(creator))
        , m_now(timestampNow())
    {}

    bool ok() const { return m_ok; }

    void run(const QString &sql, const QVariantList &bindings)
    {
        if (m_ok && m_db.exec(sql, bindings).lastError().isValid())
            m_ok = false;
    }

    QString schema(const QString &name, const QString &prefix, const QJsonArray &fields)
    {
        const QString id = newId(u"ts_");
        QJsonArray definitions;
        for (const QJsonValue &field : fields) {
            QJsonObject definition = field.toObject();
            definition.insert(u"id"_s, newId(u"tsf_"));
            definition.insert(u"isMulti"_s, false);
            definition.insert(u"isRequired"_s, false);
            definition.insert(u"archiveRecord"_s, QJsonValue::Null);
            definitions.append(definition);
        }
        const QJsonObject definition{{u"prefix"_s, prefix},
                                     {u"registryId"_s, QJsonValue::Null},
                                     {u"fieldDefinitions"_s, definitions}};
        run(u"INSERT INTO schemas (id, kind, name, definition, created_at, modified_at) VALUES "
            "(?, 'entry', ?, ?, ?, ?)"_s,
            {id, name, QString::fromUtf8(QJsonDocument(definition).toJson(QJsonDocument::Compact)),
             m_now, m_now});
        return id;
    }

    QString add(const QString &kind, QStringView prefix, const QString &name,
                const QString &parentId, const QJsonObject &data, const QString &schemaId = {})
    {
        if (!m_ok)
            return {};
        ResourceRow row;
        row.id = newId(prefix);
        row.kind = kind;
        row.name = name;
        row.parentId = parentId;
        row.schemaId = schemaId;
        row.creatorId = m_creator;
        row.data = data;
        if (m_resources.insert(row))
            m_ok = false;
        return row.id;
    }

    QString entry(const QString &name, const QString &folderId, const QString &projectId,
                  const QString &schemaId, const QJsonObject &fields, const QJsonArray &days,
                  const QString &templateId = {})
    {
        const QString id = newId(u"etr_");
        const QString displayId = assignDisplayId(m_db, id);
        QJsonObject data{{u"projectId"_s, projectId},
                         {u"displayId"_s, displayId},
                         {u"authorIds"_s, QJsonArray{m_creator}},
                         {u"fields"_s, fields},
                         {u"customFields"_s, QJsonObject()},
                         {u"days"_s, days}};
        if (!templateId.isEmpty())
            data.insert(u"entryTemplateId"_s, templateId);
        if (!m_ok || displayId.isEmpty() || !indexEntry(m_db, id, data)) {
            m_ok = false;
            return {};
        }
        ResourceRow row;
        row.id = id;
        row.kind = u"entry"_s;
        row.name = name;
        row.parentId = folderId;
        row.schemaId = schemaId;
        row.creatorId = m_creator;
        row.data = data;
        if (m_resources.insert(row))
            m_ok = false;
        return id;
    }

    // The first few ids of a kind, oldest first.
    QStringList firstOf(const QString &kind, int count) const
    {
        SqlConditions where;
        where.add(u"r.kind = ?"_s, {kind});
        QStringList ids;
        for (const ResourceRow &row :
             m_resources.select(where, u"ORDER BY r.created_at, r.id LIMIT %1"_s.arg(count)))
            ids.append(row.id);
        return ids;
    }
    QString nameOf(const QString &id) const
    {
        const auto row = m_resources.find(id);
        return row ? row->name : QString();
    }

    Database &db() { return m_db; }
    const QString &now() const { return m_now; }
    const QString &creator() const { return m_creator; }

private:
    Resources &m_resources;
    Database &m_db;
    QString m_creator;
    QString m_now;
    bool m_ok = true;
};

QJsonObject note(const QString &type, const QString &text, const QJsonArray &links = {})
{
    return {{u"type"_s, type}, {u"indentation"_s, 0}, {u"text"_s, text}, {u"links"_s, links}};
}

QJsonObject checkbox(const QString &text, bool checked)
{
    QJsonObject part = note(u"list_checkbox"_s, text);
    part.insert(u"checked"_s, checked);
    return part;
}

QJsonObject link(const QString &type, const QString &id)
{
    return {{u"type"_s, type}, {u"id"_s, id}};
}

QJsonObject table(const QString &name, const QStringList &labels,
                  const QList<QList<QJsonObject>> &rows, const QString &caption)
{
    QJsonArray tableRows;
    for (const auto &row : rows) {
        QJsonArray cells;
        for (const QJsonObject &cell : row)
            cells.append(cell);
        tableRows.append(QJsonObject{{u"cells"_s, cells}});
    }
    QJsonObject part = note(u"table"_s, caption);
    part.insert(u"table"_s, QJsonObject{{u"name"_s, name},
                                        {u"columnLabels"_s, QJsonArray::fromStringList(labels)},
                                        {u"rows"_s, tableRows}});
    return part;
}

QJsonObject cell(const QString &text, const QJsonObject &cellLink = {})
{
    QJsonObject c{{u"text"_s, text}};
    if (!cellLink.isEmpty())
        c.insert(u"link"_s, cellLink);
    return c;
}

} // namespace

bool seedNotebookDemo(Resources &resources, const QString &creatorId)
{
    NotebookSeeder seed(resources, creatorId);
    const QString now = seed.now();

    // People: the demo organisation and a team (the demo user is the lab's only user: an
    // administrator adds the others with the server's command line).
    const QString org = newId(u"ent_");
    seed.run(u"INSERT INTO organizations (id, handle, name, created_at, modified_at) VALUES "
             "(?, 'demo-lab', 'Demo Lab', ?, ?)"_s,
             {org, now, now});
    seed.run(u"INSERT INTO organization_memberships (organization_id, user_id, role) VALUES "
             "(?, ?, 'ADMIN')"_s,
             {org, creatorId});
    const QString team = newId(u"team_");
    seed.run(u"INSERT INTO teams (id, name, organization_id, created_at, modified_at) VALUES "
             "(?, 'Cloning team', ?, ?, ?)"_s,
             {team, org, now, now});
    seed.run(u"INSERT INTO team_memberships (team_id, user_id, role, created_at) VALUES "
             "(?, ?, 'ADMIN', ?)"_s,
             {team, creatorId, now});

    // The project and its folders (a root folder's parent is the project).
    const QString project = seed.add(u"project"_s, u"src_", u"Demo lab"_s, {}, {});
    const QJsonObject inProject{{u"projectId"_s, project}};
    const QString notebook = seed.add(u"folder"_s, u"lib_", u"Notebook"_s, project, inProject);
    const QString cloning = seed.add(u"folder"_s, u"lib_", u"Cloning"_s, notebook, inProject);
    const QString minipreps = seed.add(u"folder"_s, u"lib_", u"Minipreps"_s, notebook, inProject);
    seed.add(u"folder"_s, u"lib_", u"Sequences"_s, project, inProject);

    // Entry schemas and templates.
    const QString miniprepSchema =
        seed.schema(u"Miniprep"_s, u"MP"_s,
                    {QJsonObject{{u"name"_s, u"Kit"_s}, {u"type"_s, u"text"_s}},
                     QJsonObject{{u"name"_s, u"Elution volume (µL)"_s}, {u"type"_s, u"float"_s}}});
    const QString cloningSchema =
        seed.schema(u"Cloning"_s, u"CL"_s,
                    {QJsonObject{{u"name"_s, u"Strategy"_s}, {u"type"_s, u"text"_s}},
                     QJsonObject{{u"name"_s, u"Verified"_s}, {u"type"_s, u"boolean"_s}}});
    const QString collection =
        seed.add(u"template_collection"_s, u"tmplcol_", u"Lab templates"_s, {}, {});
    const QJsonArray miniprepDays{QJsonObject{
        {u"day"_s, 1},
        {u"title"_s, u"Miniprep"_s},
        {u"notes"_s,
         QJsonArray{note(u"text"_s, u"Grow 5 mL overnight cultures, then purify with the kit."_s),
                    checkbox(u"Pellet cells (6000 g, 10 min)"_s, false),
                    checkbox(u"Lyse and neutralise"_s, false),
                    checkbox(u"Elute in 50 µL EB"_s, false),
                    table(u"Yields"_s, {u"Sample"_s, u"ng/µL"_s, u"A260/280"_s},
                          {{cell(u""_s), cell(u""_s), cell(u""_s)}}, u"Nanodrop readings"_s)}}}};
    const QString miniprepTemplate =
        seed.add(u"entry_template"_s, u"tmpl_", u"Miniprep"_s, collection,
                 {{u"days"_s, miniprepDays},
                  {u"fields"_s, QJsonObject{{u"Kit"_s, u"QIAprep Spin"_s}}},
                  {u"customFields"_s, QJsonObject()}},
                 miniprepSchema);
    seed.add(u"entry_template"_s, u"tmpl_", u"Cloning"_s, collection,
             {{u"days"_s,
               QJsonArray{QJsonObject{
                   {u"day"_s, 1},
                   {u"title"_s, u"Digest and ligate"_s},
                   {u"notes"_s, QJsonArray{note(u"text"_s, u"Vector and insert:"_s),
                                           checkbox(u"Digest vector"_s, false),
                                           checkbox(u"Gel-purify fragments"_s, false),
                                           checkbox(u"Ligate 1:3 vector:insert"_s, false)}}}}},
              {u"fields"_s, QJsonObject()},
              {u"customFields"_s, QJsonObject()}},
             cloningSchema);

    // Entries that link to the demo sequences and tubes (when those parts seeded any).
    const QStringList sequences = seed.firstOf(u"dna_sequence"_s, 2);
    const QStringList tubes = seed.firstOf(u"container"_s, 3);
    const QStringList boxes = seed.firstOf(u"box"_s, 1);
    QJsonArray sequenceLinks;
    for (const QString &id : sequences)
        sequenceLinks.append(link(u"dna_sequence"_s, id));
    QList<QList<QJsonObject>> yieldRows;
    const QList<std::pair<QString, QString>> readings{
        {u"312.4"_s, u"1.88"_s}, {u"287.9"_s, u"1.91"_s}, {u"198.2"_s, u"1.84"_s}};
    for (int i = 0; i < 3; ++i) {
        const QString tube = tubes.value(i);
        yieldRows.append({tube.isEmpty() ? cell(u"Prep %1"_s.arg(i + 1))
                                         : cell(seed.nameOf(tube), link(u"container"_s, tube)),
                          cell(readings[i].first), cell(readings[i].second)});
    }
    QJsonArray tubeLinks;
    for (const QString &id : tubes)
        tubeLinks.append(link(u"container"_s, id));
    for (const QString &id : boxes)
        tubeLinks.append(link(u"box"_s, id));

    const QString today = QDate::currentDate().toString(Qt::ISODate);
    const QString yesterday = QDate::currentDate().addDays(-1).toString(Qt::ISODate);
    const QString miniprep = seed.entry(
        u"Miniprep of pUC19 clones"_s, minipreps, project, miniprepSchema,
        {{u"Kit"_s, u"QIAprep Spin"_s}, {u"Elution volume (µL)"_s, 50.0}},
        QJsonArray{QJsonObject{
            {u"date"_s, yesterday},
            {u"title"_s, u"Miniprep"_s},
            {u"notes"_s,
             QJsonArray{
                 note(u"text"_s,
                      u"Three colonies picked into 5 mL LB + ampicillin, grown overnight at "
                      "37 °C. Plasmid maps: see the linked sequences."_s,
                      sequenceLinks),
                 checkbox(u"Pellet cells (6000 g, 10 min)"_s, true),
                 checkbox(u"Lyse and neutralise"_s, true), checkbox(u"Elute in 50 µL EB"_s, true),
                 table(u"Yields"_s, {u"Sample"_s, u"ng/µL"_s, u"A260/280"_s}, yieldRows,
                       u"Nanodrop readings"_s),
                 note(u"list_bullet"_s, u"Tubes stored in the −20 °C freezer."_s, tubeLinks)}}}},
        miniprepTemplate);
    QJsonArray cloningNotes{
        note(u"text"_s, u"Insert GFP into the pUC19 MCS with EcoRI/BamHI."_s, sequenceLinks),
        checkbox(u"Digest vector"_s, true),
        checkbox(u"Gel-purify fragments"_s, true),
        checkbox(u"Ligate 1:3 vector:insert"_s, false),
        note(u"text"_s, u"Plasmid DNA from the miniprep entry."_s,
             miniprep.isEmpty() ? QJsonArray() : QJsonArray{link(u"entry"_s, miniprep)}),
        note(u"code"_s, u"EcoRI: G^AATTC\nBamHI: G^GATCC"_s)};
    seed.entry(u"Cloning GFP into pUC19"_s, cloning, project, cloningSchema,
               {{u"Strategy"_s, u"Restriction cloning"_s}, {u"Verified"_s, false}},
               QJsonArray{QJsonObject{{u"date"_s, today},
                                      {u"title"_s, u"Digest and ligate"_s},
                                      {u"notes"_s, cloningNotes}}});
    seed.entry(
        u"Lab meeting notes"_s, notebook, project, {}, {},
        QJsonArray{QJsonObject{
            {u"date"_s, today},
            {u"title"_s, QJsonValue::Null},
            {u"notes"_s, QJsonArray{note(u"list_number"_s, u"Order new competent cells"_s),
                                    note(u"list_number"_s, u"Freezer F2 defrost on Friday"_s,
                                         QJsonArray{QJsonObject{
                                             {u"type"_s, u"link"_s},
                                             {u"webURL"_s, u"https://www.benchling.com"_s}}}),
                                    note(u"list_number"_s, u"Journal club: demo presents"_s,
                                         QJsonArray{link(u"user"_s, creatorId)})}}}});
    return seed.ok();
}

} // namespace benchtop::server
