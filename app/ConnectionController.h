// Switching connections without restarting: reads a profile and its secret, opens a Session for
// it, and hands it to whoever shows it (the main window), keeping the session it replaced alive
// until they have let go of it.
#pragma once

#include <QObject>

#include <memory>

namespace benchtop::app {

class ConnectionProfiles;
class Session;

class ConnectionController : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionController(QObject *parent = nullptr);
    ~ConnectionController() override;

    // The profiles it works with (default: the user's); takes ownership if it has no parent.
    void setProfiles(ConnectionProfiles *profiles);
    ConnectionProfiles *profiles() const { return m_profiles; }
    // Where embedded lab servers keep their data.
    void setDataDir(const QString &dir) { m_dataDir = dir; }
    QString dataDir() const { return m_dataDir; }

    // Takes over a session opened elsewhere (at startup), so a switch can close it.
    void adopt(std::unique_ptr<Session> session);
    Session *session() const { return m_session.get(); }

    // Opens the profile's session (the secret may come from the keychain, so this answers
    // later): activated() on success, with the profile made the active one; failed() if not.
    void activate(const QString &name);

Q_SIGNALS:
    // The previous session is closed right after this signal returns.
    void activated(benchtop::app::Session *session);
    void failed(const QString &message);

private:
    void open(const QString &name, const QString &secret);

    ConnectionProfiles *m_profiles = nullptr;
    QString m_dataDir;
    std::unique_ptr<Session> m_session;
    int m_generation = 0; // a later activate() wins over an earlier one still reading its secret
};

} // namespace benchtop::app
