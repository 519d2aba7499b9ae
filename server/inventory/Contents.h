// The inventory's side tables: what a container holds (container_contents: entities at a
// concentration) and its check-out record (container_checkouts; no record is AVAILABLE), read
// for many containers at once where a page of JSON needs them.
#pragma once

#include "Quantity.h"

#include "server/storage/Database.h"

#include <QHash>
#include <QList>

namespace benchtop::server::inventory {

bool userExists(Database &db, const QString &userId);

struct Content
{
    QString entityId;
    Quantity concentration;
};

// The contents of these containers, by container id, each in entity id order.
QHash<QString, QList<Content>> contentsOf(Database &db, const QStringList &containerIds);
QList<Content> contentsOf(Database &db, const QString &containerId);
std::optional<Content> findContent(Database &db, const QString &containerId,
                                   const QString &entityId);
// Adds or replaces one content; false if the database refused.
bool setContent(Database &db, const QString &containerId, const Content &content);

struct Checkout
{
    QString status;
    QString assigneeId;
    QString comment;
    QString modifiedAt;
};

// The check-out records of these containers, by container id (none: AVAILABLE).
QHash<QString, Checkout> checkoutsOf(Database &db, const QStringList &containerIds);

} // namespace benchtop::server::inventory
