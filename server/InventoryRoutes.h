#pragma once

#include "ResourceRoutes.h"

namespace benchtop::server {

void addInventoryRoutes(Router &router, ServerContext &server);

} // namespace benchtop::server
