// The create and update bodies of boxes, plates and containers: which keys each takes, the
// name defaulting to the barcode, project and user ids, quantities and a well's role, and every
// move through inventory::resolvePlacement (a well of a well plate never moves).
#pragma once

#include "server/ResourceRoutes.h"

namespace benchtop::server::inventory {

// `extraKeys`: what a family's create takes beyond the shared storage keys (a plate's wells).
std::optional<ApiFailure> storageCreate(ServerContext &server, JsonBody &body, ResourceRow &row,
                                        const QStringList &extraKeys);
std::optional<ApiFailure> storageUpdate(ServerContext &server, JsonBody &body, ResourceRow &row);
std::optional<ApiFailure> containerCreate(ServerContext &server, JsonBody &body, ResourceRow &row);
// `bulkItem`: an item of POST /containers:bulk-update (also takes containerId, concentration).
std::optional<ApiFailure> containerUpdate(ServerContext &server, JsonBody &body, ResourceRow &row,
                                          bool bulkItem);

} // namespace benchtop::server::inventory
