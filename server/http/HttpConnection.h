// Internal to the HTTP adapter: one accepted socket and the wire-format helpers it shares with
// HttpTypes.cpp. Routes never include this.
#pragma once

#include "HttpTypes.h"

#include <QObject>

class QDateTime;
class QTcpSocket;
class QTimer;

namespace benchtop::server::http {

class HttpServer;

namespace detail {
QByteArray reasonPhrase(int status);
QByteArray httpDate(const QDateTime &time);                     // RFC 7231 IMF-fixdate
HttpResponse errorResponse(int status, const QString &message); // Benchling error body
bool statusForbidsBody(int status);
// Status line and headers, including the framing headers the server owns.
QByteArray serializeHead(const HttpResponse &response, qsizetype bodySize, bool close,
                         bool keepAliveHeader);
} // namespace detail

// Reads one request at a time and parses the next only once the current one is answered, so
// pipelined requests are answered in order without queueing responses.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(QTcpSocket *socket, HttpServer *server);
    ~HttpConnection() override;

    // Answers 503 straight away and closes; such a connection is not counted against the limit.
    void rejectBusy();
    bool isRejected() const { return m_rejected; }
    // Drops the client without an answer (server shutdown).
    void abort();

    // For the responders: whether request number seq is still waiting for its answer.
    bool awaits(quint64 seq) const;
    void respond(quint64 seq, const HttpResponse &response);

private:
    enum class State {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkTrailer,
        Handling,
        Closing,   // flushing the last response
        Lingering, // our side is shut; draining input until the client closes
        Closed,
    };
    enum class Timer { None, Idle, Request, Flush, Linger };

    void onReadyRead();
    void onBytesWritten();
    void onDisconnected();
    void onTimeout();

    void processInput();
    bool advance();
    bool parseHead();
    bool parseHeadLines(const QByteArray &head);
    bool startBody();
    bool readBody();
    bool parseChunkSize();
    bool readChunkData();
    bool parseTrailer();
    void dispatch();

    void fail(int status, const QString &message, const HeaderList &extra = {});
    void write(const HttpResponse &response, bool close);
    void beginClose();
    void finishClose();
    void arm(Timer purpose, int ms);
    void resetRequest();
    const HttpLimits &limits() const;

    HttpServer *m_server;
    QTcpSocket *m_socket;
    QTimer *m_timer;
    Timer m_timerPurpose = Timer::None;
    State m_state = State::Head;
    bool m_processing = false;
    bool m_rejected = false;

    QHostAddress m_peer;
    QByteArray m_in;           // received, not yet consumed
    qsizetype m_lineStart = 0; // where the head scan resumes
    HttpRequest m_request;     // being parsed
    qsizetype m_remaining = 0; // body or chunk bytes still to read
    qsizetype m_trailerBytes = 0;
    bool m_http10 = false;
    bool m_closeAfter = false;
    bool m_headOnly = false;
    quint64 m_seq = 0;
};

} // namespace benchtop::server::http
