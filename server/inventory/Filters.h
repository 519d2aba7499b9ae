// The list filters of boxes, plates and containers beyond the shared ones: emptyPositions and
// emptyContainers (with .gte/.gt/.lte/.lt), storageContentsId(s), and a container's
// checkoutStatus, checkoutAssigneeIds.anyOf and restrictionStatus.
#pragma once

#include "server/ResourceRoutes.h"

namespace benchtop::server::inventory {

std::optional<ApiFailure> storageFilters(ServerContext &server, const RequestContext &context,
                                         SqlConditions &where);
std::optional<ApiFailure> containerFilters(ServerContext &server, const RequestContext &context,
                                           SqlConditions &where);

} // namespace benchtop::server::inventory
