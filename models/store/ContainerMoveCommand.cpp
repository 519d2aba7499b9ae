#include "ContainerMoveCommand.h"

#include "ResourceStore.h"
#include "models/api/ApiClient.h"
#include "models/api/TaskPoller.h"
#include "models/resources/Inventory.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace benchtop::models {

namespace {

QString target(const ContainerMove &move)
{
    return move.position.isEmpty() ? move.storageId
                                   : QString(move.storageId + u':' + move.position);
}

} // namespace

ContainerMoveCommand::ContainerMoveCommand(ApiClient *client, ResourceStore *store,
                                           QList<ContainerMove> moves, QObject *parent)
    : StoreCommand(client, store, parent)
    , m_moves(std::move(moves))
{}

QString ContainerMoveCommand::text() const
{
    if (m_moves.size() != 1)
        return tr("Move %n containers", nullptr, int(m_moves.size()));
    const QString name =
        store() ? store()->value(m_moves.first().containerId).value(u"name"_s).toString()
                : QString();
    return tr("Move %1 to %2")
        .arg(name.isEmpty() ? m_moves.first().containerId : name, m_moves.first().position.isEmpty()
                                                                      ? m_moves.first().storageId
                                                                      : m_moves.first().position);
}

StoreCommand *ContainerMoveCommand::undoCommand(QObject *parent) const
{
    if (state() != State::Landed)
        return nullptr;
    return new ContainerMoveCommand(client(), store(), m_before, parent);
}

bool ContainerMoveCommand::send()
{
    if (!client() || !store() || m_moves.isEmpty()) {
        fail(tr("Nothing to move."));
        return false;
    }
    for (const ContainerMove &move : std::as_const(m_moves)) {
        if (!store()->contains(move.containerId)) {
            fail(tr("%1 is not loaded yet; wait for it to appear and try again.")
                     .arg(move.containerId));
            return false;
        }
    }
    m_before.clear();
    for (const ContainerMove &move : std::as_const(m_moves)) {
        Container container(store()->value(move.containerId));
        m_before.append({move.containerId, container.storageId(), container.position()});
        // What the server will say after the move (box tubes name the box, plate positions
        // their coordinate; gridPosition is what a box listing adds, gridNumber goes stale).
        container.setStorage(move.storageId, move.position);
        QJsonObject optimistic = container.toJson();
        optimistic.insert(u"gridNumber"_s, QJsonValue());
        store()->setPending(optimistic);
    }
    if (m_moves.size() == 1) {
        ApiReply *reply = client()->patch(u"/containers/"_s + m_moves.first().containerId,
                                          {{u"parentStorageId"_s, target(m_moves.first())}}, this);
        connect(reply, &ApiReply::finished, this, [this, reply] { onPatched(reply); });
        return true;
    }
    QJsonArray items;
    for (const ContainerMove &move : std::as_const(m_moves))
        items.append(QJsonObject{{u"containerId"_s, move.containerId},
                                 {u"parentStorageId"_s, target(move)}});
    ApiReply *reply =
        client()->post(u"/containers:bulk-update"_s, {{u"containers"_s, items}}, this);
    connect(reply, &ApiReply::finished, this, [this, reply] { onBulkAccepted(reply); });
    return true;
}

void ContainerMoveCommand::onPatched(ApiReply *reply)
{
    reply->deleteLater();
    if (!reply->ok())
        return rollBackAll(reply->error().displayMessage());
    landAll({reply->json().object()});
}

void ContainerMoveCommand::onBulkAccepted(ApiReply *reply)
{
    reply->deleteLater();
    if (!reply->ok())
        return rollBackAll(reply->error().displayMessage());
    const QString taskId = reply->json().object().value(u"taskId"_s).toString();
    if (taskId.isEmpty())
        return rollBackAll(tr("The server did not start the move (no task id in its answer)."));
    TaskReply *task = client()->waitForTask(taskId, this);
    connect(task, &ApiReply::finished, this, [this, task] { onTaskDone(task); });
}

void ContainerMoveCommand::onTaskDone(ApiReply *reply)
{
    reply->deleteLater();
    if (!reply->ok())
        return rollBackAll(reply->error().displayMessage());
    QList<QJsonObject> answers;
    const QJsonArray containers =
        reply->json().object().value(u"response"_s).toObject().value(u"containers"_s).toArray();
    for (const QJsonValue &container : containers)
        answers.append(container.toObject());
    landAll(answers);
}

void ContainerMoveCommand::landAll(const QList<QJsonObject> &answers)
{
    QSet<QString> answered;
    for (const QJsonObject &answer : answers) {
        answered.insert(answer.value(u"id"_s).toString());
        store()->land(answer);
    }
    // The server saved every move (all or nothing); one it did not echo keeps what we showed.
    for (const ContainerMove &move : std::as_const(m_moves)) {
        if (!answered.contains(move.containerId))
            store()->land(store()->value(move.containerId));
    }
    land();
}

void ContainerMoveCommand::rollBackAll(const QString &reason)
{
    for (const ContainerMove &move : std::as_const(m_moves))
        store()->rollBack(move.containerId, reason);
    fail(reason);
}

} // namespace benchtop::models
