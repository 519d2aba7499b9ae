#pragma once

#include "ResourceRoutes.h"

namespace benchtop::server {

void addNotebookRoutes(Router &router, ServerContext &server);

} // namespace benchtop::server
