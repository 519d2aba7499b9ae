#pragma once

#include "ResourceRoutes.h"

namespace benchtop::server {

void addSequenceRoutes(Router &router, ServerContext &server);

} // namespace benchtop::server
