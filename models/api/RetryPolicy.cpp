#include "RetryPolicy.h"

#include <QLocale>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace benchtop::models {

RetryPolicy::Verdict RetryPolicy::verdict(const ApiError &error, bool idempotent, bool notProcessed,
                                          int sentAttempts) const
{
    const bool canSendAgain = sentAttempts < maxAttempts;
    switch (error.kind) {
    case ApiError::Kind::Transport:
    case ApiError::Kind::Timeout:
        if (notProcessed || idempotent)
            return canSendAgain ? Verdict::Retry : Verdict::Fail;
        // Sent, then the line went dead: the server may have done it. Never guess twice.
        return Verdict::OutcomeUnknown;
    case ApiError::Kind::Http:
    case ApiError::Kind::Api:
        // 429 means "not processed" (the spec), and a 503 is answered before the work starts;
        // a 502/504 comes from a gateway that may have passed the request on.
        if (error.httpStatus == 429 || error.httpStatus == 503)
            return canSendAgain ? Verdict::Retry : Verdict::Fail;
        if (error.httpStatus == 502 || error.httpStatus == 504) {
            if (!idempotent)
                return Verdict::OutcomeUnknown;
            return canSendAgain ? Verdict::Retry : Verdict::Fail;
        }
        return Verdict::Fail;
    default:
        return Verdict::Fail;
    }
}

int RetryPolicy::backoffMs(int retry) const
{
    const double ceiling =
        std::min<double>(maxDelayMs, baseDelayMs * std::pow(2.0, std::clamp(retry, 0, 30)));
    const double unit = random ? random() : QRandomGenerator::global()->generateDouble();
    return int(std::clamp(unit, 0.0, 1.0) * ceiling);
}

std::optional<int> RetryPolicy::delayFor(int retry, const QByteArray &retryAfter,
                                         const QByteArray &rateLimitReset,
                                         const QDateTime &now) const
{
    std::optional<qint64> asked = parseRetryAfter(retryAfter, now);
    if (!asked) {
        bool ok = false;
        const qint64 seconds = rateLimitReset.trimmed().toLongLong(&ok);
        if (ok && seconds >= 0)
            asked = seconds * 1000;
    }
    if (!asked)
        return backoffMs(retry);
    if (*asked > maxRetryAfterMs)
        return std::nullopt;
    return int(*asked);
}

std::optional<qint64> RetryPolicy::parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return seconds >= 0 ? std::optional<qint64>(seconds * 1000) : std::nullopt;
    // IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT" (RFC 9110 §5.6.7).
    QDateTime at =
        QLocale::c().toDateTime(QString::fromLatin1(trimmed), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (!at.isValid())
        return std::nullopt;
    at.setTimeSpec(Qt::UTC);
    return std::max<qint64>(0, now.msecsTo(at));
}

} // namespace benchtop::models
