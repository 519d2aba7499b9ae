#include "ApiError.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace benchtop::server {

http::HttpResponse apiError(int status, const QString &type, const QString &message,
                            const QString &invalidId)
{
    QJsonObject error{{u"type"_s, type}, {u"message"_s, message}, {u"userMessage"_s, message}};
    if (!invalidId.isEmpty())
        error.insert(u"invalidId", invalidId);
    return http::HttpResponse::json(status, QJsonDocument(QJsonObject{{u"error"_s, error}}));
}

http::HttpResponse badRequest(const QString &message)
{
    return apiError(400, QStringLiteral("invalid_request_error"), message);
}

http::HttpResponse notFound(const QString &message, const QString &invalidId)
{
    return apiError(404, QStringLiteral("invalid_request_error"), message, invalidId);
}

http::HttpResponse unauthorized(const QString &message)
{
    auto response = apiError(401, QStringLiteral("invalid_request_error"), message);
    response.setHeader("WWW-Authenticate", "Basic realm=\"Benchling\"");
    return response;
}

http::HttpResponse internalError()
{
    return apiError(
        500, QStringLiteral("server_error"),
        QStringLiteral("The server could not complete the request. Nothing was changed; "
                       "try again, and see the server log if it persists."));
}

} // namespace benchtop::server
