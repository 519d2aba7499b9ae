// The ResourceType descriptors of boxes, plates and containers: what addResourceRoutes needs
// to list, get, create, patch, archive and bulk-get them.
#pragma once

#include "server/ResourceRoutes.h"

namespace benchtop::server::inventory {

ResourceType boxType(ServerContext &server);
ResourceType plateType(ServerContext &server);
ResourceType containerType(ServerContext &server);

} // namespace benchtop::server::inventory
