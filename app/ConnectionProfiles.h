// Connection profiles: named ways to reach a lab (the embedded lab server, a team lab server, a
// Benchling tenant) with how to authenticate there. Stored in QSettings (organization and
// application "Benchtop"), one group "profiles/<name>" each:
//   kind      embedded | server | tenant
//   url       the full base URL (a tenant's typed name is stored as https://NAME.benchling.com)
//   auth      apiKey | oauth
//   clientId  the OAuth client id (auth = oauth)
// and "activeProfile" at the top level. Secrets are never in the settings: SecretStore keeps
// them in the keychain (or the 0600 fallback file).
#pragma once

#include "Session.h"

#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>

class QSettings;

namespace benchtop::app {

class SecretStore;

struct ConnectionProfile
{
    enum class Kind { Embedded, Server, Tenant };
    enum class Auth { ApiKey, OAuth };

    QString name;
    Kind kind = Kind::Embedded;
    QString url; // as stored: a full URL (empty for embedded)
    Auth auth = Auth::ApiKey;
    QString clientId;

    // "acme" or "acme.benchling.com" or a full URL → https://acme.benchling.com (or the URL).
    static QUrl tenantUrl(const QString &typed);
    // The URL requests go to: a server's as typed (Session::serverUrl rules), a tenant's as
    // tenantUrl; empty for embedded.
    QUrl baseUrl() const;
    bool needsSecret() const { return kind != Kind::Embedded; }
    // For the status bar: "Lab server · team", "Benchling · acme", "Embedded lab server · Local".
    QString label() const;
    // Empty when the profile can be used; otherwise what is missing, in words.
    QString problem() const;

    static QString kindKey(Kind kind);
    static QString authKey(Auth auth);
};

class ConnectionProfiles : public QObject
{
    Q_OBJECT
public:
    // Empty `settingsFile`: the user's settings (organization/application "Benchtop"); otherwise
    // that INI file (tests). `secretsDir` as SecretStore's fallbackDir.
    explicit ConnectionProfiles(QString settingsFile = {}, QString secretsDir = {},
                                QObject *parent = nullptr);
    ~ConnectionProfiles() override;

    QStringList names() const;
    std::optional<ConnectionProfile> profile(const QString &name) const;
    // Saves (creating or replacing) `profile`; with `previousName` set and different, renames
    // (the secret moves with it only when the caller writes it again).
    void save(const ConnectionProfile &profile, const QString &previousName = {});
    void remove(const QString &name);
    QString activeName() const;
    void setActiveName(const QString &name);
    // A name not yet taken: "base", "base 2", …
    QString uniqueName(const QString &base) const;

    SecretStore *secrets() const { return m_secrets; }

Q_SIGNALS:
    void changed();

private:
    std::unique_ptr<QSettings> settings() const;

    QString m_settingsFile;
    SecretStore *m_secrets;
};

// A profile resolved for connecting: what benchtop-cli calls for `--profile NAME` (it waits for
// the keychain if one runs). error is set when the profile does not exist, is incomplete, or its
// secret cannot be read. Compatibility: a plain "apiKey" value in the profile's group (as early
// benchtop-cli builds read it) is used when no stored secret exists, with a warning.
struct LoadedProfile
{
    ConnectionProfile profile;
    QUrl url;
    QString secret; // the API key, or the OAuth client secret
    QString error;
    bool ok() const { return error.isEmpty(); }
};
LoadedProfile loadProfile(const QString &name, ConnectionProfiles *profiles = nullptr);

// What Session::open needs for a profile and its secret.
SessionOptions sessionOptions(const ConnectionProfile &profile, const QString &secret,
                              const QString &dataDir);

} // namespace benchtop::app
