#include "Session.h"

#include "models/api/ApiClient.h"
#include "models/api/Credentials.h"
#include "models/api/OfflineCache.h"
#include "models/store/ResourceStore.h"
#include "server/EmbeddedLabServer.h"

#include <QCryptographicHash>
#include <QDir>

using namespace Qt::StringLiterals;

namespace benchtop::app {

Session::~Session()
{
    // The store's requests, then the client, die before the server they talk to.
    delete m_store;
    delete m_client;
}

std::unique_ptr<Session> Session::open(const SessionOptions &options, QString *error)
{
    std::unique_ptr<Session> session(new Session);
    models::Connection connection;
    if (options.server.isEmpty()) {
        const QString database = QDir(options.dataDir).filePath(u"lab-server/lab.sqlite"_s);
        session->m_embedded = std::make_unique<server::EmbeddedLabServer>(database);
        QString failure;
        if (!session->m_embedded->start(&failure)) {
            *error = tr("The embedded lab server could not start (%1). Its data is in %2.")
                         .arg(failure, QDir::toNativeSeparators(database));
            return nullptr;
        }
        connection.baseUrl = session->m_embedded->baseUrl();
        connection.apiKey = session->m_embedded->apiKey();
    } else {
        if (!options.server.isValid() || options.server.scheme().isEmpty()) {
            *error = tr("\"%1\" is not a server address; use e.g. https://tenant.benchling.com.")
                         .arg(options.server.toString());
            return nullptr;
        }
        if (options.apiKey.isEmpty()) {
            *error =
                options.label.isEmpty()
                    ? tr("No API key for %1: set BENCHTOP_API_KEY.").arg(options.server.toString())
                    : tr("No secret for %1: enter the API key or client secret in the "
                         "connection profile.")
                          .arg(options.server.toString());
            return nullptr;
        }
        connection.baseUrl = options.server;
        connection.apiKey = options.apiKey;
    }
    session->m_client = new models::ApiClient(connection);
    // The store fetches through the session's client (a box's schema, a tube by id, ...).
    session->m_store = new models::ResourceStore(session->m_client);
    if (!session->m_embedded && !options.cacheDir.isEmpty()) {
        // One cache per server and key, so two profiles never see each other's data.
        const QByteArray identity =
            QByteArray(connection.baseUrl.toString().toUtf8() + '\n' + connection.apiKey.toUtf8());
        const QByteArray profile =
            QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex().left(16);
        session->m_client->setOfflineCache(new models::OfflineCache(
            QDir(options.cacheDir).filePath(QString::fromLatin1(profile) + u"/offline.sqlite"_s)));
    }
    if (!options.server.isEmpty() && !options.clientId.isEmpty()) {
        session->m_client->setCredentials(
            new models::OAuthCredentials(options.server, options.clientId, options.apiKey));
    }
    session->m_label = options.label;
    return session;
}

QUrl Session::serverUrl(const QString &typed)
{
    const QString text = typed.trimmed();
    if (text.isEmpty())
        return {};
    if (text.contains(u"://"_s))
        return QUrl(text);
    const bool loopback = text.startsWith(u"localhost"_s) || text.startsWith(u"127."_s) ||
                          text.startsWith(u"[::1]"_s);
    return QUrl((loopback ? u"http://"_s : u"https://"_s) + text);
}

QString Session::description() const
{
    if (m_embedded) {
        if (!m_label.isEmpty()) {
            return tr("%1 (data in %2)")
                .arg(m_label, QDir::toNativeSeparators(m_embedded->databasePath()));
        }
        return tr("Embedded lab server (%1, data in %2)")
            .arg(m_client->connection().baseUrl.authority(),
                 QDir::toNativeSeparators(m_embedded->databasePath()));
    }
    const QString url = m_client->connection().baseUrl.toString();
    return m_label.isEmpty() ? url : tr("%1 (%2)").arg(m_label, url);
}

} // namespace benchtop::app
