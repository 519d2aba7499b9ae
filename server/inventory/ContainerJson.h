// The API JSON of containers (tubes, matrix tubes and plate wells) and of their contents, built
// for a whole page at once: the parents, entities held, check-outs and users that the page
// names are read with one query per kind.
#pragma once

#include "server/ResourceRoutes.h"

#include "Contents.h"

namespace benchtop::server::inventory {

QList<QJsonObject> containersJson(ServerContext &server, const RequestContext &context,
                                  const QList<ResourceRow> &rows);
// One content ({batch, concentration, entity}) of a container.
QJsonObject contentJson(ServerContext &server, const RequestContext &context,
                        const Content &content);

} // namespace benchtop::server::inventory
