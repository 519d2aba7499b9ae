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
//
// This file makes the tables and registers every route; the rest is in server/notebook/:
// Folders, Entries and Templates (the families' ResourceTypes and JSON), Notes (notes as the
// API shows them), EntryIndex (the side tables), EntrySchemas (schemas, fields and
// GET /entry-schemas), Days (PUT .../days), EntryRoutes (bulk-get, external files) and
// NotebookDemo (the demo notebook). notebook/Routes.h declares what is registered here.
#include "NotebookRoutes.h"

#include "BlobRoutes.h"
#include "PeopleRoutes.h"
#include "notebook/EntrySchemas.h"
#include "notebook/Routes.h"
#include "storage/Migrations.h"

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

} // namespace benchtop::server
