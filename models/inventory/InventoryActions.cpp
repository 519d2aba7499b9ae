#include "InventoryActions.h"

#include "models/api/ApiClient.h"
#include "models/store/ResourceStore.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace benchtop::models {

QString collectionOf(const QString &id)
{
    if (id.startsWith(u"box_"_s))
        return u"/boxes"_s;
    if (id.startsWith(u"plt_"_s))
        return u"/plates"_s;
    if (id.startsWith(u"loc_"_s))
        return u"/locations"_s;
    return u"/containers"_s;
}

namespace {
BulkCollection bulkOf(const QString &id)
{
    const QString path = collectionOf(id);
    const QString key = path.mid(1);
    const QString singular = key == u"boxes"_s ? u"box"_s : key.chopped(1);
    return {path, singular + u"Ids"_s, key};
}
} // namespace

InventoryActions::InventoryActions(ApiClient *client, ResourceStore *store, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
{}

void InventoryActions::refresh(const QStringList &ids)
{
    for (const QString &id : ids)
        m_store->fetch(bulkOf(id), id, ResourceStore::Policy::Revalidate);
}

void InventoryActions::setCheckout(const QString &action, const QStringList &ids, QJsonObject body,
                                   const QString &what)
{
    body.insert(u"containerIds"_s, QJsonArray::fromStringList(ids));
    ApiReply *reply = m_client->post(u"/containers:"_s + action, body, this);
    connect(reply, &ApiReply::finished, this, [this, reply, ids, what] {
        reply->deleteLater();
        if (!reply->ok()) {
            Q_EMIT done(false, tr("%1 failed: %2").arg(what, reply->error().displayMessage()));
            return;
        }
        refresh(ids);
        Q_EMIT done(true, tr("%1: done.").arg(what));
    });
}

void InventoryActions::checkOut(const QStringList &ids, const QString &assigneeId,
                                const QString &comment)
{
    setCheckout(u"check-out"_s, ids, {{u"assigneeId"_s, assigneeId}, {u"comment"_s, comment}},
                tr("Check out"));
}

void InventoryActions::reserve(const QStringList &ids, const QString &assigneeId,
                               const QString &comment)
{
    setCheckout(u"reserve"_s, ids, {{u"assigneeId"_s, assigneeId}, {u"comment"_s, comment}},
                tr("Reserve"));
}

void InventoryActions::checkIn(const QStringList &ids, const QString &comment)
{
    setCheckout(u"check-in"_s, ids, {{u"comments"_s, comment}}, tr("Check in"));
}

void InventoryActions::archive(const QString &id, const QString &reason)
{
    const BulkCollection bulk = bulkOf(id);
    QJsonObject body{{bulk.idsKey, QJsonArray{id}}, {u"reason"_s, reason}};
    if (!id.startsWith(u"con_"_s))
        body.insert(u"shouldRemoveBarcodes"_s, false);
    ApiReply *reply = m_client->post(bulk.path + u":archive"_s, body, this);
    connect(reply, &ApiReply::finished, this, [this, reply, id] {
        reply->deleteLater();
        if (!reply->ok()) {
            Q_EMIT done(false, tr("Archive failed: %1").arg(reply->error().displayMessage()));
            return;
        }
        refresh({id});
        Q_EMIT done(true, tr("Archived."));
    });
}

void InventoryActions::edit(const QString &id, const QString &name, const QJsonObject &fieldValues)
{
    QJsonObject body;
    QJsonObject optimistic = m_store->value(id);
    if (!name.isEmpty()) {
        body.insert(u"name"_s, name);
        optimistic.insert(u"name"_s, name);
    }
    if (!fieldValues.isEmpty()) {
        QJsonObject fields;
        QJsonObject shown = optimistic.value(u"fields"_s).toObject();
        for (auto it = fieldValues.begin(); it != fieldValues.end(); ++it) {
            fields.insert(it.key(), QJsonObject{{u"value"_s, it.value()}});
            QJsonObject field = shown.value(it.key()).toObject();
            field.insert(u"value"_s, it.value());
            shown.insert(it.key(), field);
        }
        body.insert(u"fields"_s, fields);
        optimistic.insert(u"fields"_s, shown);
    }
    if (body.isEmpty())
        return;
    m_store->setPending(optimistic);
    ApiReply *reply = m_client->patch(collectionOf(id) + u'/' + id, body, this);
    connect(reply, &ApiReply::finished, this, [this, reply, id] {
        reply->deleteLater();
        if (!reply->ok()) {
            const QString reason = reply->error().displayMessage();
            m_store->rollBack(id, reason);
            Q_EMIT done(false, tr("Saving failed: %1").arg(reason));
            return;
        }
        m_store->land(reply->json().object());
        Q_EMIT done(true, tr("Saved."));
    });
}

void InventoryActions::loadUsers()
{
    ApiReply *reply = m_client->get(u"/users"_s, {}, this);
    connect(reply, &ApiReply::finished, this, [this, reply] {
        reply->deleteLater();
        QList<std::pair<QString, QString>> users;
        if (reply->ok()) {
            for (const QJsonValue &user : reply->json().object().value(u"users"_s).toArray())
                users.append({user[u"id"_s].toString(), user[u"name"_s].toString()});
        }
        Q_EMIT usersLoaded(users);
    });
}

} // namespace benchtop::models
