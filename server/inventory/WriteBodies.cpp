// Create and update bodies of the inventory families (see WriteBodies.h).
#include "WriteBodies.h"

#include "Contents.h"
#include "Storage.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace benchtop::server::inventory {

namespace {

std::optional<ApiFailure> place(ServerContext &server, ResourceRow &row, const QString &target)
{
    const auto placement = inventory::resolvePlacement(server, row, target);
    if (const auto *failure = std::get_if<ApiFailure>(&placement))
        return *failure;
    row.parentId = std::get<inventory::Placement>(placement).parentId;
    row.position = std::get<inventory::Placement>(placement).position;
    return std::nullopt;
}

// Name defaults to the barcode (as the spec says for plates and wells), else the id.
void defaultName(ResourceRow &row)
{
    if (row.name.isEmpty())
        row.name = row.barcode.isEmpty() ? row.id : row.barcode;
}

void readProject(JsonBody &body, ResourceRow &row)
{
    if (body.has(u"projectId"_s)) {
        const auto project = body.optionalString(u"projectId"_s);
        row.data.insert(u"projectId"_s, project ? QJsonValue(*project) : QJsonValue());
    }
}

} // namespace

std::optional<ApiFailure> storageCreate(ServerContext &server, JsonBody &body, ResourceRow &row,
                                        const QStringList &extraKeys)
{
    QStringList keys{u"barcode"_s,         u"fields"_s,    u"name"_s,
                     u"parentStorageId"_s, u"projectId"_s, u"schemaId"_s};
    keys.append(extraKeys);
    body.allowOnly(keys).require({u"schemaId"_s});
    row.schemaId = body.string(u"schemaId"_s);
    row.barcode = body.optionalString(u"barcode"_s).value_or(QString());
    row.name = body.string(u"name"_s);
    defaultName(row);
    row.data.insert(u"fields"_s, body.object(u"fields"_s));
    readProject(body, row);
    const QString parent = body.optionalString(u"parentStorageId"_s).value_or(QString());
    if (!body.ok())
        return std::nullopt;
    // The schema must be the right kind before its grid means anything.
    if (auto failure = resource_ops::checkSchema(server, row.kind, row.schemaId))
        return failure;
    return place(server, row, parent);
}

std::optional<ApiFailure> storageUpdate(ServerContext &server, JsonBody &body, ResourceRow &row)
{
    body.allowOnly({u"fields"_s, u"name"_s, u"parentStorageId"_s, u"projectId"_s});
    row.name = body.string(u"name"_s, row.name);
    if (body.has(u"fields"_s))
        row.data.insert(u"fields"_s, body.object(u"fields"_s));
    readProject(body, row);
    if (body.has(u"parentStorageId"_s) && body.ok())
        return place(server, row, body.optionalString(u"parentStorageId"_s).value_or(QString()));
    return std::nullopt;
}

namespace {

std::optional<ApiFailure> readUserIds(ServerContext &server, JsonBody &body, const QString &key,
                                      ResourceRow &row)
{
    if (!body.has(key))
        return std::nullopt;
    const QStringList ids = body.stringList(key);
    for (const QString &id : ids) {
        if (!userExists(server.db, id))
            return ApiFailure::badRequest(u"%1 names %2, but no user has that id."_s.arg(key, id),
                                          id);
    }
    row.data.insert(key, QJsonArray::fromStringList(ids));
    return std::nullopt;
}

// The parts of ContainerWriteBase every container body shares.
std::optional<ApiFailure> containerWriteBase(ServerContext &server, JsonBody &body,
                                             ResourceRow &row)
{
    if (body.has(u"name"_s))
        row.name = body.string(u"name"_s);
    if (body.has(u"fields"_s))
        row.data.insert(u"fields"_s, body.object(u"fields"_s));
    readProject(body, row);
    if (body.has(u"restrictionStatus"_s)) {
        row.data.insert(u"restrictionStatus"_s,
                        body.oneOf(u"restrictionStatus"_s,
                                   {u"RESTRICTED"_s, u"UNRESTRICTED"_s, u"NOT_APPLICABLE"_s}));
    }
    if (auto failure = readUserIds(server, body, u"sampleOwnerIds"_s, row))
        return failure;
    return readUserIds(server, body, u"restrictedSamplePartyIds"_s, row);
}

const QStringList kContainerWriteBaseKeys = {u"fields"_s,
                                             u"name"_s,
                                             u"parentStorageId"_s,
                                             u"restrictedSamplePartyIds"_s,
                                             u"restrictionStatus"_s,
                                             u"sampleOwnerIds"_s};

} // namespace

