// The side tables that let lists filter entries on what their JSON holds: entry_display_ids
// (display ids, unique in the database), entry_authors and entry_links (the resources their
// notes link to, for mentions / mentionedIn).
#pragma once

#include "server/storage/Database.h"

#include <QJsonObject>

namespace benchtop::server::notebook {

// Rewrites an entry's rows in the side tables (authors, links) from its data.
bool indexEntry(Database &db, const QString &entryId, const QJsonObject &data);
// "EXP" + two-digit year + a six-digit count, e.g. EXP26000001 (null if it could not be kept).
QString assignDisplayId(Database &db, const QString &entryId);

} // namespace benchtop::server::notebook
