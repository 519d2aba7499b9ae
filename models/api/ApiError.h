// The one error type of the API client, in three tiers (DESIGN §2): transport (no connection,
// timeout), HTTP (a status without a Benchling error body), and API (Benchling's error body).
#pragma once

#include <QCoreApplication>
#include <QMetaType>
#include <QString>

namespace benchtop::models {

class ApiError
{
    Q_DECLARE_TR_FUNCTIONS(benchtop::models::ApiError)
public:
    // OutcomeUnknown: a write that is not safe to repeat broke off after it was sent, so the
    // server may or may not have applied it. TaskFailed: a background task ended FAILED.
    // Offline: the client is offline (read-only) and refused a write without sending it.
    enum class Kind {
        None,
        Transport,
        Timeout,
        Http,
        Api,
        Parse,
        Cancelled,
        OutcomeUnknown,
        TaskFailed,
        Offline
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString type;        // the body's error.type, e.g. "invalid_request_error"
    QString message;     // technical detail (body message or transport error text)
    QString userMessage; // the body's error.userMessage, when the server gave one
    QString invalidId;
    int attempts = 1; // how many times the request was sent before this was final

    bool isError() const { return kind != Kind::None; }
    // Worth trying again later without changing anything (transport faults, 429, 5xx).
    bool isTransient() const;
    // One sentence a person can act on: what happened and what to do next.
    QString displayMessage() const;
};

} // namespace benchtop::models

Q_DECLARE_METATYPE(benchtop::models::ApiError)
