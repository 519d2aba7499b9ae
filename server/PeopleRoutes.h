// People: users and teams (read-only, as the lab's administrator manages them with the server's
// command line). Tables: users (core), organizations, teams and memberships (notebookMigration).
#pragma once

#include "ResourceRoutes.h"

namespace benchtop::server {

void addPeopleRoutes(Router &router, ServerContext &server);

} // namespace benchtop::server
