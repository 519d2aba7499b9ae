// What a container holds, through the API: GET /containers/{container_id}/contents and GET,
// PATCH (sets a concentration; adds the content if new) and DELETE of
// /containers/{container_id}/contents/{containable_id}.
#include "ContainerJson.h"
#include "Routes.h"
#include "Storage.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace benchtop::server::inventory {

namespace {

std::variant<ResourceRow, ApiFailure>
containerFromPath(ServerContext &server, const RequestContext &context, const QString &param)
{
    const QString id = context.param(param);
    const auto row = server.resources.find(u"container"_s, id);
    if (!row)
        return ApiFailure::notFound(u"No container has the id %1."_s.arg(id), id);
    return *row;
}

} // namespace

http::HttpResponse listContents(ServerContext &server, const RequestContext &context)
{
    const auto container = containerFromPath(server, context, u"container_id"_s);
    if (const auto *failure = std::get_if<ApiFailure>(&container))
        return failure->response();
    QJsonArray contents;
    for (const Content &content : contentsOf(server.db, std::get<ResourceRow>(container).id))
        contents.append(contentJson(server, context, content));
    return jsonResponse(200, {{u"contents"_s, contents}});
}

http::HttpResponse oneContent(ServerContext &server, const RequestContext &context,
                              const QByteArray &method)
{
    const auto container = containerFromPath(server, context, u"container_id"_s);
    if (const auto *failure = std::get_if<ApiFailure>(&container))
        return failure->response();
    ResourceRow row = std::get<ResourceRow>(container);
    const QString entityId = context.param(u"containable_id"_s);
    auto content = findContent(server.db, row.id, entityId);
    if (method == "PATCH") {
        JsonBody body(context.request.body);
        body.allowOnly({u"concentration"_s}).require({u"concentration"_s});
        if (!body.ok())
            return body.failure()->response();
        const auto concentration =
            readQuantity(body.object().value(u"concentration"_s), u"concentration"_s, {}, true);
        if (const auto *failure = std::get_if<ApiFailure>(&concentration))
            return failure->response();
        // A content not yet there is added, if the entity exists (any resource can be held).
        if (!content) {
            if (!server.resources.find(entityId))
                return notFound(u"No entity has the id %1."_s.arg(entityId), entityId);
            if (row.isArchived())
                return badRequest(
                    u"%1 is archived; unarchive it before changing its contents."_s.arg(
                        inventory::describe(row)));
            content = Content{entityId, {}};
        }
        content->concentration = std::get<Quantity>(concentration);
        if (!setContent(server.db, row.id, *content))
            return internalError();
        if (auto failure = server.resources.update(row))
            return failure->response();
        return jsonResponse(200, contentJson(server, context, *content));
    }
    if (!content) {
        return notFound(u"%1 does not hold %2."_s.arg(inventory::describe(row), entityId),
                        entityId);
    }
    if (method == "DELETE") {
        server.db.exec(u"DELETE FROM container_contents WHERE container_id = ? AND entity_id = ?"_s,
                       {row.id, entityId});
        if (auto failure = server.resources.update(row))
            return failure->response();
        http::HttpResponse response;
        response.status = 204;
        return response;
    }
    return jsonResponse(200, contentJson(server, context, *content));
}

} // namespace benchtop::server::inventory
