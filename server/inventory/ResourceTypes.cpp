// The descriptors of the inventory families (see ResourceTypes.h).
#include "ResourceTypes.h"

#include "BoxPlateJson.h"
#include "ContainerJson.h"
#include "Filters.h"
#include "WriteBodies.h"

#include "server/LocationRoutes.h"

using namespace Qt::StringLiterals;

namespace benchtop::server::inventory {

namespace {

const QStringList kInventoryArchiveReasons = {u"Made in error"_s, u"Retired"_s,      u"Expended"_s,
                                              u"Shipped"_s,       u"Contaminated"_s, u"Expired"_s,
                                              u"Missing"_s,       u"Other"_s};

ResourceType storageBase(ServerContext &server, const QString &kind)
{
    ServerContext *s = &server;
    ResourceType type;
    type.kind = kind;
    type.archiveReasons = kInventoryArchiveReasons;
    type.hasBarcodes = true;
    type.isStorage = true;
    type.schemaKind = kind;
    type.extraSorts = {{u"barcode"_s, u"COALESCE(r.barcode, '')"_s}};
    type.archiveCascade = [s](const QStringList &ids) {
        QHash<QString, QStringList> cascade = inventoryCascade(*s, ids);
        // The archival change of boxes and plates names containers only.
        return QHash<QString, QStringList>{{u"containerIds"_s, cascade.value(u"containerIds"_s)}};
    };
    return type;
}

} // namespace

ResourceType boxType(ServerContext &server)
{
    ServerContext *s = &server;
    ResourceType type = storageBase(server, u"box"_s);
    type.idPrefix = u"box_"_s;
    type.collection = u"boxes"_s;
    type.listKey = u"boxes"_s;
    type.idParam = u"box_id"_s;
    type.idsKey = u"boxIds"_s;
    type.noun = u"boxes"_s;
    type.toJson = [s](const RequestContext &c, const ResourceRow &row) {
        return boxesJson(*s, c, {row}).first();
    };
    type.toJsonPage = [s](const RequestContext &c, const QList<ResourceRow> &rows) {
        return boxesJson(*s, c, rows);
    };
    type.create = [s](const RequestContext &, JsonBody &body, ResourceRow &row) {
        return storageCreate(*s, body, row, {});
    };
    type.update = [s](const RequestContext &, JsonBody &body, ResourceRow &row) {
        return storageUpdate(*s, body, row);
    };
    type.filters = [s](const RequestContext &c, SqlConditions &where) {
        return storageFilters(*s, c, where);
    };
    return type;
}

ResourceType plateType(ServerContext &server)
{
    ServerContext *s = &server;
    ResourceType type = storageBase(server, u"plate"_s);
    type.idPrefix = u"plt_"_s;
    type.collection = u"plates"_s;
    type.listKey = u"plates"_s;
    type.idParam = u"plate_id"_s;
    type.idsKey = u"plateIds"_s;
    type.noun = u"plates"_s;
    type.toJson = [s](const RequestContext &c, const ResourceRow &row) {
        return platesJson(*s, c, {row}).first();
    };
    type.toJsonPage = [s](const RequestContext &c, const QList<ResourceRow> &rows) {
        return platesJson(*s, c, rows);
    };
    type.create = [s](const RequestContext &, JsonBody &body, ResourceRow &row) {
        return storageCreate(*s, body, row, {u"containerSchemaId"_s, u"wells"_s});
    };
    type.update = [s](const RequestContext &, JsonBody &body, ResourceRow &row) {
        return storageUpdate(*s, body, row);
    };
    type.filters = [s](const RequestContext &c, SqlConditions &where) {
        return storageFilters(*s, c, where);
    };
    return type;
}

ResourceType containerType(ServerContext &server)
{
    ServerContext *s = &server;
    ResourceType type;
    type.kind = u"container"_s;
    type.idPrefix = u"con_"_s;
    type.collection = u"containers"_s;
    type.listKey = u"containers"_s;
    type.idParam = u"container_id"_s;
    type.idsKey = u"containerIds"_s;
    type.noun = u"containers"_s;
    type.archiveReasons = kInventoryArchiveReasons;
    type.hasBarcodes = true;
    type.isStorage = true;
    type.parentFilter = u"parentStorageIds"_s;
    type.schemaKind = u"container"_s;
    type.extraSorts = {{u"barcode"_s, u"COALESCE(r.barcode, '')"_s}};
    type.toJson = [s](const RequestContext &c, const ResourceRow &row) {
        return containersJson(*s, c, {row}).first();
    };
    type.toJsonPage = [s](const RequestContext &c, const QList<ResourceRow> &rows) {
        return containersJson(*s, c, rows);
    };
    type.create = [s](const RequestContext &, JsonBody &body, ResourceRow &row) {
        return containerCreate(*s, body, row);
    };
    type.update = [s](const RequestContext &, JsonBody &body, ResourceRow &row) {
        return containerUpdate(*s, body, row, false);
    };
    type.filters = [s](const RequestContext &c, SqlConditions &where) {
        return containerFilters(*s, c, where);
    };
    return type;
}

} // namespace benchtop::server::inventory
