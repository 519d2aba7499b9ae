// The Benchling API client: one per connection. It builds authenticated requests and hands each
// one to an ApiReply that owns it.
#pragma once

#include "ApiError.h"

#include <QJsonDocument>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

class QNetworkAccessManager;
class QNetworkReply;

namespace benchtop::models {

struct Connection
{
    QUrl baseUrl;   // e.g. https://tenant.benchling.com or http://127.0.0.1:8470
    QString apiKey; // HTTP Basic user name, empty password
    int timeoutMs = 30'000;
};

// One request, one owner: deleting the reply aborts the request. It emits finished() exactly
// once (never from inside the call that created it), after which json() or error() hold the
// result.
class ApiReply : public QObject
{
    Q_OBJECT
public:
    ~ApiReply() override;

    bool isFinished() const { return m_finished; }
    bool ok() const { return m_finished && !m_error.isError(); }
    const QJsonDocument &json() const { return m_json; }
    const ApiError &error() const { return m_error; }
    void abort();

Q_SIGNALS:
    void finished();

private:
    friend class ApiClient;
    ApiReply(QNetworkReply *reply, QObject *parent);
    void complete();

    QPointer<QNetworkReply> m_reply;
    QJsonDocument m_json;
    ApiError m_error;
    bool m_finished = false;
    bool m_cancelled = false;
};

class ApiClient : public QObject
{
    Q_OBJECT
public:
    explicit ApiClient(Connection connection, QObject *parent = nullptr);
    ~ApiClient() override;

    const Connection &connection() const { return m_connection; }

    // GET {baseUrl}/api/v2{path}?{query}. The reply is parented to `owner` (so it dies, and
    // aborts, with it) or to the client when owner is null.
    ApiReply *get(const QString &path, const QUrlQuery &query = {}, QObject *owner = nullptr);

    QUrl urlFor(const QString &path, const QUrlQuery &query = {}) const;

private:
    Connection m_connection;
    QNetworkAccessManager *m_network;
};

} // namespace benchtop::models
