// Moves containers: one through PATCH /containers/{id} {parentStorageId: "box_x:B3"}, several
// through POST /containers:bulk-update and its background task, which saves all or nothing, so
// the command lands all or rolls back all. The tubes show at their new places (pending) as soon
// as the command starts. The server judges capacity and occupancy; its message is the reason.
#pragma once

#include "StoreCommand.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace benchtop::models {

class ApiReply;

struct ContainerMove
{
    QString containerId;
    QString storageId; // a box, plate or location id
    QString position;  // "B3" in a box or plate; empty for a location
};

class ContainerMoveCommand : public StoreCommand
{
    Q_OBJECT
public:
    ContainerMoveCommand(ApiClient *client, ResourceStore *store, QList<ContainerMove> moves,
                         QObject *parent = nullptr);

    const QList<ContainerMove> &moves() const { return m_moves; }
    QString text() const override;
    StoreCommand *undoCommand(QObject *parent = nullptr) const override;

protected:
    bool send() override;

private:
    void onPatched(ApiReply *reply);
    void onBulkAccepted(ApiReply *reply);
    void onTaskDone(ApiReply *reply);
    void landAll(const QList<QJsonObject> &answers);
    void rollBackAll(const QString &reason);

    QList<ContainerMove> m_moves;
    QList<ContainerMove> m_before; // where each container was, for undo
};

} // namespace benchtop::models
