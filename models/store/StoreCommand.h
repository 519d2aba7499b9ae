// A mutation as a command (DESIGN §2): start() shows its result in the store at once (pending),
// then it lands (the store takes the server's answer) or rolls back to what the server last
// said, with the reason. Nothing the server had is lost when the request fails, and a rolled
// back command may be started again. undoCommand() makes the command that reverses a landed one
// (an undo stack runs it as a new command: undo is another mutation, judged by the server too).
#pragma once

#include "ResourceStore.h"

#include <QObject>
#include <QPointer>

namespace benchtop::models {

class StoreCommand : public QObject
{
    Q_OBJECT
public:
    enum class State { Ready, Pending, Landed, RolledBack };
    Q_ENUM(State)

    StoreCommand(ApiClient *client, ResourceStore *store, QObject *parent = nullptr);

    State state() const { return m_state; }
    // Why the command rolled back, in words a person can act on.
    QString reason() const { return m_reason; }
    // One line for an undo menu ("Move TUB-001 to B3").
    virtual QString text() const = 0;

    // Shows the change and sends it. Does nothing unless the command is Ready or RolledBack.
    void start();
    // A new command that reverses this one once it has landed; null before that.
    virtual StoreCommand *undoCommand(QObject *parent = nullptr) const = 0;

Q_SIGNALS:
    void landed();
    void rolledBack(const QString &reason);
    // After landed() or rolledBack().
    void finished();

protected:
    // Applies the pending change to the store and sends the request; false (with a reason set
    // through fail()) when it cannot even start.
    virtual bool send() = 0;
    void land();
    void fail(const QString &reason);

    ApiClient *client() const { return m_client; }
    ResourceStore *store() const { return m_store; }

private:
    QPointer<ApiClient> m_client;
    QPointer<ResourceStore> m_store;
    State m_state = State::Ready;
    QString m_reason;
};

} // namespace benchtop::models
