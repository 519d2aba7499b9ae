#include "InventoryRoutes.h"

#include "storage/DemoData.h"
#include "storage/Migrations.h"

namespace benchtop::server {

QStringList inventoryMigration(bool postgres)
{
    Q_UNUSED(postgres);
    return {};
}

void addInventoryRoutes(Router &router, ServerContext &server)
{
    Q_UNUSED(router);
    Q_UNUSED(server);
}

bool seedInventoryDemo(Resources &resources, const QString &creatorId)
{
    Q_UNUSED(resources);
    Q_UNUSED(creatorId);
    return true;
}

} // namespace benchtop::server
