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

// A 10×10 box named `name` on the rack FRZ-001-S3-RA with `tubes` tubes (filled in grid order
// A1, A2, ... J10). Empty boxId on failure.
inline SeededBox seedBox(TestLabServer &lab, ApiTestClient &api, const QString &name, int tubes)
{
    SeededBox seeded;
    seeded.rackId =
        storeSeedScalar(lab, QStringLiteral("SELECT id FROM resources WHERE barcode = ?"),
                        {QStringLiteral("FRZ-001-S3-RA")});
    seeded.boxSchemaId = storeSeedScalar(
        lab, QStringLiteral("SELECT id FROM schemas WHERE kind = 'box' AND name = ?"),
        {QStringLiteral("10×10 box")});
    seeded.tubeSchemaId = storeSeedScalar(
        lab, QStringLiteral("SELECT id FROM schemas WHERE kind = 'container' AND name = ?"),
        {QStringLiteral("Tube")});
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
