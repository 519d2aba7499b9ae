#include "SessionRoutes.h"

#include <QCoreApplication>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace benchtop::server {

void addSessionRoutes(Router &router)
{
    router.add("GET", u"/api/v2/benchtop/session"_s, [](const RequestContext &context) {
        const Principal &who = context.principal;
        QString version = QCoreApplication::applicationVersion();
        if (version.isEmpty())
            version = u"dev"_s;
        return http::HttpResponse::json(
            200,
            QJsonDocument(QJsonObject{{u"user"_s, QJsonObject{{u"id"_s, who.userId},
                                                              {u"handle"_s, who.handle},
                                                              {u"name"_s, who.name}}},
                                      {u"server"_s, QJsonObject{{u"name"_s, u"benchtop-server"_s},
                                                                {u"version"_s, version}}}}));
    });
}

} // namespace benchtop::server
