// The container_contents and container_checkouts tables (see Contents.h).
#include "Contents.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace benchtop::server::inventory {

bool userExists(Database &db, const QString &userId)
{
    return db.exec(u"SELECT 1 FROM users WHERE id = ?"_s, {userId}).next();
}

// The contents of these containers, by container id, each in entity id order.
QHash<QString, QList<Content>> contentsOf(Database &db, const QStringList &containerIds)
{
    QHash<QString, QList<Content>> contents;
    selectInChunks(db,
                   u"SELECT container_id, entity_id, concentration_value, concentration_units "
                   "FROM container_contents WHERE container_id IN (%1) ORDER BY container_id, "
                   "entity_id"_s,
                   {}, containerIds, [&contents](const QSqlQuery &query) {
                       Content content{query.value(1).toString(), {}};
                       if (!query.value(2).isNull())
                           content.concentration.value = query.value(2).toDouble();
                       if (!query.value(3).isNull())
                           content.concentration.units = query.value(3).toString();
                       contents[query.value(0).toString()].append(content);
                   });
    return contents;
}

QList<Content> contentsOf(Database &db, const QString &containerId)
{
    return contentsOf(db, QStringList{containerId}).value(containerId);
}

bool setContent(Database &db, const QString &containerId, const Content &content)
{
    db.exec(u"DELETE FROM container_contents WHERE container_id = ? AND entity_id = ?"_s,
            {containerId, content.entityId});
    const QVariant value = content.concentration.value ? QVariant(*content.concentration.value)
                                                       : QVariant(QMetaType::fromType<double>());
    return !db.exec(
                  u"INSERT INTO container_contents (container_id, entity_id, "
                  "concentration_value, concentration_units) VALUES (?, ?, ?, ?)"_s,
                  {containerId, content.entityId, value, nullableText(content.concentration.units)})
                .lastError()
                .isValid();
}

// The check-out records of these containers, by container id (none: AVAILABLE).
QHash<QString, Checkout> checkoutsOf(Database &db, const QStringList &containerIds)
{
    QHash<QString, Checkout> checkouts;
    selectInChunks(db,
                   u"SELECT container_id, status, assignee_id, comment, modified_at FROM "
                   "container_checkouts WHERE container_id IN (%1)"_s,
                   {}, containerIds, [&checkouts](const QSqlQuery &query) {
                       checkouts.insert(query.value(0).toString(),
                                        {query.value(1).toString(), query.value(2).toString(),
                                         query.value(3).toString(), query.value(4).toString()});
                   });
    return checkouts;
}

std::optional<Content> findContent(Database &db, const QString &containerId,
                                   const QString &entityId)
{
    for (const Content &content : contentsOf(db, containerId)) {
        if (content.entityId == entityId)
            return content;
    }
    return std::nullopt;
}

} // namespace benchtop::server::inventory
