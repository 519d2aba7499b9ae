#include "ConnectionProfiles.h"

#include "Logging.h"
#include "SecretStore.h"

#include <QCoreApplication>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace benchtop::app {
namespace {

const QString kGroup = u"profiles"_s;
const QString kActive = u"activeProfile"_s;

QString tr(const char *text)
{
    return QCoreApplication::translate("benchtop::app::ConnectionProfiles", text);
}

} // namespace

QUrl ConnectionProfile::tenantUrl(const QString &typed)
{
    const QString text = typed.trimmed();
    if (text.isEmpty())
        return {};
    if (text.contains(u"://"_s))
        return QUrl(text);
    if (text.contains(u'.'))
        return QUrl(u"https://"_s + text);
    return QUrl(u"https://%1.benchling.com"_s.arg(text.toLower()));
}

QUrl ConnectionProfile::baseUrl() const
{
    switch (kind) {
    case Kind::Embedded:
        return {};
    case Kind::Server:
        return Session::serverUrl(url);
    case Kind::Tenant:
        return tenantUrl(url);
    }
    return {};
}

QString ConnectionProfile::label() const
{
    switch (kind) {
    case Kind::Embedded:
        return tr("Embedded lab server · %1").arg(name);
    case Kind::Server:
        return tr("Lab server · %1").arg(name);
    case Kind::Tenant:
        return tr("Benchling · %1").arg(name);
    }
    return name;
}

QString ConnectionProfile::problem() const
{
    if (name.trimmed().isEmpty())
        return tr("Give the profile a name.");
    if (name.contains(u'/') || name.contains(u'\\'))
        return tr("A profile name cannot contain / or \\.");
    if (kind == Kind::Embedded)
        return {};
    const QUrl base = baseUrl();
    if (url.trimmed().isEmpty()) {
        return kind == Kind::Tenant ? tr("Enter the tenant, e.g. \"acme\" for acme.benchling.com.")
                                    : tr("Enter the server's URL, e.g. https://lab.example.org.");
    }
    if (!base.isValid() || base.host().isEmpty() ||
        (base.scheme() != u"https"_s && base.scheme() != u"http"_s))
        return tr("\"%1\" is not a server address.").arg(url);
    if (auth == Auth::OAuth && clientId.trimmed().isEmpty())
        return tr("Enter the OAuth client id (it starts with \"key_\" on a Benchtop server).");
    return {};
}

QString ConnectionProfile::kindKey(Kind kind)
{
    switch (kind) {
    case Kind::Embedded:
        return u"embedded"_s;
    case Kind::Server:
        return u"server"_s;
    case Kind::Tenant:
        return u"tenant"_s;
    }
    return {};
}

QString ConnectionProfile::authKey(Auth auth)
{
    return auth == Auth::OAuth ? u"oauth"_s : u"apiKey"_s;
}

ConnectionProfiles::ConnectionProfiles(QString settingsFile, QString secretsDir, QObject *parent)
    : QObject(parent)
    , m_settingsFile(std::move(settingsFile))
    , m_secrets(new SecretStore(std::move(secretsDir), this))
{}

ConnectionProfiles::~ConnectionProfiles() = default;

std::unique_ptr<QSettings> ConnectionProfiles::settings() const
{
    if (m_settingsFile.isEmpty())
        return std::make_unique<QSettings>(u"Benchtop"_s, u"Benchtop"_s);
    return std::make_unique<QSettings>(m_settingsFile, QSettings::IniFormat);
}

QStringList ConnectionProfiles::names() const
{
    auto s = settings();
    s->beginGroup(kGroup);
    QStringList names = s->childGroups();
    names.sort(Qt::CaseInsensitive);
    return names;
}

std::optional<ConnectionProfile> ConnectionProfiles::profile(const QString &name) const
{
    auto s = settings();
    s->beginGroup(kGroup);
    if (name.isEmpty() || !s->childGroups().contains(name))
        return std::nullopt;
    s->beginGroup(name);
    ConnectionProfile profile;
    profile.name = name;
    const QString kind = s->value(u"kind"_s).toString();
    profile.url = s->value(u"url"_s).toString();
    // Profiles of early benchtop-cli builds have a url and no kind: a server.
    profile.kind = kind == u"server"_s                        ? ConnectionProfile::Kind::Server
                   : kind == u"tenant"_s                      ? ConnectionProfile::Kind::Tenant
                   : kind.isEmpty() && !profile.url.isEmpty() ? ConnectionProfile::Kind::Server
                                                              : ConnectionProfile::Kind::Embedded;
    profile.auth = s->value(u"auth"_s).toString() == u"oauth"_s ? ConnectionProfile::Auth::OAuth
                                                                : ConnectionProfile::Auth::ApiKey;
    profile.clientId = s->value(u"clientId"_s).toString();
    return profile;
}

