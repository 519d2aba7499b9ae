#include "OfflineMode.h"

#include "../Logging.h"
#include "ApiClient.h"

#include <QNetworkReply>
#include <QRandomGenerator>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace benchtop::models {
namespace {

bool isUnreachable(const ApiError &error)
{
    return error.kind == ApiError::Kind::Transport || error.kind == ApiError::Kind::Timeout;
}

} // namespace

OfflineMode::OfflineMode(ApiClient *client, OfflineCache *cache)
    : QObject(client)
    , m_client(client)
    , m_cache(cache)
{
    m_probeTimer.setSingleShot(true);
    m_probeTimeout.setSingleShot(true);
    connect(&m_probeTimer, &QTimer::timeout, this, &OfflineMode::probe);
    connect(&m_probeTimeout, &QTimer::timeout, this, [this] {
        if (m_probe)
            m_probe->abort(); // finishes it, as a failed probe
    });
}

OfflineMode::~OfflineMode()
{
    if (m_probe) {
        m_probe->disconnect(this);
        m_probe->abort();
        m_probe->deleteLater();
    }
}

QDateTime OfflineMode::seenAt() const
{
    return m_lastContact.isValid() ? m_lastContact : m_newestServed;
}

bool OfflineMode::intercept(ApiReply *reply)
{
    if (m_online)
        return false;
    if (reply->m_request.method != "GET") {
        QTimer::singleShot(0, reply, [reply] {
            ApiError offline;
            offline.kind = ApiError::Kind::Offline;
            offline.attempts = 0;
            offline.message = u"offline: not sent"_s;
            reply->finishWith(offline);
        });
        return true;
    }
    // The cache first; a miss goes to the network once, without retries.
    answerFromCache(reply, [](ApiReply *missed) {
        missed->m_offlineAttempt = true;
        missed->queue();
    });
    return true;
}

void OfflineMode::answered(ApiReply *reply, int status, const QByteArray &body)
{
    goOnline();
    if (reply->m_request.method == "GET" && status >= 200 && status < 300 && !body.isEmpty())
        m_cache->store(reply->m_request.path, reply->m_request.query, body);
}

bool OfflineMode::failed(ApiReply *reply, const ApiError &error)
{
    if (!isUnreachable(error))
        return false;
    goOffline();
    if (reply->m_request.method != "GET" || !OfflineCache::isCacheable(reply->m_request.path))
        return false;
    answerFromCache(reply, [error](ApiReply *missed) { missed->finishWith(error); });
    return true;
}

void OfflineMode::answerFromCache(ApiReply *reply, std::function<void(ApiReply *)> miss)
{
    QPointer<ApiReply> waiting(reply);
    m_cache->lookup(
        reply->m_request.path, reply->m_request.query, this,
        [this, waiting, miss = std::move(miss)](std::optional<OfflineCache::Entry> entry) {
            if (!waiting || waiting->isFinished())
                return;
            if (!entry || entry->json.isNull()) { // a miss, or a body that no longer parses
                miss(waiting);
                return;
            }
            if (!m_newestServed.isValid() || entry->storedAt > m_newestServed)
                m_newestServed = entry->storedAt;
            waiting->finishFromCache(std::move(entry->json), entry->storedAt);
        });
}

void OfflineMode::goOffline()
{
    if (!m_online)
        return;
    m_online = false;
    m_failedProbes = 0;
    qCInfo(lcModels) << "server unreachable: offline, answering from the cache";
    scheduleProbe();
    Q_EMIT connectivityChanged(false);
}

void OfflineMode::goOnline()
{
    m_lastContact = QDateTime::currentDateTime();
    if (m_online)
        return;
    m_online = true;
    m_probeTimer.stop();
    m_probeTimeout.stop();
    if (m_probe) {
        m_probe->disconnect(this);
        m_probe->abort();
        m_probe->deleteLater();
    }
    qCInfo(lcModels) << "server reachable again: online";
    Q_EMIT connectivityChanged(true);
}

void OfflineMode::scheduleProbe()
{
    const int exponent = std::min(m_failedProbes, 16);
    const qint64 ceiling =
        std::min<qint64>(m_policy.probeMaxMs, qint64(m_policy.probeInitialMs) << exponent);
    // ±25 % jitter, so many clients of one server do not come back in step.
    const double jitter = 0.75 + 0.5 * QRandomGenerator::global()->generateDouble();
    m_probeTimer.start(int(double(ceiling) * jitter));
}

void OfflineMode::probeNow()
{
    if (m_online || m_probe)
        return;
    m_failedProbes = 0;
    m_probeTimer.stop();
    probe();
}

void OfflineMode::probe()
{
    if (m_online || m_probe)
        return;
    ++m_probes;
    Q_EMIT probeStarted();
    m_probe = m_client->transmit({"GET", m_policy.probePath, m_policy.probeQuery, {}, true});
    connect(m_probe, &QNetworkReply::finished, this, &OfflineMode::onProbeFinished);
    m_probeTimeout.start(m_policy.probeTimeoutMs);
}

void OfflineMode::onProbeFinished()
{
    QNetworkReply *probe = m_probe;
    m_probe = nullptr;
    m_probeTimeout.stop();
    if (!probe)
        return;
    probe->deleteLater();
    const int status = probe->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // Any answer of the server itself means it is reachable; a gateway's 502/503/504 does not.
    if (status > 0 && status != 502 && status != 503 && status != 504) {
        goOnline();
        return;
    }
    ++m_failedProbes;
    qCDebug(lcModels) << "probe failed:" << probe->errorString();
    scheduleProbe();
}

} // namespace benchtop::models
