#include "StoreCommand.h"

namespace benchtop::models {

StoreCommand::StoreCommand(ApiClient *client, ResourceStore *store, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_store(store)
{}

void StoreCommand::start()
{
    if (m_state != State::Ready && m_state != State::RolledBack)
        return;
    m_reason.clear();
    m_state = State::Pending;
    if (!send() && m_state == State::Pending)
        fail(tr("The change could not be sent."));
}

void StoreCommand::land()
{
    m_state = State::Landed;
    Q_EMIT landed();
    Q_EMIT finished();
}

void StoreCommand::fail(const QString &reason)
{
    m_state = State::RolledBack;
    m_reason = reason;
    Q_EMIT rolledBack(reason);
    Q_EMIT finished();
}

} // namespace benchtop::models
