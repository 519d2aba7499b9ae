#pragma once

#include "ResourceRoutes.h"

namespace benchtop::server {

ResourceType locationType();
void addLocationRoutes(Router &router, ServerContext &server);

} // namespace benchtop::server