void ConnectionProfiles::save(const ConnectionProfile &profile, const QString &previousName)
{
    auto s = settings();
    if (!previousName.isEmpty() && previousName != profile.name) {
        s->remove(kGroup + u'/' + previousName);
        m_secrets->remove(previousName);
        if (s->value(kActive).toString() == previousName)
            s->setValue(kActive, profile.name);
    }
    s->beginGroup(kGroup + u'/' + profile.name);
    s->remove(QString()); // also drops keys of an older format
    s->setValue(u"kind"_s, ConnectionProfile::kindKey(profile.kind));
    const QUrl base = profile.baseUrl();
    s->setValue(u"url"_s, base.isEmpty() ? QString() : base.toString());
    s->setValue(u"auth"_s, ConnectionProfile::authKey(profile.auth));
    s->setValue(u"clientId"_s, profile.clientId.trimmed());
    s->endGroup();
    s->sync();
    Q_EMIT changed();
}

void ConnectionProfiles::remove(const QString &name)
{
    auto s = settings();
    s->remove(kGroup + u'/' + name);
    if (s->value(kActive).toString() == name)
        s->remove(kActive);
    s->sync();
    m_secrets->remove(name);
    Q_EMIT changed();
}

QString ConnectionProfiles::activeName() const
{
    return settings()->value(kActive).toString();
}

void ConnectionProfiles::setActiveName(const QString &name)
{
    auto s = settings();
    s->setValue(kActive, name);
    s->sync();
    Q_EMIT changed();
}

QString ConnectionProfiles::uniqueName(const QString &base) const
{
    const QStringList taken = names();
    if (!taken.contains(base))
        return base;
    for (int i = 2;; ++i) {
        const QString candidate = u"%1 %2"_s.arg(base).arg(i);
        if (!taken.contains(candidate))
            return candidate;
    }
}

LoadedProfile loadProfile(const QString &name, ConnectionProfiles *profiles)
{
    std::unique_ptr<ConnectionProfiles> own;
    if (!profiles) {
        own = std::make_unique<ConnectionProfiles>();
        profiles = own.get();
    }
    LoadedProfile loaded;
    const auto profile = profiles->profile(name);
    if (!profile) {
        loaded.error = tr("There is no connection profile \"%1\".").arg(name);
        return loaded;
    }
    loaded.profile = *profile;
    loaded.url = profile->baseUrl();
    loaded.error = profile->problem();
    if (!loaded.ok() || !profile->needsSecret())
        return loaded;
    QString error;
    loaded.secret = profiles->secrets()->readNow(name, &error);
    if (loaded.secret.isEmpty()) {
        // Early benchtop-cli builds read a plain "apiKey" from the profile's group.
        QSettings legacy(u"Benchtop"_s, u"Benchtop"_s);
        const QString plain = legacy.value(u"profiles/%1/apiKey"_s.arg(name)).toString();
        if (!plain.isEmpty()) {
            qCWarning(lcApp).noquote() << "profile" << name
                                       << "keeps its API key in the plain settings file; "
                                          "save it again in the connection dialog";
            loaded.secret = plain;
        } else {
            loaded.error = error.isEmpty()
                               ? tr("No secret is stored for the profile \"%1\".").arg(name)
                               : error;
        }
    }
    return loaded;
}

SessionOptions sessionOptions(const ConnectionProfile &profile, const QString &secret,
                              const QString &dataDir)
{
    SessionOptions options;
    options.server = profile.baseUrl();
    options.apiKey = secret;
    options.dataDir = dataDir;
    if (profile.auth == ConnectionProfile::Auth::OAuth)
        options.clientId = profile.clientId.trimmed();
    options.label = profile.label();
    return options;
}

} // namespace benchtop::app
