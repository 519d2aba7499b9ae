// Benchtop's extension to the API: GET /api/v2/benchtop/session says who the credentials of the
// request belong to, so a client can show "Signed in as …" (Benchling's API v2 has no such
// operation; docs/api-extensions.md).
#pragma once

#include "Router.h"

namespace benchtop::server {

void addSessionRoutes(Router &router);

} // namespace benchtop::server
