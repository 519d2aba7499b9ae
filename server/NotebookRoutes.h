#pragma once

#include "ResourceRoutes.h"

namespace benchtop::server {

void addNotebookRoutes(Router &router, ServerContext &server);

// An entry as GET /entries/{entry_id} shows it (for the export task).
QJsonObject notebookEntryJson(ServerContext &server, const RequestContext &context,
                              const ResourceRow &row);

} // namespace benchtop::server
