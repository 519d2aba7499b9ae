// Maps "METHOD /api/v2/path/{param}" to handlers, in the way Benchling's paths are shaped:
// a segment is a literal ("locations:archive"), a parameter ("{location_id}"), or a parameter
// with an action suffix ("{container_id}:transfer"). A plain parameter never matches a segment
// with a colon, so "/containers/con_1:transfer" does not fall into "/containers/{id}".
#pragma once

#include "Auth.h"
#include "http/HttpTypes.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QUrl>

#include <functional>

namespace benchtop::server {

struct RequestContext
{
    const http::HttpRequest &request;
    QHash<QString, QString> params;
    Principal principal;
    QString baseUrl; // "http://host:port", as the client addressed us, for webURL fields
    // Work to start once the request's transaction has committed (e.g. a background task that
    // must see the rows the request wrote). Dropped if the request fails.
    mutable QList<std::function<void()>> afterCommit;

    QString param(const QString &name) const { return params.value(name); }
};

// A request context that outlives its request, for work that runs after it (a background task).
struct DetachedContext
{
    http::HttpRequest request;
    QHash<QString, QString> params;
    Principal principal;
    QString baseUrl;

    explicit DetachedContext(const RequestContext &context)
        : request(context.request)
        , params(context.params)
        , principal(context.principal)
        , baseUrl(context.baseUrl)
    {}
    RequestContext context() const
    {
        return RequestContext{request, params, principal, baseUrl, {}};
    }
};

// An answer with a JSON body.
inline http::HttpResponse jsonResponse(int status, const QJsonObject &object)
{
    return http::HttpResponse::json(status, QJsonDocument(object));
}

// A query parameter of the request, decoded.
inline QString queryValue(const RequestContext &context, const QString &name)
{
    return context.request.query.queryItemValue(name, QUrl::FullyDecoded);
}

using RouteHandler = std::function<http::HttpResponse(const RequestContext &)>;

class Router
{
public:
    enum class Access { Authenticated, Public };

    void add(const QByteArray &method, const QString &pattern, RouteHandler handler,
             Access access = Access::Authenticated);

    struct Match
    {
        const RouteHandler *handler = nullptr;
        Access access = Access::Authenticated;
        QHash<QString, QString> params;
        QByteArrayList allowedMethods; // filled when the path matched but the method did not
    };
    Match match(const QByteArray &method, const QString &path) const;

private:
    struct Segment
    {
        QString literal; // for literal segments, or the suffix after a parameter
        QString param;   // empty for literal segments
    };
    struct Route
    {
        QByteArray method;
        QList<Segment> segments;
        RouteHandler handler;
        Access access;
    };
    static bool matches(const Route &route, const QStringList &parts,
                        QHash<QString, QString> *params);

    QList<Route> m_routes;
};

} // namespace benchtop::server
