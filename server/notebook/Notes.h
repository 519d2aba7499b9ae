// The notes inside an entry's or template's days, as the API shows them: a link to a resource
// gets its webURL from this server, wherever it stands (a note's links, a table cell).
#pragma once

#include "server/Router.h"

#include <QHash>
#include <QJsonArray>

namespace benchtop::server::notebook {

// Where the API serves each kind a note can link to (for the link's webURL).
const QHash<QString, QString> &linkCollections();
// Stored days as the API shows them (links get their webURL on this server).
QJsonArray daysJson(const RequestContext &context, const QJsonArray &days);

} // namespace benchtop::server::notebook
