// Per-key request budgets, as Benchling meters its API: a fixed window of `window` seconds
// allows `limit` requests; every answer carries x-rate-limit-limit / -remaining / -reset, and
// a request over budget gets 429 with Retry-After (seconds until the window resets). Thread-
// safe: requests are counted from every worker thread.
#pragma once

#include <QHash>
#include <QMutex>
#include <QString>

namespace benchtop::server {

class RateLimiter
{
public:
    struct Decision
    {
        bool allowed = true;
        int limit = 0;
        int remaining = 0;
        int resetSeconds = 0; // until the window ends (at least 1)
    };

    // limit 0 turns limiting off.
    RateLimiter(int limit, int windowSeconds)
        : m_limit(limit)
        , m_windowMs(qint64(windowSeconds) * 1000)
    {}

    bool enabled() const { return m_limit > 0; }
    // Counts one request for `key` at `nowMs` (a monotonic clock) and says whether it may run.
    Decision take(const QString &key, qint64 nowMs);

private:
    struct Window
    {
        qint64 startMs = 0;
        int used = 0;
    };

    int m_limit;
    qint64 m_windowMs;
    QMutex m_mutex;
    QHash<QString, Window> m_windows;
};

} // namespace benchtop::server
