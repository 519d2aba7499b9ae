#include "ApiError.h"

namespace benchtop::models {

bool ApiError::isTransient() const
{
    switch (kind) {
    case Kind::Transport:
    case Kind::Timeout:
        return true;
    case Kind::Http:
    case Kind::Api:
        return httpStatus == 429 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
    default:
        return false;
    }
}

QString ApiError::displayMessage() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Transport:
        return tr("Cannot reach the server (%1). Check the connection and try again.").arg(message);
    case Kind::Timeout:
        return tr("The server did not answer in time. Try again; if it keeps happening, the "
                  "server may be overloaded.");
    case Kind::Cancelled:
        return tr("Cancelled.");
    case Kind::Parse:
        return tr("The server sent an answer Benchtop cannot read (%1). Check that the "
                  "connection points at a Benchling API.")
            .arg(message);
    case Kind::OutcomeUnknown:
        return tr("The connection broke before the server answered (%1), so the server may or "
                  "may not have saved this. Refresh to check before trying again.")
            .arg(message);
    case Kind::TaskFailed:
        return message.isEmpty()
                   ? tr("The server could not finish the background task. Nothing was saved.")
                   : tr("The server could not finish the background task: %1%2")
                         .arg(message, userMessage.isEmpty() ? QString()
                                                             : QString(u" (" + userMessage + u')'));
    case Kind::Offline:
        return tr("Benchtop is offline and read-only, so nothing was changed. Try again once it "
                  "has reconnected.");
    case Kind::Http:
    case Kind::Api:
        break;
    }
    if (httpStatus == 401)
        return tr("The server did not accept the API key. Check BENCHTOP_API_KEY (for the "
                  "embedded server, restart Benchtop: it issues a new key each start).");
    if (httpStatus == 403)
        return tr("You do not have permission for this. Ask an administrator of the tenant.");
    if (httpStatus == 429)
        return attempts > 1
                   ? tr("The server is limiting how fast requests may come and still refused "
                        "after %n attempts. Wait a minute and try again.",
                        nullptr, attempts)
                   : tr("The server is limiting how fast requests may come. Try again in a "
                        "moment.");
    const QString detail = !userMessage.isEmpty() ? userMessage : message;
    if (httpStatus >= 500)
        return tr("The server failed (HTTP %1)%2. Try again later.")
            .arg(httpStatus)
            .arg(detail.isEmpty() ? QString() : QStringLiteral(": ") + detail);
    if (!detail.isEmpty())
        return detail;
    return tr("The server refused the request (HTTP %1).").arg(httpStatus);
}

} // namespace benchtop::models
