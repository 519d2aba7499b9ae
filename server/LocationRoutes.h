#pragma once

#include "ResourceRoutes.h"

namespace benchtop::server {

ResourceType locationType(ServerContext &server);
void addLocationRoutes(Router &router, ServerContext &server);
// What archiving these storage ids also archives: every unarchived location, box, plate and
// container below them, keyed "locationIds", "boxIds", "plateIds", "containerIds".
QHash<QString, QStringList> inventoryCascade(ServerContext &server, const QStringList &ids);

} // namespace benchtop::server
