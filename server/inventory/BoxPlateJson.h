// The API JSON of boxes and plates, built for a whole page at once: grid sizes from their
// schemas, container counts in one query, and a plate's wells as one page of containers.
#pragma once

#include "server/ResourceRoutes.h"

namespace benchtop::server::inventory {

QList<QJsonObject> boxesJson(ServerContext &server, const RequestContext &context,
                             const QList<ResourceRow> &rows);
QList<QJsonObject> platesJson(ServerContext &server, const RequestContext &context,
                              const QList<ResourceRow> &rows);

} // namespace benchtop::server::inventory
