// Where connection secrets (API keys, OAuth client secrets) live: the OS keychain through
// QtKeychain (service "Benchtop", key "<profile>/secret"). Where no keychain runs (no Secret
// Service on D-Bus: CI, offscreen, minimal desktops), a file readable only by the user (0600)
// under the app's config folder, and the dialog says so. Never the plain settings file.
#pragma once

#include <QObject>

#include <functional>

namespace benchtop::app {

class SecretStore : public QObject
{
    Q_OBJECT
public:
    // `fallbackDir` empty: QStandardPaths::AppConfigLocation.
    explicit SecretStore(QString fallbackDir = {}, QObject *parent = nullptr);
    // The app's AppConfigLocation (organization "Benchtop", application "benchtop") whatever the
    // running program is called: where benchtop-cli finds the secrets the app saved.
    static QString appFallbackDir();

    // False when secrets go to the fallback file (no keychain built in, none on the session
    // bus, BENCHTOP_NO_KEYCHAIN set, or the keychain failed earlier in this run).
    bool usesKeychain() const;
    QString fallbackPath() const;
    // One sentence for the connection dialog: where the secret goes.
    QString storageNote() const;

    using ReadDone = std::function<void(const QString &secret, const QString &error)>;
    using WriteDone = std::function<void(const QString &error)>;
    // Both answer from the event loop (never inside the call), unless `context` died.
    void read(const QString &profile, QObject *context, ReadDone done);
    void write(const QString &profile, const QString &secret, QObject *context, WriteDone done);
    void remove(const QString &profile);
    // For programs without a running event loop (benchtop-cli, startup): waits for the answer.
    QString readNow(const QString &profile, QString *error);

private:
    QString readFile(const QString &profile, QString *error) const;
    bool writeFile(const QString &profile, const QString &secret, QString *error) const;
    void removeFromFile(const QString &profile) const;
    void keychainFailed(const QString &why);

    QString m_dir;
    bool m_keychain;
};

} // namespace benchtop::app
