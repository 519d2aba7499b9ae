// Inventory: boxes, plates, containers (tubes and wells), their schemas and the registry, with
// check-out, contents and transfers. Locations are in LocationRoutes.cpp; where things may go
// (grids, capacity, the move rules) is in inventory/Storage.cpp.
//
// This file makes the tables and registers every route; the rest is in server/inventory/:
// Quantity and Contents (values and side tables), ContainerJson and BoxPlateJson (the JSON),
// ResourceTypes with Filters and WriteBodies (the families' descriptors), PlateBoxRoutes,
// ContainerActions, ContentRoutes, Transfers and SchemaRoutes (the routes of their own), and
// InventoryDemo (the demo lab). inventory/Routes.h declares the handlers registered here.
#include "InventoryRoutes.h"

#include "inventory/ResourceTypes.h"
#include "inventory/Routes.h"
#include "storage/Migrations.h"

using namespace Qt::StringLiterals;

namespace benchtop::server {

using namespace inventory;

QStringList inventoryMigration(bool postgres)
{
    const QString real = postgres ? u"DOUBLE PRECISION"_s : u"REAL"_s;
    return {
        // What a container holds: entities (any resource) at a concentration.
        u"CREATE TABLE container_contents (container_id TEXT NOT NULL, entity_id TEXT NOT NULL, "
        "concentration_value %1, concentration_units TEXT, PRIMARY KEY (container_id, "
        "entity_id))"_s.arg(real),
        u"CREATE INDEX container_contents_entity ON container_contents(entity_id)"_s,
        // Check-out state; a container without a row is AVAILABLE.
        u"CREATE TABLE container_checkouts (container_id TEXT PRIMARY KEY, status TEXT NOT NULL, "
        "assignee_id TEXT, comment TEXT NOT NULL DEFAULT '', modified_at TEXT NOT NULL)"_s,
    };
}

void addInventoryRoutes(Router &router, ServerContext &server)
{
    ServerContext *s = &server;
    addSchemaRoutes(router, server);
    addResourceRoutes(router, server, boxType(server), AllOperations & ~(BulkCreate | BulkUpdate));
    const ResourceType containers = containerType(server);
    router.add("GET", u"/api/v2/boxes/{box_id}/contents"_s,
               [s, containers](const RequestContext &c) { return boxContents(*s, containers, c); });

    const ResourceType plates = plateType(server);
    addResourceRoutes(router, server, plates, AllOperations & ~(Create | BulkCreate | BulkUpdate));
    router.add("POST", u"/api/v2/plates"_s,
               [s, plates](const RequestContext &c) { return createPlate(*s, plates, c); });

    addResourceRoutes(router, server, containers, AllOperations & ~BulkUpdate);
    router.add("POST", u"/api/v2/containers:bulk-update"_s,
               [s, containers](const RequestContext &c) {
                   return bulkUpdateContainers(*s, containers, c);
               });
    router.add("POST", u"/api/v2/containers:check-out"_s,
               [s](const RequestContext &c) { return setCheckout(*s, c, u"CHECKED_OUT"_s); });
    router.add("POST", u"/api/v2/containers:reserve"_s,
               [s](const RequestContext &c) { return setCheckout(*s, c, u"RESERVED"_s); });
    router.add("POST", u"/api/v2/containers:check-in"_s,
               [s](const RequestContext &c) { return setCheckout(*s, c, u"AVAILABLE"_s); });
    router.add("GET", u"/api/v2/containers/{container_id}/contents"_s,
               [s](const RequestContext &c) { return listContents(*s, c); });
    for (const char *verb : {"GET", "PATCH", "DELETE"}) {
        const QByteArray method(verb);
        router.add(method, u"/api/v2/containers/{container_id}/contents/{containable_id}"_s,
                   [s, method](const RequestContext &c) { return oneContent(*s, c, method); });
    }
    router.add("POST", u"/api/v2/containers/{destination_container_id}:transfer"_s,
               [s](const RequestContext &c) { return transferInto(*s, c); });
    router.add("POST", u"/api/v2/transfers"_s, [s, containers](const RequestContext &c) {
        return transferMany(*s, containers, c);
    });
}

} // namespace benchtop::server
