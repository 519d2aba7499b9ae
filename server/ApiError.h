// Error answers in Benchling's shape: {"error": {"type", "message", "userMessage", "invalidId"}}.
#pragma once

#include "http/HttpTypes.h"

namespace benchtop::server {

http::HttpResponse apiError(int status, const QString &type, const QString &message,
                            const QString &invalidId = {});
http::HttpResponse badRequest(const QString &message);
http::HttpResponse notFound(const QString &message, const QString &invalidId);
http::HttpResponse unauthorized(const QString &message);
http::HttpResponse internalError();

} // namespace benchtop::server
