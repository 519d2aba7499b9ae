// When and how soon a failed request is sent again (DESIGN §2): 429 and 502/503/504 and broken
// connections are retried with capped exponential backoff and full jitter, a server's
// Retry-After wins over the computed delay, the number of attempts is bounded, and a write that
// is not idempotent is repeated only when the server provably never processed it.
#pragma once

#include "ApiError.h"

#include <QByteArray>
#include <QDateTime>

#include <functional>
#include <optional>

namespace benchtop::models {

struct RetryPolicy
{
    int maxAttempts = 5;           // sends in all, the first included
    int baseDelayMs = 250;         // the backoff ceiling before the first retry
    int maxDelayMs = 20'000;       // the ceiling never grows past this
    int maxRetryAfterMs = 120'000; // a longer Retry-After ends the request instead of waiting
    int taskPollInitialMs = 250;   // the first wait between polls of a background task
    int taskPollMaxMs = 5'000;     // polls slow down to this
    // A value in [0, 1); replaceable so tests can pin the jitter.
    std::function<double()> random;

    // What a failed attempt leads to.
    enum class Verdict {
        Fail,           // final: hand the error to the caller
        Retry,          // send again after delayFor()
        OutcomeUnknown, // final: a non-idempotent write may have been applied
    };
    // `sentAttempts` counts the sends so far; `notProcessed` says the request provably never
    // reached the server's logic (refused connection, unknown host).
    Verdict verdict(const ApiError &error, bool idempotent, bool notProcessed,
                    int sentAttempts) const;

    // Full jitter: a uniform delay in [0, min(maxDelayMs, baseDelayMs * 2^retry)].
    int backoffMs(int retry) const;
    // The delay before retry number `retry` (0 for the first), given the answer's Retry-After
    // and x-rate-limit-reset headers; nullopt when the server asks for a longer wait than
    // maxRetryAfterMs.
    std::optional<int> delayFor(int retry, const QByteArray &retryAfter,
                                const QByteArray &rateLimitReset,
                                const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

    // Retry-After as delta-seconds or an HTTP date, in milliseconds from `now`; nullopt when
    // absent or unreadable.
    static std::optional<qint64> parseRetryAfter(const QByteArray &value, const QDateTime &now);
};

} // namespace benchtop::models
