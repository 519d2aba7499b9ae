// What the inventory's route files share (internal to server/inventory and InventoryRoutes.cpp):
// the handlers of the inventory's own routes, which addInventoryRoutes registers (answering
// JSON, reading the query and DetachedContext come from server/Router.h).
#pragma once

#include "server/ResourceRoutes.h"

#include <QJsonDocument>
#include <QUrl>

namespace benchtop::server::inventory {

// GET of box, plate, container and location schemas, the registry (src_benchtop) and its
// schemas, and POST /registries/{registry_id}:validate-barcodes.
void addSchemaRoutes(Router &router, ServerContext &server);

// POST /plates (a well plate's wells are made with it) and GET /boxes/{box_id}/contents.
http::HttpResponse createPlate(ServerContext &server, const ResourceType &type,
                               const RequestContext &context);
http::HttpResponse boxContents(ServerContext &server, const ResourceType &containers,
                               const RequestContext &context);

// POST /containers:bulk-update (a task), :check-out, :reserve (status) and :check-in
// (status AVAILABLE).
http::HttpResponse bulkUpdateContainers(ServerContext &server, const ResourceType &type,
                                        const RequestContext &context);
http::HttpResponse setCheckout(ServerContext &server, const RequestContext &context,
                               const QString &status);

// GET /containers/{container_id}/contents and GET, PATCH and DELETE of one content.
http::HttpResponse listContents(ServerContext &server, const RequestContext &context);
http::HttpResponse oneContent(ServerContext &server, const RequestContext &context,
                              const QByteArray &method);

// POST /containers/{destination_container_id}:transfer and POST /transfers (a task).
http::HttpResponse transferInto(ServerContext &server, const RequestContext &context);
http::HttpResponse transferMany(ServerContext &server, const ResourceType &containers,
                                const RequestContext &context);

} // namespace benchtop::server::inventory
