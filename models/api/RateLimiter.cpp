#include "RateLimiter.h"

#include <algorithm>
#include <cmath>

namespace benchtop::models {

RateLimiter::RateLimiter(double perSecond, int burst, QObject *parent)
    : QObject(parent)
    , m_rate(perSecond)
    , m_burst(std::max(1, burst))
    , m_tokens(m_burst)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RateLimiter::drain);
}

void RateLimiter::setRate(double perSecond, int burst)
{
    refill();
    m_rate = perSecond;
    m_burst = std::max(1, burst);
    m_tokens = std::min(m_tokens, m_burst);
}

void RateLimiter::acquire(QObject *owner, std::function<void()> go)
{
    m_queue.push_back({owner, std::move(go)});
    if (!m_timer.isActive())
        m_timer.start(0);
}

void RateLimiter::pauseFor(qint64 ms)
{
    m_pausedUntil = std::max(m_pausedUntil, m_clock.elapsed() + ms);
    m_tokens = 0;
}

void RateLimiter::refill()
{
    const qint64 now = m_clock.elapsed();
    if (m_rate > 0)
        m_tokens = std::min(m_burst, m_tokens + (now - m_lastRefill) * m_rate / 1000.0);
    m_lastRefill = now;
}

void RateLimiter::drain()
{
    while (!m_queue.empty()) {
        if (!m_queue.front().owner) { // the request died while it waited
            m_queue.pop_front();
            continue;
        }
        const qint64 now = m_clock.elapsed();
        if (now < m_pausedUntil) {
            m_timer.start(int(m_pausedUntil - now));
            return;
        }
        refill();
        if (m_rate > 0 && m_tokens < 1.0) {
            m_timer.start(std::max(1, int(std::ceil((1.0 - m_tokens) * 1000.0 / m_rate))));
            return;
        }
        if (m_rate > 0)
            m_tokens -= 1.0;
        Waiter waiter = std::move(m_queue.front());
        m_queue.pop_front();
        waiter.go(); // may acquire again or delete this limiter's users; the queue stays valid
    }
}

} // namespace benchtop::models
