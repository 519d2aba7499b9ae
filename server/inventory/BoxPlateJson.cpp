// The JSON of boxes and plates (see BoxPlateJson.h).
#include "BoxPlateJson.h"

#include "ContainerJson.h"
#include "Storage.h"

#include "server/storage/Database.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace benchtop::server::inventory {

namespace {

QJsonValue optionalString(const QJsonObject &data, const QString &key)
{
    return data.value(key).isString() ? data.value(key) : QJsonValue();
}

struct ContainerCounts
{
    int filled = 0; // containers held
    int empty = 0;  // of those, the ones holding nothing
};

// The containers held by each of `storageIds` (none held: no entry), in one query per chunk.
QHash<QString, ContainerCounts> containerCounts(Database &db, const QStringList &storageIds)
{
    QHash<QString, ContainerCounts> counts;
    selectInChunks(db,
                   u"SELECT c.parent_id, COUNT(*), COUNT(CASE WHEN NOT EXISTS (SELECT 1 FROM "
                   "container_contents cc WHERE cc.container_id = c.id) THEN 1 END) FROM "
                   "resources c WHERE c.kind = 'container' AND c.parent_id IN (%1) GROUP BY "
                   "c.parent_id"_s,
                   {}, storageIds, [&counts](const QSqlQuery &query) {
                       counts.insert(query.value(0).toString(),
                                     {query.value(1).toInt(), query.value(2).toInt()});
                   });
    return counts;
}

QStringList idsOf(const QList<ResourceRow> &rows)
{
    QStringList ids;
    for (const ResourceRow &row : rows)
        ids.append(row.id);
    return ids;
}

QStringList schemaIdsOf(const QList<ResourceRow> &rows)
{
    QStringList ids;
    for (const ResourceRow &row : rows)
        ids.append(row.schemaId);
    return ids;
}

QJsonObject boxJson(const RequestContext &context, const ResourceRow &row, const Grid &grid,
                    const ContainerCounts &counts)
{
    const int filled = counts.filled;
    const int empty = std::max(0, grid.size() - filled);
    return {
        {u"id"_s, row.id},
        {u"name"_s, row.name},
        {u"barcode"_s, nullableJson(row.barcode)},
        {u"parentStorageId"_s, nullableJson(row.parentId)},
        {u"projectId"_s, optionalString(row.data, u"projectId"_s)},
        {u"fields"_s, row.data.value(u"fields"_s).toObject()},
        {u"size"_s, grid.size()},
        {u"filledPositions"_s, filled},
        {u"emptyPositions"_s, empty},
        {u"emptyContainers"_s, counts.empty},
        {u"totalCapacity"_s, grid.size()},
        {u"occupiedCapacity"_s, filled},
        {u"availableCapacity"_s, empty},
        {u"schema"_s, schemaSummaryJson(row)},
        {u"archiveRecord"_s, archiveRecordJson(row)},
        {u"creator"_s, creatorJson(row)},
        {u"createdAt"_s, row.createdAt},
        {u"modifiedAt"_s, row.modifiedAt},
        {u"webURL"_s, webUrl(context, u"boxes"_s, row.id)},
    };
}

} // namespace

QList<QJsonObject> boxesJson(ServerContext &server, const RequestContext &context,
                             const QList<ResourceRow> &rows)
{
    const auto definitions = inventory::schemaDefinitions(server.db, schemaIdsOf(rows));
    const auto counts = containerCounts(server.db, idsOf(rows));
    QList<QJsonObject> json;
    for (const ResourceRow &row : rows) {
        json.append(boxJson(context, row, inventory::gridOf(definitions.value(row.schemaId)),
                            counts.value(row.id)));
    }
    return json;
}

namespace {

QJsonObject plateJson(const RequestContext &context, const ResourceRow &row,
                      const QJsonObject &definition, const QJsonObject &wells, int filled)
{
    const bool wellPlate = inventory::isWellPlate(row, definition);
    const Grid grid = inventory::gridOf(definition);
    const auto matrixOnly = [&](int value) {
        return wellPlate ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
    };
    // Plate has additionalProperties: false: exactly the spec's keys.
    return {
        {u"id"_s, row.id},
        {u"name"_s, row.name},
        {u"barcode"_s, nullableJson(row.barcode)},
        {u"parentStorageId"_s, nullableJson(row.parentId)},
        {u"projectId"_s, optionalString(row.data, u"projectId"_s)},
        {u"fields"_s, row.data.value(u"fields"_s).toObject()},
        {u"type"_s, wellPlate ? u"well_plate"_s : u"matrix_plate"_s},
        {u"wells"_s, wells},
        {u"totalCapacity"_s, matrixOnly(grid.size())},
        {u"occupiedCapacity"_s, matrixOnly(filled)},
        {u"availableCapacity"_s, matrixOnly(std::max(0, grid.size() - filled))},
        {u"schema"_s, schemaSummaryJson(row)},
        {u"archiveRecord"_s, archiveRecordJson(row)},
        {u"creator"_s, creatorJson(row)},
        {u"createdAt"_s, row.createdAt},
        {u"modifiedAt"_s, row.modifiedAt},
        {u"webURL"_s, webUrl(context, u"plates"_s, row.id)},
    };
}

} // namespace

// Plates with their wells: the wells of the whole page are one page of containers.
QList<QJsonObject> platesJson(ServerContext &server, const RequestContext &context,
                              const QList<ResourceRow> &rows)
{
    const auto definitions = inventory::schemaDefinitions(server.db, schemaIdsOf(rows));
    SqlConditions containers;
    containers.add(u"r.kind = 'container'"_s);
    QList<ResourceRow> held = server.resources.selectIn(u"r.parent_id"_s, idsOf(rows), containers);
    held.removeIf([](const ResourceRow &well) { return well.position.isNull(); });
    const QList<QJsonObject> heldJson = containersJson(server, context, held);
    QHash<QString, QJsonObject> wells; // by plate id, keyed by position
    for (qsizetype i = 0; i < held.size(); ++i) {
        QJsonObject json = heldJson[i];
        json.insert(u"resourceType"_s, u"container"_s);
        // Well.barcode is a string, not nullable: a well without a barcode leaves it out.
        if (json.value(u"barcode"_s).isNull())
            json.remove(u"barcode"_s);
        wells[held[i].parentId].insert(held[i].position, json);
    }
    QList<QJsonObject> json;
    for (const ResourceRow &row : rows) {
        const QJsonObject plateWells = wells.value(row.id);
        json.append(plateJson(context, row, definitions.value(row.schemaId), plateWells,
                              int(plateWells.size())));
    }
    return json;
}

} // namespace benchtop::server::inventory
