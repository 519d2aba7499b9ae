// What the inspector can do to tubes, boxes and plates, through the API and the store: check out,
// reserve, check in, archive with a reason, and edit name and schema fields (a pending change in
// the store at once, then landed or rolled back). Each ends with done(ok, message).
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QStringList>

namespace benchtop::models {

class ApiClient;
class ResourceStore;

class InventoryActions : public QObject
{
    Q_OBJECT
public:
    InventoryActions(ApiClient *client, ResourceStore *store, QObject *parent = nullptr);

    void checkOut(const QStringList &containerIds, const QString &assigneeId,
                  const QString &comment);
    void reserve(const QStringList &containerIds, const QString &assigneeId,
                 const QString &comment);
    void checkIn(const QStringList &containerIds, const QString &comment);
    // `reason` is one of the API's archive reasons ("Retired", "Expended", "Other", ...).
    void archive(const QString &id, const QString &reason);
    // Changes name and/or fields ({"Concentration": value}) of a container, box or plate.
    void edit(const QString &id, const QString &name, const QJsonObject &fieldValues);
    // Lists the people a tube can be checked out to: usersLoaded([{id, name}]).
    void loadUsers();

Q_SIGNALS:
    void done(bool ok, const QString &message);
    void usersLoaded(const QList<std::pair<QString, QString>> &users);

private:
    void setCheckout(const QString &action, const QStringList &ids, QJsonObject body,
                     const QString &what);
    void refresh(const QStringList &ids);

    ApiClient *m_client;
    ResourceStore *m_store;
};

// The collection of an id ("/containers" for "con_…").
QString collectionOf(const QString &id);

} // namespace benchtop::models
