// The client-side limiter (DESIGN §2): a token bucket per session that keeps our request rate
// under the tenant's limit. Requests wait in line for a token instead of failing, and the whole
// line pauses when the server says the current rate-limit window is spent.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <functional>

namespace benchtop::models {

class RateLimiter : public QObject
{
    Q_OBJECT
public:
    explicit RateLimiter(double perSecond = 10.0, int burst = 10, QObject *parent = nullptr);

    // `perSecond` <= 0 turns limiting off (tokens are always there).
    void setRate(double perSecond, int burst);
    double rate() const { return m_rate; }

    // Runs `go` once a token is free: always from the event loop, never inside this call, and
    // in the order asked. Nothing runs if `owner` is destroyed first.
    void acquire(QObject *owner, std::function<void()> go);
    // Holds every waiting request for `ms` (x-rate-limit-remaining: 0 with its reset time).
    void pauseFor(qint64 ms);
    qsizetype waiting() const { return qsizetype(m_queue.size()); }

private:
    void drain();
    void refill();

    struct Waiter
    {
        QPointer<QObject> owner;
        std::function<void()> go;
    };

    double m_rate;
    double m_burst;
    double m_tokens;
    qint64 m_lastRefill = 0;
    qint64 m_pausedUntil = 0;
    QElapsedTimer m_clock;
    QTimer m_timer;
    std::deque<Waiter> m_queue;
};

} // namespace benchtop::models
