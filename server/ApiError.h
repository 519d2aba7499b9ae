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

// An error answer carried as a value, for helpers that either produce something or fail.
struct ApiFailure
{
    int status = 400;
    QString message;
    QString invalidId;
    QString type = QStringLiteral("invalid_request_error");

    http::HttpResponse response() const { return apiError(status, type, message, invalidId); }
    static ApiFailure badRequest(const QString &message, const QString &invalidId = {})
    {
        return {400, message, invalidId};
    }
    static ApiFailure notFound(const QString &message, const QString &invalidId)
    {
        return {404, message, invalidId};
    }
    static ApiFailure internal()
    {
        return {500,
                QStringLiteral("The server could not complete the request. Nothing was changed; "
                               "try again, and see the server log if it persists."),
                {},
                QStringLiteral("server_error")};
    }
};

} // namespace benchtop::server
