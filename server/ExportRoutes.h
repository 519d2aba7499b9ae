// POST /api/v2/exports: an entry rendered to PDF by a background task and stored as a blob; the
// task's response carries a signed downloadURL for it (the spec's ExportsAsyncTask).
#pragma once

#include "ResourceRoutes.h"

namespace benchtop::server {

void addExportRoutes(Router &router, ServerContext &server);

// The PDF of an entry's JSON (as GET /entries/{id} answers it): text only, in the PDF standard
// fonts, so it needs no Qt Gui (the server has no QGuiApplication to load fonts). `linkName`
// names a linked resource ({type, id}) for the reader; empty falls back to the id.
QByteArray renderEntryPdf(const QJsonObject &entry,
                          const std::function<QString(const QJsonObject &link)> &linkName);

} // namespace benchtop::server
