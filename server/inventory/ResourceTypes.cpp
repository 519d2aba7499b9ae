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

ResourceType storageBase(ServerContext &server, const QString &kind, const QString &idPrefix,
                         const QString &plural)
{
    ServerContext *s = &server;
    ResourceType type = ResourceType::named(kind, idPrefix, plural, plural);
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
    ResourceType type = storageBase(server, u"box"_s, u"box_"_s, u"boxes"_s);
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
    ResourceType type = storageBase(server, u"plate"_s, u"plt_"_s, u"plates"_s);
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
    ResourceType type =
        ResourceType::named(u"container"_s, u"con_"_s, u"containers"_s, u"containers"_s);
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
