// Transfers between containers, or from an entity into a container: one through
// POST /containers/{destination_container_id}:transfer, many as a background task through
// POST /transfers (all or nothing). A transfer takes its amount from the source container's
// quantity (converted between units of one dimension) and sets what the destination holds.
#include "Contents.h"
#include "Routes.h"
#include "Storage.h"

#include "server/Tasks.h"

#include <QJsonArray>

#include <cmath>
#include <memory>

using namespace Qt::StringLiterals;

namespace benchtop::server::inventory {

namespace {

struct Transfer
{
    QString destinationId;
    QString sourceEntityId;
    QString sourceContainerId;
    QString sourceBatchId;
    Quantity amount;
    std::optional<QJsonArray> destinationContents;
    std::optional<Quantity> finalQuantity;
    std::optional<Quantity> sourceConcentration;
};

// Reads the fields ContainerTransferBase shares (sources and amount) from `body`.
std::optional<ApiFailure> readTransferBase(JsonBody &body, Transfer &transfer)
{
    transfer.sourceEntityId = body.string(u"sourceEntityId"_s);
    transfer.sourceContainerId = body.string(u"sourceContainerId"_s);
    transfer.sourceBatchId = body.string(u"sourceBatchId"_s);
    body.stringList(u"sampleOwnerIds"_s);
    body.stringList(u"restrictedSamplePartyIds"_s);
    if (!body.ok())
        return body.failure();
    const int sources = int(!transfer.sourceEntityId.isEmpty()) +
                        int(!transfer.sourceContainerId.isEmpty()) +
                        int(!transfer.sourceBatchId.isEmpty());
    if (sources != 1) {
        return ApiFailure::badRequest(u"A transfer names exactly one source: sourceEntityId, "
                                      "sourceBatchId or sourceContainerId."_s);
    }
    if (!transfer.sourceBatchId.isEmpty()) {
        return ApiFailure::badRequest(
            u"This server has no batches; transfer from an entity or a container instead."_s,
            transfer.sourceBatchId);
    }
    const bool deprecated = !body.has(u"transferQuantity"_s);
    if (deprecated && !body.has(u"transferVolume"_s))
        return ApiFailure::badRequest(
            u"A transfer needs transferQuantity (or the deprecated transferVolume)."_s);
    const QString key = deprecated ? u"transferVolume"_s : u"transferQuantity"_s;
    const auto amount = readQuantity(body.object().value(key), key,
                                     deprecated ? kVolumeUnits : kQuantityUnits, true);
    if (const auto *failure = std::get_if<ApiFailure>(&amount))
        return *failure;
    transfer.amount = std::get<Quantity>(amount);
    if (!transfer.amount.value)
        return ApiFailure::badRequest(u"Field '%1' needs a value and units."_s.arg(key));
    return std::nullopt;
}

std::optional<ApiFailure> readOptionalQuantity(JsonBody &body, const QString &key,
                                               const QString &deprecatedKey,
                                               std::optional<Quantity> *out)
{
    const bool modern = body.has(key) && !body.object().value(key).isNull();
    const bool old = body.has(deprecatedKey) && !body.object().value(deprecatedKey).isNull();
    if (!modern && !old)
        return std::nullopt;
    const QString used = modern ? key : deprecatedKey;
    const auto quantity =
        readQuantity(body.object().value(used), used, modern ? kQuantityUnits : kVolumeUnits, true);
    if (const auto *failure = std::get_if<ApiFailure>(&quantity))
        return *failure;
    *out = std::get<Quantity>(quantity);
    return std::nullopt;
}

// Moves `transfer.amount` from its source into the destination container and sets the
// destination's contents; a refusal writes nothing the request keeps.
std::optional<ApiFailure> applyTransfer(ServerContext &server, const Transfer &transfer)
{
    auto destination = server.resources.find(u"container"_s, transfer.destinationId);
    if (!destination) {
        return ApiFailure::badRequest(
            u"No container has the id %1 to transfer into."_s.arg(transfer.destinationId),
            transfer.destinationId);
    }
    if (destination->isArchived()) {
        return ApiFailure::badRequest(u"%1 is archived; nothing can be transferred into it."_s.arg(
                                          inventory::describe(*destination)),
                                      destination->id);
    }
    Quantity destQuantity = storedQuantity(*destination);
    const Quantity &amount = transfer.amount;
    QList<Content> incoming;
    if (!transfer.sourceContainerId.isEmpty()) {
        auto source = server.resources.find(u"container"_s, transfer.sourceContainerId);
        if (!source) {
            return ApiFailure::badRequest(
                u"No container has the id %1 to transfer from."_s.arg(transfer.sourceContainerId),
                transfer.sourceContainerId);
        }
        if (source->id == destination->id)
            return ApiFailure::badRequest(u"A container cannot be transferred into itself."_s,
                                          source->id);
        if (source->isArchived()) {
            return ApiFailure::badRequest(
                u"%1 is archived; nothing can be transferred from it."_s.arg(
                    inventory::describe(*source)),
                source->id);
        }
        Quantity sourceQuantity = storedQuantity(*source);
        const auto available = sourceQuantity.value ? convert(*sourceQuantity.value,
                                                              sourceQuantity.units, amount.units)
                                                    : std::nullopt;
        if (!available) {
            return ApiFailure::badRequest(
                u"%1 holds %2, which cannot be measured in %3."_s.arg(
                    inventory::describe(*source), formatQuantity(sourceQuantity), amount.units),
                source->id);
        }
        if (*available + 1e-9 < *amount.value) {
            return ApiFailure::badRequest(
                u"%1 holds only %2; %3 cannot be transferred from it."_s.arg(
                    inventory::describe(*source), formatQuantity(sourceQuantity),
                    formatQuantity(amount)),
                source->id);
        }
        const double left =
            *convert(*available - *amount.value, amount.units, sourceQuantity.units);
        sourceQuantity.value = std::abs(left) < 1e-12 ? 0.0 : left;
        storeQuantity(*source, sourceQuantity);
        if (auto failure = server.resources.update(*source))
            return failure;
        incoming = contentsOf(server.db, source->id);
    } else {
        if (!server.resources.find(transfer.sourceEntityId)) {
            return ApiFailure::badRequest(
                u"No entity has the id %1 to transfer."_s.arg(transfer.sourceEntityId),
                transfer.sourceEntityId);
        }
        incoming.append(
            {transfer.sourceEntityId, transfer.sourceConcentration.value_or(Quantity{})});
    }
    if (!destQuantity.value) {
        destQuantity = amount;
    } else {
        const auto added = convert(*amount.value, amount.units, destQuantity.units);
        if (!added) {
            return ApiFailure::badRequest(u"%1 holds %2; %3 cannot be added to it."_s.arg(
                                              inventory::describe(*destination),
                                              formatQuantity(destQuantity), formatQuantity(amount)),
                                          destination->id);
        }
        *destQuantity.value += *added;
    }
    if (transfer.finalQuantity)
        destQuantity = *transfer.finalQuantity;
    storeQuantity(*destination, destQuantity);
    if (transfer.destinationContents && !transfer.destinationContents->isEmpty()) {
        // The caller says what the destination holds afterwards.
        QList<Content> contents;
        for (qsizetype i = 0; i < transfer.destinationContents->size(); ++i) {
            const QJsonObject item = transfer.destinationContents->at(i).toObject();
            const QString entityId = item.value(u"entityId"_s).toString();
            if (entityId.isEmpty())
                return ApiFailure::badRequest(
                    u"destinationContents[%1] needs an entityId."_s.arg(i));
            if (!server.resources.find(entityId))
                return ApiFailure::badRequest(
                    u"destinationContents[%1] names %2, but no entity has that id."_s.arg(i).arg(
                        entityId),
                    entityId);
            Content content{entityId, {}};
            if (item.contains(u"concentration"_s) && !item.value(u"concentration"_s).isNull()) {
                const auto c =
                    readQuantity(item.value(u"concentration"_s),
                                 u"destinationContents[%1].concentration"_s.arg(i), {}, true);
                if (const auto *failure = std::get_if<ApiFailure>(&c))
                    return *failure;
                content.concentration = std::get<Quantity>(c);
            }
            contents.append(content);
        }
        server.db.exec(u"DELETE FROM container_contents WHERE container_id = ?"_s,
                       {destination->id});
        incoming = contents;
    }
    for (const Content &content : std::as_const(incoming)) {
        if (findContent(server.db, destination->id, content.entityId) &&
            !(transfer.destinationContents && !transfer.destinationContents->isEmpty()))
            continue;
        if (!setContent(server.db, destination->id, content))
            return ApiFailure::internal();
    }
    return server.resources.update(*destination);
}

} // namespace

http::HttpResponse transferInto(ServerContext &server, const RequestContext &context)
{
    JsonBody body(context.request.body);
    body.allowOnly({u"destinationContents"_s, u"destinationQuantity"_s, u"destinationVolume"_s,
                    u"restrictedSamplePartyIds"_s, u"restrictionStatus"_s, u"sampleOwnerIds"_s,
                    u"sourceBatchId"_s, u"sourceContainerId"_s, u"sourceEntityId"_s,
                    u"transferQuantity"_s, u"transferVolume"_s})
        .require({u"destinationContents"_s});
    Transfer transfer;
    transfer.destinationId = context.param(u"destination_container_id"_s);
    transfer.destinationContents = body.array(u"destinationContents"_s);
    if (!body.ok())
        return body.failure()->response();
    if (auto failure = readTransferBase(body, transfer))
        return failure->response();
    if (auto failure = readOptionalQuantity(body, u"destinationQuantity"_s, u"destinationVolume"_s,
                                            &transfer.finalQuantity))
        return failure->response();
    if (auto failure = applyTransfer(server, transfer))
        return failure->response();
    return jsonResponse(200, {});
}

http::HttpResponse transferMany(ServerContext &server, const ResourceType &containers,
                                const RequestContext &context)
{
    JsonBody body(context.request.body);
    body.allowOnly({u"transfers"_s}).require({u"transfers"_s});
    const QJsonArray items = body.array(u"transfers"_s);
    if (!body.ok())
        return body.failure()->response();
    if (items.isEmpty() || items.size() > 5000)
        return badRequest(u"Field 'transfers' must hold between 1 and 5000 transfers."_s);
    QList<Transfer> transfers;
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items[i].isObject())
            return badRequest(u"Item %1 of 'transfers' must be an object."_s.arg(i));
        JsonBody item(items[i].toObject(), u"Transfer %1"_s.arg(i));
        item.require({u"destinationContainerId"_s});
        Transfer transfer;
        transfer.destinationId = item.string(u"destinationContainerId"_s);
        if (!item.ok())
            return item.failure()->response();
        if (auto failure = readTransferBase(item, transfer))
            return badRequest(u"Transfer %1: %2"_s.arg(i).arg(failure->message));
        if (auto failure = readOptionalQuantity(item, u"finalQuantity"_s, u"finalVolume"_s,
                                                &transfer.finalQuantity))
            return badRequest(u"Transfer %1: %2"_s.arg(i).arg(failure->message));
        std::optional<Quantity> concentration;
        if (item.has(u"sourceConcentration"_s) &&
            !item.object().value(u"sourceConcentration"_s).isNull()) {
            const auto c = readQuantity(item.object().value(u"sourceConcentration"_s),
                                        u"sourceConcentration"_s, {}, true);
            if (const auto *failure = std::get_if<ApiFailure>(&c))
                return badRequest(u"Transfer %1: %2"_s.arg(i).arg(failure->message));
            transfer.sourceConcentration = std::get<Quantity>(c);
        }
        transfers.append(transfer);
    }
    auto detached = std::make_shared<DetachedContext>(context);
    ServerContext *s = &server;
    return server.tasks.start(context, [s, containers, detached, transfers]() {
        const RequestContext taskContext = detached->context();
        QJsonArray errors;
        QStringList destinations;
        for (qsizetype i = 0; i < transfers.size(); ++i) {
            if (auto failure = applyTransfer(*s, transfers[i])) {
                errors.append(QJsonObject{{u"index"_s, int(i)}, {u"message"_s, failure->message}});
                continue;
            }
            if (!destinations.contains(transfers[i].destinationId))
                destinations.append(transfers[i].destinationId);
        }
        if (!errors.isEmpty()) {
            return TaskOutcome::failure(
                u"%1 of %2 transfers were refused; nothing was saved."_s.arg(errors.size())
                    .arg(transfers.size()),
                errors);
        }
        QJsonArray results;
        for (const QString &id : std::as_const(destinations))
            results.append(resource_ops::freshJson(*s, containers, taskContext, id));
        return TaskOutcome{true, {{u"destinationContainers"_s, results}}, {}, {}};
    });
}

} // namespace benchtop::server::inventory
