// What one connection needs: the API client and the store that every view shares, and, when no
// server is configured, the lab server embedded in this process.
#pragma once

#include <QObject>
#include <QUrl>

#include <memory>

namespace benchtop::models {
class ApiClient;
class ResourceStore;
} // namespace benchtop::models

namespace benchtop::server {
class EmbeddedLabServer;
}

namespace benchtop::app {

struct SessionOptions
{
    QUrl server;           // a Benchling tenant or team lab server; empty: start the embedded one
    QString apiKey;        // for `server`: the API key, or with clientId the OAuth client secret
    QString dataDir;       // where the embedded server keeps its database
    QString clientId = {}; // non-empty: OAuth2 client credentials instead of the API key
    QString label = {};    // the connection profile's, e.g. "Lab server · team"; empty: none
    // Where the offline cache of a remote server lives (<cacheDir>/<profile hash>/offline.sqlite);
    // empty: no offline cache. The embedded server cannot become unreachable, so its sessions
    // have none either.
    QString cacheDir = {};
};

class Session : public QObject
{
    Q_OBJECT
public:
    ~Session() override;

    // What a user typed as the server: "tenant.benchling.com" means https (the key must never
    // cross a network in clear), "localhost:8470" or "127.0.0.1:8470" http. Empty stays empty.
    static QUrl serverUrl(const QString &typed);

    // Connects as the options say, starting the embedded server if needed. Null with *error set
    // when the embedded server cannot start or the options are incomplete.
    static std::unique_ptr<Session> open(const SessionOptions &options, QString *error);

    models::ApiClient *client() const { return m_client; }
    models::ResourceStore *store() const { return m_store; }
    bool isEmbedded() const { return m_embedded != nullptr; }
    // For the status bar: "Embedded lab server (…)" or the server's URL, after the profile's
    // label when there is one ("Lab server · team (https://…)").
    QString description() const;
    QString label() const { return m_label; }

private:
    Session() = default;

    std::unique_ptr<server::EmbeddedLabServer> m_embedded;
    models::ApiClient *m_client = nullptr;
    models::ResourceStore *m_store = nullptr;
    QString m_label;
};

} // namespace benchtop::app
