// The Benchling API client: one per connection (session). It builds authenticated requests and
// hands each one to an ApiReply that owns it; every request passes the session's rate limiter
// and is retried by the session's RetryPolicy.
#pragma once

#include "ApiReply.h"
#include "RetryPolicy.h"

#include <QJsonObject>
#include <QUrl>

class QNetworkAccessManager;

namespace benchtop::models {

class BulkGetCoalescer;
class OfflineCache;
class OfflineMode;
struct OfflinePolicy;
class Credentials;
class RateLimiter;
class TaskReply;

struct Connection
{
    QUrl baseUrl;           // e.g. https://tenant.benchling.com or http://127.0.0.1:8470
    QString apiKey;         // HTTP Basic user name, empty password
    int timeoutMs = 30'000; // per attempt: no byte for this long ends the attempt
};

// A collection that answers GET {path}:bulk-get?{idsKey}=a,b,c with {listKey: [...]}.
struct BulkCollection
{
    QString path;    // "/locations"
    QString idsKey;  // "locationIds"
    QString listKey; // "locations"
};

class ApiClient : public QObject
{
    Q_OBJECT
public:
    explicit ApiClient(Connection connection, QObject *parent = nullptr);
    ~ApiClient() override;

    const Connection &connection() const { return m_connection; }
    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }
    void setRetryPolicy(RetryPolicy policy) { m_retryPolicy = std::move(policy); }
    RateLimiter *rateLimiter() const { return m_limiter; }
    // How requests authenticate; by default the connection's API key. The client takes
    // ownership. Set it before the first request.
    void setCredentials(Credentials *credentials);
    Credentials *credentials() const { return m_credentials; }

    // Every reply is parented to `owner` (so it dies, and aborts, with it) or to the client
    // when owner is null.
    // GET {baseUrl}/api/v2{path}?{query}.
    ApiReply *get(const QString &path, const QUrlQuery &query = {}, QObject *owner = nullptr);
    // POST creates: not idempotent, so it is repeated only when the server never processed it.
    ApiReply *post(const QString &path, const QJsonObject &body, QObject *owner = nullptr);
    // PATCH sets absolute values: idempotent, repeated after any transient failure.
    ApiReply *patch(const QString &path, const QJsonObject &body, QObject *owner = nullptr);
    ApiReply *send(ApiRequest request, QObject *owner = nullptr);

    // One resource by id. Gets asked for within one event-loop turn travel together as
    // :bulk-get calls; each caller gets its own reply, and an id the server does not know ends
    // in a 404 API error naming it.
    ApiReply *getById(const BulkCollection &collection, const QString &id,
                      QObject *owner = nullptr);

    // Follows a background task (the taskId of a 202 answer) until it SUCCEEDED (json() is the
    // task, with its response) or FAILED (a TaskFailed error). Deleting the reply stops the
    // polling; the server's task runs on.
    TaskReply *waitForTask(const QString &taskId, QObject *owner = nullptr);

    QUrl urlFor(const QString &path, const QUrlQuery &query = {}) const;

    // Offline support (issue #4; OfflineMode.h says how it behaves). Off until a cache is set;
    // the client takes ownership of `cache`.
    void setOfflineCache(OfflineCache *cache);
    OfflineCache *offlineCache() const;
    void setOfflinePolicy(const OfflinePolicy &policy);
    bool isOnline() const;
    // When the server last answered (or else the newest cached answer shown): what an offline
    // view shows is as of then.
    QDateTime lastSeenAt() const;
    // While offline: probe the server now instead of after the backoff.
    void probeNow();

    // Long work (a list paged through page after page, a background task) announces itself
    // here, so that whoever shows the session (the main window's ActivityIndicator) can show
    // its progress and offer Cancel; the client itself shows nothing. `work` is a ListPager or
    // a TaskReply (waitForTask announces its replies itself); its destruction also ends it.
    void announceLongWork(QObject *work, const QString &label);
    void endLongWork(QObject *work);

Q_SIGNALS:
    void connectivityChanged(bool online);
    void probeStarted();
    void longWorkStarted(QObject *work, const QString &label);
    void longWorkEnded(QObject *work);

private:
    friend class ApiReply;
    friend class OfflineMode;
    QNetworkReply *transmit(const ApiRequest &request);

    Connection m_connection;
    QNetworkAccessManager *m_network;
    RateLimiter *m_limiter;
    BulkGetCoalescer *m_coalescer;
    Credentials *m_credentials;
    RetryPolicy m_retryPolicy;
    OfflineMode *m_offline = nullptr;
};

} // namespace benchtop::models
