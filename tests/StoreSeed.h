// Seeding for the store suites and bench_store: a box full of tubes made through the real API
// of a TestLabServer (so every id, position and schema is the server's own).
#pragma once

#include "ApiTestClient.h"
#include "TestLabServer.h"

#include <QJsonArray>
#include <QSqlQuery>

namespace benchtop::test {

struct SeededBox
{
    QString boxId;
    QString boxSchemaId;
    QString tubeSchemaId;
    QString rackId;
    QStringList tubeIds;   // in grid order
    QStringList positions; // tubeIds[i] is at positions[i]
};

inline QString storeSeedScalar(TestLabServer &lab, const QString &sql, const QVariantList &args)
{
    QSqlQuery query = lab.database().exec(sql, args);
    return query.next() ? query.value(0).toString() : QString();
}

inline QString gridName(int row, int column)
{
    return QString(QChar(u'A' + row) + QString::number(column + 1));
}

// The id of the first item of GET {path} whose `key` is `value` (a lookup through the API, so
// it works against any lab server, in-process or embedded).
inline QString idWhere(ApiTestClient &api, const QString &path, const QString &listKey,
                       const QString &key, const QString &value)
{
    for (const QJsonValue &item : api.get(path).json.value(listKey).toArray()) {
        if (item[key].toString() == value)
            return item[QStringLiteral("id")].toString();
    }
    return {};
}

// A 10×10 box named `name` on the rack FRZ-001-S3-RA with `tubes` tubes (filled in grid order
// A1, A2, ... J10). Empty boxId on failure.
inline SeededBox seedBox(ApiTestClient &api, const QString &name, int tubes)
{
    SeededBox seeded;
    seeded.rackId = idWhere(api, QStringLiteral("/locations?barcodes=FRZ-001-S3-RA"),
                            QStringLiteral("locations"), QStringLiteral("barcode"),
                            QStringLiteral("FRZ-001-S3-RA"));
    seeded.boxSchemaId =
        idWhere(api, QStringLiteral("/box-schemas?pageSize=100"), QStringLiteral("boxSchemas"),
                QStringLiteral("name"), QStringLiteral("10×10 box"));
    seeded.tubeSchemaId =
        idWhere(api, QStringLiteral("/container-schemas?pageSize=100"),
                QStringLiteral("containerSchemas"), QStringLiteral("name"), QStringLiteral("Tube"));
    const ApiResponse box =
        api.post(QStringLiteral("/boxes"), {{QStringLiteral("name"), name},
                                            {QStringLiteral("schemaId"), seeded.boxSchemaId},
                                            {QStringLiteral("parentStorageId"), seeded.rackId}});
    if (box.status != 201)
        return {};
    const QString boxId = box.json.value(QStringLiteral("id")).toString();
    for (int first = 0; first < tubes; first += 100) {
        QJsonArray items;
        for (int i = first; i < std::min(tubes, first + 100); ++i) {
            const QString position = gridName(i / 10, i % 10);
            seeded.positions.append(position);
            items.append(QJsonObject{
                {QStringLiteral("name"), QString(name + QStringLiteral(" tube ") + position)},
                {QStringLiteral("schemaId"), seeded.tubeSchemaId},
                {QStringLiteral("parentStorageId"), QString(boxId + u':' + position)}});
        }
        const ApiResponse accepted = api.post(QStringLiteral("/containers:bulk-create"),
                                              {{QStringLiteral("containers"), items}});
        const QJsonObject task = api.waitForTask(accepted.taskId());
        if (task.value(QStringLiteral("status")).toString() != QStringLiteral("SUCCEEDED"))
            return {};
        for (const QJsonValue &tube :
             task[QStringLiteral("response")][QStringLiteral("containers")].toArray())
            seeded.tubeIds.append(tube[QStringLiteral("id")].toString());
    }
    if (seeded.tubeIds.size() != tubes)
        return {};
    seeded.boxId = boxId;
    return seeded;
}

} // namespace benchtop::test
