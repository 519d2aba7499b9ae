#include "ConnectionController.h"

#include "ConnectionProfiles.h"
#include "SecretStore.h"
#include "Session.h"

#include <QStandardPaths>

namespace benchtop::app {

ConnectionController::ConnectionController(QObject *parent)
    : QObject(parent)
    , m_dataDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
{}

ConnectionController::~ConnectionController() = default;

void ConnectionController::setProfiles(ConnectionProfiles *profiles)
{
    if (m_profiles && m_profiles->parent() == this)
        delete m_profiles;
    m_profiles = profiles;
    if (!profiles->parent())
        profiles->setParent(this);
}

void ConnectionController::adopt(std::unique_ptr<Session> session)
{
    m_session = std::move(session);
}

void ConnectionController::activate(const QString &name)
{
    if (!m_profiles)
        setProfiles(new ConnectionProfiles);
    const int generation = ++m_generation;
    // Every answer comes from the event loop, also those known at once.
    const auto later = [this, generation](std::function<void()> work) {
        QMetaObject::invokeMethod(
            this,
            [this, generation, work = std::move(work)] {
                if (generation == m_generation)
                    work();
            },
            Qt::QueuedConnection);
    };
    const auto profile = m_profiles->profile(name);
    if (!profile) {
        later([this, name] {
            Q_EMIT failed(tr("There is no connection profile \"%1\".").arg(name));
        });
        return;
    }
    if (const QString problem = profile->problem(); !problem.isEmpty()) {
        later([this, name, problem] {
            Q_EMIT failed(tr("The profile \"%1\" is incomplete: %2").arg(name, problem));
        });
        return;
    }
    if (!profile->needsSecret()) {
        later([this, name] { open(name, {}); });
        return;
    }
    m_profiles->secrets()->read(
        name, this, [this, name, generation](const QString &secret, const QString &error) {
            if (generation != m_generation)
                return;
            if (secret.isEmpty()) {
                Q_EMIT failed(error);
                return;
            }
            open(name, secret);
        });
}

void ConnectionController::open(const QString &name, const QString &secret)
{
    const auto profile = m_profiles->profile(name);
    if (!profile) {
        Q_EMIT failed(tr("There is no connection profile \"%1\".").arg(name));
        return;
    }
    QString error;
    std::unique_ptr<Session> session =
        Session::open(sessionOptions(*profile, secret, m_dataDir), &error);
    if (!session) {
        Q_EMIT failed(error);
        return;
    }
    m_profiles->setActiveName(name);
    std::unique_ptr<Session> previous = std::exchange(m_session, std::move(session));
    Q_EMIT activated(m_session.get());
    previous.reset();
}

} // namespace benchtop::app
