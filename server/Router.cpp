#include "Router.h"

namespace benchtop::server {

void Router::add(const QByteArray &method, const QString &pattern, RouteHandler handler,
                 Access access)
{
    Route route{method, {}, std::move(handler), access};
    for (const QString &part : pattern.split(u'/', Qt::SkipEmptyParts)) {
        if (part.startsWith(u'{')) {
            const qsizetype close = part.indexOf(u'}');
            Q_ASSERT(close > 0);
            route.segments.append({part.mid(close + 1), part.mid(1, close - 1)});
        } else {
            route.segments.append({part, {}});
        }
    }
    m_routes.append(std::move(route));
}

bool Router::matches(const Route &route, const QStringList &parts, QHash<QString, QString> *params)
{
    if (route.segments.size() != parts.size())
        return false;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const Segment &segment = route.segments[i];
        const QString &part = parts[i];
        if (segment.param.isEmpty()) {
            if (part != segment.literal)
                return false;
            continue;
        }
        if (!part.endsWith(segment.literal))
            return false;
        const QString value = part.first(part.size() - segment.literal.size());
        if (value.isEmpty() || value.contains(u':'))
            return false;
        params->insert(segment.param, value);
    }
    return true;
}

Router::Match Router::match(const QByteArray &method, const QString &path) const
{
    const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
    Match result;
    for (const Route &route : m_routes) {
        QHash<QString, QString> params;
        if (!matches(route, parts, &params))
            continue;
        // HEAD is answered by the GET route; the HTTP layer drops the body.
        if (route.method == method || (method == "HEAD" && route.method == "GET")) {
            result.handler = &route.handler;
            result.access = route.access;
            result.params = std::move(params);
            return result;
        }
        if (!result.allowedMethods.contains(route.method))
            result.allowedMethods.append(route.method);
    }
    return result;
}

} // namespace benchtop::server
