// Actions on many containers at once: POST /containers:bulk-update (a background task that
// saves all items or none) and check-out, reserve and check-in (container_checkouts).
#include "Contents.h"
#include "Routes.h"
#include "Storage.h"
#include "WriteBodies.h"

#include "server/Ids.h"
#include "server/Tasks.h"

#include <QJsonArray>
#include <QSqlError>

#include <memory>

using namespace Qt::StringLiterals;

namespace benchtop::server::inventory {

http::HttpResponse bulkUpdateContainers(ServerContext &server, const ResourceType &type,
                                        const RequestContext &context)
{
    JsonBody body(context.request.body);
    body.allowOnly({u"containers"_s}).require({u"containers"_s});
    const QJsonArray items = body.array(u"containers"_s);
    if (!body.ok())
        return body.failure()->response();
    if (items.isEmpty() || items.size() > type.maxBulkItems) {
        return badRequest(
            u"Field 'containers' must hold between 1 and %1 items."_s.arg(type.maxBulkItems));
    }
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items[i].isObject() || !items[i].toObject().value(u"containerId"_s).isString())
            return badRequest(
                u"Item %1 of 'containers' must be an object with a containerId."_s.arg(i));
    }
    auto detached = std::make_shared<DetachedContext>(context);
    ServerContext *s = &server;
    return server.tasks.start(context, [s, type, detached, items]() {
        const RequestContext taskContext = detached->context();
        QJsonArray results;
        QJsonArray errors;
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString id = items[i].toObject().value(u"containerId"_s).toString();
            auto row = s->resources.find(u"container"_s, id);
            std::optional<ApiFailure> failure;
            if (!row) {
                failure = ApiFailure::badRequest(u"No container has the id %1."_s.arg(id), id);
            } else {
                JsonBody item(items[i].toObject(), u"Item %1"_s.arg(i));
                failure = containerUpdate(*s, item, *row, true);
                if (!failure && !item.ok())
                    failure = item.failure();
                if (!failure)
                    failure = s->resources.update(*row);
            }
            if (failure) {
                errors.append(QJsonObject{{u"index"_s, int(i)}, {u"message"_s, failure->message}});
                continue;
            }
            results.append(resource_ops::freshJson(*s, type, taskContext, id));
        }
        if (!errors.isEmpty()) {
            return TaskOutcome::failure(
                u"%1 of %2 items were refused; nothing was saved."_s.arg(errors.size())
                    .arg(items.size()),
                errors);
        }
        return TaskOutcome{true, {{u"containers"_s, results}}, {}, {}};
    });
}

namespace {

// The containers named by `ids`, or a 400 naming those that do not exist.
std::variant<QList<ResourceRow>, ApiFailure> findContainers(ServerContext &server,
                                                            const QStringList &ids)
{
    QList<ResourceRow> rows;
    QStringList missing;
    for (const QString &id : ids) {
        const auto row = server.resources.find(u"container"_s, id);
        if (row)
            rows.append(*row);
        else
            missing.append(id);
    }
    if (!missing.isEmpty()) {
        return ApiFailure::badRequest(
            u"No containers exist with these ids: %1"_s.arg(missing.join(u", "_s)),
            missing.first());
    }
    return rows;
}

} // namespace

// POST /containers:check-out, :reserve (status) and :check-in (status AVAILABLE).
http::HttpResponse setCheckout(ServerContext &server, const RequestContext &context,
                               const QString &status)
{
    JsonBody body(context.request.body);
    const bool checkIn = status == u"AVAILABLE"_s;
    if (checkIn)
        body.allowOnly({u"containerIds"_s, u"comments"_s}).require({u"containerIds"_s});
    else
        body.allowOnly({u"containerIds"_s, u"assigneeId"_s, u"comment"_s})
            .require({u"containerIds"_s, u"assigneeId"_s});
    const QStringList ids = body.stringList(u"containerIds"_s);
    const QString assignee = checkIn ? QString() : body.string(u"assigneeId"_s);
    const QString comment = body.string(checkIn ? u"comments"_s : u"comment"_s);
    if (!body.ok())
        return body.failure()->response();
    if (ids.isEmpty())
        return badRequest(u"Field 'containerIds' must name at least one container."_s);
    if (!checkIn && !userExists(server.db, assignee)) {
        return apiError(
            400, u"invalid_request_error"_s,
            u"assigneeId names %1, but no user has that id (teams are not supported)."_s.arg(
                assignee),
            assignee);
    }
    const auto found = findContainers(server, ids);
    if (const auto *failure = std::get_if<ApiFailure>(&found))
        return failure->response();
    for (ResourceRow row : std::get<QList<ResourceRow>>(found)) {
        if (row.isArchived()) {
            return badRequest(
                u"%1 is archived; unarchive it before checking it out, in or reserving it."_s.arg(
                    inventory::describe(row)));
        }
        const QString now = timestampNow();
        server.db.exec(u"DELETE FROM container_checkouts WHERE container_id = ?"_s, {row.id});
        if (server.db
                .exec(u"INSERT INTO container_checkouts (container_id, status, assignee_id, "
                      "comment, modified_at) VALUES (?, ?, ?, ?, ?)"_s,
                      {row.id, status, nullableText(assignee),
                       QString(comment.isNull() ? u""_s : comment), now})
                .lastError()
                .isValid())
            return internalError();
        if (auto failure = server.resources.update(row))
            return failure->response();
    }
    return jsonResponse(200, {});
}

} // namespace benchtop::server::inventory
