// What the notebook's files share (internal to server/notebook and NotebookRoutes.cpp):
// answering JSON, reading the query, the ResourceTypes of projects, folders, entries and
// templates, and the handlers of the notebook's own routes, which addNotebookRoutes registers.
#pragma once

#include "server/ResourceRoutes.h"

#include <QJsonDocument>
#include <QUrl>

namespace benchtop::server::notebook {

inline http::HttpResponse jsonResponse(int status, const QJsonObject &object)
{
    return http::HttpResponse::json(status, QJsonDocument(object));
}

inline QString queryValue(const RequestContext &context, const QString &name)
{
    return context.request.query.queryItemValue(name, QUrl::FullyDecoded);
}

} // namespace benchtop::server::notebook
