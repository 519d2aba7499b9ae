#include "NotebookRoutes.h"

#include "storage/DemoData.h"
#include "storage/Migrations.h"

namespace benchtop::server {

QStringList notebookMigration(bool postgres)
{
    Q_UNUSED(postgres);
    return {};
}

void addNotebookRoutes(Router &router, ServerContext &server)
{
    Q_UNUSED(router);
    Q_UNUSED(server);
}

bool seedNotebookDemo(Resources &resources, const QString &creatorId)
{
    Q_UNUSED(resources);
    Q_UNUSED(creatorId);
    return true;
}

} // namespace benchtop::server
