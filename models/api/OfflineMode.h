// The client's offline state (issue #4), active once ApiClient has an OfflineCache:
// - every successful GET is stored in the cache;
// - a GET that finally fails on the transport (refused, unknown host, timeout after retries)
//   is answered from the cache when it holds the answer (ApiReply::isFromCache), and the client
//   goes offline;
// - while offline, GETs are answered from the cache first, without waiting for a timeout, and
//   only a miss goes to the network (once, no retries); writes fail at once with an Offline
//   error and are never sent, so nothing is half-done;
// - a cheap GET probes the server with capped exponential backoff (probeNow() skips the wait);
//   any HTTP answer, from a probe or a request, brings the client back online.
#pragma once

#include "OfflineCache.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>

class QNetworkReply;

namespace benchtop::models {

class ApiClient;
class ApiError;
class ApiReply;

struct OfflinePolicy
{
    int probeInitialMs = 2'000; // the first probe after going offline
    int probeMaxMs = 60'000;    // probes slow down to this
    int probeTimeoutMs = 5'000; // a probe without an answer by then has failed
    QString probePath = QStringLiteral("/locations");
    QUrlQuery probeQuery = QUrlQuery(QStringLiteral("pageSize=1"));
};

class OfflineMode : public QObject
{
    Q_OBJECT
public:
    OfflineMode(ApiClient *client, OfflineCache *cache);
    ~OfflineMode() override;

    OfflineCache *cache() const { return m_cache; }
    bool isOnline() const { return m_online; }
    // When the server last answered, or else the newest cached answer shown (invalid if none).
    QDateTime seenAt() const;
    void setPolicy(OfflinePolicy policy) { m_policy = std::move(policy); }
    const OfflinePolicy &policy() const { return m_policy; }
    int probes() const { return m_probes; }
    void probeNow();

    // Hooks of ApiReply. intercept: a new request; true when offline handling took it over.
    bool intercept(ApiReply *reply);
    // The server answered (any HTTP status); `body` of a 2xx GET is stored.
    void answered(ApiReply *reply, int status, const QByteArray &body);
    // A final transport failure; true when the reply will be answered from here instead.
    bool failed(ApiReply *reply, const ApiError &error);

Q_SIGNALS:
    void connectivityChanged(bool online);
    void probeStarted();

private:
    void goOffline();
    void goOnline();
    void scheduleProbe();
    void probe();
    void onProbeFinished();
    void answerFromCache(ApiReply *reply, std::function<void(ApiReply *)> miss);

    ApiClient *m_client;
    OfflineCache *m_cache;
    OfflinePolicy m_policy;
    bool m_online = true;
    QDateTime m_lastContact;
    QDateTime m_newestServed;
    QTimer m_probeTimer;
    QTimer m_probeTimeout;
    QPointer<QNetworkReply> m_probe;
    int m_failedProbes = 0;
    int m_probes = 0;
};

} // namespace benchtop::models
