// Blobs: files stored in the database (single-part and multi-part uploads, downloads, signed
// download URLs). Their tables are made by notebookMigration.
#pragma once

#include "ResourceRoutes.h"

#include <optional>

namespace benchtop::server {

void addBlobRoutes(Router &router, ServerContext &server);

struct BlobInfo
{
    QString id;
    QString name;
    QString uploadStatus;
    qint64 size = 0;
};

// A blob's metadata, or nullopt if there is none with that id.
std::optional<BlobInfo> findBlob(Database &db, const QString &id);
// A download URL for a blob that works without an API key until it expires (one hour);
// *expiresAt gets the expiry as Unix seconds.
QString signedBlobUrl(Database &db, const RequestContext &context, const QString &blobId,
                      qint64 *expiresAt);

} // namespace benchtop::server