std::optional<ApiFailure> containerCreate(ServerContext &server, JsonBody &body, ResourceRow &row)
{
    QStringList keys = kContainerWriteBaseKeys;
    keys.append({u"barcode"_s, u"projectId"_s, u"schemaId"_s});
    body.allowOnly(keys).require({u"schemaId"_s});
    row.schemaId = body.string(u"schemaId"_s);
    row.barcode = body.optionalString(u"barcode"_s).value_or(QString());
    row.data.insert(u"fields"_s, QJsonObject());
    storeQuantity(row, {});
    if (auto failure = containerWriteBase(server, body, row))
        return failure;
    defaultName(row);
    const QString parent = body.optionalString(u"parentStorageId"_s).value_or(QString());
    if (!body.ok())
        return std::nullopt;
    if (auto failure = resource_ops::checkSchema(server, u"container"_s, row.schemaId))
        return failure;
    return place(server, row, parent);
}

namespace {

bool isWell(ServerContext &server, const ResourceRow &row)
{
    if (row.parentId.isNull())
        return false;
    const auto parent = server.resources.find(row.parentId);
    return parent && inventory::isWellPlate(server.db, *parent);
}

} // namespace

std::optional<ApiFailure> containerUpdate(ServerContext &server, JsonBody &body, ResourceRow &row,
                                          bool bulkItem)
{
    QStringList keys = kContainerWriteBaseKeys;
    keys.append({u"projectId"_s, u"quantity"_s, u"role"_s, u"volume"_s});
    if (bulkItem)
        keys.append({u"containerId"_s, u"concentration"_s});
    body.allowOnly(keys);
    if (auto failure = containerWriteBase(server, body, row))
        return failure;
    if (!body.ok())
        return std::nullopt;
    if (body.has(u"quantity"_s) || body.has(u"volume"_s)) {
        const bool deprecated = !body.has(u"quantity"_s);
        const QString key = deprecated ? u"volume"_s : u"quantity"_s;
        const auto quantity = readQuantity(body.object().value(key), key,
                                           deprecated ? kVolumeUnits : kQuantityUnits, false);
        if (const auto *failure = std::get_if<ApiFailure>(&quantity))
            return *failure;
        storeQuantity(row, std::get<Quantity>(quantity));
    }
    if (body.has(u"role"_s)) {
        const QJsonValue role = body.object().value(u"role"_s);
        if (!role.isNull() && !role.isObject())
            return ApiFailure::badRequest(u"Field 'role' must be an object or null."_s);
        if (!isWell(server, row) && !role.isNull())
            return ApiFailure::badRequest(
                u"Only a well of a well plate has a role; %1 is not one."_s.arg(
                    inventory::describe(row)));
        row.data.insert(u"role"_s, role);
    }
    if (bulkItem && body.has(u"concentration"_s) &&
        !body.object().value(u"concentration"_s).isNull()) {
        const auto concentration =
            readQuantity(body.object().value(u"concentration"_s), u"concentration"_s, {}, true);
        if (const auto *failure = std::get_if<ApiFailure>(&concentration))
            return *failure;
        QList<Content> contents = contentsOf(server.db, row.id);
        if (contents.size() != 1) {
            return ApiFailure::badRequest(
                u"concentration only applies to a container with exactly one content; %1 holds %2."_s
                    .arg(inventory::describe(row))
                    .arg(contents.size()));
        }
        contents.first().concentration = std::get<Quantity>(concentration);
        if (!setContent(server.db, row.id, contents.first()))
            return ApiFailure::internal();
    }
    if (body.has(u"parentStorageId"_s)) {
        const QString target = body.optionalString(u"parentStorageId"_s).value_or(QString());
        if (isWell(server, row)) {
            // A well is part of its plate: it may "move" only onto itself.
            const QString self = row.parentId + u':' + row.position;
            if (target.compare(self, Qt::CaseInsensitive) != 0 && target != row.parentId) {
                return ApiFailure::badRequest(
                    u"%1 is a well of a well plate and cannot be moved; transfer its contents "
                    "instead."_s.arg(inventory::describe(row)));
            }
            return std::nullopt;
        }
        return place(server, row, target);
    }
    return std::nullopt;
}

} // namespace benchtop::server::inventory
