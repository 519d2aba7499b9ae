// One API request and its result. The reply owns whatever is in flight (the network reply, a
// retry timer, a place in the rate limiter's line); deleting it aborts the request without a
// result. It emits finished() exactly once, never from inside the call that created it, after
// which json() or error() hold the value or the typed error. A large answer (over
// kOffThreadParseBytes, e.g. a genome's JSON) is parsed on a worker thread, so the GUI thread
// never stalls on it; the result still arrives on the reply's thread.
#pragma once

#include "ApiError.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

class QNetworkReply;
class QTimer;

namespace benchtop::models {

class ApiClient;

struct ApiRequest
{
    QByteArray method = "GET";
    QString path; // below /api/v2, e.g. "/locations"
    QUrlQuery query;
    QByteArray body; // JSON; empty sends no body
    // Safe to send twice: GET, and PATCH with absolute values. A POST that creates is not, so
    // it is repeated only when the server provably never processed it.
    bool idempotent = true;
};

class ApiReply : public QObject
{
    Q_OBJECT
public:
    // Answers bigger than this are parsed with QtConcurrent instead of on the reply's thread.
    static constexpr qsizetype kOffThreadParseBytes = 1024 * 1024;

    ~ApiReply() override;

    bool isFinished() const { return m_finished; }
    bool ok() const { return m_finished && !m_error.isError(); }
    const QJsonDocument &json() const { return m_json; }
    const ApiError &error() const { return m_error; }
    // How many times the request went to the server so far.
    int attempts() const { return m_attempts; }
    // The answer came from the offline cache (the server was unreachable), as stored at
    // cachedAt(); see OfflineMode.
    bool isFromCache() const { return m_cachedAt.isValid(); }
    QDateTime cachedAt() const { return m_cachedAt; }
    // Ends the request at once with a Cancelled error (finished() is emitted from this call).
    void abort();

Q_SIGNALS:
    void finished();
    // Attempt `attempt` failed transiently; the request goes out again after `delayMs`.
    void retrying(int attempt, int delayMs, const benchtop::models::ApiError &error);

protected:
    // A reply whose result another object produces (coalesced gets, task polling).
    explicit ApiReply(QObject *parent);
    void finishWith(QJsonDocument json);
    void finishWith(ApiError error);
    void finishFromCache(QJsonDocument json, QDateTime storedAt);
    // Stops whatever the subclass has in flight; called by abort().
    virtual void stopWork() {}

private:
    friend class ApiClient;
    friend class OfflineMode;
    ApiReply(ApiClient *client, ApiRequest request, QObject *parent);

    void queue();
    void transmit(bool authorized = false);
    void onAttemptFinished();
    ApiError readAnswer(QNetworkReply *reply, QJsonDocument *json, bool *notProcessed,
                        QByteArray *rawBody, bool *parseLater);
    void parseOffThread(QByteArray body, int status);

    QPointer<ApiClient> m_client;
    ApiRequest m_request;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_retryTimer = nullptr;
    QJsonDocument m_json;
    QDateTime m_cachedAt;
    ApiError m_error;
    int m_attempts = 0;
    QByteArray m_sentAuthorization; // of the last attempt, to tell the credentials what failed
    bool m_reauthorized = false;    // a 401 renewed the credentials once; never again
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_offlineAttempt = false; // sent while offline: one try, no retries
};

} // namespace benchtop::models
