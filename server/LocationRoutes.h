// GET /api/v2/locations (filters, sorts and paging as the spec lists them) and
// GET /api/v2/locations/{location_id}.
#pragma once

namespace benchtop::server {

class Database;
class Router;

void addLocationRoutes(Router &router, Database &db);

} // namespace benchtop::server
