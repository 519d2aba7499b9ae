#include "SecretStore.h"

#include "Logging.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSaveFile>
#include <QStandardPaths>

#ifdef BENCHTOP_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

using namespace Qt::StringLiterals;

namespace benchtop::app {
namespace {

const QString kService = u"Benchtop"_s;

QString keyFor(const QString &profile)
{
    return profile + u"/secret"_s;
}

bool keychainPossible()
{
#ifndef BENCHTOP_HAVE_QTKEYCHAIN
    return false;
#else
    if (!qEnvironmentVariableIsEmpty("BENCHTOP_NO_KEYCHAIN"))
        return false;
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    // The Secret Service (and KWallet) answer on the session bus; without one, QtKeychain
    // could only fail, possibly after a D-Bus timeout.
    return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
#else
    return true;
#endif
#endif
}

template<typename F> void later(QObject *context, F &&f)
{
    QMetaObject::invokeMethod(context, std::forward<F>(f), Qt::QueuedConnection);
}

} // namespace

SecretStore::SecretStore(QString fallbackDir, QObject *parent)
    : QObject(parent)
    , m_dir(fallbackDir.isEmpty()
                ? QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
                : std::move(fallbackDir))
    , m_keychain(keychainPossible())
{}

QString SecretStore::appFallbackDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(u"Benchtop/benchtop"_s);
}

bool SecretStore::usesKeychain() const
{
    return m_keychain;
}

QString SecretStore::fallbackPath() const
{
    return QDir(m_dir).filePath(u"secrets.json"_s);
}

QString SecretStore::storageNote() const
{
    if (m_keychain)
        return tr("The secret is stored in the system keychain.");
    return tr("No system keychain: the secret is stored in %1, readable only by you.")
        .arg(QDir::toNativeSeparators(fallbackPath()));
}

void SecretStore::keychainFailed(const QString &why)
{
    qCWarning(lcApp).noquote() << "system keychain unavailable (" << why << "); secrets go to"
                               << fallbackPath();
    m_keychain = false;
}

void SecretStore::read(const QString &profile, QObject *context, ReadDone done)
{
#ifdef BENCHTOP_HAVE_QTKEYCHAIN
    if (m_keychain) {
        auto *job = new QKeychain::ReadPasswordJob(kService, this);
        job->setKey(keyFor(profile));
        job->setAutoDelete(true);
        QPointer<QObject> guard(context);
        connect(job, &QKeychain::Job::finished, this,
                [this, job, profile, guard, done = std::move(done)] {
                    if (!guard)
                        return;
                    if (job->error() == QKeychain::NoError) {
                        done(job->textData(), {});
                        return;
                    }
                    if (job->error() != QKeychain::EntryNotFound &&
                        job->error() != QKeychain::AccessDeniedByUser)
                        keychainFailed(job->errorString());
                    if (job->error() == QKeychain::AccessDeniedByUser) {
                        done({}, tr("Access to the keychain was denied."));
                        return;
                    }
                    // Saved while the keychain was away, perhaps.
                    QString error;
                    const QString secret = readFile(profile, &error);
                    done(secret, error);
                });
        job->start();
        return;
    }
#endif
    later(context, [this, profile, done = std::move(done)] {
        QString error;
        const QString secret = readFile(profile, &error);
        done(secret, error);
    });
}

void SecretStore::write(const QString &profile, const QString &secret, QObject *context,
                        WriteDone done)
{
#ifdef BENCHTOP_HAVE_QTKEYCHAIN
    if (m_keychain) {
        auto *job = new QKeychain::WritePasswordJob(kService, this);
        job->setKey(keyFor(profile));
        job->setTextData(secret);
        job->setAutoDelete(true);
        QPointer<QObject> guard(context);
        connect(job, &QKeychain::Job::finished, this,
                [this, job, profile, secret, guard, done = std::move(done)] {
                    QString error;
                    if (job->error() == QKeychain::NoError) {
                        removeFromFile(profile); // no stale copy outside the keychain
                    } else if (job->error() == QKeychain::AccessDeniedByUser) {
                        error = tr("Access to the keychain was denied; the secret was not "
                                   "saved.");
                    } else {
                        keychainFailed(job->errorString());
                        writeFile(profile, secret, &error);
                    }
                    if (guard)
                        done(error);
                });
        job->start();
        return;
    }
#endif
    later(context, [this, profile, secret, done = std::move(done)] {
        QString error;
        writeFile(profile, secret, &error);
        done(error);
    });
}

void SecretStore::remove(const QString &profile)
{
#ifdef BENCHTOP_HAVE_QTKEYCHAIN
    if (m_keychain) {
        auto *job = new QKeychain::DeletePasswordJob(kService, this);
        job->setKey(keyFor(profile));
        job->setAutoDelete(true);
        job->start();
    }
#endif
    removeFromFile(profile);
}

QString SecretStore::readNow(const QString &profile, QString *error)
{
    QEventLoop loop;
    QString secret;
    bool answered = false;
    read(profile, &loop, [&](const QString &value, const QString &failure) {
        secret = value;
        *error = failure;
        answered = true;
        loop.quit();
    });
    if (!answered)
        loop.exec();
    return secret;
}

QString SecretStore::readFile(const QString &profile, QString *error) const
{
    QFile file(fallbackPath());
    if (!file.exists()) {
        *error = tr("No secret is stored for the profile \"%1\".").arg(profile);
        return {};
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(fallbackPath(), file.errorString());
        return {};
    }
    const QJsonObject secrets = QJsonDocument::fromJson(file.readAll()).object();
    if (!secrets.contains(profile)) {
        *error = tr("No secret is stored for the profile \"%1\".").arg(profile);
        return {};
    }
    return secrets.value(profile).toString();
}

bool SecretStore::writeFile(const QString &profile, const QString &secret, QString *error) const
{
    QJsonObject secrets;
    {
        QFile existing(fallbackPath());
        if (existing.open(QIODevice::ReadOnly))
            secrets = QJsonDocument::fromJson(existing.readAll()).object();
    }
    if (secret.isNull())
        secrets.remove(profile);
    else
        secrets.insert(profile, secret);
    if (!QDir().mkpath(m_dir)) {
        *error = tr("Cannot create the folder %1.").arg(m_dir);
        return false;
    }
    QSaveFile file(fallbackPath());
    // Owner-only before the first byte is written; the rename keeps these permissions.
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = tr("Cannot write %1: %2").arg(fallbackPath(), file.errorString());
        return false;
    }
    file.write(QJsonDocument(secrets).toJson());
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2").arg(fallbackPath(), file.errorString());
        return false;
    }
    return true;
}

void SecretStore::removeFromFile(const QString &profile) const
{
    if (!QFile::exists(fallbackPath()))
        return;
    QString error;
    if (!writeFile(profile, QString(), &error))
        qCWarning(lcApp).noquote() << error;
}

} // namespace benchtop::app
