#include "HttpTypes.h"

#include "HttpConnection.h"

#include <QDateTime>
#include <QJsonObject>

namespace benchtop::server::http {

namespace {

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (sameName(key, name))
            return value;
    }
    return {};
}

HttpResponse HttpResponse::json(int status, const QJsonDocument &document)
{
    HttpResponse response;
    response.status = status;
    response.body = document.toJson(QJsonDocument::Compact);
    response.setHeader("Content-Type", "application/json");
    return response;
}

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    bool replaced = false;
    for (auto it = headers.begin(); it != headers.end();) {
        if (!sameName(it->first, name)) {
            ++it;
        } else if (!replaced) {
            *it = {name, value};
            replaced = true;
            ++it;
        } else {
            it = headers.erase(it);
        }
    }
    if (!replaced)
        headers.append({name, value});
}

namespace detail {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 411:
        return "Length Required";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 416:
        return "Range Not Satisfiable";
    case 417:
        return "Expectation Failed";
    case 422:
        return "Unprocessable Content";
    case 428:
        return "Precondition Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        break;
    }
    // The phrase carries no meaning for clients (RFC 9112 §4); only the class is worth a word.
    return status >= 400 ? "Error" : "Status";
}

QByteArray httpDate(const QDateTime &time)
{
    // Built by hand: QLocale would translate the names, and IMF-fixdate wants them in English.
    static constexpr const char *days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr const char *months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime utc = time.toUTC();
    const QDate d = utc.date();
    const QTime t = utc.time();
    return QString::asprintf("%s, %02d %s %04d %02d:%02d:%02d GMT", days[d.dayOfWeek() - 1],
                             d.day(), months[d.month() - 1], d.year(), t.hour(), t.minute(),
                             t.second())
        .toLatin1();
}

HttpResponse errorResponse(int status, const QString &message)
{
    // As Benchling: the client's fault is an invalid request, ours (5xx) a server error.
    const QString type =
        status >= 500 ? QStringLiteral("server_error") : QStringLiteral("invalid_request_error");
    const QJsonObject error{{QStringLiteral("type"), type},
                            {QStringLiteral("message"), message},
                            {QStringLiteral("userMessage"), message}};
    return HttpResponse::json(status, QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}));
}

QByteArray serializeHead(const HttpResponse &response, qsizetype bodySize, bool close,
                         bool keepAliveHeader)
{
    QByteArray out;
    out.reserve(256);
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) +
           "\r\n";
    for (const auto &[name, value] : response.headers) {
        // The framing headers are ours to set; a handler's copy would contradict them.
        if (sameName(name, "content-length") || sameName(name, "transfer-encoding") ||
            sameName(name, "date") || sameName(name, "connection"))
            continue;
        if (name.contains('\r') || name.contains('\n') || value.contains('\r') ||
            value.contains('\n'))
            continue; // never let a value split the response
        out += name + ": " + value + "\r\n";
    }
    // A 304's length would have to be the unsent representation's; leave it out rather than lie.
    if (!statusForbidsBody(response.status))
        out += "Content-Length: " + QByteArray::number(bodySize) + "\r\n";
    out += "Date: " + httpDate(QDateTime::currentDateTimeUtc()) + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    else if (keepAliveHeader)
        out += "Connection: keep-alive\r\n";
    out += "\r\n";
    return out;
}

bool statusForbidsBody(int status)
{
    return (status >= 100 && status < 200) || status == 204 || status == 304;
}

} // namespace detail

} // namespace benchtop::server::http
