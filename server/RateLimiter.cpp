#include "RateLimiter.h"

namespace benchtop::server {

RateLimiter::Decision RateLimiter::take(const QString &key, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    Window &window = m_windows[key];
    if (window.used == 0 || nowMs - window.startMs >= m_windowMs) {
        window.startMs = nowMs;
        window.used = 0;
    }
    Decision decision;
    decision.limit = m_limit;
    decision.allowed = window.used < m_limit;
    if (decision.allowed)
        ++window.used;
    decision.remaining = m_limit - window.used;
    const qint64 leftMs = window.startMs + m_windowMs - nowMs;
    decision.resetSeconds = int(std::max<qint64>(1, (leftMs + 999) / 1000));
    return decision;
}

} // namespace benchtop::server
