// What the notebook's files share (internal to server/notebook and NotebookRoutes.cpp): the
// ResourceTypes of projects, folders, entries and templates, and the handlers of the notebook's
// own routes, which addNotebookRoutes registers.
#pragma once

#include "server/ResourceRoutes.h"

#include <QJsonDocument>
#include <QUrl>

namespace benchtop::server::notebook {

// The archive reasons of every notebook family (defined in Folders.cpp).
extern const QStringList kArchiveReasons;

// Projects and folders (Folders.cpp).
ResourceType projectType(ServerContext *s);
ResourceType folderType(ServerContext *s);
// "r.id is below project `projectId`" (any depth).
void addInProject(SqlConditions &where, const QString &projectId);

// Entries (Entries.cpp) and entry templates (Templates.cpp).
ResourceType entryType(ServerContext *s);
QJsonObject entryJson(ServerContext *s, const RequestContext &context, const ResourceRow &row);
ResourceType templateType(ServerContext *s);

// PUT /entries/{entry_id}/days and PUT /entry-templates/{entry_template_id}/days (Days.cpp).
http::HttpResponse writeDays(ServerContext &server, const ResourceType &type,
                             const RequestContext &context, bool templateDays);
// GET /entries:bulk-get and GET /entries/{entry_id}/external-files/{external_file_id}
// (EntryRoutes.cpp).
http::HttpResponse bulkGetEntries(ServerContext &server, const ResourceType &type,
                                  const RequestContext &context);
http::HttpResponse externalFile(ServerContext &server, const RequestContext &context);

} // namespace benchtop::server::notebook
